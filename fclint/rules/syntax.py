"""Rules for what stops a file from being read at all: syntax errors and input limits."""

from __future__ import annotations

from collections.abc import Iterator

from fclint.diagnostic import Finding, Severity
from fclint.document import Document
from fclint.rules.registry import rule


@rule("FC000", Severity.ERROR, needs="problems")
def syntax_error(doc: Document) -> Iterator[Finding]:
    """Reports text that is not valid JSON (or not text at all), at the position where reading
    stopped."""
    yield from (p for p in doc.problems if p.code == "FC000")


@rule("FC090", Severity.ERROR, needs="problems")
def input_limit_exceeded(doc: Document) -> Iterator[Finding]:
    """Reports a file beyond fclint's documented limits, instead of checking it: larger than
    `max-file-size` (5 MB by default), nested deeper than 64 levels, YAML aliases that would expand
    past 10,000 nodes, or taking longer than 10 seconds to check."""
    yield from (p for p in doc.problems if p.code == "FC090")


@rule("FC091", Severity.WARNING, needs="engine")
def unused_suppression(doc: Document) -> Iterator[Finding]:
    """Reports a `# fclint: ignore[CODE] reason` comment that suppresses nothing on its line (or,
    when the comment stands alone, on the next line), or names no rule."""
    return iter(())  # reported by the engine, which sees every comment of the file
