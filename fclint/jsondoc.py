"""JSON text to data, plus a lazily built map from JSON pointers to source spans.

The fast path is the C `json` decoder: most files are clean and never need positions. Only
when a finding must be located, or the text does not parse, is the file parsed again with
tree-sitter, which gives every key and value a span and recovers what it can from broken text.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from fclint import treesitter
from fclint.diagnostic import Finding, Pointer, Span, Target
from fclint.document import closest_span
from fclint.source import LineIndex

MAX_DEPTH = 64


class _DupDict(dict):  # type: ignore[type-arg]
    """A dict that remembers which of its keys were written more than once."""

    dup_keys: tuple[str, ...] = ()


class _Marks:
    """What the decoder saw while it ran, so clean files skip the walks that look for it."""

    duplicates = 0


def _pairs_hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) == len(pairs):
        return result
    _Marks.duplicates += 1
    seen: set[str] = set()
    dups = []
    for key, _ in pairs:
        if key in seen and key not in dups:
            dups.append(key)
        seen.add(key)
    marked = _DupDict(result)
    marked.dup_keys = tuple(dups)
    return marked


_INT_DIGITS = 4300  # Python's default limit for str <-> int; longer texts would raise on repr too


def _parse_int(text: str) -> int | float:
    """An integer; one too long for Python's int conversion becomes +-inf, like 1e999 does."""
    return int(text) if len(text) <= _INT_DIGITS else float(text)


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON value")


# Made once: json.loads with hooks builds a decoder and its scanner on every call.
_DECODER = json.JSONDecoder(object_pairs_hook=_pairs_hook, parse_constant=_reject_constant)


_JSON_SPACE = " \t\n\r"


def _loads(text: str) -> Any:
    """json.loads, strict about constants; integers past Python's digit limit only on retry,
    so the common case pays for no Python callback per number.

    A whole text that is one value, space around it, is read with raw_decode alone (decode
    adds two regular expressions for the space); anything else, errors included, goes
    through decode, which words the error."""
    start = len(text) - len(text.lstrip(_JSON_SPACE))
    try:
        data, end = _DECODER.raw_decode(text, start)
        if end == len(text) or not text[end:].strip(_JSON_SPACE):
            return data
    except ValueError:
        pass
    try:
        return _DECODER.decode(text)
    except ValueError as error:
        if isinstance(error, json.JSONDecodeError) or "digits" not in str(error):
            raise
        return json.loads(text, object_pairs_hook=_pairs_hook, parse_constant=_reject_constant,
                          parse_int=_parse_int)


@dataclass
class ParsedJson:
    """What a JSON text holds: data (None when nothing usable), duplicate keys and problems."""

    text: str
    data: Any
    duplicates: list[Pointer] = field(default_factory=list)
    problems: list[Finding] = field(default_factory=list)
    line_offset: int = 0
    _locator: JsonLocator | None = None

    @property
    def locator(self) -> JsonLocator:
        if self._locator is None:
            self._locator = JsonLocator(self.text, self.line_offset, with_values=False)
        return self._locator


def parse_json(text: str, line_offset: int = 0) -> ParsedJson:
    """Parse `text`; its line 1 is line `line_offset + 1` of the file it came from."""
    parsed = ParsedJson(text, None, line_offset=line_offset)
    duplicates_before = _Marks.duplicates
    try:
        data = _loads(text)
    except json.JSONDecodeError as error:
        at, why = plain_syntax_error(text, error)
        line, column = LineIndex(text).position(at)
        parsed.problems.append(_syntax(f"syntax error: {why}", line + line_offset, column))
        return _recover(parsed)
    except ValueError as error:  # NaN or Infinity: valid for Python, not JSON
        constant = str(error).split()[0]
        line, column = LineIndex(text).position(max(_find_constant(text, constant), 0))
        parsed.problems.append(_syntax(f"syntax error: {error}", line + line_offset, column))
        return _recover(parsed)
    except RecursionError:
        return _too_deep(parsed)
    if (text.count("{") + text.count("[") > MAX_DEPTH) and _depth(data) > MAX_DEPTH:
        return _too_deep(parsed)
    parsed.data = data
    if _Marks.duplicates != duplicates_before:
        parsed.duplicates = _duplicate_pointers(data)
    return parsed


