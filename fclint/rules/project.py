"""Rules across the configs of one project (an s.yaml, or the `.tf` files of a Terraform module):
a destination function that the project does not define, that has an HTTP trigger, or that leads
back to the configured function. They read `doc.origin.project`, which the front ends attach."""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from typing import TYPE_CHECKING

from fclint.diagnostic import Finding, Pointer, Severity, Target
from fclint.document import Document
from fclint.rules.registry import rule

if TYPE_CHECKING:  # fclint.project is imported with the front ends that build projects
    from fclint.project import Edge, Project


def show(function: object) -> str:
    from fclint.project import show as shown  # loaded: the document's front end built a project

    return shown(function)  # type: ignore[arg-type]


def _edges(doc: Document) -> tuple[Project | None, list[tuple[Pointer, Edge]]]:
    """The project, and each function destination of `doc` with its edge in the project.
    The project is read only when the document has a function destination at all."""

    def compute() -> tuple[Project | None, list[tuple[Pointer, Edge]]]:
        load = getattr(doc.origin, "project", None)
        paths = [path for path, value, _which in doc.destinations() if "acs:fc:" in value]
        if load is None or not paths:
            return None, []
        project: Project = load()
        found = []
        for path in paths:
            span = doc.locator.locate(doc.original(path), Target.VALUE)
            edge = project.edge_at(doc.path, span)
            if edge is not None and edge.target is not None:
                found.append((path, edge))
        return project, found

    return doc.memo("project-edges", compute)  # type: ignore[no-any-return]


def _where(doc: Document) -> str:
    return "the .tf files of this folder" if doc.path.lower().endswith(".tf") else "this s.yaml"


@rule("FC043", Severity.WARNING, needs="project")
def destination_function_missing(doc: Document) -> Iterator[Finding]:
    """Reports a destination function that the project does not deploy, where the project shows that
    it would: the destination is in an FC 2.0 service whose functions the s.yaml or the Terraform
    module deploys, or it is a Terraform reference to a function resource that the module does not
    declare."""
    project, edges = _edges(doc)
    if project is None or not project.complete:
        return
    for path, edge in edges:
        generation, service, name = edge.target  # type: ignore[misc]
        if project.defined(edge):
            continue
        if name.startswith("@"):  # a Terraform reference: the resource must be declared
            if name not in project.declared:
                yield Finding(path, f"{edge.value!r}: {show(edge.target)} is not declared in "  # type: ignore[arg-type]
                              f"{_where(doc)}; declare it or fix the reference")
            continue
        if generation != 2 or service not in project.services or any(
                g == 2 and s in (None, service) for g, s in project.partial):
            continue  # FC 3.0 names are per region: the function may be deployed elsewhere
        names = [f.node[2] for f in project.functions if f.node[:2] == (2, service)]
        close = difflib.get_close_matches(name, names, n=1, cutoff=0.6)
        hint = f"; did you mean {close[0]!r}?" if close else "; deploy it here or fix the name"
        yield Finding(path, f"{edge.value!r}: service {service!r} has no function {name!r} in "
                      f"{_where(doc)}{hint}")


@rule("FC041", Severity.WARNING, needs="project")
def http_function_destination(doc: Document) -> Iterator[Finding]:
    """Reports a destination function that has an HTTP trigger in the same project."""
    project, edges = _edges(doc)
    for path, edge in edges:
        defined = project.defined(edge) if project is not None else []
        if defined and all(f.http for f in defined):
            yield Finding(path, f"{edge.value!r}: {show(edge.target)} has an HTTP trigger in "  # type: ignore[arg-type]
                          f"{_where(doc)}, and FC delivers results to event functions only; "
                          "send them to an event function, a queue or an event bus")


@rule("FC021", Severity.WARNING, needs="project")
def destination_cycle(doc: Document) -> Iterator[Finding]:
    """Reports async destinations that lead back to the configured function through other functions
    of the project: A -> B -> A."""
    project, edges = _edges(doc)
    if project is None:
        return
    core: set[Pointer] | None = None
    for path, edge in edges:
        if edge.loops:
            if core is None:  # what FC020 finds from the document alone
                from fclint.rules.function import self_destination

                core = {finding.path for finding in self_destination(doc)}
            if path not in core:
                yield Finding(path, f"{edge.value!r} is the configured function "
                              f"{show(edge.target)} itself: each result would invoke it again",  # type: ignore[arg-type]
                              code="FC020")
            continue
        cycle = project.cycle(edge)
        if cycle and edge.order == max(step.order for step in cycle):
            names = " -> ".join(show(step.source) for step in cycle)  # type: ignore[arg-type]
            yield Finding(path, f"{edge.value!r} closes the cycle {names} -> "
                          f"{show(edge.source)}: each result invokes the next function for ever; "  # type: ignore[arg-type]
                          "end the chain with a queue or an event bus")
