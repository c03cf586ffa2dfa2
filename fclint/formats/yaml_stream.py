"""Where the documents of a YAML stream start: reading resumes at the next `---` line after a
syntax error, for the node tree and for the comment scanner alike."""

from __future__ import annotations

import re

_DOCUMENT_START = re.compile(r"^---(?:[ \t]|$)", re.MULTILINE)


def resume_after(text: str, offset: int, error_line: int) -> int | None:
    """Where reading resumes after an error on 1-based line `error_line` of the document read
    from `offset`: the next `---` line, or None when there is none."""
    next_start = _next_document(text, error_line)
    if next_start is not None and next_start <= offset:
        next_start = _next_document(text, error_line + 1)
    if next_start is None or next_start <= offset:
        return None
    return next_start


def line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset)


def _next_document(text: str, from_line: int) -> int | None:
    """The offset of the first `---` line from 1-based line `from_line` on (the error may be
    found at the marker that starts the next document)."""
    position = 0
    for _ in range(from_line - 1):
        position = text.find("\n", position) + 1
        if position == 0:
            return None
    match = _DOCUMENT_START.search(text, position)
    return match.start() if match else None
