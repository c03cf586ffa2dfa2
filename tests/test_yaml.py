"""YAML files: Serverless Devs s.yaml (FC 2.0 and FC 3.0 components), ROS and Funcraft templates
and API bodies written as YAML, each finding at the line and column of the text as written."""

from __future__ import annotations

import textwrap
import time
from pathlib import Path

import pytest
from clihelp import DATA

import fclint.rules.yaml_formats  # noqa: F401  (registers FC032, FC033, FC037, FC038)
from fclint.config import Settings
from fclint.engine import lint_text
from fclint.formats.yaml_nodes import ALIAS_NODE_BUDGET

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "real"


def located(text: str, name: str = "config.yaml", settings: Settings | None = None) -> list[str]:
    result = lint_text(textwrap.dedent(text), name, settings or Settings())
    return [f"{d.span.line}:{d.span.column} {d.code}" for d in result.diagnostics]


FC2_HEAD = """\
edition: 1.0.0
services:
  app:
    component: devsapp/fc
    props:
      region: cn-hangzhou
      service: {name: svc}
      function:
        name: fn
        asyncConfiguration:
"""
FC3_HEAD = """\
edition: 3.0.0
resources:
  app:
    component: fc3
    props:
      region: cn-hangzhou
      functionName: fn
      asyncInvokeConfig:
"""
ROS3_HEAD = """\
ROSTemplateFormatVersion: '2015-09-01'
Resources:
  Config:
    Type: ALIYUN::FC3::AsyncInvokeConfig
    Properties:
      FunctionName: fn
"""
MNS = "acs:mns:cn-hangzhou:1234567890123456:/queues/dlq/messages"

