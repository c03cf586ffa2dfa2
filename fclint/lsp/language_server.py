"""The `FclintServer` class: pygls's LanguageServer with fclint's state (settings, pending
lints, published versions) and its messages to the client, every handler's exception logged
there and the server going on."""

from __future__ import annotations

import asyncio
import traceback
from collections.abc import Generator
from pathlib import Path
from typing import Any

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol, lsp_method

from fclint.version import __version__
from fclint.config import ConfigError, Settings, SettingsResolver
from fclint.lsp.docs import EN
from fclint.lsp.settings import EditorSettings, section
from fclint.lsp.settings import parse as parse_editor_settings
from fclint.rules import RULES

# LSP 3.17 notebook sync for Jupyter notebooks' Python cells. The `notebook` field is required in
# practice: lsprotocol 2025.0.0 clients (pygls, pytest-lsp) cannot read a cells-only selector.
NOTEBOOK_SYNC = lsp.NotebookDocumentSyncOptions(notebook_selector=[
    lsp.NotebookDocumentFilterWithNotebook(notebook="jupyter-notebook",
                                           cells=[lsp.NotebookCellLanguage(language="python")]),
])


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
                         text_document_sync_kind=lsp.TextDocumentSyncKind.Incremental,
                         notebook_document_sync=NOTEBOOK_SYNC)
        self.known_codes = frozenset(RULES)
        self.editor = EditorSettings()
        self.resolver = SettingsResolver(self.known_codes, self.editor.overrides)
        self.pull = False  # the client pulls diagnostics: push none
        self.pending: dict[str, asyncio.TimerHandle] = {}
        self.published: dict[str, int] = {}  # uri -> version of the last push
        self.reported: set[str] = set()
        self._reporting = False
        self.lang = EN  # hover language, from the client's locale
        self.watched_pid: int | None = None  # --clientProcessId, else initialize's processId

    def configure(self, payload: Any) -> None:
        """Take the `fclint` section of `payload`; without one, the settings stay as they are."""
        values = section(payload)
        if values is None:
            return
        try:
            self.editor = parse_editor_settings(values, self.known_codes)
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
