"""Where the cursor is in a JSON text, found by a tolerant scan of the text before it (strings,
brackets, colons and commas, as vscode-json-languageservice's scanner does) rather than by a
parse. While the user types the text rarely parses, but the scan always knows the chain of keys
leading to the cursor, however broken the rest is."""

from __future__ import annotations

from dataclasses import dataclass, field

from fclint.diagnostic import Pointer


@dataclass
class _Frame:
    container: str  # "object" or "array"
    pointer: Pointer
    state: str = "key"  # objects: key, colon, value, after; arrays: value, after
    key: str | None = None  # the last key read in this object
    index: int = 0
    keys: set[str] = field(default_factory=set)


@dataclass
class Place:
    """Where the cursor is: in a key or a value of the object at `pointer`."""

    role: str  # "key" or "value"
    pointer: Pointer  # the enclosing object
    key: str | None  # for values: the key whose value it is
    start: int  # offset where the replaced text starts
    end: int  # offset where it ends (the cursor, or past a closing quote)
    quoted: bool  # the replaced text is a string with its quotes
    keys: set[str]  # keys the object already has
    has_colon: bool = False  # a key followed by its colon already: complete the name only
    root_keys: set[str] = field(default_factory=set)  # the top object's keys before the cursor


def place(text: str, offset: int) -> Place | None:
    """The cursor's place in a JSON text, or None outside any object or inside a literal that
    is not being typed."""
    stack: list[_Frame] = []
    i = 0
    string_start = -1
    while i < offset:
        char = text[i]
        if char == '"':
            end = _string_end(text, i)
            closed = end - 1 > i and text[end - 1] == '"'
            if end > offset or (end == offset and not closed):
                string_start = i  # the cursor is inside this string
                break
            _read_string(stack, text[i + 1:end - 1])
            i = end
            continue
        if char in "{[":
            pointer = _child_pointer(stack)
            stack.append(_Frame("object" if char == "{" else "array", pointer,
                                state="key" if char == "{" else "value"))
        elif char in "}]":
            if stack:
                stack.pop()
            if stack:
                stack[-1].state = "after"
        elif char == ":" and stack and stack[-1].container == "object":
            stack[-1].state = "value"
        elif char == ",":
            if stack and stack[-1].container == "object":
                stack[-1].state = "key"
            elif stack:
                stack[-1].index += 1
                stack[-1].state = "value"
        elif not char.isspace() and stack and stack[-1].state == "value":
            word_end = _word_end(text, i)
            if word_end >= offset:  # typing a literal: `tr|`
                return _value_place(stack, text, i, offset)
            stack[-1].state = "after"
            i = word_end
            continue
        i += 1
    if not stack or stack[-1].container != "object":
        return None
    found = _place_in(stack[-1], text, offset, string_start)
    if found is not None and stack[0].container == "object":
        found.root_keys = set(stack[0].keys)
    return found


def _place_in(frame: _Frame, text: str, offset: int, string_start: int) -> Place | None:
    keys = frame.keys | _later_keys(text, offset if string_start < 0 else
                                    _string_end(text, string_start))
    if string_start >= 0:
        end = _string_end(text, string_start)
        if frame.state == "key":
            end = end if text[end - 1:end] == '"' and end - 1 > string_start else offset
            colon = text[max(end, offset):max(end, offset) + 40].lstrip().startswith(":")
            return Place("key", frame.pointer, None, string_start, max(end, offset), True, keys,
                         colon)
        if frame.state == "value":
            close = end if text[end - 1:end] == '"' and end - 1 > string_start else offset
            return Place("value", frame.pointer, frame.key, string_start, max(close, offset),
                         True, keys)
        return None
    if frame.state == "key":
        return Place("key", frame.pointer, None, offset, offset, False, keys)
    if frame.state == "value":
        return Place("value", frame.pointer, frame.key, offset, offset, False, keys)
    return None


def _value_place(stack: list[_Frame], text: str, start: int, offset: int) -> Place | None:
    frame = stack[-1]
    if frame.container != "object":
        return None
    return Place("value", frame.pointer, frame.key, start, offset, False, set(frame.keys))


def _string_end(text: str, start: int) -> int:
    """The offset after the string opening at `start`; an unclosed string ends at its line."""
    i = start + 1
    while i < len(text):
        char = text[i]
        if char == "\\":
            i += 2
            continue
        if char == '"':
            return i + 1
        if char == "\n":
            return i
        i += 1
    return len(text)


def _word_end(text: str, start: int) -> int:
    i = start
    while i < len(text) and (text[i].isalnum() or text[i] in "+-._"):
        i += 1
    return max(i, start + 1)


def _read_string(stack: list[_Frame], value: str) -> None:
    if not stack:
        return
    frame = stack[-1]
    # A string where a colon or a comma should come follows a broken pair: read it as a key.
    if frame.container == "object" and frame.state in ("key", "colon", "after"):
        frame.key = value
        frame.keys.add(value)
        frame.state = "colon"
    elif frame.state == "value":
        frame.state = "after"


def _child_pointer(stack: list[_Frame]) -> Pointer:
    if not stack:
        return ()
    frame = stack[-1]
    if frame.container == "object":
        return frame.pointer + ((frame.key or ""),)
    return frame.pointer + (frame.index,)


def _later_keys(text: str, start: int) -> set[str]:
    """Keys of the enclosing object written after the cursor (depth 0 of the rest)."""
    keys: set[str] = set()
    depth, i = 0, start
    while i < len(text):
        char = text[i]
        if char == '"':
            end = _string_end(text, i)
            rest = text[end:end + 40].lstrip()
            if depth == 0 and rest.startswith(":"):  # values are never followed by a colon
                keys.add(text[i + 1:end - 1])
            i = end
            continue
        if char in "{[":
            depth += 1
        elif char in "}]":
            depth -= 1
            if depth < 0:
                break
        i += 1
    return keys