CASES = {
    # --- API bodies written as YAML ---
    "body: nine retries": ("maxAsyncRetryAttempts: 9  # too many\n", ["1:24 FC006"]),
    "body: clean": (f"destinationConfig:\n  onFailure:\n    destination: {MNS}\n", []),
    "body: PascalCase is the API body's mistake": ("MaxAsyncRetryAttempts: 2\n", ["1:1 FC003"]),
    "body: duplicate key, second one": ("maxAsyncRetryAttempts: 1\nmaxAsyncRetryAttempts: 2\n",
                                        ["2:1 FC042"]),
    "body: value from an anchor is found where it is written": (
        "x-defaults: &d {maxAsyncRetryAttempts: 12}\n<<: *d\n", ["1:1 FC001", "1:40 FC006"]),
    "body: a custom tag is opaque": ("maxAsyncRetryAttempts: !Ref Retries\n", []),
    "body: quoted number": ("maxAsyncRetryAttempts: '3'\n", ["1:24 FC004"]),
    "body: two documents, each checked": (
        "maxAsyncRetryAttempts: 9\n---\n# not ours\nname: x\n---\nmaxAsyncEventAgeInSeconds: 0\n",
        ["1:24 FC006", "6:28 FC005"]),
    "body: syntax error, the next document still read": (
        "maxAsyncRetryAttempts: [1,\n---\nmaxAsyncRetryAttempts: 10\n", ["2:1 FC000", "3:24 FC006"]),
    "body: a key without its ':', where the key is": (
        "maxAsyncRetryAttempts: 2\nmaxAsyncEventAgeInSeconds\n", ["2:1 FC000"]),
    "body: tab indentation": ("destinationConfig:\n\tonFailure: x\n", ["2:1 FC000"]),
    # the end of a text without a final line break, not the line after it (fuzz finding S4)
    "body: syntax error where the text ends": ("{DESTINATION", ["1:13 FC000"]),
    "body: syntax error where the text ends, in a list": ("maxAsyncRetryAttempts: [1",
                                                           ["1:26 FC000"]),
    "body: a control character, where it is": ("maxAsyncRetryAttempts: 1\nqualifier: \x01\n",
                                                ["2:12 FC000"]),
    # --- Serverless Devs, FC 2.0 component ---
    "devs-fc2: clean, shorthand allowed": (
        FC2_HEAD + "          destination:\n            onFailure: acs:mns:::/queues/dlq/messages\n", []),
    "devs-fc2: object where a string belongs": (
        FC2_HEAD + f"          destination:\n            onFailure:\n              destination: {MNS}\n",
        ["13:15 FC032"]),
    "devs-fc2: capitalised OnSuccess": (
        FC2_HEAD + f"          destination:\n            OnSuccess: {MNS}\n", ["12:13 FC032"]),
    "devs-fc2: destination as a string": (
        FC2_HEAD + f"          destination: {MNS}\n", ["11:24 FC032"]),
    "devs-fc2: typo under destination": (
        FC2_HEAD + f"          destination:\n            onFailur: {MNS}\n", ["12:13 FC001", "12:13 FC008"]),
    "devs-fc2: interpolation is not judged": (
        FC2_HEAD + "          destination:\n            onFailure: acs:fc:::services/${vars.svc}/functions/x\n",
        []),
    # Serverless Devs puts a var's value in whole, its type kept (`${vars.age}` is 3600).
    "devs-fc2: numbers and booleans from vars are not judged": (
        FC2_HEAD + "          maxAsyncEventAgeInSeconds: ${vars.age}\n"
        "          maxAsyncRetryAttempts: ${env.RETRIES}\n"
        "          statefulInvocation: ${vars.stateful}\n", []),
    "devs-fc2: beside a var, a quoted number is still judged": (
        FC2_HEAD + "          maxAsyncEventAgeInSeconds: ${vars.age}\n"
        "          maxAsyncRetryAttempts: '3'\n", ["12:34 FC004"]),
    "devs-fc3: a destination config from a var is not judged": (
        FC3_HEAD + "        maxAsyncRetryAttempts: ${vars.retries}\n"
        "        destinationConfig: ${vars.destinations}\n", []),
    "devs-fc2: placeholder flagged": (
        FC2_HEAD + "          destination:\n            onFailure: acs:mns:::/queues/{please_replace_me}/messages\n",
        ["12:24 FC017"]),
    "devs-fc2: cross-region from props.region": (
        FC2_HEAD + "          destination:\n            onFailure: acs:mns:cn-beijing::/queues/dlq/messages\n",
        ["12:24 FC018"]),
    "devs-fc2: self destination": (
        FC2_HEAD + "          destination:\n            onSuccess: acs:fc:::services/svc/functions/fn\n",
        ["12:24 FC020"]),
    "devs-fc2: range and wrong-version key": (
        FC2_HEAD + "          maxAsyncEventAgeInSeconds: 0\n          asyncTask: true\n",
        ["11:38 FC005", "12:11 FC002"]),
    "devs-fc2: case duplicate key spelled wrong": (
        FC2_HEAD + "          MaxAsyncRetryAttempts: 2\n", ["11:11 FC003"]),
    "devs-fc2: bad function name": (
        FC2_HEAD.replace("name: fn", "name: 9fn") + "          maxAsyncRetryAttempts: 2\n",
        ["9:15 FC026"]),
    "devs: a component that is not FC": (
        FC2_HEAD.replace("devsapp/fc", "devsapp/website") + "          maxAsyncRetryAttempts: 9\n", []),
    # --- Serverless Devs, FC 3.0 component ---
    "devs-fc3: clean": (
        FC3_HEAD + f"        destinationConfig:\n          onFailure:\n            destination: {MNS}\n"
        "        asyncTask: true\n        qualifier: LATEST\n", []),
    "devs-fc3: string where an object belongs": (
        FC3_HEAD + f"        destinationConfig:\n          onFailure: {MNS}\n", ["10:22 FC033"]),
    "devs-fc3: the FC 2.0 destination key": (
        FC3_HEAD + f"        destination:\n          onFailure: {MNS}\n", ["9:9 FC033"]),
    "devs-fc3: duplicate key inside the config": (
        FC3_HEAD + "        maxAsyncRetryAttempts: 1\n        maxAsyncRetryAttempts: 2\n", ["10:9 FC042"]),
    "devs-fc3: statefulInvocation is FC 2.0's": (
        FC3_HEAD + "        statefulInvocation: true\n", ["9:9 FC002"]),
    "devs-fc3: qualifier in the wrong case": (
        FC3_HEAD + "        qualifier: latest\n", ["9:20 FC023"]),
    "devs-fc3: FC 2.0 function ARN": (
        FC3_HEAD + "        destinationConfig:\n          onFailure:\n"
        "            destination: acs:fc:cn-hangzhou:1234567890123456:services/s/functions/f\n",
        ["11:26 FC013"]),
    "devs-fc3: event age above the FC 3.0 cap": (
        FC3_HEAD + "        maxAsyncEventAgeInSeconds: 700000\n", ["9:36 FC005"]),
    # --- ROS and Fun ---
    "ros-fc3: clean": (
        ROS3_HEAD + f"      DestinationConfig:\n        OnFailure:\n          Destination: {MNS}\n"
        "      AsyncTask: true\n", []),
    "ros-fc3: Qualifier": (ROS3_HEAD + "      Qualifier: prod\n", ["7:7 FC037"]),
    "ros-fc3: destination longer than 512": (
        ROS3_HEAD + "      DestinationConfig:\n        OnFailure:\n          Destination: "
        f"acs:fc:cn-hangzhou:1234567890123456:functions/{'a' * 500}\n", ["9:24 FC026", "9:24 FC038"]),
    "ros-fc3: intrinsics are opaque": (
        ROS3_HEAD + "      MaxAsyncRetryAttempts: {Ref: Retries}\n      DestinationConfig:\n"
        "        OnFailure:\n          Destination: !Sub 'acs:mns:${ALIYUN::Region}::/queues/q/messages'\n"
        "        OnSuccess:\n          Destination:\n            Fn::Join: ['', [a, b]]\n", []),
    "ros-fc3: event age above 604800, PascalCase not FC003": (
        ROS3_HEAD + "      MaxAsyncEventAgeInSeconds: 604801\n", ["7:34 FC005"]),
    "ros-fc2: function async configuration": (
        ("ROSTemplateFormatVersion: '2015-09-01'\nResources:\n  Fn:\n    Type: ALIYUN::FC::Function\n"
        "    Properties:\n      ServiceName: svc\n      FunctionName: fn\n      AsyncConfiguration:\n"
        "        Destination:\n          OnFailure: acs:mns:cn-hangzhou:1234567890123456:/queue/dlq/messages\n"
        "        MaxAsyncRetryAttempts: 9\n"), ["10:22 FC011", "11:32 FC006"]),
    "ros-fc2: shorthand is not expanded by ROS": (
        ("ROSTemplateFormatVersion: '2015-09-01'\nResources:\n  Fn:\n    Type: ALIYUN::FC::Function\n"
        "    Properties:\n      AsyncConfiguration:\n        Destination:\n"
        "          OnFailure: acs:mns:::/queues/dlq/messages\n"), ["8:22 FC015"]),
    "fun: nested function, shorthand allowed, self destination": (
        ("Transform: 'Aliyun::Serverless-2018-04-03'\nResources:\n  svc:\n"
        "    Type: 'Aliyun::Serverless::Service'\n    fn:\n      Type: 'Aliyun::Serverless::Function'\n"
        "      Properties:\n        AsyncConfiguration:\n          Destination:\n"
        "            OnSuccess: acs:fc:::services/svc.LATEST/functions/fn\n"), ["10:24 FC020"]),
    # --- not ours ---
    "unrelated: no FC words, not parsed": ("name: ci\non: [push]\njobs: {a: [\n", []),
    "unrelated: FC words inside other data": ("env:\n  maxAsyncRetryAttempts: 99\n", []),
    "unrelated: a JSON Schema of asyncConfiguration": (
        "asyncConfiguration:\n  type: object\n  properties:\n    maxAsyncRetryAttempts: {maximum: 8}\n", []),
}


