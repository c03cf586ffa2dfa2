"""Open documents and notebooks as the engine lints them: the path each is linted as, and its
findings as LSP diagnostics (a notebook's cell by cell, as `fclint check nb.ipynb` lints them)."""

from __future__ import annotations

from urllib.parse import unquote

from lsprotocol import types as lsp
from pygls.uris import to_fs_path
from pygls.workspace import TextDocument

from fclint import formats
from fclint.engine import lint_text
from fclint.lsp.convert import Lines
from fclint.lsp.convert import diagnostic as lsp_diagnostic
from fclint.lsp.language_server import FclintServer
from fclint.lsp.notebooks import VIRTUAL_MARKER, Cell, is_virtual_python, lint_cells
from fclint.lsp.notebooks_virtual import is_magic_cell, lint_magic_cell, lint_virtual, notebook_of

LANGUAGE_SUFFIXES = {  # for untitled documents, by the editor's language id
    "json": ".json", "jsonc": ".json", "http": ".http", "yaml": ".yaml", "terraform": ".tf",
    "python": ".py",
}


def text_document(ls: FclintServer, uri: str) -> TextDocument | None:
    """The open document `uri` (the workspace keys documents by their unquoted URI)."""
    return ls.workspace.text_documents.get(unquote(uri))


def fs_name(uri: str) -> str:
    return (to_fs_path(uri) if uri.startswith("file:") else None) or uri


def lint_path(doc: TextDocument) -> str | None:
    """The path the engine lints `doc` as, or None for documents that are not ours."""
    name = fs_name(doc.uri)
    if is_magic_cell(name, doc.language_id):
        return notebook_of(name)  # a `%%fclint` cell that fclint's JupyterLab extension sent
    if is_virtual_python(name, doc.language_id, doc.source):
        return name + ".py"  # jupyterlab-lsp's virtual notebook: the cells' Python, joined
    if name.lower().endswith(formats.suffixes()):  # every format the CLI lints
        return name
    suffix = LANGUAGE_SUFFIXES.get(doc.language_id or "")
    return name + suffix if suffix and not doc.uri.startswith("file:") else None


def lint(ls: FclintServer, doc: TextDocument) -> list[lsp.Diagnostic]:
    path = lint_path(doc)
    if path is None:
        return []
    text = doc.source
    name = fs_name(doc.uri)
    if is_magic_cell(name, doc.language_id):
        found = lint_magic_cell(text, path, ls.settings_for(path))
    elif VIRTUAL_MARKER in name.replace("\\", "/") or is_virtual_python(name, doc.language_id, text):
        found, text = lint_virtual(text, path, ls.settings_for(path))  # `%%fclint` cells too
    else:
        found = lint_text(text, path, ls.settings_for(path)).diagnostics
    lines = Lines(text)
    return [lsp_diagnostic(item, lines) for item in found]


def lint_notebook(ls: FclintServer, notebook: lsp.NotebookDocument,
                  ) -> list[tuple[str, int | None, list[lsp.Diagnostic]]]:
    """(cell URI, cell version, diagnostics) for every cell of `notebook`."""
    path = fs_name(notebook.uri)
    cells, docs_ = [], []
    for cell in notebook.cells:
        doc = text_document(ls, cell.document)
        text = doc.source if doc is not None else ""
        kind = "code" if cell.kind == lsp.NotebookCellKind.Code else "markdown"
        if doc is not None and doc.language_id not in (None, "", "python"):
            kind = "other"  # an R or SQL cell: not Python, not ours
        cells.append(Cell(kind, text))
        docs_.append(doc)
    found = lint_cells(cells, path, ls.settings_for(path))
    return [
        (cell.document, doc.version if doc is not None else None,
         [lsp_diagnostic(d, Lines(cells[index].text)) for d in found[index]])
        for index, (cell, doc) in enumerate(zip(notebook.cells, docs_))
    ]


def current_diagnostics(ls: FclintServer, uri: str) -> list[lsp.Diagnostic]:
    """The diagnostics of an open document or notebook cell, linted now."""
    notebook = ls.workspace.get_notebook_document(cell_uri=uri)
    if notebook is not None:
        for cell_uri, _, items in lint_notebook(ls, notebook):
            if unquote(cell_uri) == unquote(uri):
                return items
        return []
    doc = text_document(ls, uri)
    return lint(ls, doc) if doc is not None else []
