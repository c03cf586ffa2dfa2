"""End-to-end tests of `fclint lsp` for editing: completion, hover in the client's language and
on diagnostics, ignore-comment actions, notebooks (LSP 3.17 sync and jupyterlab-lsp's virtual
documents) and workspace diagnostics. The real server in a subprocess, driven by pytest-lsp."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import pytest

pytest_lsp = pytest.importorskip("pytest_lsp")

from lsprotocol import types as lsp
from pygls.uris import from_fs_path
from test_lsp import CONFIG, Client  # the same recording client and server command

from fclint.names import FC2_REGIONS, FC3_REGIONS
from fclint.rules import RULES

pytestmark = pytest.mark.asyncio(loop_scope="module")

TIMEOUT = 30.0  # seconds: generous for a loaded 2-core machine; passing tests never wait it out
T = TypeVar("T")
# A client with snippets and notebook sync, as VS Code is (pygls advertises notebook sync only
# to clients that declare it).
SNIPPETS = lsp.ClientCapabilities(
    text_document=lsp.TextDocumentClientCapabilities(completion=lsp.CompletionClientCapabilities(
        completion_item=lsp.ClientCompletionItemOptions(snippet_support=True))),
    notebook_document=lsp.NotebookDocumentClientCapabilities(
        synchronization=lsp.NotebookDocumentSyncClientCapabilities()))
AGE = '{\n  "maxAsyncEventAgeInSeconds": 1209600,\n  "maxAsyncRetryAttempts": 9\n}\n'


async def _start(client: Client, **params: Any) -> lsp.InitializeResult:
    params.setdefault("capabilities", SNIPPETS)
    return await client.initialize_session(lsp.InitializeParams(
        initialization_options={"fclint": {"debounceMs": 50}}, **params))


@pytest_lsp.fixture(config=CONFIG, scope="module")
async def client(lsp_client: Client):
    """One English-speaking server that pushes diagnostics, for the tests that change nothing."""
    lsp_client.initialize_result = await _start(lsp_client)  # type: ignore[attr-defined]
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=CONFIG, loop_scope="module")
async def chinese(lsp_client: Client):
    """A client whose locale is zh-CN."""
    await _start(lsp_client, locale="zh-CN")
    yield
    await lsp_client.shutdown_session()


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("lsp-editing")


def uri(folder: Path, name: str) -> str:
    return str(from_fs_path(str(folder / name)))


def open_doc(client: Client, doc: str, text: str, language: str = "json",
             version: int = 1) -> None:
    client.text_document_did_open(lsp.DidOpenTextDocumentParams(
        text_document=lsp.TextDocumentItem(uri=doc, language_id=language, version=version,
                                           text=text)))


async def wait_for(client: Client, method: str, ready: Callable[[], T | None]) -> T:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + TIMEOUT
    while (found := ready()) is None:
        waiter = client.protocol.wait_for_notification_async(method)
        await asyncio.wait_for(waiter, max(deadline - loop.time(), 0.01))
    return found


async def published(client: Client, doc: str, version: int | None = None,
                    after: int = 0) -> list[lsp.Diagnostic]:
    """The diagnostics of the first publish for `doc` (at `version`) from index `after` on."""
    def ready() -> list[lsp.Diagnostic] | None:
        for params in client.published[after:]:
            if params.uri == doc and (version is None or params.version == version):
                return list(params.diagnostics)
        return None

    return await wait_for(client, lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS, ready)


def seen(diagnostics: list[lsp.Diagnostic]) -> list[tuple[str, str]]:
    """Code and range of each diagnostic, as a user sees them."""
    return [(str(d.code), rng(d.range)) for d in diagnostics]


def rng(found: lsp.Range) -> str:
    return f"{found.start.line}:{found.start.character}-{found.end.line}:{found.end.character}"


def position(text: str, marker: str, after: int = 0) -> lsp.Position:
    """The position `after` characters past the start of `marker` (all ASCII here)."""
    index = text.index(marker) + after
    line = text.count("\n", 0, index)
    return lsp.Position(line=line, character=index - (text.rfind("\n", 0, index) + 1))


async def complete(client: Client, doc: str, where: lsp.Position) -> list[lsp.CompletionItem]:
    result = await client.text_document_completion_async(lsp.CompletionParams(
        text_document=lsp.TextDocumentIdentifier(uri=doc), position=where))
    assert isinstance(result, lsp.CompletionList)
    return list(result.items)


def inserted(items: list[lsp.CompletionItem]) -> list[tuple[str, str, str]]:
    """Label, inserted snippet and replaced range of each item."""
    out = []
    for item in items:
        assert isinstance(item.text_edit, lsp.TextEdit)
        assert item.insert_text_format == lsp.InsertTextFormat.Snippet
        out.append((item.label, item.text_edit.new_text, rng(item.text_edit.range)))
    return out


async def hover_text(client: Client, doc: str, where: lsp.Position) -> tuple[str, lsp.Range]:
    result = await client.text_document_hover_async(lsp.HoverParams(
        text_document=lsp.TextDocumentIdentifier(uri=doc), position=where))
    assert result is not None and isinstance(result.contents, lsp.MarkupContent)
    assert result.contents.kind == lsp.MarkupKind.Markdown and result.range is not None
    return result.contents.value, result.range


# --- completion -----------------------------------------------------------------------------

async def test_completion_offers_every_key_with_snippets(client: Client, folder: Path) -> None:
    text = '{\n  ""\n}\n'
    doc = uri(folder, "complete-keys.json")
    open_doc(client, doc, text)
    items = await complete(client, doc, position(text, '""', 1))
    assert inserted(items) == [
        ("destinationConfig", '"destinationConfig": {$0}', "1:2-1:4"),
        ("maxAsyncEventAgeInSeconds", '"maxAsyncEventAgeInSeconds": ${1:86400}', "1:2-1:4"),
        ("maxAsyncRetryAttempts", '"maxAsyncRetryAttempts": ${1:3}', "1:2-1:4"),
        ("statefulInvocation", '"statefulInvocation": ${1|true,false|}', "1:2-1:4"),
        ("qualifier", '"qualifier": "${1:LATEST}"', "1:2-1:4"),
    ]
    assert items[2].filter_text == '"maxAsyncRetryAttempts": 3'
    assert items[2].kind == lsp.CompletionItemKind.Property


async def test_completion_in_broken_text_skips_present_keys(client: Client,
                                                            folder: Path) -> None:
    # Line 2 is an unclosed string: nothing parses, yet the keys around the cursor are known.
    text = ('{\n  "maxAsyncRetryAttempts": 3,\n  "ma\n  "destinationConfig": {\n'
            '    "onFailure": {"destination": ""},\n    "\n  },\n  "statefulInvocation": \n}\n')
    doc = uri(folder, "complete-broken.json")
    open_doc(client, doc, text)
    top = await complete(client, doc, position(text, '"ma\n', 3))
    assert inserted(top) == [
        ("maxAsyncEventAgeInSeconds", '"maxAsyncEventAgeInSeconds": ${1:86400}', "2:2-2:5"),
        ("qualifier", '"qualifier": "${1:LATEST}"', "2:2-2:5"),
    ]
    nested = await complete(client, doc, position(text, '    "\n', 5))
    assert inserted(nested) == [("onSuccess", '"onSuccess": {"destination": "$1"}', "5:4-5:5")]
    flag = await complete(client, doc, position(text, '"statefulInvocation": ', 22))
    assert [(item.label, item.kind) for item in flag] == [
        ("true", lsp.CompletionItemKind.Value), ("false", lsp.CompletionItemKind.Value)]


async def test_completion_of_destination_arns_with_regions(client: Client,
                                                           folder: Path) -> None:
    text = '{"destinationConfig": {"onSuccess": {"destination": ""}}}'
    doc = uri(folder, "complete-arn.json")
    open_doc(client, doc, text)
    items = await complete(client, doc, position(text, '""', 1))
    regions = ",".join(sorted(FC2_REGIONS))
    assert [item.label for item in items] == [
        "MNS queue ARN", "MNS topic ARN", "FC 2.0 function ARN", "EventBridge event bus ARN",
        "ApsaraMQ for RocketMQ topic ARN"]
    assert inserted(items)[0] == (
        "MNS queue ARN",
        f'"acs:mns:${{1|{regions}|}}:${{2:accountId}}:/queues/${{3:queue}}/messages"',
        "0:52-0:54")
    assert inserted(items)[2][1] == (
        f'"acs:fc:${{1|{regions}|}}:${{2:accountId}}:services/${{3:service}}.${{4:LATEST}}'
        '/functions/${5:function}"')
    assert "cn-north-2-gov-1" in regions and "me-central-1" not in regions

    fc3 = '{"asyncTask": true, "destinationConfig": {"onFailure": {"destination": "acs'
    doc3 = uri(folder, "complete-arn-fc3.json")
    open_doc(client, doc3, fc3)
    items = await complete(client, doc3, lsp.Position(line=0, character=len(fc3)))
    labels = [item.label for item in items]
    assert "FC 3.0 function ARN" in labels and "FC 2.0 function ARN" not in labels
    snippet = inserted(items)[labels.index("FC 3.0 function ARN")]
    fc3_regions = ",".join(sorted(FC3_REGIONS))
    quote = fc3.rindex('"')
    assert snippet == ("FC 3.0 function ARN",
                       f'"acs:fc:${{1|{fc3_regions}|}}:${{2:accountId}}:functions/${{3:function}}"',
                       f"0:{quote}-0:{len(fc3)}")


async def test_completion_of_qualifiers(client: Client, folder: Path) -> None:
    text = '{"maxAsyncRetryAttempts": 2, "qualifier": ""}'
    doc = uri(folder, "complete-qualifier.json")
    open_doc(client, doc, text)
    items = await complete(client, doc, position(text, '""', 1))
    assert inserted(items) == [("LATEST", '"LATEST"', "0:42-0:44")]


async def test_no_completion_in_unrelated_json(client: Client, folder: Path) -> None:
    text = '{"name": "my-package", ""}'
    doc = uri(folder, "package.json")
    open_doc(client, doc, text)
    assert await complete(client, doc, position(text, '""', 1)) == []


# --- hover ----------------------------------------------------------------------------------

async def test_hover_shows_what_each_api_document_says(client: Client, folder: Path) -> None:
    doc = uri(folder, "hover-en.json")
    open_doc(client, doc, AGE)
    text, where = await hover_text(client, doc, position(AGE, "maxAsyncEventAge", 3))
    assert text.startswith("**maxAsyncEventAgeInSeconds** (integer, 1 to 2592000) · "
                           "PutFunctionAsyncInvokeConfig request body\n\n"
                           "The validity period of requests, in seconds.")
    assert "| English | Long | 1 to 2592000 | not stated |" in text
    assert "| Chinese (request table) | Long | 1 to 604800 | 86400 |" in text
    assert ("⚠ The documents disagree: the English document allows 1 to 2592000 with no "
            "default stated; the Chinese request table allows 1 to 604800 with default 86400."
            ) in text
    assert rng(where) == "1:2-1:29"


async def test_hover_in_chinese_for_a_chinese_locale(chinese: Client, folder: Path) -> None:
    doc = uri(folder, "hover-zh.json")
    open_doc(chinese, doc, AGE)
    text, _ = await hover_text(chinese, doc, position(AGE, "maxAsyncEventAge", 3))
    assert text.startswith("**maxAsyncEventAgeInSeconds** (整数, 1 到 2592000) · "
                           "PutFunctionAsyncInvokeConfig 请求体\n\n消息最大存活时长,单位为秒。")
    assert "| 中文文档(请求参数表) | Long | 1 到 604800 | 86400 |" in text
    assert ("⚠ 两份文档不一致: 英文文档为 1 到 2592000,未写默认值;"
            "中文请求参数表为 1 到 604800,默认值 86400。") in text
    retries, _ = await hover_text(chinese, doc, position(AGE, "maxAsyncRetry", 3))
    assert retries.startswith("**maxAsyncRetryAttempts** (整数, 0 到 8, 默认 3)")
    assert "两份文档不一致" not in retries  # both documents say 0 to 8, default 3


async def test_hover_on_a_diagnostic_shows_the_rules_docs(client: Client,
                                                          folder: Path) -> None:
    doc = uri(folder, "hover-rule.json")
    open_doc(client, doc, AGE)
    diagnostics = await published(client, doc)
    [fc006] = [d for d in diagnostics if d.code == "FC006"]
    text, where = await hover_text(client, doc, fc006.range.start)
    rule = RULES["FC006"]
    assert text.startswith(f"**FC006** `{rule.name}` · error\n\n{fc006.message}\n\n"
                           "#### What it does\n")
    assert rule.section("Why is this bad?").splitlines()[0] in text
    assert where == fc006.range
    [fc007] = [d for d in diagnostics if d.code == "FC007"]
    text, _ = await hover_text(client, doc, fc007.range.start)
    assert text.startswith("**FC007**")  # the event age's value, not its key
    key, _ = await hover_text(client, doc, position(AGE, "maxAsyncEventAge", 3))
    assert "FC007" not in key


# --- code actions ---------------------------------------------------------------------------

async def _actions(client: Client, doc: str, found: lsp.Diagnostic) -> list[lsp.CodeAction]:
    actions = await client.text_document_code_action_async(lsp.CodeActionParams(
        text_document=lsp.TextDocumentIdentifier(uri=doc), range=found.range,
        context=lsp.CodeActionContext(diagnostics=[found])))
    assert actions is not None
    return [a for a in actions if isinstance(a, lsp.CodeAction)]


async def test_ignore_comment_action_where_the_format_has_comments(client: Client,
                                                                   folder: Path) -> None:
    yaml_text = ("edition: 3.0.0\nname: app\nresources:\n  hello:\n    component: fc3\n"
                 "    props:\n      region: cn-hangzhou\n      functionName: hello\n"
                 "      asyncInvokeConfig:\n        maxAsyncRetryAttempts: 9\n")
    doc = uri(folder, "s.yaml")
    open_doc(client, doc, yaml_text, language="yaml")
    [found] = await published(client, doc)
    assert seen([found]) == [("FC006", "9:31-9:32")]
    actions = await _actions(client, doc, found)
    assert [a.title for a in actions] == [
        "Change to 8, the largest value maxAsyncRetryAttempts takes",
        "Ignore FC006 on this line (# fclint: ignore)"]
    ignore = actions[1]
    assert ignore.kind == lsp.CodeActionKind.QuickFix and ignore.edit is not None
    assert ignore.edit.changes is not None and list(ignore.edit.changes[doc]) == [lsp.TextEdit(
        range=lsp.Range(start=lsp.Position(line=9, character=0),
                        end=lsp.Position(line=9, character=0)),
        new_text="        # fclint: ignore[FC006]\n")]

    # Applied, the comment silences the finding.
    client.text_document_did_change(lsp.DidChangeTextDocumentParams(
        text_document=lsp.VersionedTextDocumentIdentifier(uri=doc, version=2),
        content_changes=[lsp.TextDocumentContentChangeWholeDocument(
            text=yaml_text.replace("        max", "        # fclint: ignore[FC006]\n        max"))]))
    assert await published(client, doc, version=2) == []

    # An ignore comment already on the line before gets the code added in its brackets.
    python = ("# fclint: ignore[FC001]\n"
              "request = models.PutFunctionAsyncInvokeConfigRequest(max_async_retry_attempts=9)\n")
    pydoc = uri(folder, "script.py")
    open_doc(client, pydoc, python, language="python")
    diagnostics = await published(client, pydoc)
    fc006 = next(d for d in diagnostics if d.code == "FC006")
    [_, ignore] = await _actions(client, pydoc, fc006)
    assert ignore.edit is not None and ignore.edit.changes is not None
    assert list(ignore.edit.changes[pydoc]) == [lsp.TextEdit(
        range=lsp.Range(start=lsp.Position(line=0, character=22),
                        end=lsp.Position(line=0, character=22)),
        new_text=", FC006")]


async def test_no_ignore_comment_action_in_json(client: Client, folder: Path) -> None:
    doc = uri(folder, "no-comments.json")
    open_doc(client, doc, AGE)
    diagnostics = await published(client, doc)
    fc006 = next(d for d in diagnostics if d.code == "FC006")
    assert [a.title for a in await _actions(client, doc, fc006)] == [
        "Change to 8, the largest value maxAsyncRetryAttempts takes"]


# --- notebooks ------------------------------------------------------------------------------

PYTHON_CELL = (
    "%pip install alibabacloud_fc_open20210406\n"
    "from alibabacloud_fc_open20210406 import models\n"
    "request = models.PutFunctionAsyncInvokeConfigRequest(max_async_retry_attempts=9)"
)
MAGIC_CELL = '%%fclint --kind fc3-request\n{\n  "maxAsyncEventAgeInSeconds": 604801\n}'


def _cell(notebook: str, index: int) -> str:
    return f"{notebook.replace('file://', 'vscode-notebook-cell://')}#W{index}sZmlsZQ%3D%3D"


async def test_notebook_sync_publishes_to_cell_uris(client: Client, folder: Path) -> None:
    capabilities = client.initialize_result.capabilities  # type: ignore[attr-defined]
    sync = capabilities.notebook_document_sync
    assert isinstance(sync, lsp.NotebookDocumentSyncOptions)
    [selector] = sync.notebook_selector
    assert isinstance(selector, lsp.NotebookDocumentFilterWithNotebook)
    assert selector.notebook == "jupyter-notebook"
    assert [c.language for c in selector.cells] == ["python"]

    notebook = uri(folder, "analysis.ipynb")
    cells = [("markdown", "Set maxAsyncRetryAttempts to 9"), ("python", PYTHON_CELL),
             ("python", MAGIC_CELL)]
    start = len(client.published)
    client.notebook_document_did_open(lsp.DidOpenNotebookDocumentParams(
        notebook_document=lsp.NotebookDocument(
            uri=notebook, notebook_type="jupyter-notebook", version=1,
            cells=[lsp.NotebookCell(kind=lsp.NotebookCellKind.Markup if language == "markdown"
                                    else lsp.NotebookCellKind.Code, document=_cell(notebook, i))
                   for i, (language, _) in enumerate(cells)]),
        cell_text_documents=[lsp.TextDocumentItem(uri=_cell(notebook, i), language_id=language,
                                                  version=1, text=text)
                             for i, (language, text) in enumerate(cells)]))
    assert await published(client, _cell(notebook, 0), after=start) == []
    assert seen(await published(client, _cell(notebook, 1), after=start)) == [
        ("FC006", "2:78-2:79")]  # line 3 of the cell: the %pip line did not break parsing
    assert seen(await published(client, _cell(notebook, 2), after=start)) == [
        ("FC005", "2:31-2:37")]  # the %%fclint body, linted as FC 3.0 (604800 at most)
    assert not any(p.uri.startswith("file:") for p in client.published[start:])

    # Hovering the finding in the cell shows its rule.
    text, _ = await hover_text(client, _cell(notebook, 2), lsp.Position(line=2, character=32))
    assert text.startswith("**FC005**")

    # Editing a cell re-lints it; the version guard holds per notebook.
    start = len(client.published)
    client.notebook_document_did_change(lsp.DidChangeNotebookDocumentParams(
        notebook_document=lsp.VersionedNotebookDocumentIdentifier(uri=notebook, version=2),
        change=lsp.NotebookDocumentChangeEvent(cells=lsp.NotebookDocumentCellChanges(
            text_content=[lsp.NotebookDocumentCellContentChanges(
                document=lsp.VersionedTextDocumentIdentifier(uri=_cell(notebook, 2), version=2),
                changes=[lsp.TextDocumentContentChangeWholeDocument(
                    text=MAGIC_CELL.replace("604801", "86400"))])]))))
    assert await published(client, _cell(notebook, 2), version=2, after=start) == []

    start = len(client.published)
    client.notebook_document_did_close(lsp.DidCloseNotebookDocumentParams(
        notebook_document=lsp.NotebookDocumentIdentifier(uri=notebook),
        cell_text_documents=[lsp.TextDocumentIdentifier(uri=_cell(notebook, i))
                             for i in range(len(cells))]))
    assert await published(client, _cell(notebook, 1), after=start) == []


HELP_CELL = ("from alibabacloud_fc20230330 import models as fc3\n"
             "req = fc3.PutAsyncInvokeConfigInput(max_async_retry_attempts=9)\nreq?\n??req")
R_CELL = "cfg <- c('maxAsyncRetryAttempts' = 9)"  # a syntax error, were it Python


@pytest.mark.parametrize("metadata, text, expected", [
    ({"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
     HELP_CELL, [("FC006", "1:61-1:62")]),  # the help lines blanked, as `fclint check` does
    ({"kernelspec": {"name": "ir", "display_name": "R", "language": "R"}}, R_CELL, []),
    ({"metadata": {"language_info": {"name": "bash"}}}, R_CELL, []),  # nested, as editors may
], ids=["Python kernel", "R kernel", "bash kernel"])
async def test_notebook_sync_reads_the_kernel(client: Client, folder: Path,
                                              metadata: dict[str, Any], text: str,
                                              expected: list[tuple[str, str]]) -> None:
    notebook = uri(folder, f"kernel-{len(client.published)}.ipynb")
    start = len(client.published)
    client.notebook_document_did_open(lsp.DidOpenNotebookDocumentParams(
        notebook_document=lsp.NotebookDocument(
            uri=notebook, notebook_type="jupyter-notebook", version=1, metadata=metadata,
            cells=[lsp.NotebookCell(kind=lsp.NotebookCellKind.Code,
                                    document=_cell(notebook, 0))]),
        cell_text_documents=[lsp.TextDocumentItem(uri=_cell(notebook, 0), language_id="python",
                                                  version=1, text=text)]))
    assert seen(await published(client, _cell(notebook, 0), after=start)) == expected


async def test_jupyterlab_virtual_notebook_is_linted_as_python(client: Client,
                                                               folder: Path) -> None:
    # jupyterlab-lsp joins the code cells with blank lines and rewrites magics as calls.
    cells = [
        ('get_ipython().run_line_magic("pip", "install alibabacloud_fc_open20210406")\n'
         "from alibabacloud_fc_open20210406 import models"),
        ("request = models.PutFunctionAsyncInvokeConfigRequest(\n"
         "    max_async_retry_attempts=9)"),
    ]
    text = "\n\n\n".join(cells) + "\n"
    doc = uri(folder, ".virtual_documents/analysis.ipynb")
    open_doc(client, doc, text, language="python")
    assert seen(await published(client, doc)) == [("FC006", "5:29-5:30")]
    pydoc = uri(folder, ".virtual_documents/analysis.py")
    open_doc(client, pydoc, text, language="python")
    assert seen(await published(client, pydoc)) == [("FC006", "5:29-5:30")]



# What the user types in JupyterLab: a `%%fclint` cell (its options quoted), an SDK call, a
# `%%fclint` cell with a mistyped option, and one whose finding is on the cell's last line.
VIRTUAL_CELLS = [
    '%%fclint --kind fc3-request --ignore "FC091"\n{\n  "maxAsyncEventAgeInSeconds": 604801,\n'
    '  "maxAsyncRetryAttempts": 9\n}',
    "from alibabacloud_fc_open20210406 import models\n"
    "request = models.PutFunctionAsyncInvokeConfigRequest(max_async_retry_attempts=9)",
    "%%fclint --knd fc3-request\n{}",
    '%%fclint\n{"maxAsyncRetryAttempts": 9}',
]


def jupyterlab_lsp_virtual(cells: list[str]) -> tuple[str, list[int]]:
    r"""The virtual document jupyterlab-lsp 5 sends for these cells, by its IPython override of
    cell magics: `%%NAME ARGS` and the body become one call, `"` and `\` of ARGS escaped, a
    triple quote of the body escaped; cells joined by two blank lines. Also the virtual line
    (0-based) where each cell starts."""
    chunks, starts, line = [], [], 0
    for cell in cells:
        if cell.startswith("%%"):
            first, _, body = cell.partition("\n")
            name, _, args = first[2:].partition(" ")
            args = (" " + args if args else "").replace("\\", "\\\\").replace('"', '\\"')
            body = body.replace('"""', '\\"\\"\\"')
            cell = f'get_ipython().run_cell_magic("{name}", "{args}", """{body}""")'
        chunks.append(cell)
        starts.append(line)
        line += cell.count("\n") + 3
    return "\n\n\n".join(chunks) + "\n", starts


async def test_jupyterlab_virtual_magic_cells_are_linted_as_cells(client: Client,
                                                                  folder: Path) -> None:
    text, starts = jupyterlab_lsp_virtual(VIRTUAL_CELLS)
    assert text.startswith('get_ipython().run_cell_magic("fclint", " --kind fc3-request '
                           '--ignore \\"FC091\\"", """{\n')
    doc = uri(folder, ".virtual_documents/magic.ipynb")
    open_doc(client, doc, text, language="python")
    found = await published(client, doc)
    # Each finding on the virtual line jupyterlab-lsp shows as the cell's line that holds it;
    # the last line of a cell has none (the magic line was folded into the call): its finding
    # is shown across the line above, here the magic line.
    assert seen(found) == [("FC005", "2:31-2:37"), ("FC006", "3:27-3:28"),
                           ("FC006", "7:78-7:79"), ("FC000", "10:0-10:26"),
                           ("FC006", "13:0-13:8")]
    # No fix in a `%%fclint` cell: its edits would miss the cell's text; the SDK call keeps its.
    assert [d.data is not None for d in found] == [False, False, True, False, False]

    # `fclint check nb.ipynb` numbers the same cells' lines the same way (the magic line is 1).
    nbformat = pytest.importorskip("nbformat")
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c)
                                               for c in VIRTUAL_CELLS])
    from fclint.config import SettingsResolver
    from fclint.engine import lint_text

    path = folder / "magic.ipynb"
    settings = SettingsResolver(frozenset(RULES), {}).for_path(path)
    checked = lint_text(nbformat.writes(notebook), str(path), settings).diagnostics
    by_cell = [(d.cell, d.span.line, d.span.column, d.code) for d in checked]

    def cell_of(line: int) -> tuple[int, int]:
        index = max(i for i, start in enumerate(starts) if start <= line)
        return index + 1, line - starts[index] + 1

    assert [(*cell_of(d.range.start.line), d.range.start.character + 1, str(d.code))
            for d in found[:-1]] == by_cell[:-1]
    assert by_cell[-1] == (4, 2, 27, "FC006")


async def test_jupyterlab_extension_magic_cell_document(client: Client, folder: Path) -> None:
    # fclint's JupyterLab extension sends a `%%fclint` cell, as written, as a document of
    # language "fclint" named after its notebook: linted as `fclint check nb.ipynb` lints it.
    cell = '%%fclint --kind fc3-request\n{\n  "maxAsyncEventAgeInSeconds": 604801\n}'
    doc = uri(folder, "analysis.ipynb.python-fclint-1.fclint")
    open_doc(client, doc, cell, language="fclint")
    found = await published(client, doc)
    assert seen(found) == [("FC005", "2:31-2:37")]
    text, _ = await hover_text(client, doc, lsp.Position(line=2, character=32))
    assert text.startswith("**FC005**")
    bad = uri(folder, "analysis.ipynb.python-fclint-2.fclint")
    open_doc(client, bad, "%%fclint --knd x\n{}", language="fclint")
    assert seen(await published(client, bad)) == [("FC000", "0:0-0:16")]

# --- workspace diagnostics ------------------------------------------------------------------

@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("lsp-workspace")
    (root / "config.json").write_text('{"maxAsyncRetryAttempts": 9}\n', encoding="utf-8")
    (root / "package.json").write_text('{"name": "unrelated"}\n', encoding="utf-8")
    (root / "deploy").mkdir()
    (root / "deploy" / "clean.json").write_text('{"maxAsyncRetryAttempts": 2}\n',
                                                encoding="utf-8")
    (root / "node_modules").mkdir()
    (root / "node_modules" / "dep.json").write_text('{"maxAsyncRetryAttempts": 99}\n',
                                                    encoding="utf-8")
    return root


@pytest_lsp.fixture(config=CONFIG, loop_scope="module")
async def pulling(lsp_client: Client, workspace: Path):
    """A pulling client (as VS Code) with one workspace folder."""
    lsp_client.initialize_result = await _start(  # type: ignore[attr-defined]
        lsp_client,
        capabilities=lsp.ClientCapabilities(text_document=lsp.TextDocumentClientCapabilities(
            diagnostic=lsp.DiagnosticClientCapabilities())),
        workspace_folders=[lsp.WorkspaceFolder(uri=uri(workspace, ""), name="ws")])
    yield
    await lsp_client.shutdown_session()


async def test_workspace_diagnostics_for_every_config(pulling: Client, workspace: Path) -> None:
    provider = pulling.initialize_result.capabilities.diagnostic_provider  # type: ignore[attr-defined]
    assert isinstance(provider, lsp.DiagnosticOptions) and provider.workspace_diagnostics
    # An open document is reported as the editor holds it, with its version.
    open_doc(pulling, uri(workspace, "config.json"), '{"maxAsyncRetryAttempts": 10}\n',
             version=7)
    report = await pulling.workspace_diagnostic_async(
        lsp.WorkspaceDiagnosticParams(previous_result_ids=[]))
    found = {}
    for item in report.items:
        assert isinstance(item, lsp.WorkspaceFullDocumentDiagnosticReport)
        found[item.uri] = (item.version, [(str(d.code), rng(d.range), d.message.split()[0])
                                          for d in item.items])
    assert found == {
        uri(workspace, "config.json"): (7, [("FC006", "0:26-0:28", "10")]),
        uri(workspace, "deploy/clean.json"): (None, []),
    }
    assert pulling.published == []  # a pulling client is never pushed to