@pytest.mark.parametrize("name", CASES)
def test_cases(name: str) -> None:
    text, expected = CASES[name]
    assert located(text) == expected


# --- the real corpus ------------------------------------------------------------------------------

REAL = {
    # The Fun docs' own example: "/message" (singular) is a real doc bug, in both destinations;
    # the same ARN twice is worth an info; 20 s with 3 retries leaves little time to retry.
    "fun_funcraft_docs-spec-2018-04-03.AsyncConfiguration.excerpt.yaml": [
        "3:20 FC011", "4:20 FC011", "4:20 FC022", "5:32 FC040"],
    # Fun expands acs:fc::: and services/fc.1 is a version qualifier: only the short event age.
    "fun_funcraft_examples-function-async-config.template.yml": ["21:38 FC040"],
    # {please_replace_me} left in both ARNs (an error each), the two equal (info), 20 s with a
    # retry (info); Fn::Replace and Ref elsewhere in the template are opaque and say nothing.
    # The placeholder, and the ':::' that plain ROS takes as written (Fun's --use-ros fills
    # it in): both are reported, each once.
    "ros_awesome-fc_async-invocation-dlq.template.yml": [
        "95:22 FC015", "95:22 FC017", "96:22 FC015", "96:22 FC017", "96:22 FC022", "97:36 FC040"],
    # A JSON Schema excerpt that mentions asyncConfiguration: not a config.
    "schema_devsapp-fc_publish.asyncConfiguration.excerpt.yaml": None,
    # {please_replace_me} in both MNS ARNs; the same queue for success and failure (info).
    "sdevs-fc2_awesome-fc_stateful-async-invocation.s.yaml": ["25:24 FC017", "26:24 FC017", "26:24 FC022"],
    # The component docs' template ARN keeps {region}/{uid}/{serviceName} placeholders.
    "sdevs-fc2_devsapp-fc_docs-zh-yaml-readme.example.s.yaml": ["79:24 FC017", "80:24 FC017", "80:24 FC022"],
    # Shorthand ARNs with a LATEST qualifier and none: all valid for the FC 2.0 component.
    "sdevs-fc2_devsapp-fc_examples-function-config.s.yaml": [],
    # asyncConfiguration: {} sets nothing and breaks nothing; ${vars.service} names are unknown.
    "sdevs-fc2_start-fc-gpu_mplug-image-captioning.s.yaml": [],
    "sdevs-fc2_start-fc-gpu_nlp-chatyuan.s.yaml": [],
    # Interpolated destinations (${vars.service.name}) are the tool's to fill in.
    "sdevs-fc2_start-ffmpeg_http-transcode.s.yaml": [],
    "sdevs-fc2_start-ffmpeg_rtmp-snapshot.s.yaml": [],
    "sdevs-fc2_start-ffmpeg_transcode.s.yaml": [],
    # ${vars.region} regions and empty accounts in fc3 CI files: accepted, nothing to say.
    "sdevs-fc3_devsapp-fc3_e2e-command-api.s.yaml": [],
    "sdevs-fc3_devsapp-fc3_e2e-nodejs.s.yaml": [],
    "sdevs-fc3_devsapp-fc3_e2e-nodejs.s2.yaml": [],
    "sdevs-fc3_devsapp-fc3_e2e-nodejs.s_auto.yaml": [],
    # props.region is cn-hangzhou, both destinations are in cn-huhehaote: cross-region warnings.
    "sdevs-fc3_devsapp-fc3_tests-complete-props.yaml": ["116:26 FC018", "118:26 FC018"],
}