def plain_syntax_error(text: str, error: json.JSONDecodeError) -> tuple[int, str]:
    """Where a JSON text goes wrong and why, in plain words and at the character at fault:
    Python's decoder says "Expecting property name enclosed in double quotes" at the `}` after
    a trailing comma, and the same for a comment."""
    at, found = error.pos, text[error.pos:error.pos + 2]
    before = len(text[:at].rstrip(_JSON_SPACE)) - 1  # the last character before the error
    if found in ("//", "/*"):
        return at, "comments are not allowed in JSON"
    if found[:1] in ("}", "]") and before >= 0 and text[before] == ",":
        return before, f"trailing comma: JSON allows no ',' before '{found[0]}'"
    if found[:1] == "'":
        return at, "strings take double quotes in JSON, not single quotes"
    if error.msg.startswith("Expecting property name") and found[:1].isalpha():
        key = re.match(r"[\w$-]+", text[at:])
        return at, f"keys are double-quoted strings in JSON: write \"{key.group() if key else ''}\""
    if error.msg == "Expecting ',' delimiter":
        if found[:1].isdigit() and before >= 0 and text[before] == "0":
            return before, "numbers have no leading zeros in JSON"
        return at, "a ',' is missing before this"
    if error.msg == "Expecting ':' delimiter":
        return at, "a ':' is missing after the key"
    if error.msg.startswith("Unterminated string"):
        return at, "this string has no closing double quote"
    if error.msg.startswith("Invalid control character"):
        return at, (f"{text[at]!r} cannot stand in a JSON string as it is: write it as an "
                    "escape (\\t, \\n)")
    if error.msg.startswith("Invalid \\escape"):
        return at, "this escape is not one of JSON's (\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)"
    if error.msg == "Extra data":
        return at, "more text after the end of the JSON value"
    if error.msg == "Expecting value":
        if at >= len(text.rstrip(_JSON_SPACE)):
            return at, "the text ends before the JSON value does"
        token = re.match(r"[^\s,\]}:]{1,40}", text[at:])
        return at, f"{token.group() if token else text[at]!r} is not a JSON value"
    return at, error.msg


def _find_constant(text: str, constant: str) -> int:
    """Where `constant` stands as a value (not inside a string): after ':', '[' or ','."""
    match = re.search(rf"[:\[,]\s*-?({re.escape(constant)})", text)
    return match.start(1) if match else text.find(constant)


def _syntax(message: str, line: int, column: int) -> Finding:
    return Finding((), message, code="FC000", span=Span(line, column, line, column + 1))


def _recover(parsed: ParsedJson) -> ParsedJson:
    locator = parsed._locator = JsonLocator(parsed.text, parsed.line_offset, with_values=True)
    if locator.too_deep is not None:
        return _too_deep(parsed)
    parsed.data = locator.data
    parsed.duplicates = list(locator.duplicate_spans)
    return parsed


def _too_deep(parsed: ParsedJson) -> ParsedJson:
    if parsed._locator is None or not parsed._locator.with_values:  # the walk finds the spot
        parsed._locator = JsonLocator(parsed.text, parsed.line_offset, with_values=True)
    span = parsed.locator.too_deep or Span(1, 1, 1, 2)
    parsed.problems.append(
        Finding((), f"nesting deeper than {MAX_DEPTH} levels; fclint does not check this file "
                "(an FC config is at most 4 levels deep)", code="FC090", span=span)
    )
    parsed.data = None
    return parsed


def _depth(data: Any) -> int:
    deepest = 0
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if depth > MAX_DEPTH:
            return depth
        deepest = max(deepest, depth)
        if isinstance(value, dict):
            stack.extend((v, depth + 1) for v in value.values())
        elif isinstance(value, list):
            stack.extend((v, depth + 1) for v in value)
    return deepest


def _duplicate_pointers(data: Any) -> list[Pointer]:
    found: list[Pointer] = []
    stack: list[tuple[Any, Pointer]] = [(data, ())]
    while stack:
        value, path = stack.pop()
        if isinstance(value, dict):
            if isinstance(value, _DupDict):
                found.extend(path + (key,) for key in value.dup_keys)
            stack.extend((v, path + (k,)) for k, v in value.items())
        elif isinstance(value, list):
            stack.extend((v, path + (i,)) for i, v in enumerate(value))
    return sorted(found, key=str)


