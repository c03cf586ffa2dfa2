"""Document sync and publishing: each open document's diagnostics pushed after a short pause in
its changes (one lint a burst of keystrokes), linted on the lint thread so that requests never
wait for it; a notebook's to its cells' URIs; none when the client pulls them."""

from __future__ import annotations

import asyncio
from typing import Any

from lsprotocol import types as lsp
from pygls.capabilities import get_capability

from fclint.lsp.language_server import FclintServer
from fclint.lsp.linting import forget, lint_soon, version_of


def did_open(ls: FclintServer, params: lsp.DidOpenTextDocumentParams) -> None:
    schedule(ls, params.text_document.uri, 0)


def did_change(ls: FclintServer, params: lsp.DidChangeTextDocumentParams) -> None:
    schedule(ls, params.text_document.uri, ls.editor.debounce)


def did_close(ls: FclintServer, params: lsp.DidCloseTextDocumentParams) -> None:
    uri = params.text_document.uri
    cancel(ls, uri)
    clear(ls, [uri])


def publish(ls: FclintServer, uri: str) -> None:
    """Lint the document's current text; its diagnostics are pushed when the lint is done."""
    ls.pending.pop(uri, None)
    try:
        future = lint_soon(ls, uri)
    except Exception as error:  # noqa: BLE001 - a timer callback: nothing else would report it
        ls.report_server_error(error, None)
        return
    if future is not None:
        version = version_of(ls, uri)
        future.add_done_callback(lambda done: _deliver(ls, uri, version, done))


def _deliver(ls: FclintServer, uri: str, version: Any, done: asyncio.Future[Any]) -> None:
    """Push a finished lint, unless the text has changed since (its own lint is coming) or a
    newer version was pushed already."""
    if done.cancelled() or version != version_of(ls, uri):
        return
    if isinstance(error := done.exception(), Exception):
        ls.report_server_error(error, None)
        return
    notebook = ls.workspace.get_notebook_document(notebook_uri=uri)
    number = version[-1]
    if number is not None and number < ls.published.get(uri, -1):
        return
    ls.published[uri] = number if number is not None else -1
    if notebook is not None:  # each cell's to the cell's URI (LSP#2040)
        for cell_uri, cell_version, items in done.result():
            ls.text_document_publish_diagnostics(
                lsp.PublishDiagnosticsParams(uri=cell_uri, diagnostics=items, version=cell_version))
        return
    ls.text_document_publish_diagnostics(
        lsp.PublishDiagnosticsParams(uri=uri, diagnostics=done.result(), version=number))


def clear(ls: FclintServer, uris: list[str]) -> None:
    forget(ls, uris)
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
    forget(ls, [uri])


def relint_all(ls: FclintServer) -> None:
    """Lint every open document and notebook again (the settings changed): pushed, or for a
    pulling client, a refresh asked for."""
    ls.results.clear()  # linted with the old settings
    ls.generation += 1
    if ls.pull:
        if get_capability(ls.client_capabilities, "workspace.diagnostics.refresh_support", False):
            ls.workspace_diagnostic_refresh(None)
        return
    # Each document by the URI the client sent (the workspace keys them unquoted: a path with
    # a space would be published as another URI).
    for doc in list(ls.workspace.text_documents.values()):
        if ls.workspace.get_notebook_document(cell_uri=doc.uri) is None:  # cells: by notebook
            schedule(ls, doc.uri, 0)
    for notebook in list(ls.workspace.notebook_documents.values()):
        schedule(ls, notebook.uri, 0)
