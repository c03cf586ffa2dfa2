"""The language server on the async-invocation family in `.http` files: hover on a query
parameter or an InvokeFunction header (English and Chinese), completion of parameter names and
of the values a parameter or header takes, and the family's diagnostics as the editor gets
them. The real server in a subprocess, driven by pytest-lsp."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest_lsp = pytest.importorskip("pytest_lsp")

from lsprotocol import types as lsp
from test_lsp import Client
from test_lsp_editing import (  # noqa: F401 - the fixtures and helpers of the editing tests
    chinese,
    client,
    complete,
    folder,
    hover_text,
    open_doc,
    position,
    published,
    rng,
    seen,
    uri,
)

pytestmark = pytest.mark.asyncio(loop_scope="module")

TASKS = "GET https://1234567890123456.cn-hangzhou.fc.aliyuncs.com/2023-03-30/functions/fn/async-tasks"
INVOKE = ("POST https://1234567890123456.cn-hangzhou.fc.aliyuncs.com/2016-08-15/services/s/"
          "functions/fn/invocations\nX-Fc-Invocation-Type: Async\n"
          "X-Fc-Stateful-Async-Invocation-Id: job-1\n")


def plain(items: list[lsp.CompletionItem]) -> list[tuple[str, str]]:
    out = []
    for item in items:
        assert isinstance(item.text_edit, lsp.TextEdit)
        out.append((item.label, rng(item.text_edit.range)))
    return out


async def test_hover_on_a_query_parameter(client: Client, folder: Path) -> None:
    text = TASKS + "?limit=500&status=Failed\n"
    doc = uri(folder, "hover-query.http")
    open_doc(client, doc, text, "http")
    markdown, where = await hover_text(client, doc, position(text, "status", 2))
    assert markdown.startswith("**status** (string) · ListAsyncTasks\n\nOnly the tasks in this "
                               "state.\n\nValues: `Enqueued`, `Succeeded`")
    assert rng(where) == f"0:{text.index('status')}-0:{text.index('status') + 6}"


async def test_hover_on_an_invoke_header_in_chinese(chinese: Client, folder: Path) -> None:
    doc = uri(folder, "hover-header.http")
    open_doc(chinese, doc, INVOKE, "http")
    markdown, where = await hover_text(chinese, doc, position(INVOKE, "X-Fc-Invocation-Type", 3))
    assert markdown == ("**X-Fc-Invocation-Type** (string) · InvokeFunction\n\n"
                        "Sync 同步等待函数返回;Async 异步调用,适用异步配置。默认 Sync。\n\n"
                        "取值:`Sync`, `Async`")
    assert rng(where) == "1:0-1:20"


async def test_completion_of_parameter_names_and_values(client: Client, folder: Path) -> None:
    text = TASKS + "?limit=5&\n"
    doc = uri(folder, "complete-query.http")
    open_doc(client, doc, text, "http")
    end = len(TASKS) + len("?limit=5&")
    names = plain(await complete(client, doc, lsp.Position(line=0, character=end)))
    assert [label for label, _ in names] == [
        "nextToken", "qualifier", "status", "startedTimeBegin", "startedTimeEnd",
        "sortOrderByTime", "includePayload", "prefix"]  # limit is there already
    assert {where for _, where in names} == {f"0:{end}-0:{end}"}
    text2 = TASKS + "?sortOrderByTime=\n"
    doc2 = uri(folder, "complete-value.http")
    open_doc(client, doc2, text2, "http")
    end2 = len(TASKS) + len("?sortOrderByTime=")
    assert plain(await complete(client, doc2, lsp.Position(line=0, character=end2))) == [
        ("asc", f"0:{end2}-0:{end2}"), ("desc", f"0:{end2}-0:{end2}")]


async def test_completion_of_a_header_value(client: Client, folder: Path) -> None:
    text = INVOKE.replace("Async\n", "As\n", 1)
    doc = uri(folder, "complete-header.http")
    open_doc(client, doc, text, "http")
    items = plain(await complete(client, doc, position(text, "As\n", 2)))
    assert items == [("Sync", "1:22-1:24"), ("Async", "1:22-1:24")]


async def test_the_family_s_diagnostics_reach_the_editor(client: Client, folder: Path) -> None:
    text = TASKS + "?limit=500\n###\n" + INVOKE.replace("Async", "Sync", 1)
    doc = uri(folder, "family.http")
    open_doc(client, doc, text, "http")
    found = seen(await published(client, doc))
    at = len(TASKS) + len("?limit=")
    assert found == [("FC064", f"0:{at}-0:{at + 3}"), ("FC070", "4:0-4:33")]
