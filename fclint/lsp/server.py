"""The language server: the one `FclintServer`, each LSP method wired to its handler in
`fclint.lsp.features` with the options its capability advertises."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from lsprotocol import types as lsp

from fclint.lsp.features import (
    code_actions,
    completion,
    configuration,
    diagnostics,
    hover,
    lifecycle,
    notebooks,
    sync,
)
from fclint.lsp.language_server import FclintServer

# The handlers are plain functions, registered here rather than by `@server.feature` in their
# modules: those would import this module for `server`, and this one imports them.
FEATURES: tuple[tuple[str, Any, Callable[..., Any]], ...] = (
    (lsp.INITIALIZE, None, lifecycle.initialize),
    (lsp.TEXT_DOCUMENT_DID_OPEN, None, sync.did_open),
    (lsp.TEXT_DOCUMENT_DID_CHANGE, None, sync.did_change),
    (lsp.TEXT_DOCUMENT_DID_CLOSE, None, sync.did_close),
    (lsp.NOTEBOOK_DOCUMENT_DID_OPEN, None, notebooks.notebook_did_open),
    (lsp.NOTEBOOK_DOCUMENT_DID_CHANGE, None, notebooks.notebook_did_change),
    (lsp.NOTEBOOK_DOCUMENT_DID_CLOSE, None, notebooks.notebook_did_close),
    (lsp.TEXT_DOCUMENT_DIAGNOSTIC,
     lsp.DiagnosticOptions(identifier="fclint", inter_file_dependencies=False,
                           workspace_diagnostics=True),
     diagnostics.diagnostic),
    (lsp.WORKSPACE_DIAGNOSTIC, None, diagnostics.workspace_diagnostic),
    (lsp.TEXT_DOCUMENT_CODE_ACTION,
     lsp.CodeActionOptions(code_action_kinds=[lsp.CodeActionKind.QuickFix]),
     code_actions.code_action),
    (lsp.TEXT_DOCUMENT_HOVER, None, hover.hover),
    (lsp.TEXT_DOCUMENT_COMPLETION, lsp.CompletionOptions(trigger_characters=['"', ":"]),
     completion.completion),
    (lsp.INITIALIZED, None, configuration.initialized),
    (lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES, None, configuration.did_change_watched_files),
    (lsp.TEXT_DOCUMENT_DID_SAVE, None, configuration.did_save),
    (lsp.WORKSPACE_DID_CHANGE_CONFIGURATION, None, configuration.did_change_configuration),
)


def create() -> FclintServer:
    """A server with every handler of `FEATURES` registered."""
    ls = FclintServer()
    for method, options, handler in FEATURES:
        ls.feature(method, options)(handler)
    return ls


server = create()
