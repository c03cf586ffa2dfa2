"""Python files: configs built or sent with the official SDKs, and dict literals with the API's
keys, linted at the line and column of each literal; names and expressions are never guessed."""

from __future__ import annotations

import subprocess
import sys
import warnings
from pathlib import Path

import pytest
from clihelp import DATA, clean_env

from fclint.config import Settings
from fclint.engine import lint_text

SDK2 = "from alibabacloud_fc_open20210406.models import *\n"
SDK3 = "from alibabacloud_fc20230330.models import *\n"
SELF = "acs:fc:cn-hangzhou:1234567890123456:services/svc.LATEST/functions/fn"
QUEUE = "acs:mns:cn-hangzhou:1234567890123456:/queues/q/messages"


def located(text: str, name: str = "script.py", settings: Settings | None = None) -> list[str]:
    result = lint_text(text, name, settings or Settings())
    return [f"{d.span.line}:{d.span.column} {d.code}" for d in result.diagnostics]


CASES = {
    "retries out of range": (
        "r = PutFunctionAsyncInvokeConfigRequest(max_async_retry_attempts=9)", ["1:66 FC006"]),
    "columns count code points, not UTF-8 bytes": (
        'note = "réglage"; r = PutFunctionAsyncInvokeConfigRequest(max_async_retry_attempts=9)',
        ["1:84 FC006"]),
    "negative literal": (
        "r = PutFunctionAsyncInvokeConfigRequest(max_async_retry_attempts=-1)", ["1:66 FC006"]),
    # An argument of None is not set: the SDKs' to_map leaves it out of the body.
    "None arguments are not set": (
        ("r = PutFunctionAsyncInvokeConfigRequest(destination_config=None, qualifier=None,\n"
         "    stateful_invocation=None, max_async_retry_attempts=9)"), ["2:56 FC006"]),
    "None positional and in a nested model": (
        f"d = DestinationConfig(None, Destination(destination='{QUEUE}'))\n"
        "c = AsyncConfig(async_task=None, max_async_retry_attempts=None)", []),
    "a name is skipped": (
        "r = PutFunctionAsyncInvokeConfigRequest(max_async_retry_attempts=RETRIES)", []),
    "an expression is skipped": (
        "r = PutFunctionAsyncInvokeConfigRequest(max_async_event_age_in_seconds=7 * 86400 * 10)", []),
    "an f-string destination is skipped, not missing": (
        SDK2 + "c = DestinationConfig(on_success=Destination(destination=f'acs:mns:{r}:1:/queues/q/messages'))",
        []),
    "a destination from a call is skipped": (
        SDK2 + "r = PutFunctionAsyncInvokeConfigRequest(destination_config=DestinationConfig("
        "on_failure=Destination(destination=arn('q'))))", []),
    "nested models, multi-line": (
        SDK2 + "r = PutFunctionAsyncInvokeConfigRequest(\n"
        "    destination_config=DestinationConfig(\n"
        "        on_success=Destination(destination='acs:mns:cn-hangzhou:1234567890123456:/queue/q/messages'),\n"
        "    ),\n"
        ")", ["4:44 FC011"]),
    "missing destination: on the keyword": (
        SDK2 + "r = PutFunctionAsyncInvokeConfigRequest(destination_config=DestinationConfig(on_success=Destination()))",
        ["2:78 FC009"]),
    "positional model arguments": (
        SDK2 + "d = DestinationConfig(Destination('acs:mns:cn-hangzhou:1234567890123456:/queues/q/message'))",
        ["2:35 FC011"]),
    "a lone DestinationConfig, FC 3.0 by its import": (
        SDK3 + f"d = DestinationConfig(on_success=Destination(destination='{SELF}'))", ["2:58 FC013"]),
    "generic class names need the SDK import": (
        "d = DestinationConfig(on_success=Destination(destination='nonsense'))", []),
    "FC 3.0 input": (
        "i = PutAsyncInvokeConfigInput(max_async_event_age_in_seconds=604801, async_task='yes')",
        ["1:62 FC005", "1:81 FC004"]),
    "FC 3.0 request wrapper: qualifier checked where written": (
        ("client.put_async_invoke_config('fn', PutAsyncInvokeConfigRequest(qualifier='latest', "
        "body=PutAsyncInvokeConfigInput(max_async_retry_attempts=3)))"), ["1:77 FC023"]),
    "2021 SDK client: service and function give the self-destination": (
        SDK2 + "client.put_function_async_invoke_config('svc', 'fn', PutFunctionAsyncInvokeConfigRequest("
        f"destination_config=DestinationConfig(on_failure=Destination(destination='{SELF}'))))",
        ["2:162 FC020"]),
    "2021 SDK client, other function: no self-destination": (
        SDK2 + "client.put_function_async_invoke_config('svc', 'other', PutFunctionAsyncInvokeConfigRequest("
        f"destination_config=DestinationConfig(on_failure=Destination(destination='{SELF}'))))", []),
    "aliyun-fc2: (service, qualifier, function, body)": (
        ("client.put_function_async_invoke_config('svc', 'LATEST', 'fn', "
        f"{{'destinationConfig': {{'onFailure': {{'destination': '{SELF}'}}}}}})"), ["1:116 FC020"]),
    # aliyun-fc2 sends the dict as it is (json.dumps) and the FC 2.0 server reads keys in any
    # case, so PascalCase is no mistake there (no FC003); the values are still checked.
    "aliyun-fc2 keywords, PascalCase body keys": (
        ("client.put_function_async_invoke_config(serviceName='svc', qualifier='prod', "
        "functionName='fn', asyncConfig={'MaxAsyncRetryAttempts': 1})"), []),
    "aliyun-fc2, PascalCase body keys: the values are checked": (
        ("client.put_function_async_invoke_config('svc', 'prod', 'fn', "
        "{'MaxAsyncRetryAttempts': 9})"), ["1:88 FC006"]),
    "dict literal with the API's keys": (
        "body = {'maxAsyncRetryAttempts': 9, 'destinationConfig': {}}", ["1:34 FC006", "1:58 FC008"]),
    "dict literal key written twice": (
        ("body = {'maxAsyncRetryAttempts': 1, 'statefulInvocation': True, "
        "'maxAsyncRetryAttempts': 2}"), ["1:65 FC042"]),
    "snake_case keys sent to aliyun-fc2 are not the wire body": (
        ("client.put_function_async_invoke_config('svc', 'LATEST', 'fn', "
        "{'max_async_retry_attempts': 3})"), ["1:65 FC001"]),
    "**kwargs: the written arguments are read": (
        "r = PutFunctionAsyncInvokeConfigRequest(**common, max_async_retry_attempts=9)", ["1:76 FC006"]),
    "a nested **kwargs model is opaque": (
        SDK2 + "c = DestinationConfig(on_success=Destination(**target))", []),
    "dict spread is not guessed": ("body = {**defaults, 'maxAsyncRetryAttempts': 3}", []),
    "suppressed on its line": (
        ("r = PutFunctionAsyncInvokeConfigRequest(max_async_retry_attempts=9)  "
        "# fclint: ignore[FC006] raised for this account"), []),
    "syntax error in a file that means a config": (
        "r = PutFunctionAsyncInvokeConfigRequest(max_async_retry_attempts=9", ["1:40 FC000"]),
    # at the end of a line there is no character: an empty span there (fuzz finding S3)
    "syntax error at the end of a line": (
        "r = PutFunctionAsyncInvokeConfigRequest(max_async_retry_attempts=9) +\n", ["1:70 FC000"]),
    "syntax error in an unrelated file": ("def f(:\n    pass", []),
    "unrelated Python": ("def f():\n    return {'destination': 'x', 'retries': 9}\n", []),
    "another library's DestinationConfig": (
        "from mylib import DestinationConfig\nDestinationConfig(on_success=1)", []),
}


