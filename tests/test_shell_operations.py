"""The async-invocation family on the aliyun CLI's command line (`aliyun fc-open
ListStatefulAsyncInvocations --limit 500`, `aliyun fc GET /2023-03-30/.../async-tasks?...`):
the documented flags' values checked as in `.http` files, at their line and column."""

from __future__ import annotations

import pytest
from clihelp import DATA

from fclint.config import Settings
from fclint.engine import lint_text


def located(text: str) -> list[str]:
    result = lint_text(text, "calls.sh", Settings())
    return [f"{d.span.line}:{d.span.column} {d.code}" for d in result.diagnostics]


def test_the_script() -> None:
    text = (DATA / "shell" / "family.sh").read_text(encoding="utf-8")
    assert located(text) == ["3:94 FC064", "3:107 FC064", "3:133 FC066", "4:66 FC069",
                             "5:61 FC064", "5:81 FC064", "6:54 FC067", "7:100 FC067"]


CASES = {
    "a flag in another case": ("aliyun fc ListAsyncTasks --functionName f --Limit 0", ["1:51 FC069"]),
    "a flag the shell fills in": ('aliyun fc ListAsyncTasks --functionName f --limit "$N"', []),
    "an undocumented flag is not judged": ("aliyun fc ListAsyncTasks --functionName f --lmit 5", []),
    "the other generation's operation": ("aliyun fc ListStatefulAsyncInvocations --limit 500", []),
    "Serverless Devs is not read": ("s cli fc api ListStatefulAsyncInvocations --limit 500", []),
    "a stop by task id": ("aliyun fc PUT /2023-03-30/functions/f/async-tasks/-a/stop", ["1:51 FC067"]),
}


@pytest.mark.parametrize("name", CASES)
def test_cases(name: str) -> None:
    text, expected = CASES[name]
    assert located(text) == expected


def test_the_names_and_the_qualifier_are_checked_as_for_put() -> None:
    text = ("aliyun fc-open ListStatefulAsyncInvocations --serviceName 9svc --functionName fn "
            "--qualifier latest\naliyun fc GET '/2023-03-30/functions/fn/async-tasks?qualifier=latest'\n")
    assert located(text) == ["1:59 FC026", "1:94 FC023", "2:63 FC023"]
