"""Pulled diagnostics: a document's when the client asks for it (LSP 3.17 pull), and the
workspace's, every FC config under its folders as `fclint check` finds them."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from lsprotocol import types as lsp
from pygls.exceptions import JsonRpcInvalidParams
from pygls.uris import from_fs_path

from fclint import formats
from fclint.cache import ResultCache, cache_dir, lint_path
from fclint.discovery import files_under
from fclint.lsp.convert import Lines
from fclint.lsp.convert import diagnostic as lsp_diagnostic
from fclint.lsp.documents import fs_name, text_document
from fclint.lsp.language_server import FclintServer
from fclint.lsp.linting import diagnostics, linter, timed_out


async def diagnostic(ls: FclintServer,
                     params: lsp.DocumentDiagnosticParams) -> lsp.DocumentDiagnosticReport:
    """An open document's (or cell's) diagnostics, linted on the lint thread; a document the
    editor has not opened is read from disk, as `fclint check` reads it."""
    uri = params.text_document.uri
    if text_document(ls, uri) is not None:
        return lsp.RelatedFullDocumentDiagnosticReport(items=await diagnostics(ls, uri))
    path = fs_name(uri)
    if not uri.startswith("file:") or not path.lower().endswith(formats.suffixes()):
        return lsp.RelatedFullDocumentDiagnosticReport(items=[])
    settings = ls.settings_for(path)

    def work() -> list[lsp.Diagnostic]:
        try:
            result = lint_path(path, settings, None, None)
        except OSError as error:
            raise JsonRpcInvalidParams(f"{path}: the document is not open and cannot be read "
                                       f"({error.strerror or error})") from None
        return _disk_diagnostics(Path(path), result.diagnostics)

    items = await linter(ls).submit(f"disk:{uri}", object(), work,
                                    lambda: timed_out(path, settings))
    return lsp.RelatedFullDocumentDiagnosticReport(items=items)


async def workspace_diagnostic(
        ls: FclintServer, params: lsp.WorkspaceDiagnosticParams) -> lsp.WorkspaceDiagnosticReport:
    """Every FC config under the workspace folders, as `fclint check` finds them; open
    documents as the editor holds them (linted on the lint thread), closed ones from each
    folder's result cache (the one `fclint check` keeps) when they have not changed since.
    The folders are walked and the closed files read on a thread of their own: a workspace of
    thousands of files takes seconds, and hover and completion answer meanwhile."""
    items: list[lsp.WorkspaceDocumentDiagnosticReport] = []
    for root in workspace_roots(ls):
        found = await asyncio.to_thread(_scan, ls, root)
        for uri, report in found:
            doc = text_document(ls, uri)
            if doc is None and report is None:  # open during the scan, closed since
                continue
            if doc is not None:  # open now: as the editor holds it
                report = lsp.WorkspaceFullDocumentDiagnosticReport(
                    uri=uri, items=await diagnostics(ls, uri), version=doc.version)
            items.append(report)
    return lsp.WorkspaceDiagnosticReport(items=items)


def _scan(ls: FclintServer, root: Path) -> list[tuple[str, Any]]:
    """The files of `root` in `fclint check`'s order: (uri, None) for a document open in the
    editor, (uri, its report) for an FC config read from disk."""
    found: list[tuple[str, Any]] = []
    results = ResultCache(cache_dir(None, root))
    for path in files_under([root]):
        uri = str(from_fs_path(str(path)))
        if text_document(ls, uri) is not None:
            found.append((uri, None))
            continue
        try:
            result = lint_path(path, ls.settings_for(str(path)), None, results)
        except OSError:
            continue
        if result.is_config:
            found.append((uri, lsp.WorkspaceFullDocumentDiagnosticReport(
                uri=uri, items=_disk_diagnostics(Path(path), result.diagnostics), version=None)))
    results.save()
    return found


def workspace_roots(ls: FclintServer) -> list[Path]:
    roots = [fs_name(folder.uri) for folder in ls.workspace.folders.values()]
    if not roots and ls.workspace.root_path:
        roots = [ls.workspace.root_path]
    return [Path(root) for root in roots if root and Path(root).is_dir()]


def _disk_diagnostics(path: Path, found: list[Any]) -> list[lsp.Diagnostic]:
    if not found:
        return []
    try:
        text = path.read_bytes().decode("utf-8", errors="replace")
    except OSError:
        text = ""
    lines = Lines(text)
    items = []
    for item in found:
        if item.cell is not None:  # a closed notebook: no cell URI to put it on; say where
            diagnostic = lsp_diagnostic(item, Lines(""))
            diagnostic.range = lsp.Range(start=lsp.Position(line=0, character=0),
                                         end=lsp.Position(line=0, character=0))
            diagnostic.message = (f"cell {item.cell}, line {item.span.line}, column "
                                  f"{item.span.column}: {item.message}")
            diagnostic.data = None
            items.append(diagnostic)
        else:
            items.append(lsp_diagnostic(item, lines))
    return items
