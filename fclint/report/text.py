"""The default format: one `path:line:col: CODE message` line per finding, then a summary."""

from __future__ import annotations

from collections import Counter
from typing import TextIO

from fclint.diagnostic import Diagnostic
from fclint.report import Run


def location(diagnostic: Diagnostic) -> str:
    """`path:line:col`, or `nb.ipynb:cell 3:2:7` inside a notebook."""
    cell = f"cell {diagnostic.cell}:" if diagnostic.cell is not None else ""
    return f"{diagnostic.path}:{cell}{diagnostic.span.line}:{diagnostic.span.column}"


def report(run: Run, out: TextIO) -> None:
    for diagnostic in run.diagnostics:
        out.write(f"{location(diagnostic)}: {diagnostic.code} {diagnostic.message}\n")
    out.write(summary(run) + "\n")


def summary(run: Run) -> str:
    counts = Counter(str(d.severity) for d in run.diagnostics)
    configs = _plural(run.configs_found, "FC config file")  # files: an s.yaml may hold several
    files = _plural(run.files_checked, "file")
    if not run.diagnostics:
        return f"No problems found in {configs} ({files} checked)."
    parts = [_plural(counts[level], level) for level in ("error", "warning", "info") if counts[level]]
    fixable = sum(1 for d in run.diagnostics if d.fix is not None and d.fix.certain)
    tail = f"; {fixable} with a fix" if fixable else ""
    return f"Found {', '.join(parts)} in {configs} ({files} checked){tail}."


def _plural(count: int, word: str) -> str:
    if word == "info":
        return f"{count} info"
    return f"{count} {word}{'' if count == 1 else 's'}"
