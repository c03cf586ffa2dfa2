"""Jupyter notebooks: code cells as Python (when the kernel is), `%%fclint` cells as config
bodies, raw cells that hold a body; every finding carries its cell (1-based over all cells) and
the line within it."""

from __future__ import annotations

import functools

import json
import re
import warnings
from collections.abc import Iterator
from typing import Any

from fclint.config import Settings
from fclint.diagnostic import Finding, Span
from fclint.document import Document, empty_locator
from fclint import options
from fclint.formats import py_cells
from fclint.formats.notebook_source import NotebookSource
from fclint.formats.python_calls import SNIFF as PYTHON_SNIFF, python_documents
from fclint.jsonlocator import JsonLocator
from fclint.source import LineIndex, lone_surrogate, normalize_breaks
from fclint.kinds import Kind

# A notebook's own JSON nests a handful of levels around its cells; outputs and metadata may
# hold deeper JSON, but not this deep (JSON bodies stop at 64: fclint.jsondoc.MAX_DEPTH).
MAX_DEPTH = 200
# The notebook is JSON: its line numbers are not the cells', so `# fclint: ignore` comments
# would land on the wrong lines; suppression inside cells is not offered yet.
COMMENTS = False
# Kernel languages that are Python: ipykernel's, xeus-python's and Pyodide's "python", and
# sparkmagic's "pyspark".
PYTHON_LANGUAGES = frozenset({"python", "python2", "python3", "ipython", "ipython3", "pyspark"})
SNIFF = re.compile(PYTHON_SNIFF.pattern + "|" + re.escape(options.MAGIC), re.IGNORECASE)


def documents(text: str, path: str, settings: Settings, kind: Kind | None) -> Iterator[Document]:
    if not SNIFF.search(text):  # no config can be in it: not even read as JSON
        return
    notebook = _notebook(text)
    if isinstance(notebook, Finding):
        yield Document(path=path, kind=Kind.FC2_REQUEST, data=None, settings=settings,
                       locator_factory=empty_locator, problems=[notebook])
        return
    python = kernel_is_python(notebook.metadata)
    raw = _RawPositions(text)
    for index, cell in enumerate(notebook.cells, start=1):
        if not python and cell.get("cell_type") == "code":
            continue  # R, bash, JavaScript: not Python, and no `%%fclint` magic there either
        for doc in cell_documents(cell, index, path, settings, kind):
            doc.raw_span = functools.partial(raw.span, index)
            yield doc


