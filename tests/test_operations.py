"""The async-invocation family beside Put in `.http` files: each operation recognised, its
query parameters, headers and task ids checked (FC064-FC070), findings on their line and
column; a clean file of every operation gives nothing."""

from __future__ import annotations

import pytest
from clihelp import DATA, fclint

from fclint.config import Settings
from fclint.diagnostic import Severity
from fclint.engine import lint_text
from fclint.fcpath import parse_request

H = "https://1234567890123456.cn-hangzhou.fc.aliyuncs.com"
FC2 = f"{H}/2021-04-06/services/svc/functions/fn"
FC3 = f"{H}/2023-03-30/functions/fn"


def located(text: str, settings: Settings | None = None) -> list[str]:
    result = lint_text(text, "requests.http", settings or Settings())
    return [f"{d.span.line}:{d.span.column} {d.code}" for d in result.diagnostics]


def messages(text: str) -> list[str]:
    return [f"{d.code} {d.message}" for d in lint_text(text, "r.http", Settings()).diagnostics]


OPERATIONS = {
    ("GET", f"{FC2}/async-invoke-configs?limit=5"): "ListFunctionAsyncInvokeConfigs",
    ("GET", f"{FC2}/stateful-async-invocations"): "ListStatefulAsyncInvocations",
    ("GET", f"{FC2}/stateful-async-invocations/job-1"): "GetStatefulAsyncInvocation",
    ("PUT", f"{FC2}/stateful-async-invocations/job-1"): "StopStatefulAsyncInvocation",
    ("GET", f"{H}/2021-04-06/stateful-async-invocation-functions"):
        "ListStatefulAsyncInvocationFunctions",
    ("POST", f"{FC2}/invocations"): "InvokeFunction",
    ("POST", "/services/svc.prod/functions/fn/invocations"): "InvokeFunction",
    ("GET", f"{H}/2023-03-30/async-invoke-configs?functionName=fn"): "ListAsyncInvokeConfigs",
    ("GET", f"{FC3}/async-tasks"): "ListAsyncTasks",
    ("GET", f"{FC3}/async-tasks/job-1"): "GetAsyncTask",
    ("PUT", f"{FC3}/async-tasks/job-1/stop"): "StopAsyncTask",
    ("POST", f"{FC3}/invocations"): "InvokeFunction",
    ("POST", f"{FC3}/async-tasks/job-1/stop"): None,  # PUT, by the SDK and the API metadata
}


@pytest.mark.parametrize(("request_line", "operation"), OPERATIONS.items())
def test_every_operation_is_recognised(request_line: tuple[str, str], operation: str | None) -> None:
    parsed = parse_request(*request_line)
    assert parsed is not None and parsed.operation == operation


def test_a_lambda_invocation_is_not_ours() -> None:
    text = "POST https://lambda.us-east-1.amazonaws.com/2015-03-31/functions/fn/invocations\n"
    assert lint_text(text, "lambda.http", Settings()).diagnostics == []


FILES = {
    "family.http": [],
    "family-mistakes.http": [
        "4:89 FC064", "4:100 FC064", "4:123 FC064", "4:143 FC064", "4:162 FC066",
        "7:52 FC065", "7:83 FC069", "7:98 FC069",
        "10:83 FC067", "10:100 FC023",
        "13:1 FC061",
        "16:35 FC026", "17:23 FC068", "18:1 FC070", "18:36 FC067", "19:1 FC065",
        "23:40 FC068", "24:16 FC068",
    ],
}


@pytest.mark.parametrize("name", FILES)
def test_request_files(name: str) -> None:
    text = (DATA / "http" / name).read_text(encoding="utf-8")
    assert located(text) == FILES[name]


def test_the_command_line_reports_them() -> None:
    result = fclint("check", "--no-cache", str(DATA / "http" / "family-mistakes.http"), cwd=DATA)
    assert result.returncode == 1
    assert ("family-mistakes.http:4:89: FC064 500 is greater than the maximum of 100 for limit"
            in result.stdout)


