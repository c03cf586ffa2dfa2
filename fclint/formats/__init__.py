"""Front ends for file formats: each turns a file's text into documents for the lint core.

A front end is a module with `documents(text, path, settings, kind)` yielding Documents, and
`COMMENTS`, true when the format has comments (and so inline `# fclint: ignore[CODE]`); such a
front end also has `comments(text, marker)`, yielding the comments that hold `marker` as the
format's own tokenizer sees them, so that text in a string is never taken for a comment.
Optionally `SNIFF` (what the start of a file it cannot read must hold to be reported) and
`IGNORE_ABOVE = False` where an inserted comment line could break the text (shell).
Modules are imported only when a file of their format is linted. A front end may hand part of
its text to another (a Markdown code block): it calls `module(name)`.
"""

from __future__ import annotations

import importlib
import importlib.util
from functools import cache
from types import ModuleType
from typing import NamedTuple

from fclint.diagnostic import Span

FRONT_ENDS = {
    ".json": "json_body",
    ".http": "http_requests",
    ".rest": "http_requests",
    ".yaml": "yaml_files",
    ".yml": "yaml_files",
    ".tf": "terraform",
    ".py": "python_calls",
    ".ipynb": "notebook",
    ".md": "markdown",
    ".markdown": "markdown",  # the Terraform provider's docs are `*.html.markdown`
    ".sh": "shell",
    ".bash": "shell",
}
DEFAULT = "json_body"


class Comment(NamedTuple):
    """One comment of a file: its span (delimiter included, end exclusive) and its text. A
    named tuple, not a dataclass: this module is imported on every run, and making a dataclass
    costs 0.3 ms of start-up."""

    span: Span
    text: str


@cache
def _available(name: str) -> bool:
    return importlib.util.find_spec(f"fclint.formats.{name}") is not None


def front_end(path: str) -> ModuleType:
    """The front end for `path`, by its suffix; JSON for anything else (standard input...)."""
    return module(_name(path) or DEFAULT)


def reads(path: str) -> bool:
    """Whether fclint has a front end for `path`'s suffix (the command line skips a file named
    on it that has none, rather than reading it as JSON)."""
    return _name(path) is not None


def _name(path: str) -> str | None:
    lowered = path.lower()
    for suffix, name in FRONT_ENDS.items():
        if lowered.endswith(suffix) and _available(name):
            return name
    return None


@cache
def module(name: str) -> ModuleType:
    """The front end called `name` (`json_body`, `yaml_files`...), imported on first use."""
    return importlib.import_module(f"fclint.formats.{name}")


def suffixes() -> tuple[str, ...]:
    """The suffixes of the files a folder walk picks up."""
    return tuple(s for s, name in FRONT_ENDS.items() if _available(name))
