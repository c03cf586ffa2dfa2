"""Where a fix to a notebook cell goes in the raw `.ipynb`: through the cell's source items
(fclint.formats.notebook_source), the replacement written as JSON string content."""

from __future__ import annotations

import json

from fclint.diagnostic import Edit
from fclint.formats.notebook_source import NotebookSource, string_offsets

__all__ = ["NotebookText", "string_offsets"]


class NotebookText:
    """Where a cell edit falls in the raw `.ipynb`: within one JSON string of the cell's
    `source` (an edit across two items would have to split its replacement between them)."""

    def __init__(self, text: str) -> None:
        self.source = NotebookSource(text)

    def edit(self, cell: int, edit: Edit) -> tuple[int, int, str] | None:
        found = self.source.offsets(cell, edit.span)
        if found is None or found[0] != found[2]:
            return None
        replacement = json.dumps(edit.text, ensure_ascii=False)[1:-1]
        return found[1], found[3], replacement
