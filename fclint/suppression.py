"""Inline suppression by rule code, in the comments a format's own tokenizer finds:

    maxAsyncRetryAttempts: 9  # fclint: ignore[FC006] the service was raised to 9 for us

on the line itself, or alone on the line before. The same text inside a string, a YAML block
scalar or a heredoc is data, not a comment, and suppresses nothing. A suppression that
suppresses nothing is itself reported (FC091), so stale ones do not pile up.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from fclint.diagnostic import Diagnostic, Span
from fclint.formats import Comment

MARKER = "fclint:"  # no comment without it is looked at, so a file without it costs nothing
# The marker opens the comment or follows a space in it: "`# fclint: ignore[...]`" in a
# comment's prose (after a backtick or a quote) is a mention, not a suppression.
_IGNORE = re.compile(r"(?:^|(?<=\s))(?:#|//|/\*)\s*fclint:\s*ignore\[([^\]\n]*)\]")


@dataclass
class Suppression:
    line: int  # the line it applies to
    span: Span  # from the `#` (or `//`, `/*`) before `fclint:` to the end of the comment
    codes: tuple[str, ...]
    codes_span: Span  # the text between the brackets, where an editor adds a code
    used: set[str] = field(default_factory=set)


def find(text: str, comments: Iterable[Comment]) -> list[Suppression]:
    """The suppressions written in `comments`, the comments of `text` that hold `MARKER`.

    A comment that is the only thing on its line(s) applies to the next line; one with
    something before it on its first line, to that line; one with something after it on its
    last line (a `/* */` comment), to that line."""
    lines: list[str] | None = None
    found = []
    for comment in comments:
        match = _IGNORE.search(comment.text)
        if match is None:
            continue
        lines = lines if lines is not None else text.split("\n")
        where = comment.span
        before = _line(lines, where.line)[: where.column - 1].strip()
        after = _line(lines, where.end_line)[where.end_column - 1:].strip()
        line = where.line if before else where.end_line if after else where.end_line + 1
        codes = tuple(c.strip().upper() for c in match.group(1).split(",") if c.strip())
        span = Span(*_at(comment, match.start()), *_at(comment, len(comment.text.rstrip())))
        codes_span = Span(*_at(comment, match.start(1)), *_at(comment, match.end(1)))
        found.append(Suppression(line, span, codes, codes_span))
    return found


def _line(lines: list[str], number: int) -> str:
    return lines[number - 1] if 0 < number <= len(lines) else ""


def _at(comment: Comment, offset: int) -> tuple[int, int]:
    """The line and column of character `offset` of a comment's text (a `/* */` comment may
    run over lines)."""
    head = comment.text[:offset]
    breaks = head.count("\n")
    if not breaks:
        return comment.span.line, comment.span.column + offset
    return comment.span.line + breaks, offset - head.rfind("\n")


def apply(text: str, comments: Iterable[Comment], diagnostics: list[Diagnostic],
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
