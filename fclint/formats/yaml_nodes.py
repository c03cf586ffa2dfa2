"""YAML text to plain data with a span for every key and value, safely.

PyYAML is imported here only. The parser's events (libyaml's C parser when there is one) are
composed into nodes by a loop of our own rather than `compose_all`, whose recursion a deeply
nested file exhausts; no tag ever constructs an object (`!Ref x` becomes an opaque value), and
aliases are expanded only up to `ALIAS_NODE_BUDGET` nodes per document, so a billion-laughs file
costs a few milliseconds and yields one FC090 finding.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import yaml  # type: ignore[import-untyped]

from fclint.diagnostic import Finding, Pointer, Span, Target
from fclint.jsondoc import MAX_DEPTH

# Nodes that aliases may add to one document, counting every node of every expansion. A real
# deployment file reuses a few small maps (far below this); a billion-laughs file stops here.
ALIAS_NODE_BUDGET = 10_000
OPAQUE_MARK = "\u2063"  # wraps the stand-in string of an opaque value (invisible separator)
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_STANDARD_TAG = "tag:yaml.org,2002:"
_SCALAR_TAGS = frozenset(_STANDARD_TAG + t for t in ("str", "int", "float", "bool", "null"))
_RESOLVER = yaml.resolver.Resolver()
_CONSTRUCTOR = yaml.constructor.SafeConstructor()
_DOCUMENT_START = re.compile(r"^---(?:[ \t]|$)", re.MULTILINE)


@dataclass(eq=False)
class Node:
    """A composed node: kind is map, seq, scalar, opaque (custom tag) or alias (`value` is the
    anchored node). A map's value is a list of (key node, value node)."""

    kind: str
    span: Span
    value: Any
    tag: str | None = None


@dataclass
class YamlDocument:
    """One document of a stream: its root node (None when it could not be read) and problems."""

    root: Node | None
    problems: list[Finding] = field(default_factory=list)


class _Stop(Exception):
    def __init__(self, finding: Finding) -> None:
        self.finding = finding


def _span(start: Any, end: Any, line_offset: int) -> Span:
    return Span(start.line + 1 + line_offset, start.column + 1,
                end.line + 1 + line_offset, end.column + 1)


def _point(mark: Any, line_offset: int) -> Span:
    return Span(mark.line + 1 + line_offset, mark.column + 1,
                mark.line + 1 + line_offset, mark.column + 2)


def _limit(message: str, span: Span) -> Finding:
    return Finding((), message, code="FC090", span=span)


def compose(text: str) -> list[YamlDocument]:
    """Every document of the stream. A syntax error ends its document with an FC000 finding;
    reading resumes at the next `---` line, so later documents are still checked."""
    documents: list[YamlDocument] = []
    offset = 0
    while True:
        error = _compose_from(text[offset:], _line_of(text, offset), documents)
        if error is None:
            return documents
        documents.append(YamlDocument(None, [error]))
        error_line = error.span.line if error.span else 1
        next_start = _next_document(text, error_line)
        if next_start is not None and next_start <= offset:
            next_start = _next_document(text, error_line + 1)
        if next_start is None or next_start <= offset:
            return documents
        offset = next_start


def _line_of(text: str, offset: int) -> int:
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


def _compose_from(text: str, line_offset: int, out: list[YamlDocument]) -> Finding | None:
    builder = _Builder(line_offset)
    try:
        for event in yaml.parse(text, Loader=_LOADER):
            done = builder.feed(event)
            if done is not None:
                out.append(done)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        span = _point(mark, line_offset) if mark else Span(1 + line_offset, 1, 1 + line_offset, 2)
        why = error.problem or error.context or "not YAML"
        if error.context and error.problem:
            why = f"{error.problem} {error.context}"
        return Finding((), f"syntax error: {why}", code="FC000", span=span)
    except yaml.YAMLError as error:
        return Finding((), f"syntax error: {error}", code="FC000",
                       span=Span(1 + line_offset, 1, 1 + line_offset, 2))
    return None


