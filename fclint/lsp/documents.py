"""Open documents and notebooks as the engine lints them: the path each is linted as, and a
notebook's cells, linted cell by cell as `fclint check nb.ipynb` lints them."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import unquote

from lsprotocol import types as lsp
from pygls.uris import to_fs_path
from pygls.workspace import TextDocument

from fclint import formats
from fclint.config import Settings
from fclint.diagnostic import Diagnostic
from fclint.engine import lint_text
from fclint.formats.notebook import kernel_is_python
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


def findings(text: str, name: str, language_id: str | None, path: str,
             settings: Settings) -> tuple[list[Diagnostic], str]:
    """The findings of a document's text linted as `path`, and the text their spans are in
    (a virtual notebook's, rewritten); `name` is the document's own file name."""
    if is_magic_cell(name, language_id):
        return lint_magic_cell(text, path, settings), text
    if VIRTUAL_MARKER in name.replace("\\", "/") or is_virtual_python(name, language_id, text):
        found, text = lint_virtual(text, path, settings)  # `%%fclint` cells too
        return found, text
    return lint_text(text, path, settings).diagnostics, text


@dataclass(frozen=True)
class NotebookText:
    """A notebook's cells as they are now, to lint away from the event loop."""

    cells: tuple[Cell, ...]
    uris: tuple[tuple[str, int | None], ...]  # each cell's URI and version


def notebook_cells(ls: FclintServer, notebook: lsp.NotebookDocument) -> tuple[str, NotebookText]:
    """The path a notebook is linted as, and its cells' text; a code cell is not Python when
    its language or the notebook's kernel (`fclint check nb.ipynb` reads the kernel) says so."""
    cells, uris = [], []
    python = kernel_is_python(notebook.metadata)
    for cell in notebook.cells:
        doc = text_document(ls, cell.document)
        text = doc.source if doc is not None else ""
        kind = "code" if cell.kind == lsp.NotebookCellKind.Code else "markdown"
        if (kind == "code" and not python) or (
                doc is not None and doc.language_id not in (None, "", "python")):
            kind = "other"  # an R or SQL cell: not Python, not ours
        cells.append(Cell(kind, text))
        uris.append((cell.document, doc.version if doc is not None else None))
    return fs_name(notebook.uri), NotebookText(tuple(cells), tuple(uris))


def lint_notebook_cells(notebook: NotebookText, path: str, settings: Settings,
                        ) -> list[tuple[str, int | None, list[lsp.Diagnostic]]]:
    """(cell URI, cell version, diagnostics) for every cell, as `fclint check nb.ipynb`."""
    found = lint_cells(notebook.cells, path, settings)
    return [(uri, version, [lsp_diagnostic(d, Lines(cell.text)) for d in items])
            for (uri, version), cell, items in zip(notebook.uris, notebook.cells, found)]
