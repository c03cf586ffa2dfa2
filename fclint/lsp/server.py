"""The pygls language server: LSP messages in, `engine.lint_text` results out through `convert`.

Diagnostics are pushed (debounced) unless the client pulls them; every handler's exception is
logged to the client and the server goes on.
"""

from __future__ import annotations

import asyncio
import traceback
from collections.abc import Generator
from pathlib import Path
from typing import Any

from lsprotocol import types as lsp
from pygls.capabilities import get_capability
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol, lsp_method
from pygls.uris import to_fs_path
from pygls.workspace import TextDocument

from fclint import __version__, formats
from fclint.config import ConfigError, Settings, SettingsResolver
from fclint.engine import lint_text
from fclint.lsp import convert, settings
from fclint.lsp.hover import hover as hover_text
from fclint.rules import RULES

LANGUAGE_SUFFIXES = {  # for untitled documents, by the editor's language id
    "json": ".json", "jsonc": ".json", "http": ".http", "yaml": ".yaml", "terraform": ".tf",
    "python": ".py",
}


class _Protocol(LanguageServerProtocol):
    @lsp_method(lsp.INITIALIZE)
    def lsp_initialize(self, params: lsp.InitializeParams) -> Generator[Any, Any, Any]:
        # convert counts columns in UTF-16 only, so never negotiate UTF-8 or UTF-32.
        if params.capabilities.general is not None:
            params.capabilities.general.position_encodings = None
        return (yield from super().lsp_initialize(params))


class FclintServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("fclint", __version__, protocol_cls=_Protocol,
                         text_document_sync_kind=lsp.TextDocumentSyncKind.Full)
        self.known_codes = frozenset(RULES)
        self.editor = settings.EditorSettings()
        self.resolver = SettingsResolver(self.known_codes, self.editor.overrides)
        self.pull = False  # the client pulls diagnostics: push none
        self.pending: dict[str, asyncio.TimerHandle] = {}
        self.published: dict[str, int] = {}  # uri -> version of the last push
        self.reported: set[str] = set()
        self._reporting = False

    def configure(self, payload: Any) -> None:
        """Take the `fclint` section of `payload`; without one, the settings stay as they are."""
        values = settings.section(payload)
        if values is None:
            return
        try:
            self.editor = settings.parse(values, self.known_codes)
        except ConfigError as error:
            self.tell(lsp.MessageType.Warning, f"fclint: {error}; keeping the previous settings")
            return
        self.resolver = SettingsResolver(self.known_codes, self.editor.overrides)

    def settings_for(self, path: str) -> Settings:
        try:
            return self.resolver.for_path(Path(path))
        except ConfigError as error:  # a broken project file: lint with the editor's settings
            self.tell(lsp.MessageType.Warning, f"fclint: {error}", once=True)
            return Settings().merged(self.editor.overrides)

    def tell(self, level: lsp.MessageType, message: str, once: bool = False) -> None:
        if once and message in self.reported:
            return
        self.reported.add(message)
        self.window_show_message(lsp.ShowMessageParams(type=level, message=message))

    def report_server_error(self, error: Exception, source: Any) -> None:
        """Log every handler's exception to the client, then go on serving."""
        if self._reporting:  # the report itself failed to send: do not report that in a loop
            return
        self._reporting = True
        try:
            trace = "".join(traceback.format_exception(error))
            self.window_log_message(lsp.LogMessageParams(
                type=lsp.MessageType.Error, message=f"fclint: internal error: {error!r}\n{trace}"))
        finally:
            self._reporting = False


server = FclintServer()


def lint_path(doc: TextDocument) -> str | None:
    """The path the engine lints `doc` as, or None for documents that are not ours."""
    name = (to_fs_path(doc.uri) if doc.uri.startswith("file:") else None) or doc.uri
    if name.lower().endswith(formats.suffixes()):  # every format the CLI lints
        return name
    suffix = LANGUAGE_SUFFIXES.get(doc.language_id or "")
    return name + suffix if suffix and not doc.uri.startswith("file:") else None


def lint(ls: FclintServer, doc: TextDocument) -> list[lsp.Diagnostic]:
    path = lint_path(doc)
    if path is None:
        return []
    text = doc.source
    result = lint_text(text, path, ls.settings_for(path))
    lines = convert.Lines(text)
    return [convert.diagnostic(found, lines) for found in result.diagnostics]


