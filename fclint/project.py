"""What a project defines, for the checks that need more than one config: its functions (with
their HTTP triggers) and the async edges between them. A Serverless Devs project is one s.yaml;
a Terraform module is the `.tf` files of one folder. The front ends build it; rules only read it.

Names are literal or not known: a name the deploy tool fills in (`${vars.x}` that is not a literal
var, `var.name`, `format(...)`) is None, and nothing is reported on it. A Terraform resource
whose name is not literal is still known by its address, written as a token `@type#label`.
"""

from __future__ import annotations

import os
import re
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

from fclint.arn import parse_arn
from fclint.diagnostic import Span

# (generation, service or None for FC 3.0, function): what names one function, any qualifier.
Node = tuple[int, "str | None", str]
Vertex = tuple[Node, str]  # a function and a qualifier: what one async config belongs to


@dataclass(frozen=True)
class FunctionDef:
    """One function the project deploys, and where it is defined."""

    node: Node
    http: bool
    path: str
    span: Span
    region: str | None = None


@dataclass(frozen=True)
class Edge:
    """A destination written in the project: from the configured function to the destination
    function, each None when not known; `span` is the destination value's."""

    source: Node | None
    target: Node | None
    value: str
    path: str
    span: Span
    region: str | None = None  # the destination ARN's region, when literal
    # Configs and destinations are per qualifier: the configured one and the destination's.
    qualifier: str | None = "LATEST"
    target_qualifier: str | None = "LATEST"

    @property
    def tail(self) -> Vertex | None:
        return None if self.source is None or self.qualifier is None else (self.source, self.qualifier)

    @property
    def head(self) -> Vertex | None:
        return (None if self.target is None or self.target_qualifier is None
                else (self.target, self.target_qualifier))

    @property
    def loops(self) -> bool:
        """The destination is the configured function and qualifier itself."""
        return self.tail is not None and self.tail == self.head

    @property
    def order(self) -> tuple[str, int, int]:
        """Where the edge is written: the file's name (a module is one folder) and position."""
        return (os.path.basename(self.path), self.span.line, self.span.column)


@dataclass
class Project:
    """The index; `complete` is False when a file of the module could not be read. The paths of
    a one-file project (an s.yaml) are "", as its front end does not know the file's name."""

    functions: list[FunctionDef] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)
    complete: bool = True
    # Functions deployed under a name not known: (generation, service if known). Any of them
    # may be the destination, so none of that scope is reported missing.
    partial: list[tuple[int, str | None]] = field(default_factory=list)
    declared: set[str] = field(default_factory=set)  # address tokens of function resources

    def defined(self, edge: Edge) -> list[FunctionDef]:
        """The project's definitions of the edge's destination, in the same region."""
        return [f for f in self.functions if f.node == edge.target
                and not (f.region and edge.region and f.region != edge.region)]

    @cached_property
    def services(self) -> frozenset[str]:
        return frozenset(f.node[1] for f in self.functions if f.node[0] == 2 and f.node[1])

    def edge_at(self, path: str, span: Span) -> Edge | None:
        """The edge written at `span` of the file `path`."""
        name = os.path.basename(path) if any(e.path for e in self.edges) else ""
        return self._by_place.get((name, span.line, span.column))

    @cached_property
    def _by_place(self) -> dict[tuple[str, int, int], Edge]:
        return {edge.order: edge for edge in self.edges}

    @cached_property
    def _graph(self) -> dict[Vertex, list[Edge]]:
        graph: dict[Vertex, list[Edge]] = {}
        for edge in self.edges:
            if edge.tail is not None and edge.head is not None and not edge.loops:
                graph.setdefault(edge.tail, []).append(edge)
        return graph

    def cycle(self, edge: Edge) -> list[Edge] | None:
        """The shortest cycle A -> B -> ... -> A that starts with `edge` (A != B), if any."""
        start, first = edge.tail, edge.head
        if start is None or first is None or edge.loops:
            return None
        back: dict[Vertex, Edge | None] = {first: None}
        queue = deque([first])
        while queue:
            vertex = queue.popleft()
            for step in self._graph.get(vertex, ()):
                head = step.head
                if head is None or head in back:
                    continue
                back[head] = step
                if head == start:
                    path = [step]
                    while (previous := back[path[-1].tail]) is not None:  # type: ignore[index]
                        path.append(previous)
                    return [edge, *reversed(path)]
                queue.append(head)
        return None


# A name is unknown when the tool fills it in: interpolation, templates, ROS/YAML stand-ins.
_UNKNOWN = re.compile(r"[${}<>\u2063]")


def known(name: str | None) -> str | None:
    """`name` when it is literal; None when empty or filled in by a tool."""
    if not name or _UNKNOWN.search(name):
        return None
    return name


def node(generation: int, service: str | None, function: str | None) -> Node | None:
    """The node of a function whose names are known (FC 2.0 needs the service too)."""
    function, service = known(function), known(service) if generation == 2 else None
    if function is None or (generation == 2 and service is None):
        return None
    return (generation, service, function)


@dataclass(frozen=True)
class Target:
    """What a destination ARN names, as far as it is literal."""

    node: Node | None
    region: str | None = None
    qualifier: str | None = "LATEST"


def target(value: str, substitute: Callable[[str], str] = lambda text: text) -> Target:
    """The function a destination ARN names; `substitute` resolves the format's references
    first (`${vars.x}`, Terraform addresses)."""
    arn = parse_arn(substitute(value))
    if arn is None or arn.kind not in ("fc2", "fc3"):
        return Target(None)
    generation = 2 if arn.kind == "fc2" else 3
    qualifier = "LATEST" if arn.qualifier is None else known(arn.qualifier)
    return Target(node(generation, arn.service_name, arn.name), known(arn.region), qualifier)


def qualifier(value: object) -> str | None:
    """A config's qualifier: LATEST when not given, None when not literal."""
    if value is None:
        return "LATEST"
    return known(value) if isinstance(value, str) else None


def show(node_: Node) -> str:
    """A node as a reader names it: `svc/fn`, `fn`, or a Terraform address."""
    return "/".join(_show(part) for part in node_[1:] if part)


def _show(part: str) -> str:
    return part[1:].replace("#", ".") if part.startswith("@") else part
