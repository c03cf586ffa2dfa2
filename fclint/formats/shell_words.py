"""Shell command lines as words: tree-sitter-bash finds the simple commands (through pipelines,
`if` blocks, functions, heredocs and comments); each argument is decoded as the shell would,
quotes and escapes removed, with the offset in the file of every character it decodes to."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from fclint import treesitter
from fclint.diagnostic import Span
from fclint.source import LineIndex

# A `$` that the shell expands (outside single quotes): a variable, `${...}`, `$(...)`.
# (`$'...'` and `$"..."` are not decoded: taken as expansions, their values are not judged.)
_EXPANSION = re.compile(r"\$(?:[A-Za-z_{('\"]|[0-9@*#?$!-])")
# Interpolations a decoded value may hold when its word expanded: not ours to judge.
INTERPOLATION = re.compile(r"\$\{[^{}]*\}|\$\([^()]*\)|\$[A-Za-z_][A-Za-z0-9_]*|`[^`]*`")
_NOT_ARGUMENTS = frozenset({"command_name", "variable_assignment", "file_redirect",
                            "heredoc_redirect", "herestring_redirect", "comment"})
# `$ ` at the start of a line is a prompt copied from a terminal, never a command.
_PROMPT = re.compile(r"^([ \t]*)\$(?=[ \t])", re.MULTILINE)


@dataclass(frozen=True)
class Word:
    """One argument as the command receives it. `starts[i]`/`ends[i]` are the offsets in the
    file of the text that makes character i (`\\"` for a `"` in double quotes)."""

    value: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    start: int  # where the word is written (quotes included)
    end: int
    expands: bool = False  # it holds `$VAR`, `$(...)` or backticks the shell replaces

    def tail(self, index: int) -> Word:
        """The word from character `index` on: the value of `--flag=value`."""
        first = self.starts[index] if index < len(self.starts) else self.end
        return Word(self.value[index:], self.starts[index:], self.ends[index:], first, self.end,
                    self.expands)

    def verbatim_at(self) -> int | None:
        """Where the value stands as it is in the file (a single-quoted word, or one without
        quotes or escapes), or None when quotes or escapes come between its characters."""
        if not self.starts:
            return None
        first = self.starts[0]
        if self.ends[-1] - first != len(self.value):
            return None
        return first if all(s == first + i for i, s in enumerate(self.starts)) else None

    def span(self, index: LineIndex, start: int = 0, end: int | None = None) -> Span:
        """The span in the file of value characters `start` to `end` (all of them)."""
        end = len(self.value) if end is None else end
        if not self.value:
            return index.span(self.start, self.end)
        begin = self.starts[min(start, len(self.starts) - 1)]
        finish = self.ends[end - 1] if end > 0 else begin
        return index.span(begin, max(finish, begin))


@dataclass(frozen=True)
class Command:
    """A simple command: its words, the program first."""

    words: tuple[Word, ...]


def without_prompts(text: str) -> str:
    """`text` with each `$ ` prompt at the start of a line blanked (offsets unchanged)."""
    return _PROMPT.sub(lambda m: m.group(1) + " ", text) if "$" in text else text


def commands(text: str, wanted: re.Pattern[str] | None = None) -> Iterator[Command]:
    """Every simple command of a script, in the order written; with `wanted`, only those
    whose text it finds (words are decoded in Python: a script's other commands are not)."""
    source = text.encode("utf-8")
    chars = _CharOffsets(text, source)
    tree = treesitter.parse("bash", source)
    stack = [tree.root_node]
    while stack:
        node = stack.pop()
        if node.type == "command":
            statement = node.parent if node.parent.type == "redirected_statement" else node
            if wanted is None or wanted.search(
                    source[statement.start_byte:statement.end_byte].decode("utf-8", "replace")):
                words = _arguments(node)
                yield Command(tuple(decode(text, chars(n.start_byte), chars(n.end_byte))
                                    for n in words))
        stack.extend(reversed(node.named_children))


def _arguments(node: Any) -> list[Any]:
    """The command's program and arguments. tree-sitter-bash hangs the words that follow a
    redirection (`cmd <in a b`) under the redirection; to the shell they are arguments."""
    name = node.child_by_field_name("name")
    words = [name] if name is not None else []
    words += [c for c in node.named_children if c.type not in _NOT_ARGUMENTS]
    parent = node.parent
    if parent is not None and parent.type == "redirected_statement":
        for redirect in parent.named_children:
            if redirect.type == "file_redirect":
                targets = [c for c in redirect.named_children if c.type != "file_descriptor"]
                words += targets[1:]
    return sorted(words, key=lambda n: n.start_byte)


class _CharOffsets:
    """Byte offsets (tree-sitter's) to character offsets, free for ASCII text."""

    def __init__(self, text: str, source: bytes) -> None:
        self.source = source if not text.isascii() else None

    def __call__(self, byte: int) -> int:
        if self.source is None:
            return byte
        return len(self.source[:byte].decode("utf-8", errors="replace"))


def decode(text: str, start: int, end: int) -> Word:
    """The value of the word written at `text[start:end]`: single quotes kept verbatim, double
    quotes with the escapes `\\\\ \\" \\$ \\``, a backslash outside quotes escaping the next
    character, backslash-newline removed."""
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []

    def emit(char: str, at: int, to: int) -> None:
        out.append(char)
        starts.append(at)
        ends.append(to)

    expands = False
    quoted = False  # inside double quotes
    i = start
    while i < end:
        char = text[i]
        if char == "\\" and i + 1 < end:
            follower = text[i + 1]
            if follower == "\n":
                i += 2
                continue
            if not quoted or follower in '\\"$`':
                emit(follower, i, i + 2)
                i += 2
                continue
        if char == "'" and not quoted:
            close = text.find("'", i + 1, end)
            close = end if close < 0 else close
            for j in range(i + 1, close):
                emit(text[j], j, j + 1)
            i = close + 1
            continue
        if char == '"':
            quoted = not quoted
            i += 1
            continue
        if char == "`" or (char == "$" and _EXPANSION.match(text, i, end)):
            expands = True
        emit(char, i, i + 1)
        i += 1
    return Word("".join(out), tuple(starts), tuple(ends), start, end, expands)


def comment_ranges(text: str, marker: str) -> Iterator[tuple[int, int]]:
    """Where the comments that hold `marker` are (character offsets), as tree-sitter-bash
    reads them: the same text in a quoted argument or a heredoc is no comment."""
    source = text.encode("utf-8")
    needle = marker.encode("utf-8")
    at = source.find(needle)
    if at < 0:
        return
    chars = _CharOffsets(text, source)
    root = treesitter.parse("bash", source).root_node
    seen: set[int] = set()
    while at >= 0:
        node = root.descendant_for_byte_range(at, at + len(needle))
        if node is not None and node.type == "comment" and node.start_byte not in seen:
            seen.add(node.start_byte)
            yield chars(node.start_byte), chars(node.end_byte)
        at = source.find(needle, at + len(needle))
