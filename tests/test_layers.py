"""The shape of the code stays as README's "How it works" draws it: layers that import downward
only, no import cycle between fclint's modules, no format, rule or front end importing the
command line, and modules small enough to hold in mind, each saying what it is for.

Imports are read from each module's syntax tree, wherever they stand (in a function too: a
lazy import is still a dependency), so the test needs nothing imported."""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "fclint"
MAX_LINES = 300

# From the top: a module may import its own layer and the ones below it, never one above.
LAYERS = (
    ("front ends", ("fclint.cli", "fclint.commands", "fclint.lsp", "fclint.magic",
                    "fclint.jupyter_spec", "fclint.__main__", "fclint")),
    ("report and fix", ("fclint.report", "fclint.fix", "fclint.fix_notebook", "fclint.writing",
                        "fclint.baseline")),
    ("engine", ("fclint.engine", "fclint.runner", "fclint.recall", "fclint.discovery",
                "fclint.cache", "fclint.cache_keys", "fclint.stored")),
    ("rules", ("fclint.rules",)),
    ("documents and formats", ("fclint.document", "fclint.jsondoc", "fclint.jsonlocator",
                               "fclint.wording", "fclint.fastpath", "fclint.formats",
                               "fclint.project", "fclint.schemas", "fclint.suppression")),
    ("bottom", ("fclint.diagnostic", "fclint.source", "fclint.names", "fclint.arn",
                "fclint.kinds", "fclint.timelimit", "fclint.guard", "fclint.errors",
                "fclint.suggest", "fclint.startup", "fclint.treesitter", "fclint.config",
                "fclint.fcpath", "fclint.options", "fclint.reading", "fclint.version",
                "fclint.progress")),
)
COMMAND_LINE = ("fclint.cli", "fclint.commands")


@cache
def modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


@cache
def imports(name: str) -> frozenset[str]:
    """The fclint modules `name` imports. `from package import module` depends on the module;
    a name of the package itself, on the package."""
    known = modules()
    path = known[name]
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name in known)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(parts + ([node.module] if node.module else []))
            submodules = [f"{base}.{alias.name}" for alias in node.names
                          if f"{base}.{alias.name}" in known]
            found.update(submodules)
            if len(submodules) < len(node.names) and base in known:
                found.add(base)
    found.discard(name)
    return frozenset(found)


def layer(name: str) -> int:
    """The index of the layer holding `name` (0 at the top), by its longest matching prefix."""
    best = (-1, -1)
    for index, (_, prefixes) in enumerate(LAYERS):
        for prefix in prefixes:
            if (name == prefix or name.startswith(prefix + ".")) and len(prefix) > best[1]:
                best = (index, len(prefix))
    return best[0]


def cycles(graph: dict[str, list[str]]) -> list[list[str]]:
    """The cycles of `graph`: its strongly connected components of more than one module
    (Tarjan's, without recursion)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found = []
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, 0)]
        while work:
            node, child = work.pop()
            if child == 0:
                index[node] = low[node] = len(index)
                stack.append(node)
                on_stack.add(node)
            if child < len(graph[node]):
                work.append((node, child + 1))
                nxt = graph[node][child]
                if nxt not in index:
                    work.append((nxt, 0))
                elif nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
                continue
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
    return found


def test_every_module_has_a_layer() -> None:
    assert [name for name in modules() if layer(name) < 0] == []


def test_no_import_cycle() -> None:
    assert cycles({name: sorted(imports(name)) for name in modules()}) == []


def test_the_cycle_finder_finds_one() -> None:
    """The test above could pass by finding nothing: cycles made up here are found."""
    graph = {"a": ["b"], "b": ["c"], "c": ["a", "d"], "d": [], "e": ["e2"], "e2": ["e"]}
    assert sorted(cycles(graph)) == [["a", "b", "c"], ["e", "e2"]]


@pytest.mark.parametrize("name", sorted(modules()))
def test_imports_go_downward(name: str) -> None:
    here = layer(name)
    upward = [target for target in sorted(imports(name)) if layer(target) < here]
    assert upward == [], f"{name} ({LAYERS[here][0]}) imports {upward}"


@pytest.mark.parametrize("name", sorted(n for n in modules()
                                         if not n.startswith(COMMAND_LINE) and n != "fclint.__main__"))
def test_only_the_command_line_imports_the_command_line(name: str) -> None:
    """Formats, rules and the other front ends take nothing from the command line (its errors
    and options live below it, in fclint.errors and fclint.options)."""
    assert [t for t in imports(name) if t.startswith(COMMAND_LINE)] == []


@pytest.mark.parametrize("name", sorted(modules()))
def test_modules_are_small_and_say_what_they_are_for(name: str) -> None:
    text = modules()[name].read_text(encoding="utf-8")
    assert len(text.splitlines()) <= MAX_LINES, f"{name}: {len(text.splitlines())} lines"
    if text.strip():
        assert ast.get_docstring(ast.parse(text)), f"{name} has no docstring"
