"""Findings as the result cache stores them: plain tuples of their fields, and back.

The cache file is read with an unpickler that builds no object of any class (a repository
could ship a cache file), so a finding is kept as the tuple of its fields: its span as four
numbers, its severity and fix kind by value, an `extra` span marked as one. A run over a
tree that barely changed builds every stored finding again, so the building is made cheap:
a span is built once for each place and shared (spans are immutable), and the frozen
dataclasses are restored as pickle restores them, their fields set on a new object without
`__init__`, whose frozen assignments cost twice as much.
"""

from __future__ import annotations

from dataclasses import fields as dataclass_fields
from typing import Any

from fclint.diagnostic import Diagnostic, Edit, Fix, FixKind, Severity, Span

Place = tuple[int, int, int, int]


def fields(diagnostics: list[Diagnostic]) -> tuple[Any, ...]:
    """The findings of a file as stored: a tuple of plain tuples, () for none."""
    return tuple(_finding_fields(d) for d in diagnostics) if diagnostics else ()


def diagnostics(stored: tuple[Any, ...], path: str,
                spans: dict[Place, Span] | None = None) -> list[Diagnostic]:
    """The findings `fields` stored, built again for the file named `path`. `spans` holds
    the spans built so far, shared across files. Raises on what is not stored findings."""
    spans = {} if spans is None else spans
    return [_finding(values, path, spans) for values in stored]


def _finding_fields(d: Diagnostic) -> tuple[Any, ...]:
    fix = None if d.fix is None else (
        d.fix.title, tuple((_place(e.span), e.text, e.expect) for e in d.fix.edits),
        d.fix.kind.value)
    extra = tuple((key, *_extra_fields(value)) for key, value in d.extra.items())
    return (_place(d.span), d.code, d.severity.value, d.message, d.pointer, d.cell,
            d.keyword, d.expected, fix, extra)


def _finding(values: tuple[Any, ...], path: str, spans: dict[Place, Span]) -> Diagnostic:
    place, code, severity, message, pointer, cell, keyword, expected, fix, extra = values
    if fix is not None:
        title, edits, kind = fix
        fix = _fix(title, tuple(_edit(_span(at, spans), text, expect)
                                for at, text, expect in edits), _FIX_KINDS[kind])
    return _diagnostic(path, _span(place, spans), code, _SEVERITIES[severity], message, pointer,
                       cell, keyword, expected, fix,
                       {key: _span(value, spans) if is_span else value
                        for key, is_span, value in extra})


def _span(place: Place, spans: dict[Place, Span]) -> Span:
    found = spans.get(place)
    if found is None:
        found = spans[place] = _new_span(*place)
    return found


def _place(span: Span) -> Place:
    return (span.line, span.column, span.end_line, span.end_column)


def _extra_fields(value: Any) -> tuple[bool, Any]:
    """An `extra` value: a span (the raw file's, of a notebook's finding) or plain data."""
    return (True, _place(value)) if isinstance(value, Span) else (False, value)


def _restorer(cls: type) -> Any:
    """A function that makes an instance of the frozen dataclass `cls` from its field
    values in order, as unpickling does: the values set on a new object, no `__init__`."""
    names = tuple(field.name for field in dataclass_fields(cls))
    new = object.__new__

    def restore(*values: Any) -> Any:
        if len(values) != len(names):
            raise TypeError(f"{cls.__name__} has {len(names)} fields, not {len(values)}")
        instance: Any = new(cls)
        instance.__dict__.update(zip(names, values))
        return instance

    return restore


_new_span = _restorer(Span)
_edit = _restorer(Edit)
_fix = _restorer(Fix)
_diagnostic = _restorer(Diagnostic)
_SEVERITIES = {severity.value: severity for severity in Severity}
_FIX_KINDS = {kind.value: kind for kind in FixKind}
