"""Output formats: each renders a run's diagnostics as text for a person or a tool."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TextIO

from fclint.diagnostic import Diagnostic, Severity


@dataclass
class Run:
    """What a run of `fclint check` produced, for the reporters."""

    diagnostics: list[Diagnostic]
    files_checked: int = 0
    configs_found: int = 0
    sources: dict[str, str] = field(default_factory=dict)  # path -> text, for reporters that need it
    configs: list[str] = field(default_factory=list)  # the FC configs checked, findings or not
    fail_on: Severity = Severity.ERROR  # findings from here up fail the run (JUnit failures)


Reporter = Callable[[Run, TextIO], None]


def reporters() -> dict[str, Reporter]:
    """Formats by name; each module is imported only when its format is asked for."""
    from fclint.report import github, json_format, junit, sarif, text

    return {"text": text.report, "json": json_format.report, "sarif": sarif.report,
            "github": github.report, "junit": junit.report}


FORMAT_NAMES = ("text", "json", "sarif", "github", "junit")
