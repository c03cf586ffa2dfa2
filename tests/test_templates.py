"""The places a config lives that public repositories showed fclint did not read: ROS templates
written in JSON, bare Serverless Devs fragments from the components' documentation, and Pulumi
YAML programs (the Terraform provider bridged, so with its defaults and caps). Each case is
written here after a real file's pattern, named in its comment."""

from __future__ import annotations

import json

import pytest

from fclint.config import Settings
from fclint.engine import lint_text

ACCOUNT = "1234567890123456"
MNS = f"acs:mns:cn-hangzhou:{ACCOUNT}:/queues/dlq/messages"


def ros_json(resources: dict[str, object]) -> str:
    return json.dumps({"ROSTemplateFormatVersion": "2015-09-01", "Resources": resources},
                      indent=2)


# As in the ROS documentation's ALIYUN::FC3::AsyncInvokeConfig example, which is JSON first.
FC3_ROS = ros_json({"Config": {"Type": "ALIYUN::FC3::AsyncInvokeConfig", "Properties": {
    "FunctionName": "fn", "Qualifier": "LATEST", "MaxAsyncRetryAttempts": 9,
    "DestinationConfig": {"OnFailure": {"Destination": MNS.replace("messages", "message")}}}}})
# ALIYUN::FC::Function with AsyncConfiguration, as the YAML templates of awesome-fc write it.
FC2_ROS = ros_json({"Fn": {"Type": "ALIYUN::FC::Function", "Properties": {
    "ServiceName": "svc", "FunctionName": "fn",
    "AsyncConfiguration": {"Destination": {"OnSuccess": MNS}, "MaxAsyncEventAgeInSeconds": 0}}}})
REFS_ROS = ros_json({"Config": {"Type": "ALIYUN::FC3::AsyncInvokeConfig", "Properties": {
    "FunctionName": {"Ref": "FunctionName"}, "MaxAsyncRetryAttempts": {"Ref": "Retries"}}}})
PULUMI_V3 = ("name: app\nruntime: yaml\nresources:\n  config:\n"
             "    type: alicloud:fc:V3AsyncInvokeConfig\n    properties:\n      functionName: fn\n")
PULUMI_FC2 = ("name: app\nruntime: yaml\nresources:\n  config:\n"
              "    type: alicloud:fc:FunctionAsyncInvokeConfig\n    properties:\n"
              "      serviceName: svc\n      functionName: fn\n")