class _RawPositions:
    """Where a cell's span stands in the raw `.ipynb` text, for reports that name the file's
    own lines (SARIF): through the cell's source items (fclint.formats.notebook_source)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._source: NotebookSource | None = None

    def span(self, cell: int, span: Span) -> Span:
        if self._source is None:
            self._source = NotebookSource(self.text)
        found = self._source.span(cell, span)
        if found is not None:
            return found
        whole = self._source.locator.locate(("cells", cell - 1, "source"))  # nbformat 3
        return Span(whole.line, whole.column, whole.line, whole.column + 1)


def kernel_is_python(metadata: Any) -> bool:
    """False when a notebook's metadata names its kernel's language and it is not Python: the
    language the kernel reported (`language_info`), else its kernelspec's; Python when they
    say nothing, as Jupyter's default kernel is. `%%fclint` cells of such a notebook are
    skipped with its code: the magic is IPython's, and another kernel would run the cell as
    its own code (an R kernel fails on the `%%` line), so the cell is not the user's config.
    A kernel whose files end in `.py` is Python whatever it calls its language."""
    found = _jupyter_metadata(metadata)
    info, spec = _mapping(found.get("language_info")), _mapping(found.get("kernelspec"))
    if info.get("file_extension") == ".py":
        return True
    for language in (info.get("name"), spec.get("language")):
        if isinstance(language, str) and language.strip():
            return language.strip().lower() in PYTHON_LANGUAGES
    return True


def _jupyter_metadata(metadata: Any) -> dict[str, Any]:
    """The notebook-level metadata in `metadata`: an `.ipynb`'s own, or nested one level, under
    `metadata` or `custom.metadata`, where an editor may keep it for LSP notebook sync (LSP
    does not say what a notebook's metadata holds)."""
    top = _mapping(metadata)
    for found in (top, _mapping(top.get("metadata")),
                  _mapping(_mapping(top.get("custom")).get("metadata"))):
        if "language_info" in found or "kernelspec" in found:
            return found
    return {}


def _mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _notebook(text: str) -> Any:
    """The notebook (nbformat 4), or the one finding that says why there is none."""
    import nbformat  # only notebooks need it

    try:
        data = json.loads(text)
    except ValueError as error:
        return _invalid(text, f"not a notebook: the JSON does not parse "
                        f"({getattr(error, 'msg', error)})", getattr(error, "pos", 0))
    except RecursionError:
        return _too_deep(text)
    if text.count("[") + text.count("{") > MAX_DEPTH and _depth_exceeds(data, MAX_DEPTH):
        return _too_deep(text)
    version = data.get("nbformat") if isinstance(data, dict) else None
    if not isinstance(version, int) or isinstance(version, bool):
        # nbformat would "upgrade" any object into an empty notebook; say what is wrong instead.
        return _invalid(text, f"not a notebook: {version!r} is not an nbformat version (the top "
                        "level needs an integer 'nbformat')")
    try:
        notebook = nbformat.from_dict(data)
        with warnings.catch_warnings():  # cells without ids: nbformat's warning, not a finding
            warnings.simplefilter("ignore")
            nbformat.validate(notebook)  # against its own version: converting hides mistakes
        if version < 4:
            notebook = nbformat.convert(notebook, 4)
    except nbformat.ValidationError as error:
        path = tuple(error.absolute_path)
        at = 0
        if path:
            span = JsonLocator(text, with_values=False).locate(path)
            at = LineIndex(text).offset(span.line, span.column)
        return _invalid(text, f"not a valid notebook (nbformat {nbformat.current_nbformat}): "
                        f"{_invalid_where(path)}: {_invalid_what(error, path)}", at)
    except RecursionError:
        return _too_deep(text)
    except Exception as error:  # noqa: BLE001 - nbformat raises assorted errors on odd input
        return _invalid(text, f"not a valid notebook: {type(error).__name__}: {error}")
    return notebook


def _invalid_where(path: tuple[Any, ...]) -> str:
    """A cell by its number, as findings name it (`cell 3`, 1-based), then the path in it."""
    if len(path) >= 2 and path[0] == "cells" and isinstance(path[1], int):
        inner = "/".join(str(p) for p in path[2:])
        return f"cell {path[1] + 1}" + (f" {inner}" if inner else "")
    return "/".join(str(p) for p in path) or "the notebook"


def _invalid_what(error: Any, path: tuple[Any, ...]) -> str:
    """What the schema says, without the value it quotes when that is an object or a list: a
    whole cell can be long, and nbformat's validation has given it a random `id` meanwhile."""
    instance, message = error.instance, error.message
    if not isinstance(instance, (dict, list)) or not message.startswith(repr(instance)):
        return message
    rest = message[len(repr(instance)):]
    if error.validator in ("oneOf", "anyOf") and len(path) == 2 and path[0] == "cells":
        context = list(error.context or ())
        branches = {c.relative_schema_path[0] for c in context}
        common = [m for m in dict.fromkeys(c.message for c in context)  # what every type needs
                  if {c.relative_schema_path[0] for c in context if c.message == m} == branches]
        return "it is no markdown, code or raw cell" + (f" ({'; '.join(common)})" if common
                                                         else "")
    return "it" + rest


def _depth_exceeds(data: Any, limit: int) -> bool:
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if depth > limit:
            return True
        if isinstance(value, dict):
            stack.extend((v, depth + 1) for v in value.values())
        elif isinstance(value, list):
            stack.extend((v, depth + 1) for v in value)
    return False


def _too_deep(text: str) -> Finding:
    """The one FC090 of a notebook nested past MAX_DEPTH, where the nesting passes it."""
    span = JsonLocator(text, with_values=True, max_depth=MAX_DEPTH).too_deep or Span(1, 1, 1, 2)
    return Finding((), f"nesting deeper than {MAX_DEPTH} levels; fclint does not check this "
                   "notebook (nbformat needs a handful; cell outputs and metadata rarely a few "
                   "dozen)", code="FC090", span=span)


def _invalid(text: str, message: str, at: int = 0) -> Finding:
    """An FC000 at offset `at` of the notebook's text: its character, or an empty span where a
    line ends (a truncated notebook ends before its JSON does)."""
    index = LineIndex(text)
    return Finding((), message, code="FC000", span=index.point(*index.position(at)))


def cell_documents(cell: Any, index: int, path: str, settings: Settings,
                   kind: Kind | None) -> Iterator[Document]:
    """The documents of one cell: a `%%fclint` body, Python code, or a raw body."""
    source = cell.get("source", "")
    source = normalize_breaks("".join(source) if isinstance(source, list) else str(source))
    cell_type = cell.get("cell_type")
    surrogate = lone_surrogate(source)
    if surrogate is not None and cell_type in ("code", "raw"):
        span = LineIndex(source).span(surrogate, surrogate + 1)
        message = (f"{source[surrogate]!r} is a lone surrogate (an escape such as \\ud800 with "
                   "no partner): the cell is not text; fclint does not check it")
        yield Document(path=path, kind=Kind.FC2_REQUEST, data=None, settings=settings,
                       locator_factory=empty_locator, cell=index,
                       problems=[Finding((), message, code="FC000", span=span)])
        return
    if cell_type == "code":
        first, _, body = source.partition("\n")
        if first.strip().split(maxsplit=1)[:1] == [options.MAGIC]:
            yield from _magic_cell(first, body, index, path, settings, kind)
            return
        python = py_cells.python_source(source)
        if python is not None:
            yield from python_documents(python, path, settings, kind, cell=index)
    elif cell_type == "raw" and source.strip():
        fmt = "json" if source.lstrip().startswith(("{", "[")) else "yaml"
        yield from py_cells.body_documents(source, path, settings, kind, fmt, 0, index,
                                           explicit=False)


def _magic_cell(first: str, body: str, index: int, path: str, settings: Settings,
                kind: Kind | None) -> Iterator[Document]:
    line = first.strip()[len(options.MAGIC):]
    try:
        args, overrides = options.parse_magic_line(line, settings.known_codes)
    except options.MagicLineError as error:
        column = first.find(options.MAGIC) + 1
        span = Span(1, column, 1, len(first.rstrip()) + 1)
        yield Document(path=path, kind=Kind.FC2_REQUEST, data=None, settings=settings,
                       locator_factory=empty_locator, cell=index,
                       problems=[Finding((), f"{line.strip()!r}: {error}", code="FC000", span=span)])
        return
    cell_settings = settings.merged(overrides) if overrides else settings
    cell_kind = Kind(args.kind) if args.kind else kind
    yield from py_cells.body_documents(body, path, cell_settings, cell_kind, args.body_format,
                                       1, index)