class JsonLocator:
    """Spans of every key and value of a JSON text, and the data tree-sitter recovered from it."""

    def __init__(self, text: str, line_offset: int = 0, with_values: bool = True,
                 max_depth: int = MAX_DEPTH) -> None:
        self.with_values = with_values  # recovering data needs values; locating needs only spans
        self.max_depth = max_depth
        self.line_offset = line_offset
        self.spans: dict[Pointer, tuple[Span | None, Span]] = {}
        self.duplicate_spans: dict[Pointer, list[Span]] = {}
        self.too_deep: Span | None = None
        self._objects: dict[int, dict[Any, list[tuple[Any, Any]]]] = {}  # see _entries
        self._source = text.encode("utf-8")
        self._ascii = text.isascii()
        self._lines = self._source.split(b"\n") if not self._ascii else []
        tree = treesitter.parse("json", self._source)
        self._root = tree.root_node
        # Building every span costs more than the few lookups a file with findings needs, so
        # without values the spans are found on demand, along each pointer's path only.
        self.data = self._build(tree.root_node) if with_values else None

    def locate(self, path: Pointer, target: Target = Target.VALUE, occurrence: int = 0) -> Span:
        """The span of `path`, or of its closest existing ancestor."""
        if not self.with_values:
            self._ensure(path)
        first = 1 + self.line_offset
        return closest_span(self.spans, self.duplicate_spans, path, target, occurrence,
                            Span(first, 1, first, 2))

    def written(self, path: Pointer) -> str | None:
        """The text of the value at `path` as written (`1e3`, not 1000.0), or None."""
        node = self._ensure(path, record=False)
        if node is None:
            return None
        after = self._source[node.end_byte:node.end_byte + 1]
        if after and after not in b" \t\r\n,]}":  # tree-sitter stopped inside it (`1e+0`)
            return None
        return self._source[node.start_byte:node.end_byte].decode("utf-8", "replace")

    def _ensure(self, path: Pointer, record: bool = True) -> Any:
        """Record the spans along `path`, descending the tree from the root; the node of
        `path`, when it is there and was walked to."""
        if path in self.spans and record:
            return None
        values = [c for c in self._root.named_children if c.type not in ("comment", "ERROR")]
        if not values:
            return None
        node = values[0]
        current: Pointer = ()
        self.spans.setdefault((), (None, self._span(node)))
        for part in path:
            if node.type == "object" and isinstance(part, str):
                entries = self._entries(node).get(part)
                if not entries:
                    return None
                keys = [self._span(key) for key, _ in entries]
                found = entries[-1][1]
                current = current + (part,)
                self.spans[current] = (keys[-1], self._span(found))
                if len(keys) > 1:
                    self.duplicate_spans[current] = keys
            elif node.type == "array" and isinstance(part, int):
                items = [c for c in node.named_children if c.type not in ("comment", "ERROR")]
                if part >= len(items):
                    return None
                current, found = current + (part,), items[part]
                self.spans[current] = (None, self._span(found))
            else:
                return None
            node = found
        return node

    def _entries(self, node: Any) -> dict[Any, list[tuple[Any, Any]]]:
        """An object's (key node, value node) pairs by key, in the order written, indexed once
        per object: looking every finding's key up by a scan of the object made a body with
        thousands of unknown keys quadratic (10,000 keys: 158 s, now linear)."""
        index = self._objects.get(node.id)
        if index is None:
            index = self._objects[node.id] = {}
            for pair in node.named_children:
                if pair.type != "pair" or (key := pair.child_by_field_name("key")) is None:
                    continue
                value = pair.child_by_field_name("value")
                if value is not None:
                    index.setdefault(self._key(key), []).append((key, value))
        return index

    def _span(self, node: Any) -> Span:
        (row, col), (end_row, end_col) = node.start_point, node.end_point
        if not self._ascii:
            col, end_col = self._char_column(row, col), self._char_column(end_row, end_col)
        offset = self.line_offset + 1
        return Span(row + offset, col + 1, end_row + offset, end_col + 1)

    def _char_column(self, row: int, byte_column: int) -> int:
        if row >= len(self._lines):
            return byte_column
        return len(self._lines[row][:byte_column].decode("utf-8", errors="replace"))

    def _build(self, root: Any) -> Any:
        """Data of the tree, built without recursion; the first value at the top level wins."""
        holder: dict[str, Any] = {}
        values = [c for c in root.named_children if c.type not in ("comment", "ERROR")]
        if not values:
            return None
        stack: list[tuple[Any, Pointer, Any, Any, int]] = [(values[0], (), holder, "root", 0)]
        while stack:
            node, path, parent, slot, depth = stack.pop()
            if depth > self.max_depth:
                self.too_deep = self._span(node)
                return None
            kind = node.type
            if kind == "object":
                value: Any = {}
                children = []
                for pair in node.named_children:
                    if pair.type != "pair":
                        continue
                    key_node, value_node = pair.child_by_field_name("key"), pair.child_by_field_name("value")
                    if key_node is None or value_node is None or value_node.is_missing:
                        continue
                    key = self._key(key_node)
                    if not isinstance(key, str):
                        continue
                    child = path + (key,)
                    key_span = self._span(key_node)
                    if key in value:
                        self.duplicate_spans.setdefault(child, [self.spans[child][0]]).append(key_span)  # type: ignore[list-item]
                    value[key] = None
                    self.spans[child] = (key_span, self._span(value_node))
                    children.append((value_node, child, value, key, depth + 1))
                stack.extend(reversed(children))
            elif kind == "array":
                items = [c for c in node.named_children if c.type not in ("comment", "ERROR")]
                value = [None] * len(items)
                for i, item in enumerate(items):
                    self.spans[path + (i,)] = (None, self._span(item))
                stack.extend((item, path + (i,), value, i, depth + 1) for item in reversed(items))
            else:
                value = self._scalar(node) if self.with_values else None
            if not path:
                self.spans[()] = (None, self._span(node))
            parent[slot] = value
        return holder.get("root")

    def _key(self, node: Any) -> Any:
        raw = self._source[node.start_byte : node.end_byte]
        if node.type == "string" and b"\\" not in raw and len(raw) >= 2:
            return raw[1:-1].decode("utf-8", errors="replace")  # the common case, no escapes
        return self._scalar(node)

    def _scalar(self, node: Any) -> Any:
        raw = self._source[node.start_byte : node.end_byte].decode("utf-8", errors="replace")
        kind = node.type
        if kind == "string":
            try:
                return json.loads(raw)
            except ValueError:
                return raw.strip('"')
        if kind == "number":
            try:
                return json.loads(raw, parse_int=_parse_int)
            except ValueError:
                return raw
        return {"true": True, "false": False, "null": None}.get(kind, raw)
