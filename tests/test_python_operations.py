"""The async-invocation family in Python: the request models of the list and get operations,
`InvokeFunctionHeaders` and the task id given to the clients' get and stop methods, of both SDK
generations, aliyun-fc2's headers dict and list limit, in files and in notebook cells; findings
on the value as the code writes it."""

from __future__ import annotations

import pytest
from clihelp import DATA

from fclint.config import Settings
from fclint.engine import lint_text

FC2 = "from alibabacloud_fc_open20210406 import models as m\n"
FC3 = "from alibabacloud_fc20230330 import models as m\n"


def located(text: str, name: str = "calls.py") -> list[str]:
    result = lint_text(text, name, Settings())
    return [f"{d.span.line}:{d.span.column} {d.code}" for d in result.diagnostics]


FILES = {
    "family_fc2.py": ["8:15 FC064", "8:27 FC064", "8:56 FC066", "8:68 FC065", "12:60 FC067",
                      "14:69 FC064", "15:77 FC069", "19:76 FC070"],
    "family_fc3.py": ["8:15 FC069", "8:25 FC069", "8:37 FC065", "8:82 FC064", "10:64 FC067",
                      "11:77 FC064", "15:62 FC068"],
    "family_aliyun_fc2.py": ["6:29 FC068", "7:42 FC067", "9:82 FC070", "12:67 FC064"],
}


@pytest.mark.parametrize("name", FILES)
def test_sdk_files(name: str) -> None:
    text = (DATA / "python" / name).read_text(encoding="utf-8")
    assert located(text, name) == FILES[name]


CASES = {
    "a model's limit": (FC2 + "m.ListStatefulAsyncInvocationsRequest(limit=500)", ["2:45 FC064"]),
    "a negative limit": (FC3 + "m.ListAsyncTasksRequest(limit=-5)", ["2:31 FC064"]),
    "a limit the code computes": (FC3 + "m.ListAsyncTasksRequest(limit=n)", []),
    "a string limit": (FC3 + "m.ListAsyncTasksRequest(limit='10')", ["2:31 FC064"]),
    "a boolean is no limit": (FC3 + "m.ListAsyncTasksRequest(limit=True)", ["2:31 FC064"]),
    "a bool": (FC3 + "m.ListAsyncTasksRequest(include_payload=False)", []),
    "an unknown keyword": (FC3 + "m.GetAsyncTaskRequest(qualifer='prod')", ["2:23 FC065"]),
    "a sort order": (FC2 + "m.ListStatefulAsyncInvocationsRequest(sort_order_by_time='up')",
                     ["2:58 FC064"]),
    "times": (FC3 + "m.ListAsyncTasksRequest(started_time_begin=1700000000000, "
              "started_time_end=1600000000000)", ["2:76 FC064"]),
    "a task id by position": (FC3 + "c.get_async_task('fn', '1', m.GetAsyncTaskRequest())",
                              ["2:24 FC067"]),
    "a task id by keyword": (FC2 + "c.stop_stateful_async_invocation_async('s', 'f', "
                             "invocation_id='a.b', request=r)", ["2:64 FC067"]),
    "an id the code computes": (FC3 + "c.get_async_task('fn', name, r)", []),
    "FC 3.0 headers, the type set later perhaps": (
        FC3 + "m.InvokeFunctionHeaders(x_fc_log_type='None', x_fc_async_task_id='job')", []),
    "FC 3.0 headers of a synchronous call": (
        FC3 + "m.InvokeFunctionHeaders(x_fc_invocation_type='Sync', x_fc_async_task_id='job')",
        ["2:54 FC070"]),
    "FC 2.0 headers": (FC2 + "m.InvokeFunctionHeaders(x_fc_invocation_type='Async', "
                       "x_fc_stateful_async_invocation_id='job', x_fc_log_type='Tail')", []),
    "aliyun-fc2 only where the file imports it": (
        "client.invoke_function('s', 'f', b'', {'x-fc-invocation-type': 'async'})", []),
    "aliyun-fc2's headers dict": (
        "from fc2 import Client\nc.invoke_function('s', 'f', headers={'X-Fc-Log-Type': 'tail'})",
        ["2:55 FC068"]),
    "an unrelated class of the same name elsewhere": (
        "class ListAsyncTasksRequest:\n    pass\nListAsyncTasksRequest()", []),
}


@pytest.mark.parametrize("name", CASES)
def test_cases(name: str) -> None:
    text, expected = CASES[name]
    assert located(text) == expected


def test_a_notebook_cell() -> None:
    nbformat = pytest.importorskip("nbformat")
    from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

    cells = [new_markdown_cell("# Failed tasks"),
             new_code_cell(FC3 + "req = m.ListAsyncTasksRequest(status='failed', limit=500)")]
    text = str(nbformat.writes(new_notebook(cells=cells)))
    result = lint_text(text, "tasks.ipynb", Settings())
    assert [(d.cell, d.span.line, d.span.column, d.code) for d in result.diagnostics] == [
        (2, 2, 38, "FC064"), (2, 2, 54, "FC064")]


FIXES = {
    "a model's qualifier": (FC2 + 'm.ListStatefulAsyncInvocationsRequest(qualifier="latest")',
                            FC2 + 'm.ListStatefulAsyncInvocationsRequest(qualifier="LATEST")'),
    "aliyun-fc2's Put qualifier keeps its quotes": (
        "import fc2\nc.put_function_async_invoke_config('s', 'latest', 'f', "
        "{'maxAsyncRetryAttempts': 2})",
        "import fc2\nc.put_function_async_invoke_config('s', 'LATEST', 'f', "
        "{'maxAsyncRetryAttempts': 2})"),
    "FC 3.0's request wrapper": (
        "c.put_async_invoke_config('fn', PutAsyncInvokeConfigRequest(qualifier=r'latest', "
        "body=PutAsyncInvokeConfigInput(max_async_retry_attempts=3)))",
        "c.put_async_invoke_config('fn', PutAsyncInvokeConfigRequest(qualifier=r'LATEST', "
        "body=PutAsyncInvokeConfigInput(max_async_retry_attempts=3)))"),
}


@pytest.mark.parametrize("name", FIXES)
def test_the_qualifier_fix_keeps_the_string_literal(name: str) -> None:
    from fclint.fix import fix_text

    before, after = FIXES[name]
    assert fix_text(before, "calls.py", Settings()).text == after
