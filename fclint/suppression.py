"""Inline suppression by rule code, where a format has comments:

    "maxAsyncRetryAttempts": 9  # fclint: ignore[FC006] the service was raised to 9 for us

on the line itself, or alone on the line before. A suppression that suppresses nothing is
itself reported (FC091), so stale ones do not pile up.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from fclint.diagnostic import Diagnostic, Span

MARKER = "fclint:"
_COMMENT = re.compile(r"(?:#|//)\s*fclint:\s*ignore\[([^\]\n]*)\]")


@dataclass
class Suppression:
    line: int  # the line it applies to
    span: Span  # where the comment is
    codes: tuple[str, ...]
    used: set[str] = field(default_factory=set)


def find(text: str, comments: dict[int, int] | None = None) -> list[Suppression]:
    """The suppressions of `text`; with `comments` (line -> column where its comment starts,
    from the format's tokenizer), only those inside a comment, not in a string."""
    if MARKER not in text:
        return []
    found = []
    for number, line in enumerate(text.split("\n"), start=1):
        match = _COMMENT.search(line)
        if match is None:
            continue
        if comments is not None:
            start = comments.get(number)
            match = _COMMENT.search(line, start) if start is not None else None
            if match is None:
                continue
        codes = tuple(c.strip().upper() for c in match.group(1).split(",") if c.strip())
        span = Span(number, match.start() + 1, number, len(line.rstrip()) + 1)
        alone = not line[: match.start()].strip()
        found.append(Suppression(number + 1 if alone else number, span, codes))
    return found


def apply(text: str, diagnostics: list[Diagnostic], comments: dict[int, int] | None = None,
          ) -> tuple[list[Diagnostic], list[Suppression]]:
    """Diagnostics not suppressed, and the suppressions (with what each one was used for)."""
    suppressions = find(text, comments)
    if not suppressions:
        return diagnostics, []
    by_line: dict[int, list[Suppression]] = {}
    for suppression in suppressions:
        by_line.setdefault(suppression.line, []).append(suppression)
    kept = []
    for diagnostic in diagnostics:
        matching = [s for s in by_line.get(diagnostic.span.line, []) if diagnostic.code in s.codes]
        for suppression in matching:
            suppression.used.add(diagnostic.code)
        if not matching:
            kept.append(diagnostic)
    return kept, suppressions