def test_every_real_yaml_file_is_listed() -> None:
    if not CORPUS.is_dir():
        pytest.skip("shared corpus not present")
    assert sorted(p.name for p in CORPUS.glob("*.y*ml")) == sorted(REAL)


@pytest.mark.parametrize("name", REAL)
def test_real_files(name: str) -> None:
    path = CORPUS / name
    if not path.is_file():
        pytest.skip("shared corpus not present")
    result = lint_text(path.read_text(encoding="utf-8"), name, Settings())
    assert result.is_config == (REAL[name] is not None)
    assert [f"{d.span.line}:{d.span.column} {d.code}" for d in result.diagnostics] == (REAL[name] or [])


# --- safety ---------------------------------------------------------------------------------------

def _laughs() -> str:
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, 9):
        name, prev = chr(97 + i), chr(96 + i)
        lines.append(f"{name}: &{name} [{', '.join([f'*{prev}'] * 9)}]")
    lines.append("maxAsyncRetryAttempts: *i")
    return "\n".join(lines) + "\n"


def test_billion_laughs_is_one_quick_finding() -> None:
    lint_text("maxAsyncRetryAttempts: 1\n", "warm.yaml", Settings())
    start = time.perf_counter()
    result = lint_text(_laughs(), "laughs.yaml", Settings())
    elapsed = time.perf_counter() - start
    assert [d.code for d in result.diagnostics] == ["FC090"]
    assert str(ALIAS_NODE_BUDGET) in result.diagnostics[0].message
    assert elapsed < 0.5


