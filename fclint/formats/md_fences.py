"""The fenced code blocks of a Markdown text, as tree-sitter-markdown's block grammar reads them
by CommonMark's rules (``` and ~~~ fences, inside block quotes and list items, not inside HTML
blocks or indented code), each with its text laid where it stands in the file."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from fclint import treesitter


@dataclass(frozen=True)
class Fence:
    """A fenced code block. `text` is the file's text with everything outside the block's
    content blanked: the lines before it empty, the markers of its containers (`> `, a list
    item's indent) spaces. A front end reading it finds every position where it is in the
    file, with no offsets to carry."""

    language: str  # the info string's first word, lower-cased; "" without one
    line: int  # the 1-based line of the opening fence
    text: str

    @property
    def body(self) -> str:
        return self.text.lstrip("\n")


def fences(text: str) -> Iterator[Fence]:
    """Every fenced code block of `text`, in order."""
    source = text.encode("utf-8")
    rows = source.split(b"\n")
    stack = [treesitter.parse("markdown", source).root_node]
    while stack:
        node = stack.pop()
        if node.type == "fenced_code_block":
            fence = _fence(node, rows)
            if fence is not None:
                yield fence
            continue  # a fence holds no blocks: what looks like one inside is its text
        stack.extend(reversed(node.children))


def _fence(node: Any, rows: list[bytes]) -> Fence | None:
    language = ""
    content = None
    for child in node.children:
        if child.type == "info_string":
            words = child.text.decode("utf-8", "replace").split()
            language = words[0].lower() if words else ""
        elif child.type == "code_fence_content":
            content = child
    if content is None:  # an empty block
        return None
    first, (last, last_column) = content.start_point[0], content.end_point
    lines = [bytearray(row) for row in rows[first:last + 1]]
    if last_column < len(lines[-1]):  # the content ends inside the row (the file's end)
        del lines[-1][last_column:]
    for prefix in _continuations(node):  # container markers: spaces of the same width
        row, start, end = prefix.start_point[0] - first, prefix.start_point[1], prefix.end_point[1]
        if 0 <= row < len(lines) and prefix.start_point[0] == prefix.end_point[0]:
            lines[row][start:end] = b" " * (end - start)
    body = b"\n".join(lines).decode("utf-8", "replace")
    return Fence(language, node.start_point[0] + 1, "\n" * first + body)


def _continuations(node: Any) -> Iterator[Any]:
    stack = list(node.children)
    while stack:
        child = stack.pop()
        if child.type == "block_continuation":
            yield child
        elif child.type == "code_fence_content":
            stack.extend(child.children)