@pytest.mark.parametrize("text, expected", CASES.values(), ids=CASES.keys())
def test_cases(text: str, expected: list[str]) -> None:
    assert located(text) == expected


def test_unrelated_python_is_not_a_config() -> None:
    result = lint_text("import os\nprint(os.environ)\n", "tool.py", Settings())
    assert not result.is_config and result.diagnostics == []


def test_example_file() -> None:
    text = (DATA / "python" / "put_config.py").read_text(encoding="utf-8")
    assert located(text, "put_config.py") == [
        "23:29 FC020",  # onFailure is orders/refund itself (LATEST: no qualifier given)
        "26:34 FC006",  # 10 retries
        "27:29 FC004",  # "true" is a string
        "32:67 FC023",  # qualifier 'Latest'
        "32:108 FC005",  # event age 0
    ]


def test_fixes_are_python_literals() -> None:
    text = "r = PutFunctionAsyncInvokeConfigRequest(stateful_invocation='true', max_async_retry_attempts=9)"
    fixes = {d.code: d.fix.edits[0].text for d in lint_text(text, "a.py", Settings()).diagnostics
             if d.fix is not None}
    assert fixes == {"FC004": "True", "FC006": "8"}


def test_messages_name_the_python_value() -> None:
    [diagnostic] = lint_text("r = PutFunctionAsyncInvokeConfigRequest(max_async_retry_attempts=9)",
                             "a.py", Settings()).diagnostics
    assert diagnostic.message.startswith("9 is greater than the maximum of 8")


