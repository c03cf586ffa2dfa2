"""Turning bytes into text and offsets into 1-based lines and columns."""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from fclint.diagnostic import Span

BOM = "\ufeff"


@dataclass(frozen=True)
class DecodeError:
    """Where bytes stop being UTF-8 text."""

    span: Span
    message: str


def decode(data: bytes) -> str | DecodeError:
    """UTF-8 text of `data` without a BOM, or where and why it is not text."""
    if b"\x00" in data[:8192]:
        offset = data.index(b"\x00")
        line, column = _byte_position(data, offset)
        return DecodeError(Span(line, column, line, column + 1), "binary file (NUL byte); not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line, column = _byte_position(data, error.start)
        return DecodeError(
            Span(line, column, line, column + 1),
            f"invalid UTF-8: byte 0x{data[error.start]:02x} cannot start or continue a character",
        )
    return text[1:] if text.startswith(BOM) else text


def _byte_position(data: bytes, offset: int) -> tuple[int, int]:
    line_start = data.rfind(b"\n", 0, offset) + 1
    prefix = data[line_start:offset].decode("utf-8", errors="replace")
    return data.count(b"\n", 0, offset) + 1, len(prefix) + 1


class LineIndex:
    """Maps character offsets of a text to 1-based (line, column) and back."""

    def __init__(self, text: str) -> None:
        self.text = text
        starts = [0]
        find = text.find
        i = find("\n")
        while i >= 0:
            starts.append(i + 1)
            i = find("\n", i + 1)
        self.starts = starts

    def position(self, offset: int) -> tuple[int, int]:
        row = bisect.bisect_right(self.starts, offset) - 1
        return row + 1, offset - self.starts[row] + 1

    def offset(self, line: int, column: int) -> int:
        if line - 1 >= len(self.starts):
            return len(self.text)
        return min(self.starts[line - 1] + column - 1, len(self.text))

    def span(self, start: int, end: int) -> Span:
        return Span(*self.position(start), *self.position(end))

    def line_text(self, line: int) -> str:
        start = self.starts[line - 1]
        end = self.starts[line] - 1 if line < len(self.starts) else len(self.text)
        return self.text[start:end]


def utf16_column(line_text: str, column: int) -> int:
    """The 0-based UTF-16 column of 1-based code-point `column` in `line_text` (for LSP)."""
    prefix = line_text[: column - 1]
    return len(prefix) + sum(1 for ch in prefix if ord(ch) > 0xFFFF)