def test_recursive_alias_is_one_finding() -> None:
    assert [c.split()[1] for c in located("maxAsyncRetryAttempts: &a [*a]\n")] == ["FC090"]


def test_deep_nesting_is_one_finding_at_the_65th_level() -> None:
    text = "maxAsyncRetryAttempts: " + "[" * 3000 + "]" * 3000 + "\n"
    assert located(text) == ["1:87 FC090"]
    block = "maxAsyncRetryAttempts:\n" + "".join("  " * i + "- \n" for i in range(1, 100))
    assert [c.split()[1] for c in located(block)] == ["FC090"]


def test_tags_construct_nothing() -> None:
    text = "maxAsyncRetryAttempts: !!python/object/apply:os.system ['echo pwned']\n"
    assert located(text) == []


# --- suppression ----------------------------------------------------------------------------------

def test_inline_suppression() -> None:
    text = (FC2_HEAD + "          # fclint: ignore[FC006] raised for us by support\n"
            "          maxAsyncRetryAttempts: 9\n"
            "          maxAsyncEventAgeInSeconds: 600  # fclint: ignore[FC005] stale\n")
    assert located(text, "s.yaml") == ["13:43 FC091"]


# --- a mixed folder -------------------------------------------------------------------------------

MIXED = {
    ".github/workflows/ci.yml": None,
    "docker-compose.yml": None,
    "deploy/k8s.yaml": None,
    # the function's own ARN as success destination; a queue in another region; 9 retries.
    "s.yaml": ["16:24 FC020", "17:24 FC018", "18:34 FC006"],
    # Qualifier is not a ROS property; 700000 s is above FC 3.0's 604800; !Ref and Fn::Sub opaque.
    "template.yml": ["7:7 FC037", "8:34 FC005"],
}


@pytest.mark.parametrize("name", MIXED)
def test_mixed_folder(name: str) -> None:
    path = DATA / "yaml" / "mixed" / name
    result = lint_text(path.read_text(encoding="utf-8"), str(path), Settings())
    assert result.is_config == (MIXED[name] is not None)
    assert [f"{d.span.line}:{d.span.column} {d.code}" for d in result.diagnostics] == (MIXED[name] or [])


def test_spans_cover_the_value() -> None:
    result = lint_text("maxAsyncRetryAttempts: 12345\n", "b.yaml", Settings())
    (diagnostic,) = result.diagnostics
    assert (diagnostic.span.line, diagnostic.span.column, diagnostic.span.end_column) == (1, 24, 29)


def test_non_ascii_columns_count_code_points() -> None:
    text = "# 注释\n说明: 异步\nmaxAsyncRetryAttempts: 9\n"
    assert located(text) == ["2:1 FC001", "3:24 FC006"]


def test_100000_flow_levels_are_refused_before_parsing() -> None:
    """libyaml takes half a minute on them; fclint answers at once, where the builder would."""
    import time

    started = time.monotonic()
    assert located("maxAsyncRetryAttempts: " + "[" * 100_000 + "]" * 100_000) == ["1:87 FC090"]
    assert time.monotonic() - started < 5


def test_a_misspelled_top_key_is_still_read() -> None:
    text = "destinationConfg:\n  onSuccess: {}\nmaxAsyncRetryAttempts: 2\n"
    assert located(text) == ["1:1 FC001"]


def test_a_block_written_twice_names_its_own_key() -> None:
    text = ("edition: 1.0.0\nservices:\n  a:\n    component: fc\n    props:\n      function:\n"
            "        asyncConfiguration: {maxAsyncRetryAttempts: 1}\n"
            "        asyncConfiguration: {maxAsyncRetryAttempts: 2}\n")
    [finding] = lint_text(text, "s.yaml", Settings()).diagnostics
    assert (finding.code, finding.span.line, finding.span.column) == ("FC042", 8, 9)
    assert finding.message.startswith("'asyncConfiguration' is written more than once")
