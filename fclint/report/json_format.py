"""`--format json`: one array of findings. The keys below never change meaning."""

from __future__ import annotations

import json
from typing import Any, TextIO

from fclint.diagnostic import Diagnostic, Severity
from fclint.report import Run


_SEVERITY_NAMES = {severity: str(severity) for severity in Severity}  # str() runs Python code


def as_dict(d: Diagnostic) -> dict[str, Any]:
    return {
        "path": d.path,
        "line": d.span.line,
        "column": d.span.column,
        "end_line": d.span.end_line,
        "end_column": d.span.end_column,
        "code": d.code,
        "severity": _SEVERITY_NAMES[d.severity],
        "message": d.message,
        "cell": d.cell,
        "pointer": d.pointer,
        "keyword": d.keyword,
        "expected": d.expected,
        "fix": None if d.fix is None else {
            "title": d.fix.title,
            "kind": d.fix.kind.value,  # "certain": --fix applies it; "choice": it never does
            "edits": [
                {"line": e.span.line, "column": e.span.column, "end_line": e.span.end_line,
                 "end_column": e.span.end_column, "text": e.text}
                for e in d.fix.edits
            ],
        },
    }


def report(run: Run, out: TextIO) -> None:
    """One finding per line inside the array: readable, and written by the C encoder."""
    if not run.diagnostics:
        out.write("[]\n")
        return
    # One encoder for every row. A row holds no cycle (text, numbers, and values from the
    # schemas), so the encoder need not keep track of the containers it has entered.
    encode = json.JSONEncoder(ensure_ascii=False, check_circular=False, default=str).encode
    rows = [encode(as_dict(d)) for d in run.diagnostics]
    out.write("[\n  " + ",\n  ".join(rows) + "\n]\n")
