"""Lints of open documents and notebooks on the lint thread (`fclint.lsp.worker`), under the
command line's limits: a document over max-file-size gets its one FC090 and is otherwise left
alone, as is one whose lint runs past the per-file time budget. Each result is kept with the
version it is of, for hover to read without linting again."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Hashable
from typing import Any

from lsprotocol import types as lsp

from fclint import timelimit
from fclint.config import Settings
from fclint.engine import limit_exceeded, too_large
from fclint.lsp.convert import Lines
from fclint.lsp.convert import diagnostic as lsp_diagnostic
from fclint.lsp.documents import (
    findings,
    fs_name,
    lint_notebook_cells,
    lint_path,
    notebook_cells,
    text_document,
)
from fclint.lsp.language_server import FclintServer
from fclint.lsp.worker import Linter

SNIFF_BYTES = 65536  # what `too_large` reads of a file to tell whether it may hold a config
Cells = list[tuple[str, Any, list[lsp.Diagnostic]]]  # (cell URI, cell version, diagnostics)


def oversized(text: str, settings: Settings) -> int | None:
    """The size in bytes of a text over max-file-size, else None."""
    if len(text) * 4 <= settings.max_file_size:
        return None  # no character takes more than 4 bytes
    size = len(text.encode("utf-8", "surrogatepass"))
    return size if size > settings.max_file_size else None


def left_alone(ls: FclintServer, uri: str) -> bool:
    """Whether hover, completion and code actions pass over `uri`: over max-file-size."""
    doc = text_document(ls, uri)
    path = lint_path(doc) if doc is not None else None
    return doc is not None and path is not None \
        and oversized(doc.source, ls.settings_for(path)) is not None


def lint_document_text(text: str, path: str, settings: Settings, name: str | None = None,
                       language_id: str | None = None) -> list[lsp.Diagnostic]:
    """The diagnostics of a document's text, within max-file-size (runs on the lint thread);
    `name` is the document's own file name when it is not `path`."""
    size = oversized(text, settings)
    if size is not None:
        head = text[:SNIFF_BYTES].encode("utf-8", "surrogatepass")
        found = too_large(head, path, settings, None, size).diagnostics
    else:
        found, text = findings(text, name or path, language_id, path, settings)
    lines = Lines(text)
    return [lsp_diagnostic(item, lines) for item in found]


def timed_out(path: str, settings: Settings) -> list[lsp.Diagnostic]:
    lines = Lines("")
    return [lsp_diagnostic(found, lines)
            for found in limit_exceeded(path, settings, timelimit.exceeded()).diagnostics]


def linter(ls: FclintServer) -> Linter:
    if ls.linter is None:
        ls.linter = Linter(asyncio.get_running_loop(), timelimit.SECONDS_PER_FILE)
    return ls.linter


def version_of(ls: FclintServer, uri: str) -> Hashable:
    """What a result of `uri` (a document, a cell or a notebook) must match to be current."""
    notebook = (ls.workspace.get_notebook_document(notebook_uri=uri)
                or ls.workspace.get_notebook_document(cell_uri=uri))
    if notebook is not None:
        return ls.generation, notebook.uri, notebook.version
    doc = text_document(ls, uri)
    return ls.generation, doc.version if doc is not None else None


def lint_soon(ls: FclintServer, uri: str) -> asyncio.Future[Any] | None:
    """The coming diagnostics of open document `uri` (a list), or of notebook `uri` (`Cells`);
    None when it is neither open nor ours."""
    notebook = ls.workspace.get_notebook_document(notebook_uri=uri)
    version = version_of(ls, uri)
    job = _notebook_job(ls, notebook) if notebook is not None else _document_job(ls, uri)
    if job is None:
        return None
    future = linter(ls).submit(uri, version, *job)
    future.add_done_callback(lambda done: _keep(ls, uri, version, notebook is not None, done))
    return future


Work = tuple[Callable[[], Any], Callable[[], Any]]  # the lint, and its result on a timeout


def _document_job(ls: FclintServer, uri: str) -> Work | None:
    doc = text_document(ls, uri)
    path = lint_path(doc) if doc is not None else None
    if doc is None or path is None:
        return None
    text, settings = doc.source, ls.settings_for(path)
    name, language_id = fs_name(doc.uri), doc.language_id
    return (lambda: lint_document_text(text, path, settings, name, language_id),
            lambda: timed_out(path, settings))


def _notebook_job(ls: FclintServer, notebook: lsp.NotebookDocument) -> Work:
    path, cells = notebook_cells(ls, notebook)
    settings = ls.settings_for(path)
    return (lambda: lint_notebook_cells(cells, path, settings),
            lambda: [(cell, version, timed_out(path, settings) if not index else [])
                     for index, (cell, version) in enumerate(cells.uris)])


def _keep(ls: FclintServer, uri: str, version: Hashable, is_notebook: bool,
          done: asyncio.Future[Any]) -> None:
    if done.cancelled() or done.exception() is not None:
        return
    if is_notebook:
        for cell_uri, _, items in done.result():
            ls.results[cell_uri] = (version, items)
    else:
        ls.results[uri] = (version, done.result())


async def diagnostics(ls: FclintServer, uri: str, wait: float | None = None,
                      ) -> list[lsp.Diagnostic]:
    """The diagnostics of open document or cell `uri` as it is now: kept from its last lint,
    else linted, waiting at most `wait` seconds (then none)."""
    version = version_of(ls, uri)
    kept = ls.results.get(uri)
    if kept is not None and kept[0] == version:
        return list(kept[1])
    notebook = ls.workspace.get_notebook_document(cell_uri=uri)
    future = lint_soon(ls, notebook.uri if notebook is not None else uri)
    if future is None:
        return []
    try:
        await asyncio.wait_for(asyncio.shield(future), wait)
    except (TimeoutError, asyncio.CancelledError):
        return []
    kept = ls.results.get(uri)
    return list(kept[1]) if kept is not None and kept[0] == version else []


def forget(ls: FclintServer, uris: list[str]) -> None:
    for uri in uris:
        ls.results.pop(uri, None)
        if ls.linter is not None:
            ls.linter.drop(uri)
