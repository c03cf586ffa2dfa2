"""JSON written inside a shell argument, read by the JSON front end and located in the script.

A single-quoted argument holds its JSON verbatim: it is parsed as the file's own text from the
character after the quote (the first line padded with spaces to that column, later lines as
they stand), so tree-sitter's positions are the file's. A double-quoted one with escapes
(`"{\\"a\\": 1}"`) is parsed decoded, and every position is mapped back through the escapes.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from fclint.config import Settings
from fclint.diagnostic import Pointer, Span, Target
from fclint.document import Document, FunctionContext, Locator
from fclint.formats.json_body import json_document
from fclint.formats.shell_words import Word
from fclint.jsondoc import ParsedJson, parse_json
from fclint.kinds import Kind
from fclint.source import LineIndex

Mapper = Callable[[Span], Span]


def word_document(word: Word, index: LineIndex, path: str, settings: Settings, kind: Kind,
                  context: FunctionContext, **extra: Any) -> Document | None:
    """The document of a JSON body written as `word`, every span a span of the file."""
    verbatim = word.verbatim_at()
    if verbatim is not None:
        line, column = index.position(verbatim)
        return json_document(" " * (column - 1) + word.value, path, settings, kind, context,
                             line - 1, **extra)
    doc = json_document(word.value, path, settings, kind, context, **extra)
    if doc is not None:
        relocate(doc, mapper(word, index))
        doc.renderer = render_double_quoted
    return doc


def parsed_word(word: Word, index: LineIndex) -> tuple[ParsedJson, Locator]:
    """The JSON of `word` and a locator of its keys and values in the file."""
    verbatim = word.verbatim_at()
    if verbatim is not None:
        line, column = index.position(verbatim)
        parsed = parse_json(" " * (column - 1) + word.value, line - 1)
        return parsed, _Lazy(parsed)
    parsed = parse_json(word.value)
    move = mapper(word, index)
    parsed.problems = [replace(p, span=move(p.span)) if p.span else p for p in parsed.problems]
    return parsed, MappedLocator(_Lazy(parsed), move)


def mapper(word: Word, index: LineIndex) -> Mapper:
    """Spans in the decoded value of `word` to spans in the file."""
    decoded = LineIndex(word.value)

    def move(span: Span) -> Span:
        start = decoded.offset(span.line, span.column)
        end = decoded.offset(span.end_line, span.end_column)
        return word.span(index, start, max(end, start))

    return move


def relocate(doc: Document, move: Mapper) -> None:
    """Make every span of `doc` (read from decoded text) a span of the file."""
    factory = doc.locator_factory
    doc.locator_factory = lambda: MappedLocator(factory(), move)
    doc.problems = [replace(p, span=move(p.span)) if p.span else p for p in doc.problems]


def render_double_quoted(value: Any) -> str:
    """`value` as JSON inside a double-quoted shell word, for fixes."""
    text = json.dumps(value, ensure_ascii=False)
    for char in "\\\"$`":
        text = text.replace(char, "\\" + char)
    return text


class _Lazy:
    """The parsed text's own locator, built on the first lookup."""

    def __init__(self, parsed: ParsedJson) -> None:
        self.parsed = parsed

    def locate(self, path: Pointer, target: Target = Target.VALUE, occurrence: int = 0) -> Span:
        return self.parsed.locator.locate(path, target, occurrence)

    def written(self, path: Pointer) -> str | None:
        return self.parsed.locator.written(path)


class MappedLocator:
    """Another locator's spans, moved by `move`."""

    def __init__(self, inner: Locator, move: Mapper) -> None:
        self.inner, self.move = inner, move

    def locate(self, path: Pointer, target: Target = Target.VALUE, occurrence: int = 0) -> Span:
        return self.move(self.inner.locate(path, target, occurrence))

    def written(self, path: Pointer) -> str | None:
        written = getattr(self.inner, "written", None)
        return written(path) if written is not None else None


class FlagsLocator:
    """Spans of a body assembled from flags (`--maxAsyncRetryAttempts 2`): each key at its
    flag, each value at its argument, and inside a JSON argument through its own locator."""

    def __init__(self, root: Span) -> None:
        self.root = root
        self.fields: dict[str, tuple[Span, Span, Locator | None]] = {}

    def locate(self, path: Pointer, target: Target = Target.VALUE, occurrence: int = 0) -> Span:
        entry = self.fields.get(path[0]) if path and isinstance(path[0], str) else None
        if entry is None:
            return self.root
        key_span, value_span, inner = entry
        if len(path) > 1 and inner is not None:
            return inner.locate(path[1:], target, occurrence)
        return key_span if target is Target.KEY or len(path) > 1 else value_span

    def written(self, path: Pointer) -> str | None:
        entry = self.fields.get(path[0]) if path and isinstance(path[0], str) else None
        if entry is None or entry[2] is None or len(path) < 2:
            return None
        written = getattr(entry[2], "written", None)
        return written(path[1:]) if written is not None else None
