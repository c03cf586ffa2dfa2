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
    configs_found: int = 0  # files holding at least one FC config
    sources: dict[str, str] = field(default_factory=dict)  # path -> text, for reporters that need it
    configs: list[str] = field(default_factory=list)  # the files of FC configs, findings or not
    fail_on: Severity = Severity.ERROR  # findings from here up fail the run (JUnit failures)


Reporter = Callable[[Run, TextIO], None]


_MODULES = {"text": "text", "json": "json_format", "sarif": "sarif", "github": "github",
            "junit": "junit"}
FORMAT_NAMES = tuple(_MODULES)


def reporter(name: str) -> Reporter:
    """The format `name`; only its module is imported (JUnit's brings in an XML library)."""
    import importlib

    return importlib.import_module(f"fclint.report.{_MODULES[name]}").report  # type: ignore[no-any-return]
