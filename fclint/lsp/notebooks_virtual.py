"""jupyterlab-lsp's virtual document of a notebook, linted as `fclint check nb.ipynb` lints its
cells: the Python as Python, and each `%%fclint` cell, which jupyterlab-lsp has rewritten to
`get_ipython().run_cell_magic("fclint", "ARGS", BODY in triple quotes)`, as the magic lints it,
with its findings placed where the cell shows them (jupyterlab-lsp 5 then silences them: it hides
every diagnostic of a cell-magic cell); and the `%%fclint` cells that fclint's JupyterLab extension
sends as documents of their own, which it shows. Plain fclint values in and out: no pygls here."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from fclint import guard, options
from fclint.config import Settings
from fclint.diagnostic import Diagnostic, Span
from fclint.engine import lint_document, lint_text, problem_only

# jupyterlab-lsp's IPython override (transclusions/ipython/overrides.ts) writes a cell magic at
# the start of the cell's first line: `"` and `\` of ARGS escaped with `\`, the `"""` of BODY
# as `\"\"\"`, nothing else of BODY escaped; the magic line is gone, so BODY starts on it.
_CALL = re.compile(r'^get_ipython\(\)\.run_cell_magic\("' + re.escape(options.MAGIC[2:])
                   + r'", "((?:[^"\\\n]|\\.)*)", """(.*?)"""\)[ \t]*$', re.MULTILINE | re.DOTALL)
_ARG_ESCAPE = re.compile(r'\\(["\\])')


@dataclass(frozen=True)
class MagicCall:
    """One `%%fclint` cell in the virtual document: the cell's text as the user wrote it, and
    the virtual lines (1-based, inclusive) that jupyterlab-lsp maps to the cell's lines 1..."""

    cell: str
    first_line: int
    last_line: int


def magic_calls(text: str) -> list[MagicCall]:
    found = []
    for match in _CALL.finditer(text):
        args = _ARG_ESCAPE.sub(r"\1", match.group(1))
        body = match.group(2).replace('\\"\\"\\"', '"""')
        first = text.count("\n", 0, match.start()) + 1
        found.append(MagicCall(f"{options.MAGIC}{args}\n{body}", first,
                               first + match.group(0).count("\n")))
    return found


def lint_virtual(text: str, path: str, settings: Settings) -> tuple[list[Diagnostic], str]:
    """The diagnostics of a virtual notebook document: its Python linted as a `.py` file at
    `path`, with the `%%fclint` calls blanked (lines kept), then each such cell's findings;
    and the text their columns count in: the virtual text with each call's lines the cell's
    lines that jupyterlab-lsp shows there."""
    calls = magic_calls(text)
    if not calls:
        return list(lint_text(text, path, settings).diagnostics), text
    python = _CALL.sub(lambda m: "\n" * m.group(0).count("\n"), text)
    found = list(lint_text(python, path, settings).diagnostics)
    for call in calls:
        found.extend(_placed(d, call) for d in _lint_magic_cell(call.cell, path, settings))
    found.sort(key=lambda d: d.sort_key)
    shown = iter(call.cell.split("\n") for call in calls)
    return found, _CALL.sub(lambda m: "\n".join(next(shown)[: m.group(0).count("\n") + 1]),
                            text)


# fclint's JupyterLab extension sends each `%%fclint` cell, as the user wrote it, as a document
# of this language; jupyterlab-lsp names it after the notebook (`nb.ipynb.<id>.fclint`).
CELL_LANGUAGE = "fclint"


def is_magic_cell(name: str, language_id: str | None) -> bool:
    return language_id == CELL_LANGUAGE or name.endswith("." + CELL_LANGUAGE)


def notebook_of(name: str) -> str:
    """The notebook a cell document `name` belongs to (the name itself when it says none)."""
    index = name.lower().rfind(".ipynb")
    return name[: index + len(".ipynb")] if index >= 0 else name


def lint_magic_cell(text: str, path: str, settings: Settings) -> list[Diagnostic]:
    """A `%%fclint` cell's diagnostics, spans within the cell (the magic line is line 1)."""
    found = [replace(d, cell=None) for d in _lint_magic_cell(text, path, settings)]
    return sorted(found, key=lambda d: d.sort_key)


def _lint_magic_cell(cell: str, path: str, settings: Settings) -> list[Diagnostic]:
    # Through `notebook.cell_documents`, as `fclint check nb.ipynb` lints the cell: its spans
    # number the cell's lines from the `%%fclint` line.
    from fclint.formats import notebook

    try:
        return [d for doc in notebook.cell_documents({"cell_type": "code", "source": cell},
                                                     1, path, settings, None)
                for d in lint_document(doc)]
    except Exception as error:  # noqa: BLE001 - the cell's finding, as for a file
        return problem_only(path, settings, "FC090", guard.absorb(error)).diagnostics


def _placed(diagnostic: Diagnostic, call: MagicCall) -> Diagnostic:
    """`diagnostic`, on the virtual line that jupyterlab-lsp shows as its line of the cell. The
    cell's last line has no virtual line of its own (the magic line was folded away): a finding
    there is shown on the line above, across it. Fixes are dropped: their edits would apply to
    the virtual text, whose lines are not the cell's."""
    lines = call.cell.split("\n")
    last_cell_line = call.last_line - call.first_line + 1

    def place(span: Span) -> Span:
        if span.line > last_cell_line:
            width = len(lines[last_cell_line - 1])
            return Span(call.last_line, 1, call.last_line, width + 1)
        end_line, end_column = span.end_line, span.end_column
        if end_line > last_cell_line:
            end_line, end_column = last_cell_line, len(lines[last_cell_line - 1]) + 1
        shift = call.first_line - 1
        return Span(span.line + shift, span.column, end_line + shift, end_column)

    return replace(diagnostic, span=place(diagnostic.span), cell=None, fix=None)
