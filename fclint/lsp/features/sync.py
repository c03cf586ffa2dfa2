"""Document sync and publishing: each open document's diagnostics pushed after a short pause in
its changes (one lint a burst of keystrokes), a notebook's to its cells' URIs, none when the
client pulls them."""

from __future__ import annotations

import asyncio

from lsprotocol import types as lsp
from pygls.capabilities import get_capability

from fclint.lsp.documents import lint, lint_notebook, text_document
from fclint.lsp.language_server import FclintServer
from fclint.startup import NoCycleCollection


def did_open(ls: FclintServer, params: lsp.DidOpenTextDocumentParams) -> None:
    schedule(ls, params.text_document.uri, 0)


def did_change(ls: FclintServer, params: lsp.DidChangeTextDocumentParams) -> None:
    schedule(ls, params.text_document.uri, ls.editor.debounce)


def did_close(ls: FclintServer, params: lsp.DidCloseTextDocumentParams) -> None:
    uri = params.text_document.uri
    cancel(ls, uri)
    clear(ls, [uri])


def publish(ls: FclintServer, uri: str) -> None:
    """Push the diagnostics of the document's current text, never older than the last push."""
    ls.pending.pop(uri, None)
    try:
        with NoCycleCollection():  # the collector runs after the diagnostics are out
            _publish(ls, uri)
    except Exception as error:  # noqa: BLE001 - a timer callback: nothing else would report it
        ls.report_server_error(error, None)


def _publish(ls: FclintServer, uri: str) -> None:
    notebook = ls.workspace.get_notebook_document(notebook_uri=uri)
    if notebook is not None:
        publish_notebook(ls, notebook)
        return
    doc = text_document(ls, uri)
    version = doc.version if doc is not None else None
    if doc is None or (version is not None and version < ls.published.get(uri, -1)):
        return
    items = lint(ls, doc)
    ls.published[uri] = version if version is not None else -1
    ls.text_document_publish_diagnostics(
        lsp.PublishDiagnosticsParams(uri=uri, diagnostics=items, version=version))


def publish_notebook(ls: FclintServer, notebook: lsp.NotebookDocument) -> None:
    """Push each cell's diagnostics to the cell's URI (LSP#2040), never for an older notebook
    version than the last push."""
    if notebook.version < ls.published.get(notebook.uri, -1):
        return
    ls.published[notebook.uri] = notebook.version
    for cell_uri, version, items in lint_notebook(ls, notebook):
        ls.text_document_publish_diagnostics(
            lsp.PublishDiagnosticsParams(uri=cell_uri, diagnostics=items, version=version))


def clear(ls: FclintServer, uris: list[str]) -> None:
    if ls.pull:
        return
    for uri in uris:
        ls.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri=uri, diagnostics=[]))


def schedule(ls: FclintServer, uri: str, delay: float) -> None:
    """Lint `uri` after `delay` seconds unless another change comes first: one lint per pause."""
    if ls.pull:
        return
    if (handle := ls.pending.pop(uri, None)) is not None:
        handle.cancel()
    ls.pending[uri] = asyncio.get_running_loop().call_later(delay, publish, ls, uri)


def cancel(ls: FclintServer, uri: str) -> None:
    if (handle := ls.pending.pop(uri, None)) is not None:
        handle.cancel()
    ls.published.pop(uri, None)


def relint_all(ls: FclintServer) -> None:
    """Lint every open document and notebook again (the settings changed): pushed, or for a
    pulling client, a refresh asked for."""
    if ls.pull:
        if get_capability(ls.client_capabilities, "workspace.diagnostics.refresh_support", False):
            ls.workspace_diagnostic_refresh(None)
        return
    for uri in list(ls.workspace.text_documents):
        if ls.workspace.get_notebook_document(cell_uri=uri) is None:  # cells: by notebook
            schedule(ls, uri, 0)
    for uri in list(ls.workspace.notebook_documents):
        schedule(ls, uri, 0)
