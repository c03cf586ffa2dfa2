"""Completion: the items `fclint.lsp.completion` finds at the cursor, as LSP items with
snippets for clients that take them."""

from __future__ import annotations

from lsprotocol import types as lsp
from pygls.capabilities import get_capability

from fclint.lsp.completion import completions
from fclint.lsp.convert import Lines, completion_item
from fclint.lsp.documents import lint_path, text_document
from fclint.lsp.language_server import FclintServer
from fclint.lsp.linting import left_alone


def completion(ls: FclintServer, params: lsp.CompletionParams) -> lsp.CompletionList | None:
    doc = text_document(ls, params.text_document.uri)
    path = lint_path(doc) if doc is not None else None
    if doc is None or path is None or left_alone(ls, doc.uri):
        return None
    text = doc.source
    lines = Lines(text)
    line, column = lines.column(params.position)
    found = completions(text.removeprefix("\ufeff"), path, line, column, ls.settings_for(path))
    snippets = get_capability(ls.client_capabilities,
                              "text_document.completion.completion_item.snippet_support", False)
    return lsp.CompletionList(is_incomplete=False,
                              items=[completion_item(item, lines, snippets) for item in found])
