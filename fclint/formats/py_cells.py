"""Notebook cells as the lint core sees them: IPython magics and help (`obj?`) blanked out of
Python cells, and `%%fclint` cells (JSON, YAML or Python bodies, with command-line options on the
magic line) linted with their findings placed in the cell. Shared by the notebook front end and
the magic."""

from __future__ import annotations

import ast
import importlib
import io
import re
import tokenize
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from fclint.config import Settings
from fclint.diagnostic import Pointer, Span, Target
from fclint.document import Document, FunctionContext, Locator
from fclint.formats.json_body import json_document
from fclint.formats.py_parse import parse
from fclint.formats.python_calls import python_documents
from fclint.kinds import Kind

# Cell magics whose body is still Python; any other (`%%bash`, `%%writefile`) is not ours.
PYTHON_CELL_MAGICS = frozenset({"time", "timeit", "capture", "prun", "debug"})
# `%pip install x`, `!ls`, `files = !ls`, `t = %timeit -o f()`: IPython, not Python.
_MAGIC_LINE = re.compile(r"[ \t]*(?:[%!]|[A-Za-z_]\w*[ \t]*=[ \t]*[%!])")
# IPython's help, as its input transformers read it (IPython.core.inputtransformer2: the `?` and
# `??` escapes, and HelpEnd): `?obj`, `??obj`, a bare `?`, and on a line of its own `obj?`,
# `obj.attr??`, `np.*load*?`, `a[0]?`. Python has no `?` outside strings and comments.
_HELP_NAME = r"(?!\d)[\w*]+(?:\.(?!\d)[\w*]+|\[-?[0-9]+\])*"
_HELP_LINE = re.compile(rf"[ \t]*(?:\?\??[ \t]*(?:{_HELP_NAME})?|{_HELP_NAME}[ \t]*\?\??)[ \t]*$")


def python_source(source: str) -> str | None:
    """The cell's text with IPython syntax blanked (line numbers kept), or None when the whole
    cell is another language (`%%bash`)."""
    lines = source.split("\n")
    first = lines[0].strip()
    if first.startswith("%%"):
        name = first[2:].split(maxsplit=1)[0] if first[2:].strip() else ""
        if name not in PYTHON_CELL_MAGICS:
            return None
        lines[0] = ""
    lines = [_blanked(line) if _MAGIC_LINE.match(line) else line for line in lines]
    for index in _help_lines(lines):
        lines[index] = _blanked(lines[index])
    return "\n".join(lines)


def _blanked(line: str) -> str:
    """An IPython line made Python of the same place: nothing, or `pass` where it is indented,
    since an indented block must stay one."""
    indent = line[: len(line) - len(line.lstrip())]
    return indent + "pass" if indent else ""


def _help_lines(lines: list[str]) -> set[int]:
    """The indexes of the lines that are IPython help. A line that looks it (`right?`) but stands
    inside a triple-quoted string or in brackets is the string's text, or a syntax error, as
    IPython has it too: it reads help only where a statement starts."""
    candidates = {index for index, line in enumerate(lines) if _HELP_LINE.match(line)}
    if not candidates:
        return candidates
    # A candidate holds no quote, `#`, `\\` or lone bracket: blanking it moves no string's end.
    return candidates - _inner_lines([("" if index in candidates else line)
                                      for index, line in enumerate(lines)])


def _inner_lines(lines: list[str]) -> set[int]:
    """The indexes of the lines that continue a token (a multi-line string) or stand between
    brackets; up to where tokenizing stops, when the text is not Python."""
    inner: set[int] = set()
    opened: list[int] = []
    readline = io.StringIO("\n".join(lines) + "\n").readline
    try:
        for token in tokenize.generate_tokens(readline):
            start, end = token.start[0] - 1, token.end[0] - 1
            inner.update(range(start + 1, end + 1))
            if token.type == tokenize.OP and token.string in "([{":
                opened.append(start)
            elif token.type == tokenize.OP and token.string in ")]}" and opened:
                inner.update(range(opened.pop() + 1, start + 1))
    except (tokenize.TokenError, SyntaxError):
        pass  # the parser will say what is wrong; a candidate past here is taken for help
    for start in opened:  # brackets the text never closes
        inner.update(range(start + 1, len(lines)))
    return inner


def guess_format(body: str) -> str:
    """JSON when it opens with a brace or bracket; Python when it calls or assigns; else YAML
    (`maxAsyncRetryAttempts: 3` also parses as a Python annotation, so parsing is not enough)."""
    stripped = body.lstrip()
    if stripped.startswith(("{", "[")):
        return "json"
    try:
        tree = parse(body)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return "yaml"
    if any(isinstance(n, (ast.Call, ast.Assign, ast.Dict, ast.Import, ast.ImportFrom))
           for n in ast.walk(tree)):
        return "python"
    return "yaml"


def body_documents(body: str, path: str, settings: Settings, kind: Kind | None,
                   body_format: str | None, line_offset: int, cell: int | None,
                   explicit: bool = True) -> Iterator[Document]:
    """Documents of a cell body; `explicit` (a `%%fclint` cell) lints a JSON body even when it
    has no key of the API, since the user asked for it."""
    fmt = body_format or guess_format(body)
    context = FunctionContext(region=settings.region, account=settings.account_id)
    if fmt == "python":
        yield from python_documents(body, path, settings, kind, line_offset, cell)
    elif fmt == "json":
        doc = json_document(body, path, settings, kind, context, line_offset)
        if doc is None and explicit:
            fallback = Kind.FC3_REQUEST if settings.api_generation == 3 else Kind.FC2_REQUEST
            doc = json_document(body, path, settings, kind or fallback, context, line_offset)
        if doc is not None:
            doc.cell = cell
            yield doc
    else:
        yaml_files = _yaml_front_end()
        if yaml_files is not None:
            for doc in yaml_files.documents(body, path, settings, kind):
                yield relocated(doc, line_offset, cell, path)


def _yaml_front_end() -> Any:
    """The YAML front end, if this fclint has one (it is written separately)."""
    try:
        return importlib.import_module("fclint.formats.yaml_files")
    except ImportError:
        return None


def relocated(doc: Document, line_offset: int, cell: int | None, path: str) -> Document:
    """`doc`, read from a text whose line 1 is line `line_offset + 1` of the cell."""
    doc.path, doc.cell = path, cell
    if not line_offset:
        return doc
    factory = doc.locator_factory
    doc.locator_factory = lambda: _ShiftedLocator(factory(), line_offset)
    doc.problems = [replace(p, span=_shift(p.span, line_offset)) if p.span else p
                    for p in doc.problems]
    doc.context = replace(doc.context, spans=tuple(
        (part, _shift(span, line_offset)) for part, span in doc.context.spans))
    doc.opaque_starts = frozenset((line + line_offset, col) for line, col in doc.opaque_starts)
    return doc


class _ShiftedLocator:
    def __init__(self, inner: Locator, lines: int) -> None:
        self.inner, self.lines = inner, lines

    def locate(self, path: Pointer, target: Target = Target.VALUE, occurrence: int = 0) -> Span:
        return _shift(self.inner.locate(path, target, occurrence), self.lines)


def _shift(span: Span, lines: int) -> Span:
    return Span(span.line + lines, span.column, span.end_line + lines, span.end_column)