# Each case: the request, then its findings as "line:column CODE".
CASES = {
    # FC064 query-value-invalid
    "limit 101": (f"GET {FC2}/stateful-async-invocations?limit=101", ["1:128 FC064"]),
    "limit 100": (f"GET {FC2}/stateful-async-invocations?limit=100", []),
    "limit 1": (f"GET {FC3}/async-tasks?limit=1", []),
    "limit -1": (f"GET {FC3}/async-tasks?limit=-1", ["1:100 FC064"]),
    "limit ten": (f"GET {FC3}/async-tasks?limit=ten", ["1:100 FC064"]),
    "config list limit": (f"GET {FC2}/async-invoke-configs?limit=1000", ["1:122 FC064"]),
    "fc3 config list": (f"GET {H}/2023-03-30/async-invoke-configs?limit=200", ["1:96 FC064"]),
    "functions limit": (f"GET {H}/2021-04-06/stateful-async-invocation-functions?limit=101",
                        ["1:111 FC064"]),
    "status": (f"GET {FC3}/async-tasks?status=Done", ["1:101 FC064"]),
    "every status": (f"GET {FC3}/async-tasks?status=Expired&status=Retrying", []),
    "sort": (f"GET {FC3}/async-tasks?sortOrderByTime=newest", ["1:110 FC064"]),
    "boolean": (f"GET {FC3}/async-tasks?includePayload=True", ["1:109 FC064"]),
    "end before start": (f"GET {FC3}/async-tasks?startedTimeBegin=1700000000000"
                         "&startedTimeEnd=1600000000000", ["1:140 FC064"]),
    "time not a number": (f"GET {FC3}/async-tasks?startedTimeEnd=2024-01-01", ["1:109 FC064"]),
    "a variable": (f"@n = 500\nGET {FC3}/async-tasks?limit={{{{n}}}}", ["2:5 FC064"]),
    "unresolved variable": (f"GET {FC3}/async-tasks?limit={{{{n}}}}", []),
    "a qualifier on a line continuing the URL": (
        f"PUT {FC3}/async-invoke-config\n    ?qualifier=latest\n\n{{}}", ["2:16 FC023"]),
    "query lines continuing the URL": (f"GET {FC3}/async-tasks\n    ?limit=500\n  &status=x",
                                       ["2:12 FC064", "3:11 FC064"]),
    # FC065 parameter-unknown
    "fc2 prefix name in fc3": (f"GET {FC3}/async-tasks?invocationIdPrefix=a", ["1:94 FC065"]),
    "fc3 prefix name in fc2": (f"GET {FC2}/stateful-async-invocations?prefix=a", ["1:122 FC065"]),
    "a misspelt filter": (f"GET {FC3}/async-tasks?statsu=Failed", ["1:94 FC065"]),
    "includeInput": (f"GET {FC3}/async-tasks?includeInput=true", ["1:94 FC065"]),
    "fc2 header in fc3": (f"POST {FC3}/invocations\nx-fc-invocation-type: Async\n"
                          "X-Fc-Stateful-Async-Invocation-Id: a", ["3:1 FC065"]),
    # FC066 started-time-in-seconds
    "seconds": (f"GET {FC3}/async-tasks?startedTimeBegin=1700000000", ["1:111 FC066"]),
    "milliseconds": (f"GET {FC3}/async-tasks?startedTimeBegin=1700000000000", []),
    "zero": (f"GET {FC3}/async-tasks?startedTimeBegin=0", []),
    # FC067 invocation-id-invalid
    "path id": (f"GET {FC2}/stateful-async-invocations/-job", ["1:122 FC067"]),
    "path id 129": (f"GET {FC3}/async-tasks/{'a' * 129}", ["1:94 FC067"]),
    "path id 128": (f"GET {FC3}/async-tasks/{'a' * 128}", []),
    "stop id": (f"PUT {FC3}/async-tasks/job.1/stop", ["1:94 FC067"]),
    "header id": (f"POST {FC3}/invocations\nx-fc-invocation-type: Async\n"
                  "x-fc-async-task-id: 1job", ["3:21 FC067"]),
    "prefix": (f"GET {FC3}/async-tasks?prefix=job/", ["1:101 FC067"]),
    "underscore": (f"GET {FC3}/async-tasks/_job-1_", []),
    # FC068 invoke-header-invalid
    "invocation type": (f"POST {FC2}/invocations\nX-Fc-Invocation-Type: Event", ["2:23 FC068"]),
    "log type": (f"POST {FC3}/invocations\nx-fc-log-type: Full", ["2:16 FC068"]),
    "header names in any case": (f"POST {FC3}/invocations\nX-FC-INVOCATION-TYPE: Async", []),
    # FC070 task-id-on-sync-invocation
    "sync by default": (f"POST {FC3}/invocations\nx-fc-async-task-id: job", ["2:1 FC070"]),
    "sync": (f"POST {FC3}/invocations\nx-fc-invocation-type: Sync\nx-fc-async-task-id: job",
             ["3:1 FC070"]),
    "async": (f"POST {FC3}/invocations\nx-fc-invocation-type: Async\nx-fc-async-task-id: job",
              []),
    "task switch": (f"POST {FC2}/invocations\nX-Fc-Stateful-Async-Invocation-Enable: true",
                    ["2:1 FC070"]),
    "switch off": (f"POST {FC2}/invocations\nX-Fc-Stateful-Async-Invocation-Enable: false", []),
    "type from a variable": (f"POST {FC3}/invocations\nx-fc-invocation-type: {{{{type}}}}\n"
                             "x-fc-async-task-id: job", []),
}


