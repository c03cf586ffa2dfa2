"""Python syntax trees to API data: literals, dict displays and SDK model calls become values
with their spans; anything else (a name, an f-string, a call) is opaque, neither guessed nor judged."""

from __future__ import annotations

import ast
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from fclint.diagnostic import Finding, FixIntent, Pointer, Span, Target
from fclint.document import closest_span
from fclint.formats.py_sdk import MODELS, WIRE_KEYS, Model
from fclint.suggest import suggest

MAX_DEPTH = 32  # far beyond any config (four levels); deeper values are opaque
_NO_VALUE = object()


class _Opaque:
    """A value fclint cannot read (a name, a call): present, so no rule reports it missing, and
    of no JSON type, so rules that check values pass it by; what the schema says of it is
    dropped by the document's `opaque_starts`."""

    def __repr__(self) -> str:
        return "<not a literal>"


OPAQUE = _Opaque()


class Positions:
    """Turns `ast` positions (UTF-8 byte columns) into code-point spans, offset to the file."""

    def __init__(self, source: str, line_offset: int = 0) -> None:
        self.lines = source.split("\n")
        self.line_offset = line_offset

    def column(self, line: int, byte_column: int) -> int:
        text = self.lines[line - 1] if 0 < line <= len(self.lines) else ""
        if text.isascii():
            return byte_column + 1
        return len(text.encode("utf-8")[:byte_column].decode("utf-8", errors="replace")) + 1

    def span(self, node: ast.AST) -> Span:
        line, end_line = node.lineno, node.end_lineno or node.lineno  # type: ignore[attr-defined]
        end = node.end_col_offset if node.end_col_offset is not None else node.col_offset + 1  # type: ignore[attr-defined]
        return Span(line + self.line_offset, self.column(line, node.col_offset),  # type: ignore[attr-defined]
                    end_line + self.line_offset, self.column(end_line, end))

    def keyword_span(self, keyword: ast.keyword) -> Span:
        """The span of the name in `name=value`."""
        start = self.span(keyword)
        return Span(start.line, start.column, start.line, start.column + len(keyword.arg or ""))


class PyLocator:
    """Spans of the keys and values of one translated config; missing paths fall back to the
    closest ancestor's key, as in JSON."""

    def __init__(self) -> None:
        self.spans: dict[Pointer, tuple[Span | None, Span]] = {}
        self.duplicate_spans: dict[Pointer, list[Span]] = {}

    def locate(self, path: Pointer, target: Target = Target.VALUE, occurrence: int = 0) -> Span:
        return closest_span(self.spans, self.duplicate_spans, path, target, occurrence,
                            Span(1, 1, 1, 2))


@dataclass
class Translation:
    """One config read from Python: its data, spans, and what could not be read."""

    data: Any = None
    locator: PyLocator = field(default_factory=PyLocator)
    opaque: set[tuple[int, int]] = field(default_factory=set)
    duplicates: list[Pointer] = field(default_factory=list)
    problems: list[Finding] = field(default_factory=list)
    consumed: set[int] = field(default_factory=set)  # id() of the nodes read into this config
    unset_none: bool = False  # a dict's None is no value (from_map's, a Pulumi input's)


def model_name(node: ast.AST | None) -> str | None:
    """`Foo` for a call of `Foo(...)` or `models.Foo(...)`."""
    if not isinstance(node, ast.Call):
        return None
    func = node.func
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return None


