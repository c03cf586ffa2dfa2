"""`--format sarif`: SARIF 2.1.0 for GitHub code scanning, with rule metadata."""

from __future__ import annotations

import json
from typing import Any, TextIO

from fclint import __version__
from fclint.diagnostic import Severity
from fclint.report import Run
from fclint.rules import RULES

LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def report(run: Run, out: TextIO) -> None:
    rules = sorted(RULES.values(), key=lambda r: r.code)
    index = {r.code: i for i, r in enumerate(rules)}
    results: list[dict[str, Any]] = []
    for d in run.diagnostics:
        results.append({
            "ruleId": d.code,
            "ruleIndex": index[d.code],
            "level": LEVELS[d.severity],
            "message": {"text": d.message},
            "locations": [{"physicalLocation": {
                "artifactLocation": {"uri": d.path.replace("\\", "/")},
                "region": {"startLine": d.span.line, "startColumn": d.span.column,
                           "endLine": d.span.end_line, "endColumn": d.span.end_column},
            }}],
            "partialFingerprints": {"fclint/v1": f"{d.code}:{d.path}:{d.pointer}"},
        })
    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "fclint", "version": __version__, "semanticVersion": __version__,
                "informationUri": "https://pypi.org/project/fclint/",
                "rules": [{
                    "id": r.code, "name": r.name,
                    "shortDescription": {"text": r.summary},
                    "fullDescription": {"text": r.section("What it does")},
                    "help": {"text": r.doc, "markdown": r.doc},
                    "defaultConfiguration": {"level": LEVELS[r.severity]},
                } for r in rules],
            }},
            "results": results,
        }],
    }
    json.dump(log, out, indent=2, ensure_ascii=False)
    out.write("\n")
