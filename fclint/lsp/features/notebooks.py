"""Notebook sync (LSP 3.17): a Jupyter notebook is linted as a whole, cell by cell, whenever it
opens or changes, and the diagnostics of cells that close are cleared."""

from __future__ import annotations

from lsprotocol import types as lsp

from fclint.lsp.features.sync import cancel, clear, schedule
from fclint.lsp.language_server import FclintServer


def notebook_did_open(ls: FclintServer, params: lsp.DidOpenNotebookDocumentParams) -> None:
    schedule(ls, params.notebook_document.uri, 0)


def notebook_did_change(ls: FclintServer, params: lsp.DidChangeNotebookDocumentParams) -> None:
    structure = params.change.cells.structure if params.change.cells is not None else None
    if structure is not None and structure.did_close:
        clear(ls, [cell.uri for cell in structure.did_close])
    schedule(ls, params.notebook_document.uri, ls.editor.debounce)


def notebook_did_close(ls: FclintServer, params: lsp.DidCloseNotebookDocumentParams) -> None:
    cancel(ls, params.notebook_document.uri)
    clear(ls, [cell.uri for cell in params.cell_text_documents])
