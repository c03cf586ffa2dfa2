"""Values that flow out of the lint core: severities, spans, findings and diagnostics."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any

Pointer = tuple[str | int, ...]


class Severity(enum.IntEnum):
    """Ordered so that `max()` picks the most severe."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, text: str) -> Severity:
        try:
            return cls[text.strip().upper()]
        except KeyError:
            raise ValueError(f"{text!r} is not a severity (error, warning, info)") from None

    def __str__(self) -> str:
        return self.name.lower()


class Target(enum.Enum):
    """Which part of a keyed value a finding points at."""

    VALUE = "value"
    KEY = "key"


@dataclass(frozen=True, order=True)
class Span:
    """A 1-based, end-exclusive range of lines and columns (columns count code points)."""

    line: int
    column: int
    end_line: int
    end_column: int


@dataclass(frozen=True)
class Edit:
    """Replace the text of `span` with `text`. `expect` is the value the span was found to
    hold (a key as written, a scalar), so that a fix applied to a file checks, before it
    writes, that the text it replaces is still a spelling of it (None: nothing to check)."""

    span: Span
    text: str
    expect: Any = None


class FixKind(enum.Enum):
    """How sure a fix is. A certain fix writes what the text plainly meant (a misspelt key, a
    case slip, `/message` for `/messages`): `--fix` applies it and the editor prefers it. A
    choice is one of several right answers (the cap two documents disagree on, the bound of a
    range): the editor offers it, naming the choice, and `--fix` never makes it."""

    CERTAIN = "certain"
    CHOICE = "choice"


@dataclass(frozen=True)
class Fix:
    """A fix: what it does, the edits that do it, and how sure it is."""

    title: str
    edits: tuple[Edit, ...]
    kind: FixKind = FixKind.CERTAIN

    @property
    def certain(self) -> bool:
        return self.kind is FixKind.CERTAIN


@dataclass(frozen=True)
class FixIntent:
    """What a rule wants changed, before the engine knows positions: the new value (or key),
    which the format then writes in its own syntax."""

    title: str
    replacement: Any
    target: Target = Target.VALUE
    old: Any = None  # the value replaced, where the finding's span was given, not a path
    kind: FixKind = FixKind.CERTAIN


@dataclass(frozen=True)
class Finding:
    """What a rule yields: where (a JSON pointer into the document) and what is wrong.

    Rules never see positions; the engine resolves `path` to a span afterwards.
    """

    path: Pointer
    message: str
    target: Target = Target.VALUE
    code: str | None = None
    occurrence: int = 0
    span: Span | None = None
    keyword: str | None = None
    expected: Any = None
    fix: FixIntent | None = None


# `Diagnostic.extra[RAW_SPAN]`: the span in the raw file, where it differs (a notebook cell's).
RAW_SPAN = "raw_span"


@dataclass(frozen=True)
class Diagnostic:
    """A located, graded finding, ready for any front end."""

    path: str
    span: Span
    code: str
    severity: Severity
    message: str
    pointer: str = ""
    cell: int | None = None
    keyword: str | None = None
    expected: Any = None
    fix: Fix | None = None
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def sort_key(self) -> tuple[Any, ...]:
        return (self.path, self.cell or 0, self.span, self.code, self.message)


def pointer_text(path: Pointer) -> str:
    """RFC 6901 JSON pointer for a path."""
    return "".join("/" + str(part).replace("~", "~0").replace("/", "~1") for part in path)


@dataclass
class FileResult:
    """The outcome for one file: its diagnostics, and whether it held an FC config at all."""

    path: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    is_config: bool = False
    # Why a file that could not be read as text was passed over as no FC config, for a note.
    note: str = ""
