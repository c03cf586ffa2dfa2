"""Completion at a cursor in a `.json`, `.http` or YAML text (YAML in `yaml_completion`): in a
JSON body, the keys the schema allows there and the values of the key at the cursor, found by
`json_cursor`'s scan, the body's kind from the data tree-sitter recovers. Plain fclint values
out; the server turns them into LSP items."""

from __future__ import annotations

from collections.abc import Iterator

from fclint.config import Settings
from fclint.diagnostic import Span
from fclint.jsondoc import JsonLocator
from fclint.kinds import Kind, detect
from fclint.lsp.completion_items import Item, key_item, missing_keys, value_items, value_snippet
from fclint.lsp.hover import HTTP_SUFFIXES
from fclint.lsp.json_cursor import Place, place
from fclint.lsp.operation_help import completions as operation_completions
from fclint.lsp.yaml_completion import completions as yaml_completions
from fclint.lsp.yaml_cursor import YAML_SUFFIXES


def completions(text: str, path: str, line: int, column: int,
                settings: Settings | None = None) -> list[Item]:
    """Completions at 1-based `line` and code-point `column` of a `.json`, `.http` or YAML
    text (a YAML API body or an `s.yaml` async block)."""
    settings = settings or Settings()
    if path.lower().endswith(YAML_SUFFIXES):
        return list(yaml_completions(text, line, column, settings))
    operation_items = operation_completions(text, path, line, column)
    if operation_items is not None:  # a query parameter or a header of the family
        return operation_items
    for body, line_offset in _bodies(text, path):
        first, last = line_offset + 1, line_offset + body.count("\n") + 1
        if not first <= line <= last:
            continue
        lines = body.split("\n")
        offset = sum(len(row) + 1 for row in lines[: line - first]) + column - 1
        found = place(body, min(offset, len(body)))
        if found is None:
            return []
        kind = _kind(body, settings, found.root_keys)
        if kind is None:
            return []
        span = _span(lines, line_offset, found.start, found.end)
        if found.role == "key":
            return list(_keys(kind, found, span))
        return list(_values(kind, found, span, settings))
    return []


def _bodies(text: str, path: str) -> Iterator[tuple[str, int]]:
    lowered = path.lower()
    if lowered.endswith(HTTP_SUFFIXES):
        from fclint.formats import http_requests

        for request in http_requests.requests(text):
            if request.has_body:
                yield request.body, request.body_line - 1
    elif lowered.endswith(".json"):
        yield text, 0


def _kind(body: str, settings: Settings, root_keys: set[str]) -> Kind | None:
    """The body's kind, from the data tree-sitter recovers or else from the top-level keys the
    scan saw; a body with no keys yet is a request of the configured generation."""
    data = JsonLocator(body).data
    if not isinstance(data, dict):
        data = dict.fromkeys(root_keys)
    kind = detect(data, settings.api_generation)
    if kind is None and (data is None or data == {}):
        return Kind.FC3_REQUEST if settings.api_generation == 3 else Kind.FC2_REQUEST
    return kind


def _span(lines: list[str], line_offset: int, start: int, end: int) -> Span:
    def where(offset: int) -> tuple[int, int]:
        for number, row in enumerate(lines):
            if offset <= len(row):
                return number + 1 + line_offset, offset + 1
            offset -= len(row) + 1
        return len(lines) + line_offset, len(lines[-1]) + 1

    return Span(*where(start), *where(end))


def _keys(kind: Kind, found: Place, span: Span) -> Iterator[Item]:
    for key, child, target in missing_keys(kind, found.pointer, found.keys):
        if found.has_colon:
            snippet = plain = f'"{key}"'
        else:
            value, text = value_snippet(key, target)
            snippet, plain = f'"{key}": {value}', f'"{key}": {text}'
        yield key_item(kind, key, child, target, key, snippet, plain, span)


def _values(kind: Kind, found: Place, span: Span, settings: Settings) -> Iterator[Item]:
    if found.key is None:
        return
    yield from value_items(kind, found.pointer + (found.key,), span, settings,
                           arn=found.key == "destination", qualifier=found.key == "qualifier")
