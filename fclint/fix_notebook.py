"""Where a fix to a notebook cell goes in the raw `.ipynb`: each line of a cell's source is a
JSON string, so the cell's columns are the string's decoded characters, escapes and all."""

from __future__ import annotations

import json
import re

from fclint.diagnostic import Edit
from fclint.jsonlocator import JsonLocator
from fclint.source import LineIndex


class NotebookText:
    """Where a cell edit falls in the raw `.ipynb`: each source line is a JSON string of the
    cell's `source` list, so cell columns map to the string's characters, escapes decoded."""

    def __init__(self, text: str) -> None:
        self.index = LineIndex(text)
        self.locator = JsonLocator(text, with_values=False)

    def edit(self, cell: int, edit: Edit) -> tuple[int, int, str] | None:
        span = edit.span
        if span.line != span.end_line or "\n" in edit.text:
            return None  # within one source line only: a line break is a new list item
        pointer = ("cells", cell - 1, "source", span.line - 1)
        self.locator.locate(pointer)
        entry = self.locator.spans.get(pointer)
        if entry is None:  # `source` as one string, or nbformat 3's worksheets
            return None
        string = entry[1]
        if string.end_line != string.line:
            return None
        base = self.index.starts[string.line - 1]
        line = self.index.line_text(string.line)
        offsets = string_offsets(line[string.column:string.end_column - 2])
        if span.end_column > len(offsets):
            return None
        replacement = json.dumps(edit.text, ensure_ascii=False)[1:-1]
        start = base + string.column
        return start + offsets[span.column - 1], start + offsets[span.end_column - 1], replacement


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
