"""What a name holds in a Python file: the values assigned to it in the scope a use of it
resolves to, by Python's scoping rules, so that `body = {...}` is followed to the call that
sends `body`."""

from __future__ import annotations

import ast
from dataclasses import dataclass, field

_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)


@dataclass(eq=False)
class _Scope:
    node: ast.AST
    parent: _Scope | None
    bound: set[str] = field(default_factory=set)  # every name the scope binds
    declared_global: set[str] = field(default_factory=set)
    values: dict[str, list[ast.expr]] = field(default_factory=dict)  # `name = value`


class Bindings:
    """The assignments of one parsed file, and the scope of every name read in it."""

    def __init__(self, tree: ast.AST) -> None:
        self.module = _Scope(tree, None)
        self._scope_of: dict[int, _Scope] = {}  # id() of a Name read -> its scope
        self._collect(tree)

    def values(self, node: ast.AST | None) -> list[ast.AST]:
        """What `node` stands for: itself, or for a name, the values assigned to that name in
        the scope the name resolves to (none when it is a parameter, a loop target, an import)."""
        if not isinstance(node, ast.Name):
            return [node] if node is not None else []
        scope = self._scope_of.get(id(node))
        owner = _resolve(scope, node.id) if scope is not None else None
        return list(owner.values.get(node.id, ())) if owner is not None else []

    def _collect(self, tree: ast.AST) -> None:
        # Iterative: a deeply nested file must not exhaust the interpreter's stack here.
        stack: list[tuple[ast.AST, _Scope]] = [(tree, self.module)]
        while stack:
            node, scope = stack.pop()
            for child in ast.iter_child_nodes(node):
                if isinstance(child, (*_FUNCTIONS, ast.ClassDef, ast.Lambda)):
                    stack.extend(self._enter(child, scope))
                else:
                    self._note(child, scope)
                    stack.append((child, scope))

    def _enter(self, node: ast.AST, scope: _Scope) -> list[tuple[ast.AST, _Scope]]:
        """A function, class or lambda: what it evaluates where it is defined, and its body in
        a scope of its own."""
        inner = _Scope(node, scope)
        outside: list[ast.AST]
        body: list[ast.AST]
        if isinstance(node, ast.ClassDef):
            scope.bound.add(node.name)
            outside = [*node.decorator_list, *node.bases, *(k.value for k in node.keywords)]
            body = list(node.body)
        else:
            assert isinstance(node, (*_FUNCTIONS, ast.Lambda))
            arguments = node.args
            every = [*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs,
                     *(a for a in (arguments.vararg, arguments.kwarg) if a is not None)]
            inner.bound.update(a.arg for a in every)
            outside = [*arguments.defaults, *(d for d in arguments.kw_defaults if d is not None),
                       *(a.annotation for a in every if a.annotation is not None)]
            if isinstance(node, ast.Lambda):
                body = [node.body]
            else:
                scope.bound.add(node.name)
                outside += node.decorator_list
                if node.returns is not None:
                    outside.append(node.returns)
                body = list(node.body)
        return [(n, scope) for n in outside] + [(s, inner) for s in body]

    def _note(self, node: ast.AST, scope: _Scope) -> None:
        if isinstance(node, ast.Name):
            if isinstance(node.ctx, ast.Load):
                self._scope_of[id(node)] = scope
            else:
                scope.bound.add(node.id)
        elif isinstance(node, (ast.Assign, ast.AnnAssign, ast.NamedExpr)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if node.value is None:  # `name: int`, annotated only
                return
            for target in targets:
                if isinstance(target, ast.Name):
                    scope.values.setdefault(target.id, []).append(node.value)
        elif isinstance(node, ast.Global):
            scope.declared_global.update(node.names)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            scope.bound.update((a.asname or a.name).split(".")[0] for a in node.names)
        elif isinstance(node, ast.ExceptHandler) and node.name:
            scope.bound.add(node.name)


def _resolve(scope: _Scope, name: str) -> _Scope | None:
    """The scope whose binding of `name` a read in `scope` sees: the scope itself, then the
    enclosing functions (class bodies are not enclosing scopes), then the module."""
    current: _Scope | None = scope
    first = True
    while current is not None:
        if name in current.declared_global:
            return _module(current)
        if (first or not isinstance(current.node, ast.ClassDef)) and name in current.bound:
            return current
        first = False
        current = current.parent
    return None


def _module(scope: _Scope) -> _Scope:
    while scope.parent is not None:
        scope = scope.parent
    return scope
