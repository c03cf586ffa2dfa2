"""`--format sarif`: SARIF 2.1.0 for GitHub code scanning, with rule metadata.

Fingerprints come from the rule code, the file and the JSON pointer of the finding, never its
line, so reformatting or moving text raises no new alerts. Notebook findings point at the raw
`.ipynb` line and name the cell.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import quote

from fclint.version import __version__
from fclint.diagnostic import RAW_SPAN, Diagnostic, Severity, Span
from fclint.report import Run
from fclint.rules import RULES

LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
FINGERPRINT = "fclint/v1"
# The hook for front ends whose diagnostics are located in a text other than the raw file's:
# a notebook's spans count lines within a cell, but code scanning shows the raw `.ipynb`. When
# `Diagnostic.extra[RAW_SPAN]` holds a Span into the raw file, it is the region reported.


def uri(path: str) -> str:
    """A URI reference for a path: relative paths stay relative (code scanning resolves them
    against the repository root), with spaces and other reserved characters escaped."""
    posix = path.replace("\\", "/")
    if Path(path).is_absolute():
        return Path(path).as_uri()
    try:  # an undecodable file name holds the surrogate escapes of its bytes: quote those
        return quote(posix, safe="/", errors="surrogateescape")
    except UnicodeEncodeError:
        return quote(posix, safe="/", errors="surrogatepass")


def _region(span: Span) -> dict[str, int]:
    return {"startLine": span.line, "startColumn": span.column,
            "endLine": span.end_line, "endColumn": span.end_column}


def result(d: Diagnostic, index: dict[str, int], occurrence: int) -> dict[str, Any]:
    message = d.message
    region: dict[str, int] = _region(d.span)
    if d.cell is not None:
        message += f" (cell {d.cell}, line {d.span.line}, column {d.span.column})"
        raw = d.extra.get(RAW_SPAN)
        # Without the raw span, the cell's line would point at an unrelated line of the JSON:
        # the file's first line is honest, and the message names the place.
        region = _region(raw) if isinstance(raw, Span) else {"startLine": 1}
    fingerprint = f"{d.code}:{uri(d.path)}:{d.pointer}" + (f"#{occurrence}" if occurrence else "")
    entry: dict[str, Any] = {
        "ruleId": d.code,
        "ruleIndex": index[d.code],
        "level": LEVELS[d.severity],
        "message": {"text": message},
        "locations": [{"physicalLocation": {
            "artifactLocation": {"uri": uri(d.path)},
            "region": region,
        }}],
        "partialFingerprints": {FINGERPRINT: fingerprint},
    }
    if d.cell is not None:
        entry["locations"][0]["logicalLocations"] = [{"name": f"cell {d.cell}"}]
        entry["properties"] = {"cell": d.cell, "cellLine": d.span.line,
                               "cellColumn": d.span.column}
    return entry


def _rule(code: str) -> dict[str, Any]:
    r = RULES[code]
    return {
        "id": r.code,
        # SARIF wants a Pascal-case friendly name; the kebab name stays in the properties.
        "name": "".join(word.capitalize() for word in r.name.split("-")),
        "shortDescription": {"text": r.summary},
        "fullDescription": {"text": r.section("What it does")},
        "help": {"text": r.doc, "markdown": r.doc},
        "defaultConfiguration": {"level": LEVELS[r.severity]},
        "properties": {"name": r.name},
    }


def report(run: Run, out: TextIO) -> None:
    codes = sorted(RULES)
    index = {code: i for i, code in enumerate(codes)}
    seen: Counter[tuple[str, str, str]] = Counter()
    results = []
    for d in run.diagnostics:
        key = (d.code, d.path, d.pointer)
        results.append(result(d, index, seen[key]))
        seen[key] += 1
    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "fclint", "version": __version__, "semanticVersion": __version__,
                "informationUri": "https://pypi.org/project/fclint/",
                "rules": [_rule(code) for code in codes],
            }},
            "columnKind": "unicodeCodePoints",  # fclint counts columns in code points
            "results": results,
        }],
    }
    json.dump(log, out, indent=2, ensure_ascii=False)
    out.write("\n")
