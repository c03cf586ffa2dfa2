"""Where the cursor is in a YAML text, read from the key lines above it with less indentation
(while the user types, the text rarely parses), and which async config that place lies in: a
Serverless Devs `s.yaml` block or a YAML API body. Block mappings only (no flow style, no list
items in the chain: anything else gives None), and no PyYAML."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from fclint.diagnostic import Pointer
from fclint.kinds import Kind, detect

YAML_SUFFIXES = (".yaml", ".yml")
_NAME = r"[A-Za-z_$][\w$.-]*"
KEY_LINE = re.compile(rf"^(?P<indent> *)(?P<key>{_NAME})[ \t]*:(?:[ \t]+(?P<rest>.*?))?[ \t]*$")
_TYPING_KEY = re.compile(rf"^(?P<indent> *)(?P<word>{_NAME})?$")
_TYPING_VALUE = re.compile(rf"^(?P<indent> *)(?P<key>{_NAME})[ \t]*:(?P<space>[ \t]*)(?P<value>.*)$")
_HOVER_KEY = re.compile(rf"^(?P<indent> *)(?P<key>{_NAME})[ \t]*:(?:[ \t]|$)")

# The async blocks of Serverless Devs' FC 2.0 and FC 3.0 components (None: any name).
DEVS_FC2 = ("services", None, "props", "function", "asyncConfiguration")
DEVS_FC3 = ("resources", None, "props", "asyncInvokeConfig")


@dataclass
class YamlPlace:
    """The cursor in a key or a value of the mapping at `path`; columns are 0-based code points
    of the cursor's line, `end` exclusive."""

    role: str  # "key" or "value"
    path: tuple[str, ...]  # the keys of the enclosing mappings
    key: str | None  # for values: the key whose value it is
    start: int
    end: int
    indent: int
    keys: set[str] = field(default_factory=set)  # keys the mapping already has
    has_colon: bool = False  # a key followed by its colon already: complete the name only
    quote: str = ""  # the quote the value being typed opens with
    space: str = ""  # what to put before a value typed right after the colon


@dataclass(frozen=True)
class Target:
    """The async config a place belongs to: its kind, the pointer into that kind's schema, and
    its form: "body" (API body), "devs-fc2" or "devs-fc3"."""

    kind: Kind
    pointer: Pointer
    form: str


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _content(line: str) -> bool:
    stripped = line.strip()
    return bool(stripped) and not stripped.startswith("#")


def _boundary(line: str) -> bool:
    return line.startswith(("---", "..."))


def parents(lines: list[str], row: int, indent: int) -> tuple[str, ...] | None:
    """The keys of the mappings enclosing a line at `row` indented by `indent`."""
    path: list[str] = []
    for number in range(row - 1, -1, -1):
        if indent == 0:
            break
        line = lines[number]
        if _boundary(line):
            break
        if not _content(line) or _indent(line) >= indent:
            continue
        match = KEY_LINE.match(line)
        rest = match.group("rest") if match else None
        if match is None or (rest and not rest.startswith("#")):
            return None  # a list item, a scalar or flow value: not a parent mapping key
        path.append(match.group("key"))
        indent = _indent(line)
    if indent != 0:
        return None
    return tuple(reversed(path))


def siblings(lines: list[str], row: int, indent: int) -> set[str]:
    """The keys at `indent` of the mapping holding line `row` (above and below, not `row`)."""
    keys: set[str] = set()
    for step in (-1, 1):
        number = row + step
        while 0 <= number < len(lines):
            line = lines[number]
            if _boundary(line):
                break
            if _content(line):
                if _indent(line) < indent:
                    break
                match = KEY_LINE.match(line)
                if match and _indent(line) == indent:
                    keys.add(match.group("key"))
            number += step
    return keys


def place(text: str, line: int, column: int) -> YamlPlace | None:
    """The place at 1-based `line` and code-point `column`, or None."""
    lines = text.split("\n")
    if not 1 <= line <= len(lines):
        return None
    row, current = line - 1, lines[line - 1]
    col = min(column - 1, len(current))
    before = current[:col]
    typing = _TYPING_KEY.match(before)
    if typing:
        indent = len(typing.group("indent"))
        end = col
        while end < len(current) and re.match(r"[\w$.-]", current[end]):
            end += 1
        path = parents(lines, row, indent)
        if path is None:
            return None
        has_colon = current[end:].lstrip(" \t").startswith(":")
        return YamlPlace("key", path, None, indent, end, indent, siblings(lines, row, indent),
                         has_colon)
    value = _TYPING_VALUE.match(before)
    if value is None or "#" in value.group("value") or value.group("value").startswith(("|", ">")):
        return None
    indent = len(value.group("indent"))
    path = parents(lines, row, indent)
    if path is None:
        return None
    start = col - len(value.group("value"))
    typed = current[start:].split(" #", 1)[0].rstrip()
    end = max(col, start + len(typed))
    quote = typed[:1] if typed[:1] in ("'", '"') else ""
    space = "" if value.group("space") else " "
    return YamlPlace("value", path, value.group("key"), start, end, indent,
                     siblings(lines, row, indent) | {value.group("key")}, quote=quote,
                     space=space)


def key_at(text: str, line: int, column: int) -> tuple[tuple[str, ...], int, int] | None:
    """The full key path of the mapping key under 1-based `line` and `column`, with the key's
    0-based start and end columns; None when the cursor is not on a key."""
    lines = text.split("\n")
    if not 1 <= line <= len(lines):
        return None
    match = _HOVER_KEY.match(lines[line - 1])
    if match is None or not match.start("key") <= column - 1 < match.end("key"):
        return None
    path = parents(lines, line - 1, len(match.group("indent")))
    if path is None:
        return None
    return path + (match.group("key"),), match.start("key"), match.end("key")


def root_keys(text: str, line: int) -> dict[str, None]:
    """The top-level keys of the YAML document holding 1-based `line`."""
    lines = text.split("\n")
    first = 0
    for number in range(min(line, len(lines)) - 1, -1, -1):
        if _boundary(lines[number]):
            first = number + 1
            break
    keys: dict[str, None] = {}
    for row in lines[first:]:
        if _boundary(row):
            break
        match = KEY_LINE.match(row)
        if match and not match.group("indent"):
            keys[match.group("key")] = None
    return keys


def target(path: tuple[str, ...], roots: dict[str, None],
           api_generation: int | None = None, allow_empty: bool = False) -> Target | None:
    """The async config `path` (the keys to a mapping) lies in, or None. `allow_empty`: a
    document with no keys yet is a body of the configured generation."""
    for shape, kind, form in ((DEVS_FC2, Kind.FC2_REQUEST, "devs-fc2"),
                              (DEVS_FC3, Kind.FC3_REQUEST, "devs-fc3")):
        if len(path) >= len(shape) and all(want is None or want == got
                                           for want, got in zip(shape, path)):
            rest = path[len(shape):]
            if form == "devs-fc2" and rest[:1] == ("destination",):
                rest = ("destinationConfig",) + rest[1:]
            return Target(kind, rest, form)
    if "edition" in roots or path[:1] in (("services",), ("resources",)):
        return None  # elsewhere in an s.yaml
    found = detect(roots, api_generation)
    if found is None and allow_empty and not roots:
        found = Kind.FC3_REQUEST if api_generation == 3 else Kind.FC2_REQUEST
    return Target(found, path, "body") if found is not None else None
