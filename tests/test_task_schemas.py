"""The async tasks' responses (GetStatefulAsyncInvocation, ListStatefulAsyncInvocations,
GetAsyncTask, ListAsyncTasks): their schemas, how a pasted body is recognised, and what is
reported in it, a task's functionArn judged like a destination."""

from __future__ import annotations

import json

import jsonschema
import pytest

from fclint import schemas
from fclint.config import Settings
from fclint.engine import lint_text
from fclint.kinds import Kind, detect

FC2_RECORD = {
    "invocationId": "job-42", "serviceName": "orders", "functionName": "ship",
    "qualifier": "LATEST", "status": "Succeeded", "startedTime": 1700000000000,
    "endTime": 1700000001000, "durationMs": 1000, "alreadyRetriedTimes": 0,
    "destinationStatus": "Succeeded", "invocationPayload": "{\"order\": 42}",
    "requestId": "req-1", "instanceId": "i-1", "invocationErrorMessage": None,
    "returnPayload": None,
    "events": [{"eventId": 1, "status": "Enqueued", "timestamp": 1700000000000,
                "eventDetail": "{}"}],
}
FC3_RECORD = {
    "taskId": "job-42", "functionArn": "acs:fc:cn-hangzhou:1234567890123456:functions/ship",
    "qualifier": "prod", "status": "Failed", "startedTime": 1700000000000,
    "endTime": 1700000001000, "durationMs": 1000, "alreadyRetriedTimes": 3,
    "destinationStatus": "Failed", "taskPayload": "{}", "taskErrorMessage": "UnhandledInvocationError",
    "requestId": "req-1", "instanceId": "i-1", "returnPayload": "",
    "events": [{"eventId": 1, "status": "Failed", "timestamp": 1700000001000, "eventDetail": None}],
}
GOOD = {
    Kind.FC2_INVOCATION: FC2_RECORD,
    Kind.FC2_INVOCATIONS: {"invocations": [FC2_RECORD, FC2_RECORD], "nextToken": "t"},
    Kind.FC3_TASK: FC3_RECORD,
    Kind.FC3_TASKS: {"tasks": [FC3_RECORD], "nextToken": ""},
}


@pytest.mark.parametrize("kind", GOOD)
def test_good_bodies_pass_their_schema_and_are_recognised(kind: Kind) -> None:
    schema = schemas.load_schema(kind.value)
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(GOOD[kind], schema)
    assert detect(GOOD[kind]) is kind
    text = json.dumps(GOOD[kind], indent=2)
    assert lint_text(text, "response.json", Settings()).diagnostics == []


NOT_TASKS = {
    "a todo list": {"tasks": [{"id": 1, "status": "done", "title": "x"}]},
    "an id alone": {"taskId": "a", "name": "b"},
    "an empty page": {"tasks": [], "nextToken": ""},
    "a page with more keys": {"tasks": [FC3_RECORD], "total": 1},
    "a celery result": {"task_id": "a", "status": "SUCCESS", "result": 1},
}


@pytest.mark.parametrize("name", NOT_TASKS)
def test_other_json_is_not_a_task(name: str) -> None:
    assert detect(NOT_TASKS[name]) is None
    assert lint_text(json.dumps(NOT_TASKS[name]), "data.json", Settings()).diagnostics == []


def located(text: str, kind: Kind | None = None) -> list[str]:
    result = lint_text(text, "response.json", Settings(), kind)
    return [f"{d.span.line}:{d.span.column} {d.code}" for d in result.diagnostics]


# Each case: a response body, its findings as "line:column CODE".
CASES = {
    "the '/' after the account of a published FC 3.0 sample": (
        '{"taskId": "a", "status": "Running", "startedTime": 1,\n'
        ' "functionArn": "acs:fc:cn-hangzhou:1234567890123456/functions/ship"}', ["2:17 FC012"]),
    "a qualifier of latest": (
        '{"invocationId": "a", "status": "Running", "startedTime": 1, "qualifier": "latest"}',
        ["1:75 FC023"]),
    "a time as a date": (
        '{"invocationId": "a", "status": "Running", "startedTime": "2020-08-20T02:28:21Z"}',
        ["1:59 FC004"]),
    "an unknown key in a listed task": (
        '{"tasks": [{"taskId": "a", "status": "Running", "startedTime": 1, "taskID": "b"}]}',
        ["1:67 FC001"]),
    "an event's timestamp as text": (
        '{"taskId": "a", "status": "Running", "events": [{"timestamp": "1"}]}', ["1:63 FC004"]),
    "the FC 3.0 record's key in FC 2.0": (
        '{"invocationId": "a", "status": "Running", "startedTime": 1, "taskPayload": "x"}',
        ["1:62 FC001"]),
}


@pytest.mark.parametrize("name", CASES)
def test_cases(name: str) -> None:
    text, expected = CASES[name]
    assert located(text) == expected


def test_kind_forces_a_body_to_be_read_as_a_task() -> None:
    assert located('{"taskId": 5}', Kind.FC3_TASK) == ["1:12 FC004"]
    assert located('{"invocations": {}}', Kind.FC2_INVOCATIONS) == ["1:17 FC004"]


@pytest.mark.parametrize(("lang", "title"), [("en", "GetAsyncTask response"),
                                              ("zh", "GetAsyncTask 响应")])
def test_hover_on_a_task_key(lang: str, title: str) -> None:
    from fclint.lsp.hover import hover

    text = '{"taskId": "a", "status": "Running", "startedTime": 1}'
    found = hover(text, "task.json", 1, 40, lang)
    assert found is not None
    assert found.markdown.startswith("**startedTime** (") and title in found.markdown
    assert "milliseconds since 1970" in found.markdown