UNKNOWN_ARGUMENTS = {
    "misspelt": ("PutFunctionAsyncInvokeConfigRequest(max_retry_attempts=3)",
                 "1:37", "did you mean 'max_async_retry_attempts'?", "max_async_retry_attempts"),
    "the other generation's field": ("PutAsyncInvokeConfigInput(stateful_invocation=True)",
                                     "1:27", "did you mean 'async_task'?", "async_task"),
    "the wire key as an argument": ("PutFunctionAsyncInvokeConfigRequest(maxAsyncRetryAttempts=3)",
                                    "1:37", "did you mean 'max_async_retry_attempts'?",
                                    "max_async_retry_attempts"),
}


@pytest.mark.parametrize("text, at, hint, fix", UNKNOWN_ARGUMENTS.values(), ids=UNKNOWN_ARGUMENTS.keys())
def test_unknown_keyword_argument(text: str, at: str, hint: str, fix: str) -> None:
    [diagnostic] = lint_text(text, "a.py", Settings()).diagnostics
    assert f"{diagnostic.span.line}:{diagnostic.span.column} {diagnostic.code}" == f"{at} FC001"
    assert diagnostic.message.endswith(hint)
    assert diagnostic.fix is not None and diagnostic.fix.edits[0].text == fix


# An invalid escape: a DeprecationWarning on Python 3.11, a SyntaxWarning 3.12 prints on stderr
# (fuzz finding W1). fclint reads the code, it does not run it: nothing of that is its to say.
INVALID_ESCAPE = ('note = "a\\|b"\n'
                  "r = PutFunctionAsyncInvokeConfigRequest(max_async_retry_attempts=9)\n")


def test_invalid_escapes_in_the_code_give_no_warning() -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert located(INVALID_ESCAPE) == ["2:66 FC006"]
    assert [str(w.message) for w in caught] == []


def test_invalid_escapes_under_w_error(tmp_path: Path) -> None:
    (tmp_path / "put.py").write_text(INVALID_ESCAPE, encoding="utf-8")
    done = subprocess.run([sys.executable, "-W", "error", "-m", "fclint", "check", "--isolated",
                           "put.py"], cwd=tmp_path, capture_output=True, text=True, timeout=60,
                          env=clean_env(), check=False)
    assert (done.returncode, done.stderr) == (1, "")
    assert done.stdout.startswith("put.py:2:66: FC006 9 is greater than the maximum of 8")
