"""The workspace's pulled diagnostics are worked out off the event loop: while the server walks
and lints a large workspace folder, hover still answers (the real server over stdio)."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

pytest_lsp = pytest.importorskip("pytest_lsp")

from lsprotocol import types as lsp
from pygls.uris import from_fs_path
from test_lsp import CONFIG, Client

pytestmark = pytest.mark.asyncio(loop_scope="module")

FILES = 3_000  # enough that the scan takes a good part of a second, on any machine here
BODY = '{"maxAsyncRetryAttempts": 9, "maxAsyncEventAgeInSeconds": 300}\n'


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("lsp-large-workspace")
    for index in range(FILES):
        folder = root / f"team-{index % 30:02d}"
        folder.mkdir(exist_ok=True)
        (folder / f"config-{index:04d}.json").write_text(BODY, encoding="utf-8")
    return root


@pytest_lsp.fixture(config=CONFIG, loop_scope="module")
async def pulling(lsp_client: Client, large: Path):
    await lsp_client.initialize_session(lsp.InitializeParams(
        capabilities=lsp.ClientCapabilities(text_document=lsp.TextDocumentClientCapabilities(
            diagnostic=lsp.DiagnosticClientCapabilities())),
        workspace_folders=[lsp.WorkspaceFolder(uri=str(from_fs_path(str(large))), name="ws")],
        initialization_options={"fclint": {"debounceMs": 0}}))
    yield
    await lsp_client.shutdown_session()


async def test_hover_answers_while_the_workspace_is_scanned(pulling: Client,
                                                            large: Path) -> None:
    doc = str(from_fs_path(str(large / "team-00" / "config-0000.json")))
    pulling.text_document_did_open(lsp.DidOpenTextDocumentParams(text_document=lsp.TextDocumentItem(
        uri=doc, language_id="json", version=1, text=BODY)))
    answered: list[str] = []

    async def scan() -> lsp.WorkspaceDiagnosticReport:
        report = await pulling.workspace_diagnostic_async(
            lsp.WorkspaceDiagnosticParams(previous_result_ids=[]))
        answered.append("workspace")
        return report

    async def hover() -> lsp.Hover | None:
        await asyncio.sleep(0.05)  # the scan has begun
        found = await pulling.text_document_hover_async(lsp.HoverParams(
            text_document=lsp.TextDocumentIdentifier(uri=doc),
            position=lsp.Position(line=0, character=4)))
        answered.append("hover")
        return found

    report, found = await asyncio.gather(scan(), hover())
    assert answered == ["hover", "workspace"]
    assert found is not None and "maxAsyncRetryAttempts" in found.contents.value
    assert len(report.items) == FILES
    by_uri = {item.uri: item for item in report.items}
    assert by_uri[doc].version == 1  # the open document as the editor holds it
    assert all([str(d.code) for d in item.items] == ["FC006"] for item in report.items)
