"""Notebook cells linted as `fclint check nb.ipynb` lints them, for LSP 3.17 notebook sync, and
the test for JupyterLab's jupyterlab-lsp virtual documents, which are Python. Plain fclint
values in and out: no pygls here."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from fclint import guard
from fclint.config import Settings
from fclint.diagnostic import Diagnostic
from fclint.engine import lint_document, problem_only


@dataclass(frozen=True)
class Cell:
    kind: str  # "code" or "markdown", as nbformat spells cell_type
    text: str


def lint_cells(cells: Sequence[Cell], path: str, settings: Settings) -> list[list[Diagnostic]]:
    """The diagnostics of each cell, spans within the cell; cells are numbered from 1 over all
    cells, as the notebook front end numbers them."""
    # Through `notebook.cell_documents`, the function `fclint check nb.ipynb` uses (Python
    # cells with IPython syntax blanked, `%%fclint` cells as bodies), so editor and CLI agree.
    from fclint.formats import notebook

    results: list[list[Diagnostic]] = []
    for index, cell in enumerate(cells, start=1):
        found: list[Diagnostic] = []
        if cell.kind == "code" and cell.text.strip():
            try:
                for doc in notebook.cell_documents({"cell_type": "code", "source": cell.text},
                                                   index, path, settings, None):
                    found.extend(lint_document(doc))
            except Exception as error:  # noqa: BLE001 - the cell's finding, as for a file
                found = problem_only(path, settings, "FC090", guard.absorb(error),
                                     cell=index).diagnostics
        found.sort(key=lambda d: d.sort_key)
        results.append(found)
    return results


# jupyterlab-lsp's virtual document of a notebook: all code cells of one language joined with
# blank lines, sent as one Python document whose URI ends in `.ipynb` (or a `.py` path under
# `.virtual_documents/`); its IPython magics are already rewritten to `get_ipython()` calls.
VIRTUAL_MARKER = ".virtual_documents/"


def is_virtual_python(name: str, language_id: str | None, text: str) -> bool:
    """True for a notebook's virtual document: an `.ipynb` name holding Python, not JSON."""
    if not name.lower().endswith(".ipynb"):
        return False
    if language_id == "python":
        return True
    return not text.lstrip("\ufeff \t\r\n").startswith("{")
