"""The parts of an `.http` request that the async-invocation family's rules read beside its
request line: its headers, each value where it is written."""

from __future__ import annotations

from collections.abc import Callable

from fclint.diagnostic import Span
from fclint.formats.operations import Param


def header_params(rows: list[tuple[int, str]], resolve: Callable[[str], str]) -> tuple[Param, ...]:
    """The header lines of a request, each value (`resolve`d: variables filled in) where it is
    written."""
    found = []
    for number, line in rows:
        name, _, value = line.partition(":")
        indent = len(name) - len(name.lstrip())
        value_column = len(name) + 2 + len(value) - len(value.lstrip())
        written = value.strip()
        name_span = Span(number, indent + 1, number, indent + 1 + len(name.strip()))
        span = Span(number, value_column, number, value_column + len(written))
        found.append(Param(name.strip(), resolve(written), span, name_span, name.strip()))
    return tuple(found)
