"""YAML text to plain data with a span for every key and value, safely.

PyYAML is imported here only. The parser's events (libyaml's C parser when there is one) are
composed into nodes by a loop of our own rather than `compose_all`, whose recursion a deeply
nested file exhausts; no tag ever constructs an object (`!Ref x` becomes an opaque value), and
aliases are expanded only up to `ALIAS_NODE_BUDGET` nodes per document, so a billion-laughs file
costs a few milliseconds and yields one FC090 finding.

Work is put off until something reads it, because a language server reads a big s.yaml on
every edit: a scalar stays the parser's event until its collection is read, its Python value is
made on first read, spans are made from the parser's marks when asked, and `Converted.get`
converts only the part a front end names.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import yaml  # type: ignore[import-untyped]

from fclint.diagnostic import Finding, Pointer, Span, Target
from fclint.document import closest_span
from fclint.jsondoc import MAX_DEPTH
from fclint.source import LineIndex

# Nodes that aliases may add to one document, counting every node of every expansion. A real
# deployment file reuses a few small maps (far below this); a billion-laughs file stops here.
ALIAS_NODE_BUDGET = 10_000
OPAQUE_MARK = "\u2063"  # wraps the stand-in string of an opaque value (invisible separator)
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_STANDARD_TAG = "tag:yaml.org,2002:"
_STR_TAG = _STANDARD_TAG + "str"
_SCALAR_TAGS = frozenset(_STANDARD_TAG + t for t in ("str", "int", "float", "bool", "null"))
_RESOLVER = yaml.resolver.Resolver()
_CONSTRUCTOR = yaml.constructor.SafeConstructor()
# The resolver's patterns by first character (null, bool, int, float, merge...).
_IMPLICIT = _RESOLVER.yaml_implicit_resolvers
_DOCUMENT_START = re.compile(r"^---(?:[ \t]|$)", re.MULTILINE)


_UNREAD = object()
_RAW = object()


class Node:
    """A composed node: kind is map, seq, scalar, opaque (custom tag) or alias (`value` is the
    anchored node). A map's value is a list of (key node, value node). A scalar keeps the text as
    written and becomes a Python value on first read; `span` is made from the parser's marks
    when asked (most nodes of a big file are never read)."""

    __slots__ = ("_value", "end", "implicit", "index", "kind", "offset", "start", "tag")

    def __init__(self, kind: str, tag: str | None, start: Any, end: Any, offset: int,
                 value: Any = None, implicit: Any = None) -> None:
        self.kind = kind
        self.tag = tag
        self.start = start
        self.end = end
        self.offset = offset
        self._value = value
        # A scalar's (plain, quoted) flags until its value is made; _RAW while a collection
        # holds its children as parsed; None once `_value` is the value.
        self.implicit = implicit
        self.index: _Index | None = None  # a map's, made when first read

    @property
    def value(self) -> Any:
        implicit = self.implicit
        if implicit is not None:
            if implicit is _RAW:  # a collection's children as parsed: scalars are still events
                offset = self.offset
                children = [child if type(child) is Node else _scalar_node(child, offset)
                            for child in self._value]
                self._value = (list(zip(children[::2], children[1::2])) if self.kind == "map"
                               else children)
            else:
                self._value = _scalar_value(self._value, self.tag, implicit)
            self.implicit = None
        return self._value

    @property
    def span(self) -> Span:
        start, end, offset = self.start, self.end, self.offset + 1
        return Span(start.line + offset, start.column + 1, end.line + offset, end.column + 1)


@dataclass
class YamlDocument:
    """One document of a stream: its root node (None when it could not be read) and problems;
    `aliases` tells whether the document uses any."""

    root: Node | None
    problems: list[Finding] = field(default_factory=list)
    aliases: bool = False


class _Stop(Exception):
    def __init__(self, finding: Finding) -> None:
        self.finding = finding


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
        resume = resume_after(text, offset, error.span.line if error.span else 1)
        if resume is None:
            return documents
        offset = resume


def resume_after(text: str, offset: int, error_line: int) -> int | None:
    """Where reading resumes after an error on 1-based line `error_line` of the document read
    from `offset`: the next `---` line, or None when there is none."""
    next_start = _next_document(text, error_line)
    if next_start is not None and next_start <= offset:
        next_start = _next_document(text, error_line + 1)
    if next_start is None or next_start <= offset:
        return None
    return next_start


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
    loader = None
    marks = _MarkLines(text) if _YAML_ONLY_BREAKS.search(text) else None
    try:
        loader = _LOADER(text)
        _build(loader.get_event if marks is None else marks.events(loader.get_event),
               line_offset, out)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        if marks is not None and mark is not None:
            mark = marks.correct(mark)
        span = _point(mark, line_offset) if mark else Span(1 + line_offset, 1, 1 + line_offset, 2)
        why = error.problem or error.context or "not YAML"
        if error.context and error.problem:
            why = f"{error.problem} {error.context}"
        return Finding((), f"syntax error: {why}", code="FC000", span=span)
    except yaml.YAMLError as error:
        return Finding((), f"syntax error: {error}", code="FC000",
                       span=Span(1 + line_offset, 1, 1 + line_offset, 2))
    finally:
        if loader is not None:
            loader.dispose()
    return None


def token_spans(text: str) -> tuple[list[tuple[int, int, bool]], int | None]:
    """The scanner's tokens of `text` as (start, end, block) character offsets in order, block
    true for a block scalar (`|`, `>`: its span holds its header's comment), and the offset
    where a scanner error stopped it (None: it read to the end). What lies between tokens is
    white space and comments (fclint.formats.yaml_comments)."""
    spans: list[tuple[int, int, bool]] = []
    scalar = yaml.ScalarToken
    loader = _LOADER(text)
    try:
        while True:
            token = loader.get_token()
            if token is None:
                return spans, None
            block = type(token) is scalar and token.style in ("|", ">")
            spans.append((token.start_mark.index, token.end_mark.index, block))
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        return spans, mark.index if mark is not None else 0
    except yaml.YAMLError:
        return spans, 0
    finally:
        loader.dispose()


# Line breaks to YAML 1.1 (and so PyYAML and libyaml) that are text on a line to LSP and
# editors. A lone CR is a break to both, and fclint.source.normalize_breaks has made it an LF.
_YAML_ONLY_BREAKS = re.compile("[\x85\u2028\u2029]")


class _MarkLines:
    """Rewrites the parser's marks to lines as the editor shows them: from a mark's character
    index, which both parsers count in code points, not from its line and column."""

    def __init__(self, text: str) -> None:
        self.index = LineIndex(text)

    def correct(self, mark: Any) -> Any:
        """The mark at the same place, its line and column as the editor counts them."""
        line, column = self.index.position(mark.index)
        return yaml.Mark(mark.name, mark.index, line - 1, column - 1, None, None)

    def events(self, next_event: Any) -> Any:
        def corrected() -> Any:
            event = next_event()
            if event is not None:
                event.start_mark = self.correct(event.start_mark)
                event.end_mark = self.correct(event.end_mark)
            return event
        return corrected


_COLLECTION_TAGS = frozenset((None, "", _STANDARD_TAG + "map", _STANDARD_TAG + "seq", _STANDARD_TAG + "omap"))


def _build(next_event: Any, line_offset: int, out: list[YamlDocument]) -> None:
    """Turns parser events into nodes without recursion, one loop over the events (this is the
    hot path of a big file: no call per event but the parser's and the node's); a document
    nested deeper than MAX_DEPTH is skipped to its end and reported once."""
    scalar_event, alias_event = yaml.ScalarEvent, yaml.AliasEvent
    map_start, seq_start = yaml.MappingStartEvent, yaml.SequenceStartEvent
    map_end, seq_end = yaml.MappingEndEvent, yaml.SequenceEndEvent
    document_start, document_end = yaml.DocumentStartEvent, yaml.DocumentEndEvent
    collection_tags = _COLLECTION_TAGS
    stack: list[tuple[Node, list[Node]]] = []
    items: list[Node] | None = None  # the children of the innermost open collection
    anchors: dict[str, Node] = {}
    root: Node | None = None
    problem: Finding | None = None
    skipping = 0
    aliases = False
    while True:
        event = next_event()
        if event is None:
            return
        cls = type(event)
        if skipping:
            if cls is map_start or cls is seq_start:
                skipping += 1
                continue
            if cls is map_end or cls is seq_end:
                skipping -= 1
                continue
            if cls is not document_start and cls is not document_end:
                continue
        if cls is scalar_event:
            if items is not None and event.tag is None and event.anchor is None:
                items.append(event)  # the common case: a Node only when its collection is read
                continue
            node = _scalar_node(event, line_offset)
            if event.anchor:
                anchors[event.anchor] = node
        elif cls is map_end or cls is seq_end:
            node, children = stack.pop()
            node.end = event.end_mark
            if node.kind != "opaque":  # an opaque collection keeps only its span
                node._value = children
                node.implicit = _RAW
            items = stack[-1][1] if stack else None
        elif cls is map_start or cls is seq_start:
            if len(stack) >= MAX_DEPTH:
                problem = problem or _limit(
                    f"nesting deeper than {MAX_DEPTH} levels; fclint does not check this document "
                    "(an FC config is at most 4 levels deep)",
                    Node("", None, event.start_mark, event.end_mark, line_offset).span)
                skipping = 1
                continue
            kind = ("map" if cls is map_start else "seq") if event.tag in collection_tags else "opaque"
            node = Node(kind, event.tag, event.start_mark, event.end_mark, line_offset)
            if event.anchor:
                anchors[event.anchor] = node
            items = []
            stack.append((node, items))
            continue
        elif cls is alias_event:
            target = anchors.get(event.anchor)
            if target is None:
                raise yaml.MarkedYAMLError(None, None, f"found undefined alias {event.anchor!r}",
                                           event.start_mark)
            node = Node("alias", None, event.start_mark, event.end_mark, line_offset, target)
            aliases = True
        elif cls is document_start:
            stack, items, anchors, root, problem, skipping, aliases = [], None, {}, None, None, 0, False
            continue
        elif cls is document_end:
            out.append(YamlDocument(None, [problem]) if problem is not None
                       else YamlDocument(root, aliases=aliases))
            continue
        else:
            continue
        if items is not None:
            items.append(node)
        else:
            root = node


def _scalar_node(event: Any, line_offset: int) -> Node:
    tag = event.tag
    if tag is None or tag == "!" or tag.startswith(_STANDARD_TAG):
        return Node("scalar", tag, event.start_mark, event.end_mark, line_offset, event.value,
                    event.implicit)
    return Node("opaque", tag, event.start_mark, event.end_mark, line_offset)


def _scalar_value(text: str, tag: str | None, implicit: Any) -> Any:
    """The Python value of a scalar written `text` with `tag`: a standard scalar type only;
    timestamps, binary and other standard tags stay the text as written."""
    if tag is None or tag == "!":
        if (not _RESOLVER.yaml_path_resolvers and None not in _IMPLICIT
                and (not implicit[0] or (text and text[0] not in _IMPLICIT))):
            return text  # the resolver has no pattern for it: a string, without asking
        tag = _RESOLVER.resolve(yaml.ScalarNode, text, implicit)
    if tag == _STR_TAG:
        return text
    if tag == _STANDARD_TAG + "merge":
        return "<<"
    if tag not in _SCALAR_TAGS:
        return text
    try:
        return _CONSTRUCTOR.yaml_constructors[tag](_CONSTRUCTOR, yaml.ScalarNode(tag, text))
    except (ValueError, yaml.YAMLError):
        return text


def opaque_text(node: Node) -> str:
    """The stand-in string of an opaque value, which `INTERPOLATION` below recognises."""
    return f"{OPAQUE_MARK}{node.tag}{OPAQUE_MARK}"


INTERPOLATION = re.compile(re.escape(OPAQUE_MARK))


class Converted:
    """Plain data of a document and where each part of it is written.

    `data` converts the whole document (on first read); `get(path)` converts only the part at
    `path`, and `shape` and `keys` look at the nodes without converting, so the s.yaml front end
    reads a few values of a big file and leaves the rest as parsed. `spans` maps a pointer to
    (key span or None, value span), made from the nodes when asked. `duplicates` and `opaque`
    hold what the parts read so far say (all of it once `data` is read); a part is read whole,
    with every entry a repeated key hides, before they are consulted for it.

    What a pointer means follows one walk of the document in order, every entry visited (a
    repeated key's earlier values too, as the data is built): the data holds the last value
    written at each key; `spans` the last entry written at a pointer."""

    def __init__(self, root: Node, aliases: bool = False) -> None:
        self.root = root
        self.spans = _Spans(self)
        self.duplicates: dict[Pointer, list[Span]] = {}
        self.opaque: dict[Pointer, Span] = {}
        self._data: Any = _UNREAD
        self._parts: dict[Pointer, Any] = {}
        # Without aliases a node has one pointer, so a node's duplicates and opaque span are
        # noted once however many parts are read; with aliases `data` is read, once.
        self._noted: set[int] | None = None if aliases else set()

    @property
    def data(self) -> Any:
        """The whole document. Raises _Stop (FC090) when aliases expand past the budget."""
        if self._data is _UNREAD:
            self._data = self._convert(self.root, ())
        return self._data

    def expand(self) -> None:
        """Convert the whole document now. Raises _Stop (FC090) as `data` does."""
        self.data  # noqa: B018  (the property converts)

    def get(self, path: Pointer, default: Any = None) -> Any:
        """The plain data at `path`, or `default` when nothing is written there."""
        if self._data is not _UNREAD:
            return _index_into(self._data, path, default)
        value = self._parts.get(path, _UNREAD)
        if value is not _UNREAD:
            return value
        parent, entry, unique = self._chain(path)
        if entry is None:
            return default
        parents, entries = ([parent] if parent else [], [entry]) if unique else self._all_at(path)
        for _key, node in parents:
            node = _target(node)
            if node.kind == "map":
                self._note_duplicates(node, path[:-1])
        for _key, node in entries:  # the last one is the value; the others note what they hide
            value = self._convert(node, path)
        self._parts[path] = value
        return value

    def shape(self, path: Pointer) -> str | None:
        """map, seq, scalar or opaque: what the data holds at `path` (through aliases), None
        for nothing."""
        entry = self._chain(path)[1]
        return None if entry is None else _target(entry[1]).kind

    def keys(self, path: Pointer) -> list[str] | None:
        """The keys of the map at `path` in the order of the data, or None when not a map."""
        entry = self._chain(path)[1]
        if entry is None or _target(entry[1]).kind != "map":
            return None
        return list(_index(_target(entry[1])).by_key)

    def length(self, path: Pointer) -> int | None:
        """The number of items of the sequence at `path`, or None when not a sequence."""
        entry = self._chain(path)[1]
        if entry is None or _target(entry[1]).kind != "seq":
            return None
        return len(_target(entry[1]).value)

    def entry(self, path: Pointer) -> tuple[Node | None, Node] | None:
        """(key node or None, value node) of the last entry written at `path`, or None."""
        _parent, entry, unique = self._chain(path)
        if unique:
            return entry
        entries = self._all_at(path)[1]
        return entries[-1] if entries else None

    def _chain(self, path: Pointer) -> tuple[tuple[Node | None, Node] | None,
                                            tuple[Node | None, Node] | None, bool]:
        """(parent entry, entry, unique) of `path` as the data has it (the last entry of each
        key); entry is None when the data has nothing there. `unique` when no key on the way
        is repeated: then these are the only entries the walk meets at the two pointers."""
        parent: tuple[Node | None, Node] | None = None
        entry: tuple[Node | None, Node] = (None, self.root)
        unique = True
        for part in path:
            node = entry[1]
            while node.kind == "alias":
                node = node._value
            parent = entry
            kind = node.kind
            if kind == "map":
                found = (node.index or _index(node)).by_key.get(part)  # type: ignore[arg-type]
                if found is None:
                    return parent, None, unique
                if len(found) > 1:
                    unique = False
                entry = found[-1]
            elif kind == "seq" and isinstance(part, int) and 0 <= part < len(node.value):
                entry = (None, node.value[part])
            else:
                return parent, None, unique
        return parent, entry, unique

    def _all_at(self, path: Pointer) -> tuple[list[tuple[Node | None, Node]], list[tuple[Node | None, Node]]]:
        """Every (key node, value node) at `path` and at its parent, in the order of the walk."""
        parents: list[tuple[Node | None, Node]] = []
        nodes: list[tuple[Node | None, Node]] = [(None, self.root)]
        for part in path:
            parents, nodes = nodes, []
            for _key, node in parents:
                node = _target(node)
                if node.kind == "map":
                    nodes.extend(_index(node).by_key.get(part, ()))  # type: ignore[arg-type]
                elif node.kind == "seq" and isinstance(part, int) and 0 <= part < len(node.value):
                    nodes.append((None, node.value[part]))
            if not nodes:
                break
        return parents, nodes

    def _note_duplicates(self, node: Node, path: Pointer) -> None:
        """What one visit of a map notes: every key it repeats, with the spans of each time."""
        if self._noted is not None:
            if id(node) in self._noted:
                return
            self._noted.add(id(node))
        for key, spans in _index(node).dups:
            known = self.duplicates.get(path + (key,))
            if known is None:
                self.duplicates[path + (key,)] = list(spans)
            else:
                known.extend(spans[1:])

    def _convert(self, top: Node, top_path: Pointer) -> Any:
        """Plain data of the tree at `top`, without recursion. Raises _Stop (FC090) when aliases
        expand past the budget."""
        holder: dict[str, Any] = {}
        expanded = 0
        noted = self._noted
        stack: list[tuple[Node, Pointer, Any, Any, Span | None, int]] = [
            (top, top_path, holder, "root", None, len(top_path))]
        while stack:
            node, path, parent, slot, alias, depth = stack.pop()
            while node.kind == "alias":
                alias = alias or node.span
                node = node.value
            if alias is not None:
                expanded += 1
                if expanded > ALIAS_NODE_BUDGET:
                    raise _Stop(_limit(f"aliases expand to more than {ALIAS_NODE_BUDGET} nodes; "
                                       "fclint does not check this document (billion laughs?)", alias))
            if depth > MAX_DEPTH:
                raise _Stop(_limit(f"nesting deeper than {MAX_DEPTH} levels, through aliases; "
                                   "fclint does not check this document", alias or node.span))
            kind = node.kind
            if kind == "map":
                index = _index(node)
                if index.dups:
                    self._note_duplicates(node, path)
                value: Any = dict.fromkeys(index.by_key)
                stack.extend([(entry[1], path + (key,), value, key, alias, depth + 1)
                              for key, entry in reversed(index.entries)])
            elif kind == "seq":
                items = node.value
                value = [None] * len(items)
                stack.extend([(items[i], path + (i,), value, i, alias, depth + 1)
                              for i in range(len(items) - 1, -1, -1)])
            elif kind == "opaque":
                value = opaque_text(node)
                if noted is None or id(node) not in noted:
                    if noted is not None:
                        noted.add(id(node))
                    self.opaque[path] = node.span
            else:
                value = node.value
            parent[slot] = value
        return holder.get("root")


class _Index:
    """A map node's entries with merge keys applied: by key (each key's entries in the order
    written), all of them in order, and the spans of each repeated key."""

    __slots__ = ("by_key", "dups", "entries")

    def __init__(self, node: Node) -> None:
        by_key: dict[str, list[tuple[Node, Node]]] = {}
        entries: list[tuple[str, tuple[Node, Node]]] = []
        pairs = node.value
        if any(k.kind == "scalar" and k.value == "<<" for k, _ in pairs):
            pairs = _entries(node)
        for pair in pairs:
            key_node = pair[0]
            if key_node.kind != "scalar":  # a map or sequence as a key: not in the data
                continue
            value = key_node.value
            key = value if isinstance(value, str) else str(value)
            entries.append((key, pair))
            found = by_key.get(key)
            if found is None:
                by_key[key] = [pair]
            else:
                found.append(pair)
        self.by_key, self.entries = by_key, entries
        self.dups = [(key, [k.span for k, _ in found]) for key, found in by_key.items() if len(found) > 1]


def _index(node: Node) -> _Index:
    index = node.index
    if index is None:
        index = node.index = _Index(node)
    return index


def _index_into(data: Any, path: Pointer, default: Any) -> Any:
    for part in path:
        if isinstance(data, dict):
            if part not in data:
                return default
        elif not (isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data)):
            return default
        data = data[part]
    return data


class _Spans:
    """pointer -> (key span or None, value span), read from the nodes."""

    def __init__(self, converted: Converted) -> None:
        self._converted = converted

    def get(self, path: Pointer, default: Any = None) -> Any:
        entry = self._converted.entry(path)
        if entry is None:
            return default
        key, value = entry
        return (None if key is None else key.span, value.span)

    def __contains__(self, path: object) -> bool:
        return isinstance(path, tuple) and self._converted.entry(path) is not None

    def __getitem__(self, path: Pointer) -> tuple[Span | None, Span]:
        found = self.get(path)
        if found is None:
            raise KeyError(path)
        return found  # type: ignore[no-any-return]


def _target(node: Node) -> Node:
    while node.kind == "alias":
        node = node.value
    return node


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
        return closest_span(self.spans, self.duplicate_spans, path, target, occurrence,
                            Span(1, 1, 1, 2))


def documents_of(text: str) -> Iterator[tuple[Converted | None, list[Finding]]]:
    """(converted data or None, problems) for each document of the stream. A document with
    aliases is expanded whole at once, so that the budget holds wherever they are."""
    for document in compose(text):
        if document.root is None:
            yield None, document.problems
            continue
        converted = Converted(document.root, document.aliases)
        if document.aliases:
            try:
                converted.expand()
            except _Stop as stop:
                yield None, [stop.finding]
                continue
        yield converted, document.problems


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
