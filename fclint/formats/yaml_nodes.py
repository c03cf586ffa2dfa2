"""YAML text to plain data with a span for every key and value, safely: aliases are expanded
only up to `ALIAS_NODE_BUDGET` nodes per document, so a billion-laughs file costs a few
milliseconds and yields one FC090 finding; `Converted.get` converts only the part a front end
names, since a language server reads a big s.yaml on every edit."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from fclint.diagnostic import Finding, Pointer, Span, Target
from fclint.document import closest_span
from fclint.formats.yaml_events import (
    Node, YamlDocument, compose_from, limit, opaque_text, plain_safe,
)
from fclint.formats.yaml_stream import line_of, resume_after
from fclint.formats.yaml_tree import entry_index, index_into, target_of
from fclint.jsonlocator import MAX_DEPTH

# Nodes that aliases may add to one document, counting every node of every expansion. A real
# deployment file reuses a few small maps (far below this); a billion-laughs file stops here.
ALIAS_NODE_BUDGET = 10_000
_UNREAD = object()


class _Stop(Exception):
    def __init__(self, finding: Finding) -> None:
        self.finding = finding


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
            return index_into(self._data, path, default)
        value = self._parts.get(path, _UNREAD)
        if value is not _UNREAD:
            return value
        parent, entry, unique = self._chain(path)
        if entry is None:
            return default
        parents, entries = ([parent] if parent else [], [entry]) if unique else self._all_at(path)
        for _key, node in parents:
            node = target_of(node)
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
        return None if entry is None else target_of(entry[1]).kind

    def keys(self, path: Pointer) -> list[str] | None:
        """The keys of the map at `path` in the order of the data, or None when not a map."""
        entry = self._chain(path)[1]
        if entry is None or target_of(entry[1]).kind != "map":
            return None
        return list(entry_index(target_of(entry[1])).by_key)

    def length(self, path: Pointer) -> int | None:
        """The number of items of the sequence at `path`, or None when not a sequence."""
        entry = self._chain(path)[1]
        if entry is None or target_of(entry[1]).kind != "seq":
            return None
        return len(target_of(entry[1]).value)

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
                found = (node.index or entry_index(node)).by_key.get(part)  # type: ignore[arg-type]
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
                node = target_of(node)
                if node.kind == "map":
                    nodes.extend(entry_index(node).by_key.get(part, ()))  # type: ignore[arg-type]
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
        for key, spans in entry_index(node).dups:
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
                    raise _Stop(limit(f"aliases expand to more than {ALIAS_NODE_BUDGET} nodes; "
                                       "fclint does not check this document (billion laughs?)", alias))
            if depth > MAX_DEPTH:
                raise _Stop(limit(f"nesting deeper than {MAX_DEPTH} levels, through aliases; "
                                   "fclint does not check this document", alias or node.span))
            kind = node.kind
            if kind == "map":
                index = entry_index(node)
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


class YamlLocator:
    """Spans of the keys and values of one YAML document, by pointer into its data."""

    def __init__(self, converted: Converted) -> None:
        self.spans = converted.spans
        self.duplicate_spans = converted.duplicates

    def locate(self, path: Pointer, target: Target = Target.VALUE, occurrence: int = 0) -> Span:
        """The span of `path`, or of the key of its closest existing ancestor."""
        return closest_span(self.spans, self.duplicate_spans, path, target, occurrence,
                            Span(1, 1, 1, 2))


def compose(text: str) -> list[YamlDocument]:
    """Every document of the stream. A syntax error ends its document with an FC000 finding;
    reading resumes at the next `---` line, so later documents are still checked."""
    documents: list[YamlDocument] = []
    offset = 0
    while True:
        error = compose_from(text[offset:], line_of(text, offset), documents)
        if error is None:
            return documents
        documents.append(YamlDocument(None, [error]))
        resume = resume_after(text, offset, error.span.line if error.span else 1)
        if resume is None:
            return documents
        offset = resume


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

    if isinstance(value, str) and plain_safe(value):
        return value
    return json.dumps(value, ensure_ascii=False)
