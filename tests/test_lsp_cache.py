"""The language server's workspace diagnostics read and fill the result cache `fclint check`
keeps at the project root: a scan of an unchanged workspace costs no lint."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

pytest_lsp = pytest.importorskip("pytest_lsp")

from clihelp import fclint as run
from lsprotocol import types as lsp
from pytest_lsp import ClientServerConfig
from test_cache import ERROR, POISON, poison
from test_lsp import Client, _make_client, uri

from fclint.cache import FILE, ResultCache

pytestmark = pytest.mark.asyncio(loop_scope="module")

# The server finds the cache as `fclint check` does, at the workspace's project root.
ENV = {k: v for k, v in os.environ.items() if k != "FCLINT_CACHE_DIR"}
CONFIG = ClientServerConfig(server_command=[sys.executable, "-m", "fclint.lsp"],
                            client_factory=_make_client, server_env=ENV)


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("cached-workspace")
    (root / ".fclint.toml").write_text('ignore = ["FC007"]\n', encoding="utf-8")
    (root / "checked.json").write_text(ERROR, encoding="utf-8")
    return root


@pytest_lsp.fixture(config=CONFIG, loop_scope="module")
async def pulling(lsp_client: Client, workspace: Path):
    # `fclint check` fills the cache before the editor starts; its answer is then marked.
    checked = run("check", "--cache-dir", str(workspace / ".fclint_cache"), ".", cwd=workspace)
    assert checked.returncode == 1
    poison(workspace / ".fclint_cache", workspace / "checked.json")
    await lsp_client.initialize_session(lsp.InitializeParams(
        capabilities=lsp.ClientCapabilities(text_document=lsp.TextDocumentClientCapabilities(
            diagnostic=lsp.DiagnosticClientCapabilities())),
        workspace_folders=[lsp.WorkspaceFolder(uri=uri(workspace, ""), name="ws")]))
    yield
    await lsp_client.shutdown_session()


async def test_workspace_diagnostics_share_the_command_lines_cache(
        pulling: Client, workspace: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (workspace / "new.json").write_text(ERROR, encoding="utf-8")
    report = await pulling.workspace_diagnostic_async(
        lsp.WorkspaceDiagnosticParams(previous_result_ids=[]))
    messages = {item.uri: [d.message for d in item.items] for item in report.items}
    assert messages[uri(workspace, "checked.json")][0].startswith(POISON + "9 is greater")
    assert messages[uri(workspace, "new.json")][0].startswith("9 is greater")
    # What the server linted is kept for the next `fclint check`.
    assert (workspace / ".fclint_cache" / FILE).is_file()
    monkeypatch.chdir(workspace)
    assert str(workspace / "new.json") in ResultCache(workspace / ".fclint_cache").entries
