"""Code actions: a quick fix for each finding that carries one, and an `# fclint: ignore`
comment for the finding's line in formats that have comments."""

from __future__ import annotations

from lsprotocol import types as lsp

from fclint import formats
from fclint.lsp.convert import ignore_actions, quick_fixes
from fclint.lsp.documents import lint_path, text_document
from fclint.lsp.language_server import FclintServer
from fclint.lsp.linting import left_alone


def code_action(ls: FclintServer, params: lsp.CodeActionParams) -> list[lsp.CodeAction] | None:
    uri = params.text_document.uri
    actions = quick_fixes(uri, params.context.diagnostics)
    doc = text_document(ls, uri)
    if doc is not None and left_alone(ls, uri):
        return actions or None
    path = lint_path(doc) if doc is not None else None
    module = formats.front_end(path) if path is not None else None
    if doc is not None and module is not None and module.COMMENTS \
            and getattr(module, "IGNORE_ABOVE", True) \
            and ls.workspace.get_notebook_document(cell_uri=uri) is None:
        actions.extend(ignore_actions(uri, doc.source, params.context.diagnostics,
                                      module.comments))
    return actions or None
