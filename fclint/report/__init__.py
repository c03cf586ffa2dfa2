"""Output formats: each renders a run's diagnostics as text for a person or a tool."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TextIO

from fclint.diagnostic import Diagnostic


@dataclass
class Run:
    """What a run of `fclint check` produced, for the reporters."""

    diagnostics: list[Diagnostic]
    files_checked: int = 0
    configs_found: int = 0
    sources: dict[str, str] = field(default_factory=dict)  # path -> text, for reporters that need it


Reporter = Callable[[Run, TextIO], None]


def reporters() -> dict[str, Reporter]:
    """Formats by name; each module is imported only when its format is asked for."""
    from fclint.report import github, json_format, sarif, text

    return {"text": text.report, "json": json_format.report, "sarif": sarif.report,
            "github": github.report}


FORMAT_NAMES = ("text", "json", "sarif", "github")
