"""Which Python dict displays are async-invoke configs: those the code shows are, by passing
them (written there or through a name) to an FC SDK model or client call, and lone dicts that
hold enough of the body's keys with values of the body's types. Every case is written here in
the shape of a pattern found in public code, named in its comment; no public code is copied."""

from __future__ import annotations

import pytest

from fclint.config import Settings
from fclint.engine import lint_text

SDK2 = "from alibabacloud_fc_open20210406 import models\n"
SELF = "acs:fc:cn-hangzhou:1234567890123456:services/svc.LATEST/functions/fn"


def located(text: str) -> list[str]:
    return [f"{d.span.line}:{d.span.column} {d.code}"
            for d in lint_text(text, "script.py", Settings()).diagnostics]


def is_config(text: str) -> bool:
    return lint_text(text, "script.py", Settings()).is_config


NOT_CONFIGS = {
    # A helper module's table from the SDKs' Python names to wire keys (fclint's own py_sdk).
    "a key-mapping table": (
        'WIRE = {"destination_config": "destinationConfig",\n'
        '        "max_async_retry_attempts": "maxAsyncRetryAttempts"}\n'),
    # A rename table keyed by the API's spelling, string values (fclint's own rules).
    "a rename table in the API's spelling": (
        'OTHER = {"statefulInvocation": "asyncTask", "asyncTask": "statefulInvocation"}\n'),
    # Documentation keyed by the API's keys (an editor's hover texts, fclint's lsp/docs).
    "texts keyed by the API's keys": (
        'DOCS = {"maxAsyncRetryAttempts": {"en": "Retries."},\n'
        '        "maxAsyncEventAgeInSeconds": {"en": "Event age."}}\n'),
    # A type table, as generated SDK models carry (`openapi_types`).
    "a table of types": ('TYPES = {"maxAsyncRetryAttempts": int, "asyncTask": bool}\n'),
    # One key with a default: not enough to tell (an editor's completion defaults).
    "one key of the body alone": ('DEFAULTS = {"maxAsyncEventAgeInSeconds": 86400}\n'),
    # AWS Lambda's event-invoke config, as boto3 examples, moto tests and CloudFormation
    # templates built in Python write it: PascalCase, Maximum* keys, arn:aws ARNs.
    "AWS Lambda's event-invoke config": (
        'params = {"FunctionName": "worker", "MaximumRetryAttempts": 0,\n'
        '          "MaximumEventAgeInSeconds": 300,\n'
        '          "DestinationConfig": {"OnFailure": {"Destination": '
        '"arn:aws:sqs:us-east-1:123456789012:dlq"}}}\n'
        'lambda_client.put_function_event_invoke_config(**params)\n'),
    # Huawei FunctionGraph's async config, as its Python SDK's models and users write it:
    # the same names in snake_case, which is that API's wire format.
    "Huawei FunctionGraph's body": (
        'body = {"max_async_event_age_in_seconds": 3600, "max_async_retry_attempts": 2,\n'
        '        "destination_config": {"on_success": {"destination": "OBS"}}}\n'),
    # Another product's camelCase `destinationConfig` (a data-sync tool's job fixtures).
    "another product's destinationConfig": (
        'job = {"source": "src", "destination": "dst", "sourceConfig": {"columns": []},\n'
        '       "destinationConfig": {"columns": [{"name": "id", "unique": True}]}}\n'),
    # Firehose / Kinesis Video destinations (moto tests, AWS samples): Destination* keys.
    "Firehose and Kinesis destinations": (
        'd = {"DestinationId": "destinationId-000000000001",\n'
        '     "DestinationConfig": {"Uri": "s3://bucket/prefix",\n'
        '                           "DestinationRegion": "us-west-2"}}\n'),
    # An empty List response says nothing about what it lists.
    "an empty configs list": ('page = {"configs": [], "nextToken": ""}\n'),
    # A dict spread: what `defaults` holds is not guessed.
    "a spread and one key": ('body = {**defaults, "maxAsyncRetryAttempts": 3}\n'),
    # Tables that hold the body's fields among their own: a CSV row of each function's
    # settings, read from the Get responses, and a log record.
    "a report row with keys of its own": (
        'rows.append({"region": region, "serviceName": svc, "functionName": name,\n'
        '             "maxAsyncRetryAttempts": cfg.get("maxAsyncRetryAttempts"),\n'
        '             "maxAsyncEventAgeInSeconds": cfg.get("maxAsyncEventAgeInSeconds")})\n'),
    "a log record": (
        'log.info("%s", json.dumps({"function": fn, "maxAsyncRetryAttempts": c.retries,\n'
        '                           "maxAsyncEventAgeInSeconds": c.age, "changed": True}))\n'),
    "a merged defaults table": (
        'DEFAULTS = {"maxAsyncRetryAttempts": 3, "maxAsyncEventAgeInSeconds": 86400,\n'
        '            "timeout": 60, "memorySize": 512}\n'),
}