class _Builder:
    """Turns parser events into nodes without recursion; a document nested deeper than
    MAX_DEPTH is skipped to its end and reported once."""

    def __init__(self, line_offset: int) -> None:
        self.line_offset = line_offset
        self._reset()

    def _reset(self) -> None:
        self.stack: list[tuple[Node, list[Node]]] = []
        self.anchors: dict[str, Node] = {}
        self.root: Node | None = None
        self.problem: Finding | None = None
        self.skipping = 0

    def feed(self, event: Any) -> YamlDocument | None:
        if isinstance(event, yaml.DocumentStartEvent):
            self._reset()
        elif isinstance(event, yaml.DocumentEndEvent):
            if self.problem is not None:
                return YamlDocument(None, [self.problem])
            return YamlDocument(self.root)
        elif self.skipping:
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                self.skipping += 1
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                self.skipping -= 1
        elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            self._open(event)
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            node, items = self.stack.pop()
            end = event.end_mark
            node.span = Span(node.span.line, node.span.column, end.line + 1 + self.line_offset,
                             end.column + 1)
            node.value = list(zip(items[::2], items[1::2])) if node.kind == "map" else items
            self._add(node, None)
        elif isinstance(event, yaml.AliasEvent):
            target = self.anchors.get(event.anchor)
            span = _span(event.start_mark, event.end_mark, self.line_offset)
            if target is None:
                raise yaml.MarkedYAMLError(None, None, f"found undefined alias {event.anchor!r}",
                                           event.start_mark)
            self._add(Node("alias", span, target), None)
        elif isinstance(event, yaml.ScalarEvent):
            self._add(_scalar(event, self.line_offset), event.anchor)
        return None

    def _open(self, event: Any) -> None:
        span = _span(event.start_mark, event.end_mark, self.line_offset)
        if len(self.stack) >= MAX_DEPTH:
            self.problem = self.problem or _limit(
                f"nesting deeper than {MAX_DEPTH} levels; fclint does not check this document "
                "(an FC config is at most 4 levels deep)", span)
            self.skipping = 1
            return
        kind = "map" if isinstance(event, yaml.MappingStartEvent) else "seq"
        tag = event.tag
        if tag and tag not in (_STANDARD_TAG + "map", _STANDARD_TAG + "seq", _STANDARD_TAG + "omap"):
            kind = "opaque"
        node = Node(kind, span, None, tag)
        if event.anchor:
            self.anchors[event.anchor] = node
        self.stack.append((node, []))

    def _add(self, node: Node, anchor: str | None) -> None:
        if anchor:
            self.anchors[anchor] = node
        if node.kind == "opaque" and isinstance(node.value, list):
            node.value = None  # an opaque collection keeps only its span
        if self.stack:
            self.stack[-1][1].append(node)
        else:
            self.root = node


def _scalar(event: Any, line_offset: int) -> Node:
    span = _span(event.start_mark, event.end_mark, line_offset)
    tag = event.tag
    if tag in (None, "!"):
        tag = _RESOLVER.resolve(yaml.ScalarNode, event.value, event.implicit)
    if tag == _STANDARD_TAG + "merge":
        return Node("scalar", span, "<<", tag)
    if tag not in _SCALAR_TAGS:
        if tag.startswith(_STANDARD_TAG):  # timestamps, binary...: the text as written
            return Node("scalar", span, event.value, tag)
        return Node("opaque", span, None, tag)
    try:
        value = _CONSTRUCTOR.yaml_constructors[tag](_CONSTRUCTOR, yaml.ScalarNode(tag, event.value))
    except (ValueError, yaml.YAMLError):
        value = event.value
    return Node("scalar", span, value, tag)


def opaque_text(node: Node) -> str:
    """The stand-in string of an opaque value, which `INTERPOLATION` below recognises."""
    return f"{OPAQUE_MARK}{node.tag}{OPAQUE_MARK}"


INTERPOLATION = re.compile(re.escape(OPAQUE_MARK))


@dataclass
class Converted:
    """Plain data of a document and where each part of it is written."""

    data: Any
    spans: dict[Pointer, tuple[Span | None, Span]]
    duplicates: dict[Pointer, list[Span]]
    opaque: dict[Pointer, Span]