class Translator:
    """Reads values of one file; `models` are the model class names recognised in it, and
    `spreads` tells the dict displays that an expression after `**` stands for."""

    def __init__(self, positions: Positions, models: frozenset[str],
                 spreads: Callable[[ast.AST], list[ast.Dict]] | None = None,
                 table: Mapping[str, Model] = MODELS,
                 dict_keys: Mapping[str, str] | None = None) -> None:
        self.positions = positions
        self.models = models
        self.spreads = spreads
        self.table = table  # the model classes by name
        self.dict_keys = dict_keys  # the wire key of each key a dict display may write

    def translate(self, node: ast.AST, root_key: Span | None = None,
                  prefix: Pointer = (), unset_none: bool = False) -> Translation:
        """The config that `node` writes; `prefix` nests it (a lone DestinationConfig). A model's
        argument of None is not set (the SDKs' `to_map` leaves it out, Pulumi reads it as
        unset); with `unset_none`, a dict's None is not set either, as `from_map` skips it."""
        out = Translation(unset_none=unset_none)
        span = self.positions.span(node)
        for depth in range(len(prefix)):
            out.locator.spans[prefix[:depth]] = (None, span)
        value = self._value(node, prefix, out, 0, root_key)
        if prefix:
            holder: Any = value
            for part in reversed(prefix):
                holder = {part: holder}
            value = holder
        out.data = value
        return out

    def _value(self, node: ast.AST, path: Pointer, out: Translation, depth: int,
               key_span: Span | None) -> Any:
        span = self.positions.span(node)
        out.locator.spans[path] = (key_span, span)
        literal = _literal(node)
        if literal is not _NO_VALUE:
            return literal
        if depth < MAX_DEPTH:
            if isinstance(node, ast.Dict):
                out.consumed.add(id(node))
                return self._dict(node, path, out, depth)
            if isinstance(node, (ast.List, ast.Tuple)) and not any(
                    isinstance(e, ast.Starred) for e in node.elts):
                return [self._value(e, path + (i,), out, depth + 1, None)
                        for i, e in enumerate(node.elts)]
            name = model_name(node)
            if name in self.models and isinstance(node, ast.Call) and (not depth or not _spread(node)):
                out.consumed.add(id(node))
                return self._model(node, name, path, out, depth)
        out.opaque.add((span.line, span.column))
        return OPAQUE

    def _dict(self, node: ast.Dict, path: Pointer, out: Translation, depth: int) -> dict[str, Any]:
        value: dict[str, Any] = {}
        for key_node, item in zip(node.keys, node.values):
            if not (isinstance(key_node, ast.Constant) and isinstance(key_node.value, str)):
                continue  # `**spread` or a computed key: not ours to guess
            key = key_node.value
            if out.unset_none and _is_none(item):
                continue
            if self.dict_keys is not None:
                key = self.dict_keys.get(key, key)
            key_span = self.positions.span(key_node)
            child = path + (key,)
            if key in value:
                if child not in out.duplicates:
                    out.duplicates.append(child)
                first = out.locator.spans[child][0]
                out.locator.duplicate_spans.setdefault(child, [first] if first else []).append(key_span)
            value[key] = self._value(item, child, out, depth + 1, key_span)
        return value

    def _model(self, node: ast.Call, name: str, path: Pointer, out: Translation,
               depth: int) -> dict[str, Any]:
        model = self.table[name]
        fields, keys = model.fields, model.keys
        value: dict[str, Any] = {}
        for index, arg in enumerate(node.args[: len(fields)]):
            if fields[index] in model.skip or _is_none(arg):
                continue
            key = keys[fields[index]]
            value[key] = self._value(arg, path + (key,), out, depth + 1, None)
        for keyword in node.keywords:
            if keyword.arg is None:  # `**kwargs`: the arguments written out are read anyway
                self._spread_keywords(keyword.value, name, path, value, out, depth)
                continue
            argument = keyword.arg
            key_span = self.positions.keyword_span(keyword)
            if argument not in fields:
                out.problems.append(_unknown_argument(argument, name, fields, key_span,
                                                      keys=keys))
                continue
            if argument in model.skip or _is_none(keyword.value):
                continue
            key = keys[argument]
            value[key] = self._value(keyword.value, path + (key,), out, depth + 1, key_span)
        return value

    def _spread_keywords(self, node: ast.AST, name: str, path: Pointer, value: dict[str, Any],
                         out: Translation, depth: int) -> None:
        """`Model(**kwargs)` where `kwargs` is one dict display, written there or the one value
        of its name: its items are keyword arguments, keyed by the models' Python names."""
        found = self.spreads(node) if self.spreads is not None else []
        if len(found) != 1:
            return  # unknown, or a name given several dicts: neither guessed nor merged
        model = self.table[name]
        fields = model.fields
        out.consumed.add(id(found[0]))
        for key_node, item in zip(found[0].keys, found[0].values):
            if not (isinstance(key_node, ast.Constant) and isinstance(key_node.value, str)):
                continue
            argument, key_span = key_node.value, self.positions.span(key_node)
            if argument not in fields:
                out.problems.append(_unknown_argument(argument, name, fields, key_span, True,
                                                      model.keys))
                continue
            if argument in model.skip or _is_none(item):
                continue
            key = model.keys[argument]
            value[key] = self._value(item, path + (key,), out, depth + 1, key_span)


def _spread(node: ast.Call) -> bool:
    """`Model(*args)` or `Model(**kwargs)`: what it holds cannot be known from the text, so a
    nested one is opaque (a Destination could hold its destination there); at the top, the
    arguments written out are still read."""
    return any(isinstance(a, ast.Starred) for a in node.args) or any(
        k.arg is None for k in node.keywords)


def _is_none(node: ast.AST) -> bool:
    return isinstance(node, ast.Constant) and node.value is None


def _literal(node: ast.AST) -> Any:
    if isinstance(node, ast.Constant) and not isinstance(node.value, (bytes, complex)) \
            and node.value is not Ellipsis:
        return node.value
    if (isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd))
            and isinstance(node.operand, ast.Constant)
            and type(node.operand.value) in (int, float)):
        number: float = node.operand.value  # type: ignore[assignment]
        return -number if isinstance(node.op, ast.USub) else number
    return _NO_VALUE


def _unknown_argument(argument: str, model: str, fields: tuple[str, ...], span: Span,
                      quoted: bool = False, keys: Mapping[str, str] = WIRE_KEYS) -> Finding:
    """FC001 on a keyword the model does not take, with the Python name that was meant; a
    `quoted` one is a key of a dict spread with `**`, renamed as a string literal."""
    hint = suggest(argument, fields)
    if hint is None:  # known confusions are kept by wire key: statefulInvocation <-> asyncTask
        by_wire = {keys[f]: f for f in fields if f in keys}
        wire = suggest(argument, list(by_wire))
        hint = by_wire.get(wire) if wire else None
    message = f"{argument!r} is not an argument of {model}: the call raises TypeError"
    message += f"; did you mean {hint!r}?" if hint else f" (it takes {', '.join(fields)})"
    written = repr(hint) if quoted else hint
    fix = FixIntent(f"Rename to {hint!r}", written, Target.KEY, old=argument) if hint else None
    return Finding((), message, Target.KEY, code="FC001", span=span, fix=fix)