@pytest.mark.parametrize("name", CASES)
def test_cases(name: str) -> None:
    text, expected = CASES[name]
    assert located(text) == expected


def test_messages_name_the_value_and_the_fix() -> None:
    text = (f"GET {FC3}/async-tasks?includeInput=true&startedTimeBegin=1700000000&status=running\n"
            f"###\nPOST {FC3}/invocations\nx-fc-async-task-id: 9\n")
    assert messages(text) == [
        "FC065 'includeInput' is not a parameter of ListAsyncTasks; did you mean 'includePayload'?",
        "FC066 1700000000 is a time in seconds: startedTimeBegin is in milliseconds; "
        "did you mean 1700000000000?",
        "FC064 'running' is not a task status (did you mean 'Running'?); status takes one of "
        "Enqueued, Succeeded, Failed, Running, Stopped, Stopping, Invalid, Expired, Retrying",
        "FC070 'x-fc-async-task-id' is ignored: the invocation is synchronous (no "
        "X-Fc-Invocation-Type header: Sync by default); async tasks are asynchronous "
        "invocations (X-Fc-Invocation-Type: Async)",
        "FC067 '9' is not a task id: it starts with '9'; an id starts with a letter or '_'",
    ]


def test_the_disputed_values_are_settled_by_severity() -> None:
    text = f"GET {FC3}/async-tasks?status=Dequeued&limit=0"
    assert [d.severity.name for d in lint_text(text, "r.http", Settings()).diagnostics] == [
        "WARNING", "WARNING"]
    strict = Settings(severity=(("FC069", Severity.ERROR),))
    assert [d.severity.name for d in lint_text(text, "r.http", strict).diagnostics] == [
        "ERROR", "ERROR"]
    assert lint_text(text, "r.http", Settings(ignore=("FC069",))).diagnostics == []


def test_an_invocation_payload_is_not_a_config() -> None:
    text = f"POST {FC3}/invocations\nx-fc-invocation-type: Async\n\n{{\"maxAsyncRetryAttempts\": 99}}\n"
    assert located(text) == []


def test_a_markdown_http_block() -> None:
    text = "# Tasks\n\n```http\nGET /2023-03-30/functions/fn/async-tasks?limit=500\n```\n"
    result = lint_text(text, "README.md", Settings())
    assert [f"{d.span.line}:{d.span.column} {d.code}" for d in result.diagnostics] == ["4:48 FC064"]