def convert(root: Node) -> Converted:
    """Plain data of the tree. Raises _Stop (FC090) when aliases expand past the budget."""
    result = Converted(None, {(): (None, root.span)}, {}, {})
    holder: dict[str, Any] = {}
    expanded = 0
    stack: list[tuple[Node, Pointer, Any, Any, Span | None, int]] = [(root, (), holder, "root", None, 0)]
    while stack:
        node, path, parent, slot, alias, depth = stack.pop()
        while node.kind == "alias":
            alias = alias or node.span
            node = node.value
        if alias is not None:
            expanded += 1
            if expanded > ALIAS_NODE_BUDGET:
                raise _Stop(_limit(f"aliases expand to more than {ALIAS_NODE_BUDGET} nodes; fclint "
                                   "does not check this document (billion laughs?)", alias))
        if depth > MAX_DEPTH:
            raise _Stop(_limit(f"nesting deeper than {MAX_DEPTH} levels, through aliases; fclint "
                               "does not check this document", alias or node.span))
        if node.kind == "map":
            value: Any = {}
            children = []
            for key_node, value_node in _entries(node):
                key = key_node.value if isinstance(key_node.value, str) else str(key_node.value)
                child = path + (key,)
                if key in value:
                    first = result.spans[child][0]
                    result.duplicates.setdefault(child, [first] if first else []).append(key_node.span)
                value[key] = None
                result.spans[child] = (key_node.span, value_node.span)
                children.append((value_node, child, value, key, alias, depth + 1))
            stack.extend(reversed(children))
        elif node.kind == "seq":
            value = [None] * len(node.value)
            for i, item in enumerate(node.value):
                result.spans[path + (i,)] = (None, item.span)
            stack.extend((item, path + (i,), value, i, alias, depth + 1)
                         for i, item in reversed(list(enumerate(node.value))))
        elif node.kind == "opaque":
            value = opaque_text(node)
            result.opaque[path] = node.span
        else:
            value = node.value
        parent[slot] = value
    result.data = holder.get("root")
    return result


def _entries(node: Node) -> list[tuple[Node, Node]]:
    """A map's entries with `<<` merge keys applied: explicit keys first, then merged ones
    that the map does not set itself (as YAML 1.1 and Serverless Devs' js-yaml do)."""
    explicit = [(k, v) for k, v in node.value if k.kind == "scalar" and k.value != "<<"]
    merges = [v for k, v in node.value if k.kind == "scalar" and k.value == "<<"]
    if not merges:
        return explicit
    seen = {k.value for k, _ in explicit}
    merged: list[tuple[Node, Node]] = []
    pending = list(merges)
    visited: set[int] = set()
    while pending:
        source = pending.pop(0)
        while source.kind == "alias":
            source = source.value
        if id(source) in visited:
            continue
        visited.add(id(source))
        if source.kind == "seq":
            pending[:0] = source.value
        elif source.kind == "map":
            for k, v in source.value:
                if k.kind == "scalar" and k.value == "<<":
                    pending.append(v)
                elif k.kind == "scalar" and k.value not in seen:
                    seen.add(k.value)
                    merged.append((k, v))
    return explicit + merged


class YamlLocator:
    """Spans of the keys and values of one YAML document, by pointer into its data."""

    def __init__(self, converted: Converted) -> None:
        self.spans = converted.spans
        self.duplicate_spans = converted.duplicates

    def locate(self, path: Pointer, target: Target = Target.VALUE, occurrence: int = 0) -> Span:
        """The span of `path`, or of the key of its closest existing ancestor."""
        while path not in self.spans and path:
            path, target = path[:-1], Target.KEY
        key_span, value_span = self.spans.get(path, (None, Span(1, 1, 1, 2)))
        if target is Target.KEY:
            if occurrence and path in self.duplicate_spans:
                spans = self.duplicate_spans[path]
                return spans[min(occurrence, len(spans) - 1)]
            if key_span is not None:
                return key_span
            return Span(value_span.line, value_span.column, value_span.line, value_span.column + 1)
        return value_span


def documents_of(text: str) -> Iterator[tuple[Converted | None, list[Finding]]]:
    """(converted data or None, problems) for each document of the stream."""
    for document in compose(text):
        if document.root is None:
            yield None, document.problems
            continue
        try:
            yield convert(document.root), document.problems
        except _Stop as stop:
            yield None, [stop.finding]


def render(value: Any) -> str:
    """A value as YAML writes it inline, for fixes: JSON is valid flow YAML."""
    import json

    if isinstance(value, str) and _plain_safe(value):
        return value
    return json.dumps(value, ensure_ascii=False)


def _plain_safe(value: str) -> bool:
    if (not value or value != value.strip() or value[0] in "-?:,[]{}#&*!|>'\"%@`"
            or value.endswith(":") or ": " in value or " #" in value or "\n" in value):
        return False
    return _RESOLVER.resolve(yaml.ScalarNode, value, (True, False)) == _STANDARD_TAG + "str"
