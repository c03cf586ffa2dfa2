"""Open documents as the editor holds them: lines end only at `\\n`, `\\r\\n` and `\\r` (LSP),
not at U+2028, a form feed or the other breaks of `str.splitlines`, which pygls's own document
splits at, so its copy drifted from the editor's on such text. An edit is spliced in at offsets
found from UTF-16 positions, clamped as the LSP says: a column past a line's end is its end, a
line past the document's end is the end of the document."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from lsprotocol import types as lsp
from pygls.workspace import TextDocument, Workspace

from fclint.source import LineIndex


def line_starts(text: str) -> list[int]:
    """The offset where each line of `text` starts (a text ending in a break has an empty
    last line, as the LSP counts lines): the engine's own line index, whose lines end where
    the LSP's do."""
    return LineIndex(text).starts


def split_lines(text: str) -> list[str]:
    """`text` split after each LSP line break, breaks kept (as `splitlines(True)`)."""
    starts = line_starts(text)
    rows = [text[start:end] for start, end in pairwise(starts)]
    if starts[-1] < len(text):
        rows.append(text[starts[-1]:])
    return rows


def utf16_units(text: str) -> int:
    return len(text) if text.isascii() else len(text.encode("utf-16-le", "surrogatepass")) // 2


def code_points(line: str, units: int) -> int:
    """How many code points of `line` (no break) the first `units` UTF-16 units cover; a
    position inside a surrogate pair moves past the pair, one past the end is the end."""
    if units >= len(line) and utf16_units(line) <= units:
        return len(line)
    if line.isascii():
        return max(units, 0)
    count = min(max(units, 0), len(line))
    while utf16_units(line[:count]) > units:  # each step drops at least one unit too many
        count -= max(1, (utf16_units(line[:count]) - units) // 2)
    while count < len(line) and utf16_units(line[:count]) < units:
        count += 1
    return count


def offset(text: str, starts: Sequence[int], position: lsp.Position) -> int:
    """The offset in `text` of an LSP position, clamped to the document."""
    if position.line >= len(starts) or position.line < 0:
        return len(text) if position.line >= 0 else 0
    start = starts[position.line]
    end = starts[position.line + 1] if position.line + 1 < len(starts) else len(text)
    line = text[start:end].rstrip("\r\n")  # a line holds one break, at its end
    return start + code_points(line, position.character)


def apply_edit(text: str, change: lsp.TextDocumentContentChangeEvent) -> str:
    """`text` with one change of `textDocument/didChange` applied."""
    if not isinstance(change, lsp.TextDocumentContentChangePartial):
        return change.text
    starts = line_starts(text)
    start = offset(text, starts, change.range.start)
    end = offset(text, starts, change.range.end)
    start, end = min(start, end), max(start, end)
    return text[:start] + change.text + text[end:]


class LspDocument(TextDocument):
    """pygls's document with the LSP's lines and linear edits (pygls rebuilt every line of the
    document twice per edit and walked the line's characters in Python)."""

    def apply_change(self, change: lsp.TextDocumentContentChangeEvent) -> None:
        if self._is_sync_kind_none:
            return
        self._source = apply_edit(self.source, change)

    @property
    def lines(self) -> Sequence[str]:
        return tuple(split_lines(self.source))


class LspWorkspace(Workspace):
    """A workspace whose documents are `LspDocument`s."""

    def _create_text_document(self, doc_uri: str, source: str | None = None,
                              version: int | None = None,
                              language_id: str | None = None) -> TextDocument:
        return LspDocument(doc_uri, source=source, version=version, language_id=language_id,
                           sync_kind=self._sync_kind, position_codec=self._position_codec)