# name: (file name, text, ["line:column CODE", ...])
CASES = {
    "ROS FC 3.0 template in JSON": (
        "template.json", FC3_ROS, ["8:9 FC037", "9:34 FC006", "12:28 FC011"]),
    "ROS FC 2.0 function in JSON": ("template.json", FC2_ROS, ["13:40 FC005"]),
    "ROS JSON with intrinsic functions": ("template.json", REFS_ROS, []),
    "a JSON file with Resources that is no ROS template": (
        "other.json", json.dumps({"Resources": {"a": {"Type": "AWS::S3::Bucket"}}}), []),
    # The fc3 component's technical documentation: a bare block, a 9-digit sample account.
    "a bare asyncInvokeConfig": (
        "snippet.yaml", "asyncInvokeConfig:\n  destinationConfig:\n    onSuccess:\n"
        "      destination: acs:fc:cn-hangzhou:123456789:functions/success\n"
        "  maxAsyncRetryAttempts: 9\n", ["4:20 FC044", "5:26 FC006"]),
    # The fc component's YAML docs print the FC 2.0 block the same way.
    "a bare asyncConfiguration": (
        "snippet.yaml", f"asyncConfiguration:\n  destination:\n    onSuccess: {MNS}\n"
        "    OnFailure: acs:mns:::/queues/dlq/messages\n  maxAsyncEventAgeInSeconds: 0\n",
        ["4:5 FC032", "5:30 FC005"]),
    "props around the block give its region": (
        "props.yaml", f"region: cn-shanghai\nfunctionName: fn\nasyncInvokeConfig:\n"
        f"  destinationConfig:\n    onFailure:\n      destination: {MNS}\n", ["6:20 FC018"]),
    "an FC 2.0 function excerpt": (
        "function.yaml", "function:\n  name: fn\n  asyncConfiguration:\n"
        "    maxAsyncRetryAttempts: 10\n", ["4:28 FC006"]),
    "the component's own JSON Schema of the block is no config": (
        "publish.yaml", "asyncConfiguration:\n  title: async\n  type: object\n  properties:\n"
        "    maxAsyncRetryAttempts:\n      type: integer\n      maximum: 8\n", []),
    # Pulumi YAML: properties are the Terraform attributes in camelCase.
    "Pulumi FC 2.0 resource": (
        "Pulumi.yaml", "name: app\nruntime: yaml\nresources:\n  config:\n"
        "    type: alicloud:fc:FunctionAsyncInvokeConfig\n    properties:\n"
        "      serviceName: ${svc.name}\n      functionName: fn\n"
        "      maximumEventAgeInSeconds: 0\n      destinationConfig:\n        onFailure:\n"
        f"          destination: {MNS.replace('messages', 'message')}\n",
        ["5:11 FC034", "9:33 FC005", "12:24 FC011"]),
    "Pulumi FC 3.0 resource": (
        "Pulumi.yaml", "name: app\nruntime: yaml\nresources:\n  config:\n"
        "    type: alicloud:fc:V3AsyncInvokeConfig\n    properties:\n      functionName: fn\n"
        "      maxAsyncEventAgeInSeconds: 90000\n      qualifier: ''\n",
        ["8:34 FC035"]),
    "Pulumi with the full type token": (
        "Pulumi.yaml", "name: app\nruntime: yaml\nresources:\n  config:\n"
        "    type: alicloud:fc/v3AsyncInvokeConfig:V3AsyncInvokeConfig\n    properties:\n"
        "      functionName: fn\n      maxAsyncRetryAttempts: 9\n", ["8:30 FC006"]),
    # Pulumi's built-in functions (`fn::*`, older `Fn::*`) compute a value: it is not judged,
    # the keys around it are, and so is a literal beside it.
    "Pulumi built-in functions for each property": (
        "Pulumi.yaml", f"{PULUMI_V3}      maxAsyncRetryAttempts:\n        fn::select: [1, '${{tiers}}']\n"
        "      maxAsyncEventAgeInSeconds:\n        fn::secret: 3600\n"
        "      asyncTask:\n        fn::invoke: {function: std:tobool, return: result}\n"
        "      destinationConfig:\n        onFailure:\n          destination:\n"
        "            fn::join: [':', [acs:mns, '${region}', '${account}', /queues/q/messages]]\n",
        []),
    "a Pulumi destinationConfig from fn::invoke": (
        "Pulumi.yaml", f"{PULUMI_FC2}      maximumRetryAttempts:\n        Fn::Secret: 2\n"
        "      destinationConfig:\n        fn::invoke:\n          function: std:jsondecode\n"
        "          arguments: {input: '{}'}\n          return: result\n", []),
    "a misspelt key beside a Pulumi built-in function": (
        "Pulumi.yaml", f"{PULUMI_V3}      destinationConfig:\n        onSuccess:\n"
        "          destination: {fn::secret: acs:fc:cn-hangzhou:1:functions/next}\n"
        "        onFailur:\n          destination: {fn::secret: x}\n", ["11:9 FC001"]),
    "a literal retry count beside a Pulumi built-in function": (
        "Pulumi.yaml", f"{PULUMI_V3}      maxAsyncRetryAttempts: 9\n"
        "      maxAsyncEventAgeInSeconds:\n        fn::secret: 3600\n", ["8:30 FC006"]),
    # Pulumi Python, as pulumi-alicloud's examples write it: Args classes, or dicts for them.
    "Pulumi Python FC 2.0 resource": (
        "__main__.py", "import pulumi_alicloud as alicloud\n\n"
        "config = alicloud.fc.FunctionAsyncInvokeConfig(\"config\",\n"
        "    service_name=\"svc\",\n    function_name=\"fn\",\n"
        "    maximum_event_age_in_seconds=0,\n"
        "    destination_config=alicloud.fc.FunctionAsyncInvokeConfigDestinationConfigArgs(\n"
        "        on_failure=alicloud.fc.FunctionAsyncInvokeConfigDestinationConfigOnFailureArgs(\n"
        f"            destination=\"{MNS.replace('messages', 'message')}\")))\n",
        ["3:22 FC034", "6:34 FC005", "9:25 FC011"]),
    "Pulumi Python FC 3.0 resource with dicts": (
        "__main__.py", "import pulumi_alicloud as alicloud\n"
        "v3 = alicloud.fc.V3AsyncInvokeConfig(\"v3\", function_name=\"fn\", qualifier=\"\",\n"
        "    max_async_event_age_in_seconds=0, max_async_retry_attemps=3,\n"
        "    destination_config={\"on_success\": {\"destination\": "
        "\"acs:fc:cn-hangzhou::functions/fn\"}})\n",
        ["3:39 FC001", "4:55 FC020"]),  # the function itself
    "Pulumi V3: an empty destination is not set, as the bridged provider sends it": (
        "__main__.py", "import pulumi_alicloud as alicloud\n"
        "alicloud.fc.V3AsyncInvokeConfig(\"v3\", function_name=\"fn\", max_async_retry_attempts=9,\n"
        "    destination_config={\"on_success\": {\"destination\": \"\"}})\n", ["2:84 FC006"]),
    "Pulumi YAML V3: an empty destination is not set": (
        "Pulumi.yaml", "name: app\nruntime: yaml\nresources:\n  config:\n"
        "    type: alicloud:fc/v3AsyncInvokeConfig:V3AsyncInvokeConfig\n    properties:\n"
        "      functionName: fn\n      destinationConfig:\n        onSuccess:\n"
        "          destination: ''\n", []),
    "Pulumi Python: None is an input not set": (
        "__main__.py", "import pulumi_alicloud as alicloud\n"
        "alicloud.fc.FunctionAsyncInvokeConfig(\"y\", service_name=\"s\", function_name=\"f\",\n"
        "    maximum_retry_attempts=9, maximum_event_age_in_seconds=None, qualifier=None,\n"
        "    destination_config={\"on_failure\": None, \"on_success\": {\"destination\": "
        "\"acs:mns:cn-hangzhou:1234567890123456:/queues/q/messages\"}})\n",
        ["3:28 FC006"]),
    "a class of the same name outside pulumi_alicloud": (
        "other.py", "class FunctionAsyncInvokeConfig: ...\n"
        "FunctionAsyncInvokeConfig(maximum_retry_attempts=9)\n", []),
    "a Pulumi program without FC resources": (
        "Pulumi.yaml", "name: app\nruntime: yaml\nresources:\n  bucket:\n"
        "    type: alicloud:oss:Bucket\n    properties:\n      destination: x\n", []),
}