def publish(ls: FclintServer, uri: str) -> None:
    """Push the diagnostics of the document's current text, never older than the last push."""
    ls.pending.pop(uri, None)
    try:
        doc = ls.workspace.text_documents.get(uri)
        version = doc.version if doc is not None else None
        if doc is None or (version is not None and version < ls.published.get(uri, -1)):
            return
        items = lint(ls, doc)
        ls.published[uri] = version if version is not None else -1
        ls.text_document_publish_diagnostics(
            lsp.PublishDiagnosticsParams(uri=uri, diagnostics=items, version=version))
    except Exception as error:  # noqa: BLE001 - a timer callback: nothing else would report it
        ls.report_server_error(error, None)


def schedule(ls: FclintServer, uri: str, delay: float) -> None:
    """Lint `uri` after `delay` seconds unless another change comes first: one lint per pause."""
    if ls.pull:
        return
    if (handle := ls.pending.pop(uri, None)) is not None:
        handle.cancel()
    ls.pending[uri] = asyncio.get_running_loop().call_later(delay, publish, ls, uri)


def relint_all(ls: FclintServer) -> None:
    if ls.pull:
        if get_capability(ls.client_capabilities, "workspace.diagnostics.refresh_support", False):
            ls.workspace_diagnostic_refresh(None)
        return
    for uri in list(ls.workspace.text_documents):
        schedule(ls, uri, 0)


@server.feature(lsp.INITIALIZE)
def initialize(ls: FclintServer, params: lsp.InitializeParams) -> None:
    ls.pull = get_capability(params.capabilities, "text_document.diagnostic") is not None
    ls.configure(params.initialization_options)


@server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: FclintServer, params: lsp.DidOpenTextDocumentParams) -> None:
    schedule(ls, params.text_document.uri, 0)


@server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: FclintServer, params: lsp.DidChangeTextDocumentParams) -> None:
    schedule(ls, params.text_document.uri, ls.editor.debounce)


@server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: FclintServer, params: lsp.DidCloseTextDocumentParams) -> None:
    uri = params.text_document.uri
    if (handle := ls.pending.pop(uri, None)) is not None:
        handle.cancel()
    ls.published.pop(uri, None)
    if not ls.pull:
        ls.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri=uri, diagnostics=[]))


@server.feature(lsp.TEXT_DOCUMENT_DIAGNOSTIC,
                lsp.DiagnosticOptions(identifier="fclint", inter_file_dependencies=False,
                                      workspace_diagnostics=False))
def diagnostic(ls: FclintServer,
               params: lsp.DocumentDiagnosticParams) -> lsp.DocumentDiagnosticReport:
    doc = ls.workspace.get_text_document(params.text_document.uri)
    return lsp.RelatedFullDocumentDiagnosticReport(items=lint(ls, doc))


@server.feature(lsp.TEXT_DOCUMENT_CODE_ACTION,
                lsp.CodeActionOptions(code_action_kinds=[lsp.CodeActionKind.QuickFix]))
def code_action(ls: FclintServer, params: lsp.CodeActionParams) -> list[lsp.CodeAction] | None:
    return convert.quick_fixes(params.text_document.uri, params.context.diagnostics) or None


@server.feature(lsp.TEXT_DOCUMENT_HOVER)
def hover(ls: FclintServer, params: lsp.HoverParams) -> lsp.Hover | None:
    doc = ls.workspace.text_documents.get(params.text_document.uri)
    path = lint_path(doc) if doc is not None else None
    if doc is None or path is None:
        return None
    lines = convert.Lines(doc.source)
    line, column = lines.column(params.position)
    found = hover_text(doc.source.removeprefix("\ufeff"), path, line, column)
    if found is None:
        return None
    return lsp.Hover(contents=lsp.MarkupContent(kind=lsp.MarkupKind.Markdown, value=found.markdown),
                     range=lines.range(found.span))


@server.feature(lsp.WORKSPACE_DID_CHANGE_CONFIGURATION)
async def did_change_configuration(ls: FclintServer,
                                   params: lsp.DidChangeConfigurationParams) -> None:
    payload = params.settings
    has_section = isinstance(payload, dict) and settings.SECTION in payload
    if not has_section and get_capability(ls.client_capabilities, "workspace.configuration", False):
        # The newer protocol: the notification only says "changed"; ask for the values.
        answer = await ls.workspace_configuration_async(
            lsp.ConfigurationParams(items=[lsp.ConfigurationItem(section=settings.SECTION)]))
        payload = {settings.SECTION: answer[0] if answer else None}
    ls.configure(payload)
    relint_all(ls)
