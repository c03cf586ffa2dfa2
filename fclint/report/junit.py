"""`--format junit`: JUnit XML for CI systems that show test results (GitLab, Jenkins, Azure).

One testsuite per file; one testcase per finding, a failure when the finding is at or above
`--fail-on` (so the report fails exactly when the exit status does), and one passing testcase
for an FC config with no findings, so clean configs show as passed rather than missing.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from itertools import groupby
from typing import TextIO

from fclint.diagnostic import Diagnostic
from fclint.report import Run
from fclint.report.text import location

# XML 1.0 forbids most control characters even as references; a message may quote them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _safe(text: str) -> str:
    return _NOT_XML.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def report(run: Run, out: TextIO) -> None:
    root = ET.Element("testsuites", name="fclint")
    by_file = {path: list(group)
               for path, group in groupby(sorted(run.diagnostics, key=lambda d: d.sort_key),
                                          key=lambda d: d.path)}
    for path in sorted(set(run.configs) | set(by_file)):
        _suite(root, path, by_file.get(path, []), run)
    root.set("tests", str(sum(int(s.get("tests", "0")) for s in root)))
    root.set("failures", str(sum(int(s.get("failures", "0")) for s in root)))
    root.set("errors", "0")
    ET.indent(root)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(ET.tostring(root, encoding="unicode"))
    out.write("\n")


def _suite(root: ET.Element, path: str, diagnostics: list[Diagnostic], run: Run) -> None:
    suite = ET.SubElement(root, "testsuite", name=_safe(path))
    failures = 0
    for d in diagnostics:
        case = ET.SubElement(suite, "testcase", name=_safe(f"{d.code} {location(d)}"),
                             classname=_safe(path), file=_safe(path), line=str(d.span.line),
                             time="0")
        text = _safe(f"{location(d)}: {d.code} {d.message}")
        if d.severity >= run.fail_on:
            failures += 1
            failure = ET.SubElement(case, "failure", message=_safe(d.message), type=str(d.severity))
            failure.text = text
        else:  # below the threshold: shown, but it does not fail the build
            ET.SubElement(case, "system-out").text = f"{d.severity}: {text}"
    if not diagnostics:
        ET.SubElement(suite, "testcase", name="fclint", classname=_safe(path), file=_safe(path),
                      time="0")
    suite.set("tests", str(len(suite)))
    suite.set("failures", str(failures))
    suite.set("errors", "0")
    suite.set("skipped", "0")
    suite.set("time", "0")
