"""Hover: what the key or ARN under the cursor means (`fclint.lsp.hover`), then the docs of
each rule whose finding lies there, in notebook cells too."""

from __future__ import annotations

from lsprotocol import types as lsp

from fclint.lsp.convert import Lines, contains, rule_markdown
from fclint.lsp.documents import lint_path, text_document
from fclint.lsp.hover import hover as hover_text
from fclint.lsp.operation_help import hover as operation_hover
from fclint.lsp.language_server import FclintServer
from fclint.lsp.linting import diagnostics, left_alone
from fclint.rules import RULES

# How long a hover waits for the lint of a document that changed since its last one, before it
# answers without the rules' docs: a slow lint never holds up a hover for longer. A 200-line
# file lints in a few milliseconds; a 5,000-line s.yaml in 60 (300 on a loaded machine).
LINT_WAIT = 0.1


async def hover(ls: FclintServer, params: lsp.HoverParams) -> lsp.Hover | None:
    uri = params.text_document.uri
    doc = text_document(ls, uri)
    if doc is None or left_alone(ls, uri):
        return None
    in_notebook = ls.workspace.get_notebook_document(cell_uri=uri) is not None
    path = None if in_notebook else lint_path(doc)
    text = doc.source
    lines = Lines(text)
    parts: list[str] = []
    where: lsp.Range | None = None
    if path is not None:
        line, column = lines.column(params.position)
        source = text.removeprefix("\ufeff")
        found = (hover_text(source, path, line, column, ls.lang)
                 or operation_hover(source, path, line, column, ls.lang))
        if found is not None:
            parts.append(found.markdown)
            where = lines.range(found.span)
    if in_notebook or path is not None:
        for item in await diagnostics(ls, uri, LINT_WAIT):
            if contains(item.range, params.position) and str(item.code) in RULES:
                parts.append(rule_markdown(RULES[str(item.code)], item.message))
                where = where or item.range
    if not parts:
        return None
    return lsp.Hover(contents=lsp.MarkupContent(kind=lsp.MarkupKind.Markdown,
                                                value="\n\n---\n\n".join(parts)), range=where)
