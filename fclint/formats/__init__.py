"""Front ends for file formats: each turns a file's text into documents for the lint core.

A front end is a module with `documents(text, path, settings, kind)` yielding Documents, and
`COMMENTS`, true when the format has comments (and so inline `# fclint: ignore[CODE]`); such a
front end also has `comments(text, marker)`, yielding the comments that hold `marker` as the
format's own tokenizer sees them, so that text in a string is never taken for a comment.
Modules are imported only when a file of their format is linted.
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
    lowered = path.lower()
    for suffix, name in FRONT_ENDS.items():
        if lowered.endswith(suffix) and _available(name):
            return _module(name)
    return _module(DEFAULT)


@cache
def _module(name: str) -> ModuleType:
    return importlib.import_module(f"fclint.formats.{name}")


def suffixes() -> tuple[str, ...]:
    """The suffixes of the files a folder walk picks up."""
    return tuple(s for s, name in FRONT_ENDS.items() if _available(name))
