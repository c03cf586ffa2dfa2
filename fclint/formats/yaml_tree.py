"""Finding one's way in a composed YAML tree: a map's entries by key (made on first read, each
repeated key's earlier entries kept), through aliases to the nodes they stand for."""

from __future__ import annotations

from typing import Any

from fclint.diagnostic import Pointer
from fclint.formats.yaml_events import Node


class EntryIndex:
    """A map node's entries with merge keys applied: by key (each key's entries in the order
    written), all of them in order, and the spans of each repeated key."""

    __slots__ = ("by_key", "dups", "entries")

    def __init__(self, node: Node) -> None:
        by_key: dict[str, list[tuple[Node, Node]]] = {}
        entries: list[tuple[str, tuple[Node, Node]]] = []
        pairs = node.value
        if any(k.kind == "scalar" and k.value == "<<" for k, _ in pairs):
            pairs = entries_of(node)
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


def entry_index(node: Node) -> EntryIndex:
    index = node.index
    if index is None:
        index = node.index = EntryIndex(node)
    return index


def index_into(data: Any, path: Pointer, default: Any) -> Any:
    for part in path:
        if isinstance(data, dict):
            if part not in data:
                return default
        elif not (isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data)):
            return default
        data = data[part]
    return data


def target_of(node: Node) -> Node:
    while node.kind == "alias":
        node = node.value
    return node


def entries_of(node: Node) -> list[tuple[Node, Node]]:
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