def located(name: str, text: str) -> list[str]:
    return [f"{d.span.line}:{d.span.column} {d.code}"
            for d in lint_text(text, name, Settings()).diagnostics]


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_case(case: tuple[str, str, list[str]]) -> None:
    name, text, expected = case
    assert located(name, text) == expected


def test_pulumi_messages_name_the_properties_as_written() -> None:
    _, text, _ = CASES["Pulumi FC 2.0 resource"]
    messages = [d.message for d in lint_text(text, "Pulumi.yaml", Settings()).diagnostics]
    assert messages[:2] == [
        "'alicloud:fc:FunctionAsyncInvokeConfig' sets no maximumRetryAttempts: the provider then "
        "sends 2 retries, not the API's default of 3; write the count you want",
        "0 is less than the minimum of 1 for maximumEventAgeInSeconds (maxAsyncEventAgeInSeconds)",
    ]


def test_a_misspelt_key_beside_a_pulumi_function_is_named() -> None:
    _, text, _ = CASES["a misspelt key beside a Pulumi built-in function"]
    messages = [d.message for d in lint_text(text, "Pulumi.yaml", Settings()).diagnostics]
    assert messages == ["'onFailur' is not a key of 'destinationConfig'; did you mean 'onFailure'?"]


def test_a_ros_json_template_is_a_config_and_json_bodies_are_unchanged() -> None:
    assert lint_text(REFS_ROS, "template.json", Settings()).is_config
    body = lint_text('{"maxAsyncRetryAttempts": 9}', "body.json", Settings())
    assert [d.code for d in body.diagnostics] == ["FC006"]


def test_the_providers_own_lookup_is_no_resource() -> None:
    """pulumi-alicloud's generated `get()` builds the resource from its state."""
    text = ("import pulumi_alicloud\nclass FunctionAsyncInvokeConfig:\n    def get(resource_name, "
            "opts=None):\n        __props__ = {}\n        return FunctionAsyncInvokeConfig("
            "resource_name, opts=opts, __props__=__props__)\n")
    assert lint_text(text, "function_async_invoke_config.py", Settings()).diagnostics == []
