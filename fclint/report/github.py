"""`--format github`: GitHub Actions workflow commands, one annotation per finding, within
GitHub's budget.

GitHub shows at most 10 error, 10 warning and 10 notice annotations per step and drops the
rest without a word. So the most severe come first, at most 10 of each level are annotated, and
the others are never lost: they go to the job summary (`$GITHUB_STEP_SUMMARY`, a Markdown
table) when it is set, and always to the log as plain lines, with one notice saying how many
were not annotated (that notice takes one of the 10 notice slots).
"""

from __future__ import annotations

import os
from typing import TextIO

from fclint.diagnostic import Diagnostic, Severity
from fclint.report import Run
from fclint.report.text import location

LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
BUDGET = 10  # annotations GitHub shows per level and step
SUMMARY_VARIABLE = "GITHUB_STEP_SUMMARY"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def split(diagnostics: list[Diagnostic]) -> tuple[list[Diagnostic], list[Diagnostic]]:
    """(annotated, the rest): most severe first, at most BUDGET per level, one notice slot
    kept for the line that says how many were left out."""
    ordered = sorted(diagnostics, key=lambda d: (-d.severity, d.sort_key))
    overflow = any(sum(d.severity == level for d in ordered) > BUDGET for level in LEVELS)
    budget = {level: BUDGET for level in LEVELS}
    if overflow:
        budget[Severity.INFO] -= 1
    annotated, rest = [], []
    for d in ordered:
        if budget[d.severity] > 0:
            budget[d.severity] -= 1
            annotated.append(d)
        else:
            rest.append(d)
    return annotated, rest


def report(run: Run, out: TextIO) -> None:
    annotated, rest = split(run.diagnostics)
    for d in annotated:
        props = (f"file={_escape_property(d.path)},line={d.span.line},col={d.span.column},"
                 f"endLine={d.span.end_line},endColumn={d.span.end_column},"
                 f"title={_escape_property('fclint ' + d.code)}")
        out.write(f"::{LEVELS[d.severity]} {props}::{_escape_data(d.code + ' ' + d.message)}\n")
    if not rest:
        return
    summary = os.environ.get(SUMMARY_VARIABLE)
    written = bool(summary) and _append_summary(summary or "", rest)
    where = "listed in the job summary and below" if written else "listed below"
    out.write(f"::notice title=fclint::{len(rest)} more finding{'s' if len(rest) != 1 else ''} "
              f"not annotated (GitHub shows {BUDGET} per level and step); {where}\n")
    for d in rest:
        out.write(f"{location(d)}: {d.severity}: {d.code} {d.message}\n")


def _append_summary(path: str, rest: list[Diagnostic]) -> bool:
    lines = [f"### fclint: {len(rest)} finding{'s' if len(rest) != 1 else ''} not annotated",
             "", "| severity | location | code | message |", "| --- | --- | --- | --- |"]
    lines += [f"| {d.severity} | `{_cell(location(d))}` | {d.code} | {_cell(d.message)} |"
              for d in rest]
    try:
        with open(path, "a", encoding="utf-8", errors="backslashreplace") as handle:
            handle.write("\n".join(lines) + "\n\n")
    except OSError:
        return False
    return True


def _cell(text: str) -> str:
    """Text that stays inside one Markdown table cell."""
    return (text.replace("|", "\\|").replace("`", "'")
            .replace("\r", " ").replace("\n", " "))
