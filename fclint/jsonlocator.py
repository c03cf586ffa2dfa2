"""Where each key and value of a JSON text is, from tree-sitter's tree: spans found on demand
along a pointer's path (each object's pairs indexed once), and the data tree-sitter recovers
from text that does not parse."""

from __future__ import annotations

import json
import re
from typing import Any

from fclint import treesitter
from fclint.diagnostic import Pointer, Span, Target
from fclint.document import closest_span

MAX_DEPTH = 64
_INT_DIGITS = 4300  # Python's default limit for str <-> int; longer texts would raise on repr too
# tree-sitter-json ends a number before a signed exponent: `2E+0` is the number `2` and an
# ERROR node. The exponent it left out is still part of the number's token.
_EXPONENT = re.compile(rb"[eE][+-]?[0-9]+")


def parse_int(text: str) -> int | float:
    """An integer; one too long for Python's int conversion becomes +-inf, like 1e999 does."""
    return int(text) if len(text) <= _INT_DIGITS else float(text)


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
        end = self._end_byte(node)
        after = self._source[end:end + 1]
        if after and after not in b" \t\r\n,]}":  # tree-sitter stopped inside it
            return None
        return self._source[node.start_byte:end].decode("utf-8", "replace")

    def _end_byte(self, node: Any) -> int:
        """Where a node ends, a number with the signed exponent tree-sitter left out."""
        end = node.end_byte
        if node.type == "number" and (exponent := _EXPONENT.match(self._source, end)):
            if not any(c in b"eE" for c in self._source[node.start_byte:end]):
                return exponent.end()
        return end

    def strings(self, path: Pointer) -> list[tuple[int, str]] | None:
        """The JSON strings at `path`: the string there, or the items of the array there, each
        as its character offset in the text and its text as written (quotes and escapes);
        None when anything else is there, or an item is no string."""
        node = self._ensure(path, record=False)
        if node is None or node.type not in ("string", "array"):
            return None
        items = [node] if node.type == "string" else [
            c for c in node.named_children if c.type != "comment"]
        if any(item.type != "string" for item in items):
            return None
        found, offset, last = [], 0, 0
        for item in items:
            between = self._source[last:item.start_byte]
            offset += len(between) if self._ascii else len(between.decode("utf-8", "replace"))
            last = item.start_byte
            found.append((offset, self._source[item.start_byte:item.end_byte].decode(
                "utf-8", "replace")))
        return found

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
        end_col += self._end_byte(node) - node.end_byte  # an exponent is on the same line
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
        raw = self._source[node.start_byte : self._end_byte(node)].decode("utf-8", errors="replace")
        kind = node.type
        if kind == "string":
            try:
                return json.loads(raw)
            except ValueError:
                return raw.strip('"')
        if kind == "number":
            try:
                return json.loads(raw, parse_int=parse_int)
            except ValueError:
                return raw
        return {"true": True, "false": False, "null": None}.get(kind, raw)
