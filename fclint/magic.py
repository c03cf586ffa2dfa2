"""The IPython extension: `%load_ext fclint` adds a `%%fclint` cell magic that lints the cell
(a JSON or YAML body, or Python) and shows the findings beneath it, never running the cell nor
calling the cloud. Options on the magic line are those of `fclint check`."""

from __future__ import annotations

import html
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from fclint.diagnostic import Diagnostic, Span
from fclint import options
from fclint.formats import front_end, py_cells
from fclint.kinds import Kind

CELL = "cell"
SUFFIXES = {"json": ".json", "yaml": ".yaml", "python": ".py"}


def load_ipython_extension(ipython: Any) -> None:
    """Called by `%load_ext`: register `%%fclint`."""
    ipython.register_magic_function(fclint_cell, magic_kind="cell", magic_name="fclint")


@dataclass(frozen=True)
class CellReport:
    """What `%%fclint` shows: an HTML table in Jupyter, lines of text in a terminal."""

    diagnostics: tuple[Diagnostic, ...]
    note: str = ""

    def __repr__(self) -> str:
        if self.note:
            return self.note
        if not self.diagnostics:
            return "fclint: no problems found"
        return "\n".join(f"{CELL}:{d.span.line}:{d.span.column}: {d.code} [{d.severity}] "
                         f"{d.message}" for d in self.diagnostics)

    def _repr_html_(self) -> str:
        if self.note or not self.diagnostics:
            return f"<p>{html.escape(repr(self))}</p>"
        rows = "".join(
            f"<tr><td>{d.span.line}:{d.span.column}</td><td><code>{d.code}</code></td>"
            f"<td>{d.severity}</td><td>{html.escape(d.message)}</td></tr>"
            for d in self.diagnostics)
        return ("<table class=\"fclint\"><thead><tr><th>line:col</th><th>code</th>"
                f"<th>severity</th><th>message</th></tr></thead><tbody>{rows}</tbody></table>")


def fclint_cell(line: str, cell: str) -> CellReport:
    """`%%fclint [--kind K] [--format json|yaml|python] [fclint check options]`."""
    from fclint.rules import RULES  # the rules load with the first cell, not with the extension

    try:
        args, overrides = options.parse_magic_line(line, RULES)
    except options.MagicLineError as error:
        return CellReport((), f"fclint: error: {error}")
    return lint_cell(cell, overrides, Kind(args.kind) if args.kind else None, args.body_format)


def lint_cell(cell: str, overrides: dict[str, Any], kind: Kind | None = None,
              body_format: str | None = None) -> CellReport:
    """Lint a cell's text as the command line would lint it as a file of its format, with the
    configuration file found from the current folder."""
    from fclint.config import SettingsResolver
    from fclint.engine import lint_text
    from fclint.rules import RULES

    fmt = body_format or py_cells.guess_format(cell)
    name = CELL + SUFFIXES[fmt]
    if fmt == "yaml" and front_end(name).__name__.endswith("json_body"):
        return CellReport((), "fclint: this fclint reads no YAML; write the body as JSON")
    settings = SettingsResolver(frozenset(RULES), overrides).for_path(Path.cwd() / name)
    result = lint_text(cell, name, settings, kind)
    if not result.is_config and fmt == "json":  # asked for: lint it even without API keys
        fallback = Kind.FC3_REQUEST if settings.api_generation == 3 else Kind.FC2_REQUEST
        result = lint_text(cell, name, settings, kind or fallback)
    if not result.is_config:
        return CellReport((), "fclint: no async-invoke config found in this cell")
    return CellReport(tuple(_below_the_magic_line(d) for d in result.diagnostics))


def _below_the_magic_line(diagnostic: Diagnostic) -> Diagnostic:
    """The cell's lines as the notebook shows them, the `%%fclint` line being line 1, as
    `fclint check nb.ipynb` numbers them: IPython hands the magic the text after that line."""
    def down(span: Span) -> Span:
        return Span(span.line + 1, span.column, span.end_line + 1, span.end_column)

    fix = diagnostic.fix
    if fix is not None:
        fix = replace(fix, edits=tuple(replace(e, span=down(e.span)) for e in fix.edits))
    return replace(diagnostic, span=down(diagnostic.span), fix=fix)