@pytest.mark.parametrize("text", NOT_CONFIGS.values(), ids=NOT_CONFIGS.keys())
def test_not_a_config(text: str) -> None:
    assert not is_config(text)
    assert located(text) == []


LONE_CONFIGS = {
    # A body built for a raw ROA call (`call_roa_api(pathname=".../async-invoke-config",
    # body=body)`), as FC 3.0 helper scripts write it: names fclint does not read count.
    "two keys holding names": (
        ('def put(function, async_task, retries):\n'
        '    body = {"asyncTask": async_task, "maxAsyncRetryAttempts": retries}\n'
        '    return _call(f"/2023-03-30/functions/{function}/async-invoke-config", body=body)\n'),
        []),
    "two keys of the body's types": (
        'body = {"maxAsyncRetryAttempts": 9, "statefulInvocation": True}\n', ["1:34 FC006"]),
    # Quoted values, as the CLI docs' --body template writes them: FC004 is for these.
    "quoted numbers and booleans are the body's types written wrongly": (
        'body = {"maxAsyncRetryAttempts": "3", "statefulInvocation": "true"}\n',
        ["1:34 FC004", "1:61 FC004"]),
    "the destination shape alone": (
        ('dest = {"destinationConfig": {"onFailure": {"destination": '
        '"acs:mns:cn-hangzhou:1986***743:/queues/q/messages"}}}\n'), ["1:60 FC016"]),
    "a slip in the API's camelCase still counts, and is reported": (
        'body = {"maxAsyncRetryAttempt": 3, "maxAsyncEventAgeInSeconds": 300}\n', ["1:9 FC001"]),
    "a List response holding a config": (
        ('page = {"configs": [{"maxAsyncRetryAttempts": 9, "maxAsyncEventAgeInSeconds": 60}],\n'
        '        "nextToken": ""}\n'), ["1:47 FC006"]),
    # A Get response as a test double holds it (`service`/`function`, as servers send them).
    "a null leaf of a response counts": (
        ('got = {"service": "svc", "function": "fn",\n'
        '       "maxAsyncRetryAttempts": None, "maxAsyncEventAgeInSeconds": 0}\n'),
        ["2:68 FC005"]),
}


@pytest.mark.parametrize("text, expected", LONE_CONFIGS.values(), ids=LONE_CONFIGS.keys())
def test_lone_dict_that_passes_the_bar(text: str, expected: list[str]) -> None:
    assert is_config(text)
    assert located(text) == expected


