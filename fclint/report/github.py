"""`--format github`: GitHub Actions workflow commands, one annotation per finding."""

from __future__ import annotations

from typing import TextIO

from fclint.diagnostic import Severity
from fclint.report import Run

LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def report(run: Run, out: TextIO) -> None:
    for d in sorted(run.diagnostics, key=lambda d: (-d.severity, d.sort_key)):
        props = (f"file={_escape_property(d.path)},line={d.span.line},col={d.span.column},"
                 f"endLine={d.span.end_line},endColumn={d.span.end_column},"
                 f"title={_escape_property('fclint ' + d.code)}")
        out.write(f"::{LEVELS[d.severity]} {props}::{_escape_data(d.code + ' ' + d.message)}\n")
