"""Where a notebook cell's text stands in the raw `.ipynb`. A cell's `source` is one JSON string
or a list of them, and an item may hold any part of the cell (a line, several lines, a piece of
one: nbformat joins the items as they are), so a cell's line and column go through the item
that holds the character, and within it through the string's escapes."""

from __future__ import annotations

import bisect
import json
import re
from dataclasses import dataclass

from fclint.diagnostic import Span
from fclint.jsonlocator import JsonLocator
from fclint.source import LineIndex


@dataclass(frozen=True)
class _Items:
    """The non-empty source items of one cell."""

    lines: LineIndex  # of the cell's text, the items joined
    starts: list[int]  # where each item begins in the cell's text
    raw: list[int]  # where each item's content begins in the raw text (after its quote)
    offsets: list[list[int]]  # string_offsets of each item's content

    def place(self, line: int, column: int, end: bool = False) -> tuple[int, int]:
        """(item, raw offset) of the cell's 1-based (line, column); an end lies just after the
        character before it, so an end at an item's boundary is in the item before."""
        at = min(self.lines.offset(line, column), len(self.lines.text))
        item = bisect.bisect_right(self.starts, at - 1 if end and at else at) - 1
        return item, self.raw[item] + self.offsets[item][at - self.starts[item]]


class NotebookSource:
    """Maps the positions of a notebook's cells to its raw text, cell by cell on demand."""

    def __init__(self, text: str) -> None:
        self.index = LineIndex(text)
        self.locator = JsonLocator(text, with_values=False)
        self._cells: dict[int, _Items | None] = {}

    def span(self, cell: int, span: Span) -> Span | None:
        """The raw span of `span` in cell `cell` (1-based), or None where the cell has no
        source list or string fclint can follow (nbformat 3's worksheets)."""
        found = self.offsets(cell, span)
        return None if found is None else self.index.span(found[1], found[3])

    def offsets(self, cell: int, span: Span) -> tuple[int, int, int, int] | None:
        """(start item, raw start, end item, raw end) of `span` in cell `cell`, or None."""
        items = self._items(cell)
        if items is None:
            return None
        first, start = items.place(span.line, span.column)
        empty = (span.end_line, span.end_column) <= (span.line, span.column)
        last, end = (first, start) if empty else items.place(span.end_line, span.end_column, True)
        return first, start, last, end

    def _items(self, cell: int) -> _Items | None:
        if cell not in self._cells:
            self._cells[cell] = self._read(cell)
        return self._cells[cell]

    def _read(self, cell: int) -> _Items | None:
        strings = self.locator.strings(("cells", cell - 1, "source"))
        if not strings:
            return None
        starts, raw, offsets, parts, length = [], [], [], [], 0
        for offset, written in strings:
            try:
                decoded = json.loads(written)
            except ValueError:
                return None
            content = string_offsets(written[1:-1])
            if not isinstance(decoded, str) or len(content) != len(decoded) + 1:
                return None
            if not decoded:
                continue  # an empty item holds no character of the cell
            starts.append(length)
            raw.append(offset + 1)
            offsets.append(content)
            parts.append(decoded)
            length += len(decoded)
        return _Items(LineIndex("".join(parts)), starts, raw, offsets) if parts else None


_ESCAPE = re.compile(r"\\(?:u[dD][89abAB][0-9a-fA-F]{2}\\u[dD][c-fC-F][0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|.)")


def string_offsets(content: str) -> list[int]:
    """For the content of a JSON string literal (between its quotes), the offset in it of each
    character it decodes to, then its length: an escape is one character (a surrogate pair's
    two escapes one code point, as `json.loads` reads them)."""
    offsets = []
    position = 0
    while position < len(content):
        offsets.append(position)
        escape = _ESCAPE.match(content, position) if content[position] == "\\" else None
        position = escape.end() if escape else position + 1
    offsets.append(len(content))
    return offsets
