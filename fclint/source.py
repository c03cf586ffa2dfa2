"""Turning bytes into text and offsets into 1-based lines and columns."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from fclint.diagnostic import Span

BOM = "\ufeff"
_BOM_BYTES = BOM.encode()
# Where lines end, as the LSP, editors, YAML and Python's tokenizer all agree: LF, CRLF or a
# lone CR. (Form feeds, U+2028 and the like are text on a line.) The patterns are compiled on
# first use, by `re`'s cache: most runs never need them.
_LONE_CR = r"\r(?!\n)"
_SURROGATE = "[\ud800-\udfff]"
_BYTE_BREAK = rb"\r\n|\r|\n"


@dataclass(frozen=True)
class DecodeError:
    """Where bytes stop being UTF-8 text."""

    span: Span
    message: str


BINARY = "'\\x00' (a NUL byte): a binary file, not text; fclint does not check it"


def decode(data: bytes) -> str | DecodeError:
    """UTF-8 text of `data` without a BOM, or where and why it is not text. A NUL byte
    anywhere makes it binary (`binary` says the same of text an editor sent)."""
    if data.startswith(_BOM_BYTES):  # positions are counted after it, as in the text
        data = data[len(_BOM_BYTES):]
    offset = data.find(b"\x00")  # memchr: the whole file costs less than a parse
    if offset >= 0:
        line, column = _byte_position(data, offset)
        return DecodeError(Span(line, column, line, column + 1), BINARY)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line, column = _byte_position(data, error.start)
        return DecodeError(
            Span(line, column, line, column + 1),
            f"invalid UTF-8: byte 0x{data[error.start]:02x} cannot start or continue a character; "
            "fclint does not check the file",
        )
    return text


def binary(text: str) -> DecodeError | None:
    """Where `text` holds a NUL, as `decode` reports it in a file's bytes: the language server
    lints text an editor sent, and must call the same file binary as `fclint check` does."""
    offset = text.find("\x00")
    if offset < 0:
        return None
    return DecodeError(LineIndex(text).span(offset, offset + 1), BINARY)


def _byte_position(data: bytes, offset: int) -> tuple[int, int]:
    """The 1-based line and column of byte `offset` (lines as LineIndex counts them)."""
    breaks = list(re.finditer(_BYTE_BREAK, data[:offset]))
    line_start = breaks[-1].end() if breaks else 0
    prefix = data[line_start:offset].decode("utf-8", errors="replace")
    return len(breaks) + 1, len(prefix) + 1



def normalize_breaks(text: str) -> str:
    """`text` with each lone CR made an LF. Offsets do not move, so positions found in the
    copy are positions in `text`, and parsers that split lines at LF only (tree-sitter's rows,
    `.http` files) count the lines a user sees. A parser that treats CR as a line break (YAML,
    Python) reads the copy as it would read `text`."""
    return re.sub(_LONE_CR, "\n", text) if "\r" in text else text


def lone_surrogate(text: str) -> int | None:
    """The offset of the first lone surrogate in `text`, or None. Text decoded from bytes
    never holds one; text decoded from JSON escapes (a notebook cell, an LSP message) can,
    and it is not text that can be encoded, parsed or written back."""
    if text.isascii():
        return None
    match = re.search(_SURROGATE, text)
    return match.start() if match else None


class LineIndex:
    """Maps character offsets of a text to 1-based (line, column) and back; lines end at LF,
    CRLF or a lone CR (`normalize_breaks`)."""

    def __init__(self, text: str) -> None:
        self.text = text
        starts = [0]
        search = normalize_breaks(text)
        find = search.find
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

    def point(self, line: int, column: int) -> Span:
        """The span of the one character at 1-based (line, column), for a finding at a spot (a
        syntax error), kept inside the text: a parser that reads to the end of a text without
        a final line break places it on a line after the last, meaning the last line's end;
        at a line's end, where there is no character, the span is empty."""
        if line > len(self.starts):
            line, column = len(self.starts), len(self.text) + 1
        length = len(self.line_text(max(line, 1)).rstrip("\r"))
        line, column = max(line, 1), min(max(column, 1), length + 1)
        return Span(line, column, line, column + (column <= length))


def requote(written: str, new: str) -> str:
    """`new`, a quoted string replacing the quoted string `written`, in `written`'s quotes
    when it can be without escapes: a fix keeps a Python file's `"key"` double-quoted, though
    the value is rendered `'key'`."""
    quotes = "'\""
    if (len(written) >= 2 and len(new) >= 2 and written[0] == written[-1] and written[0] in quotes
            and new[0] == new[-1] and new[0] in quotes and written[0] != new[0]):
        inner = new[1:-1]
        if written[0] not in inner and "\\" not in inner:
            return written[0] + inner + written[0]
    return new
