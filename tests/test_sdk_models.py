"""Request bodies built by the official FC 2.0 (2021-04-06) Python SDK models, as `to_map()` and
`json.dumps` would send them: fclint must read the SDK's wire keys and locate what it finds."""

from __future__ import annotations

import json
from typing import Any

import pytest

from fclint.config import Settings
from fclint.diagnostic import Severity
from fclint.engine import lint_text

models = pytest.importorskip("alibabacloud_fc_open20210406.models")

ACCOUNT = "1234567890123456"
QUEUE = f"acs:mns:cn-hangzhou:{ACCOUNT}:/queues/ok/messages"
FUNCTION = f"acs:fc:cn-hangzhou:{ACCOUNT}:services/svc.LATEST/functions/failed"
DEFAULTS = Settings()


def request(success: str | None = QUEUE, failure: str | None = FUNCTION, **fields: Any) -> str:
    """The JSON text the SDK model serialises to."""
    destinations = models.DestinationConfig(
        on_success=models.Destination(destination=success) if success is not None else None,
        on_failure=models.Destination(destination=failure) if failure is not None else None,
    )
    body = models.PutFunctionAsyncInvokeConfigRequest(destination_config=destinations, **fields)
    body.validate()  # the SDK accepts every body below: it checks no ranges
    return json.dumps(body.to_map())


def at(text: str, key: str, value: Any) -> str:
    """'1:COLUMN' of the value written after `"key": ` (json.dumps writes one line)."""
    prefix = f'"{key}": {json.dumps(value)}'
    return f"1:{text.index(prefix) + len(prefix) - len(json.dumps(value)) + 1}"


def found(text: str, settings: Settings = DEFAULTS) -> list[str]:
    return [f"{d.span.line}:{d.span.column} {d.code}"
            for d in lint_text(text, "sdk.json", settings).diagnostics]


VALID = {
    "every field": {"max_async_event_age_in_seconds": 300, "max_async_retry_attempts": 3,
                        "stateful_invocation": True, "qualifier": "prod"},
    "bounds": {"max_async_event_age_in_seconds": 1, "max_async_retry_attempts": 0},
    "upper bounds": {"max_async_event_age_in_seconds": 604800, "max_async_retry_attempts": 8},
    "version qualifier": {"qualifier": "1", "stateful_invocation": False},
    "LATEST": {"qualifier": "LATEST", "max_async_retry_attempts": 2},
}


@pytest.mark.parametrize("fields", VALID.values(), ids=VALID.keys())
def test_valid_request_is_clean(fields: dict[str, Any]) -> None:
    text = request(**fields)
    assert lint_text(text, "sdk.json", Settings()).is_config
    assert found(text) == []


def test_wire_keys_are_the_api_keys() -> None:
    """The SDK writes camelCase wire keys: nothing for non-canonical-case to report."""
    text = request(max_async_retry_attempts=3, stateful_invocation=True)
    assert set(json.loads(text)) == {"destinationConfig", "maxAsyncRetryAttempts",
                                     "statefulInvocation"}


OUT_OF_RANGE = {
    "99 retries": ({"max_async_retry_attempts": 99}, "maxAsyncRetryAttempts", 99, "FC006"),
    "negative retries": ({"max_async_retry_attempts": -1}, "maxAsyncRetryAttempts", -1, "FC006"),
    "negative age": ({"max_async_event_age_in_seconds": -5}, "maxAsyncEventAgeInSeconds", -5,
                     "FC005"),
    "zero age": ({"max_async_event_age_in_seconds": 0}, "maxAsyncEventAgeInSeconds", 0, "FC005"),
    "beyond 30 days": ({"max_async_event_age_in_seconds": 2592001}, "maxAsyncEventAgeInSeconds",
                       2592001, "FC005"),
    "between the documents' caps": ({"max_async_event_age_in_seconds": 1209600},
                                    "maxAsyncEventAgeInSeconds", 1209600, "FC007"),
    "lower-case latest": ({"qualifier": "latest"}, "qualifier", "latest", "FC023"),
}


@pytest.mark.parametrize("case", OUT_OF_RANGE.values(), ids=OUT_OF_RANGE.keys())
def test_out_of_range_is_flagged_in_place(case: tuple[dict[str, Any], str, Any, str]) -> None:
    fields, key, value, code = case
    text = request(**fields)
    assert found(text) == [f"{at(text, key, value)} {code}"]


def test_two_problems_in_one_body() -> None:
    text = request(max_async_event_age_in_seconds=-5, max_async_retry_attempts=99)
    assert found(text) == [f"{at(text, 'maxAsyncEventAgeInSeconds', -5)} FC005",
                           f"{at(text, 'maxAsyncRetryAttempts', 99)} FC006"]


def test_event_age_under_the_chinese_cap_setting() -> None:
    text = request(max_async_event_age_in_seconds=1209600)
    (diagnostic,) = lint_text(text, "sdk.json", Settings(max_event_age=604800)).diagnostics
    assert (diagnostic.code, diagnostic.severity) == ("FC005", Severity.ERROR)
    assert found(text, Settings(max_event_age=2592000)) == []


def test_indented_body_positions() -> None:
    body = models.PutFunctionAsyncInvokeConfigRequest(max_async_retry_attempts=9,
                                                      max_async_event_age_in_seconds=300)
    text = json.dumps(body.to_map(), indent=2)
    lines = text.split("\n")
    line = next(i for i, row in enumerate(lines, 1) if "maxAsyncRetryAttempts" in row)
    column = lines[line - 1].index("9") + 1
    assert found(text) == [f"{line}:{column} FC006"]


def test_destination_problems_in_sdk_bodies() -> None:
    masked = QUEUE.replace(ACCOUNT, "1986***743")
    fc3 = f"acs:fc:cn-hangzhou:{ACCOUNT}:functions/next"
    text = request(success=masked, failure=fc3)
    failure = text.index(json.dumps(fc3)) + 1
    success = text.index(json.dumps(masked)) + 1
    # to_map writes onFailure before onSuccess
    assert found(text) == [f"1:{failure} FC013", f"1:{success} FC016"]


def test_empty_destination_from_the_sdk() -> None:
    text = request(success=None, failure="")
    assert found(text) == [f"1:{text.index(chr(34) * 2) + 1} FC009"]