FLOWS = {
    # The official aliyun-fc2 integration test: PascalCase dict by name, then the client call.
    "a dict passed by name to aliyun-fc2": (
        ("body = {'MaxAsyncRetryAttempts': 9}\n"
        "client.put_function_async_invoke_config('svc', 'LATEST', 'fn', body)\n"), ["1:34 FC006"]),
    "by name, the client's function is known": (
        (f"body = {{'destinationConfig': {{'onFailure': {{'destination': '{SELF}'}}}}}}\n"
        "client.put_function_async_invoke_config('svc', 'LATEST', 'fn', asyncConfig=body)\n"),
        ["1:60 FC020"]),
    "a module constant used in a function": (
        ("ASYNC = {'maxAsyncRetryAttempts': 9}\n"
        "def configure(client):\n"
        "    client.put_function_async_invoke_config('svc', 'LATEST', 'fn', ASYNC)\n"),
        ["1:35 FC006"]),
    "a parameter of the same name is another variable": (
        ("body = {'maxAsyncRetryAttempts': 9}\n"
        "def configure(client, body):\n"
        "    client.put_function_async_invoke_config('svc', 'LATEST', 'fn', body)\n"), []),
    "a local of another function is another variable": (
        ("def build():\n"
        "    body = {'maxAsyncRetryAttempts': 9}\n"
        "def configure(client, body):\n"
        "    client.put_function_async_invoke_config('svc', 'LATEST', 'fn', body)\n"), []),
    # Keyword arguments gathered in a dict, then spread into the model.
    "**kwargs into the model": (
        ("kwargs = {'max_async_retry_attempts': 9, 'qualifier': 'prod'}\n"
        "r = PutFunctionAsyncInvokeConfigRequest(**kwargs)\n"), ["1:39 FC006"]),
    "**kwargs with an argument the model does not take": (
        "r = PutFunctionAsyncInvokeConfigRequest(**{'max_retry_attempts': 3})\n", ["1:44 FC001"]),
    # TeaModel.from_map reads wire keys, case-sensitively: PascalCase is dropped there (FC003).
    "from_map on a new model": (
        "r = PutFunctionAsyncInvokeConfigRequest().from_map({'maxAsyncRetryAttempts': 9})\n",
        ["1:78 FC006"]),
    "from_map of a name, on a name": (
        SDK2 + "m = {'MaxAsyncRetryAttempts': 3}\n"
        "req = models.PutFunctionAsyncInvokeConfigRequest()\n"
        "req.from_map(m)\n", ["2:6 FC003"]),
    "from_map skips None, as the SDK does": (
        ("r = PutFunctionAsyncInvokeConfigRequest().from_map({'maxAsyncRetryAttempts': 9,\n"
         "    'maxAsyncEventAgeInSeconds': None, 'destinationConfig': {'onSuccess': None}})\n"),
        ["1:78 FC006", "2:61 FC008"]),
    "**kwargs with None": (
        ("kwargs = {'max_async_retry_attempts': None, 'stateful_invocation': None}\n"
         "r = PutFunctionAsyncInvokeConfigRequest(**kwargs)\n"), []),
    "a raw body's None is JSON null, still judged": (
        'body = {"maxAsyncRetryAttempts": 9, "maxAsyncEventAgeInSeconds": None}\n',
        ["1:34 FC006", "1:66 FC004"]),
    "TeaCore.from_map": (
        "r = TeaCore.from_map(PutAsyncInvokeConfigInput(), {'asyncTask': 'yes'})\n",
        ["1:65 FC004"]),
    "a request built by name keeps the client's function": (
        SDK2 + "req = models.PutFunctionAsyncInvokeConfigRequest(destination_config="
        f"models.DestinationConfig(on_failure=models.Destination(destination='{SELF}')))\n"
        "client.put_function_async_invoke_config('svc', 'fn', req)\n", ["2:136 FC020"]),
    # The SDKs' own from_map builds `DestinationConfig()` empty and fills it afterwards.
    "a model with no arguments writes nothing to check": (
        SDK2 + "temp = models.DestinationConfig()\n"
        "self.destination_config = temp.from_map(m.get('destinationConfig'))\n", []),
}


@pytest.mark.parametrize("text, expected", FLOWS.values(), ids=FLOWS.keys())
def test_dict_reaches_an_fc_call(text: str, expected: list[str]) -> None:
    assert located(text) == expected


def test_kwargs_key_fix_keeps_the_string() -> None:
    text = "r = PutFunctionAsyncInvokeConfigRequest(**{'max_retry_attempts': 3})"
    [diagnostic] = lint_text(text, "a.py", Settings()).diagnostics
    assert diagnostic.fix is not None
    [edit] = diagnostic.fix.edits
    assert (edit.span.column, edit.span.end_column, edit.text) == (44, 64,
                                                                  "'max_async_retry_attempts'")


def test_fclint_ignore_in_a_string_is_not_a_suppression() -> None:
    text = ('"""Write `# fclint: ignore[FC006] reason` after the value."""\n'
            'HINT = "# fclint: ignore[FC006]"\n'
            'body = {"maxAsyncRetryAttempts": 9, "asyncTask": True}  # fclint: ignore[FC006] ok\n')
    assert located(text) == []
    assert located(text.replace("# fclint: ignore[FC006] ok", "")) == ["3:34 FC006"]
