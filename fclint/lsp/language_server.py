"""The `FclintServer` class: pygls's LanguageServer with fclint's state (settings, pending
lints, published versions) and its messages to the client, every handler's exception logged
there and the server going on."""

from __future__ import annotations

import asyncio
import contextlib
import socket
import sys
import threading
import traceback
from collections.abc import Generator
from functools import partial
from pathlib import Path
from typing import Any

from lsprotocol import types as lsp
from pygls.io_ import StdoutWriter
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol, lsp_method

from fclint.config import ConfigError, Settings, SettingsResolver
from fclint.lsp import transport
from fclint.lsp.docs import EN
from fclint.lsp.settings import EditorSettings, section
from fclint.lsp.settings import parse as parse_editor_settings
from fclint.lsp.text import LspWorkspace
from fclint.rules import RULES
from fclint.version import __version__

# LSP 3.17 notebook sync for Jupyter notebooks' Python cells. The `notebook` field is required in
# practice: lsprotocol 2025.0.0 clients (pygls, pytest-lsp) cannot read a cells-only selector.
NOTEBOOK_SYNC = lsp.NotebookDocumentSyncOptions(notebook_selector=[
    lsp.NotebookDocumentFilterWithNotebook(notebook="jupyter-notebook",
                                           cells=[lsp.NotebookCellLanguage(language="python")]),
])


class _Protocol(LanguageServerProtocol):
    exit_code: int | None = None  # set by `exit`: 0 after `shutdown`, else 1 (LSP)

    @lsp_method(lsp.INITIALIZE)
    def lsp_initialize(self, params: lsp.InitializeParams) -> Generator[Any, Any, Any]:
        # convert counts columns in UTF-16 only, so never negotiate UTF-8 or UTF-32.
        if params.capabilities.general is not None:
            params.capabilities.general.position_encodings = None
        result = yield from super().lsp_initialize(params)
        # Documents split into lines as the LSP splits them (no document is open yet).
        old = self.workspace
        self._workspace = LspWorkspace(old.root_uri, old._sync_kind,
                                       list(old.folders.values()), old.position_encoding)
        return result

    @lsp_method(lsp.EXIT)
    def lsp_exit(self, *args: Any) -> Generator[Any, Any, None]:
        self.exit_code = 0 if self._shutdown else 1
        return (yield from super().lsp_exit(*args))

    def _execute_handler(self, msg_id: Any, handler: Any, callback: Any,
                         args: Any = None, kwargs: Any = None) -> None:
        """pygls 2.1 files the Future of every notification (and of every step of its own
        generator handlers) in `_request_futures` under a fresh id that nothing removes: about
        2 kB a keystroke, for the life of the server (to be reported to pygls). An entry goes
        once its Future is done; a request's answer is sent before (its callback is the
        Future's first), and cancelling still finds every request in flight."""
        super()._execute_handler(msg_id, handler, callback, args, kwargs)
        future = self._request_futures.get(msg_id)
        if future is not None:
            future.add_done_callback(partial(self._forget, asyncio.get_running_loop(), msg_id))

    def _forget(self, loop: asyncio.AbstractEventLoop, msg_id: Any, future: Any) -> None:
        # Later, on the loop: a Future is done in a worker thread, or while `shutdown`
        # walks the dict cancelling them.
        with contextlib.suppress(RuntimeError):  # the loop has closed: the server is ending
            loop.call_soon_threadsafe(self._drop, msg_id, future)

    def _drop(self, msg_id: Any, future: Any) -> None:
        if self._request_futures.get(msg_id) is future:
            del self._request_futures[msg_id]


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
        self.linter: Any = None  # fclint.lsp.worker.Linter, once the loop runs
        self.results: dict[str, tuple[Any, list[lsp.Diagnostic]]] = {}  # uri -> version, items
        self.generation = 0  # of the settings: a lint with older ones is not current
        self.reported: set[str] = set()
        self._reporting = False
        self.lang = EN  # hover language, from the client's locale
        self.watched_pid: int | None = None  # --clientProcessId, else initialize's processId

    def _start_io_async(self, stdin: Any = None, stdout: Any = None) -> None:
        """Serve stdio through `fclint.lsp.transport`, which survives what clients send."""
        self._serve(stdin or sys.stdin.buffer, stdout or sys.stdout.buffer)

    def start_connection(self, connection: socket.socket) -> None:
        """Serve the one client of `fclint lsp --tcp` as stdio is served. pygls's own TCP
        server read frames as its stdio reader did (any Content-Length, deaf after a frame it
        could not parse), and gave every client that connected the same protocol."""
        with connection, connection.makefile("wb") as outgoing:
            self._serve(transport.Received(connection), outgoing)

    def _serve(self, incoming: Any, outgoing: Any) -> None:
        self._stop_event = threading.Event()
        self.protocol.set_writer(StdoutWriter(outgoing))
        try:
            asyncio.run(transport.serve(self.protocol, incoming, self._stop_event))
        except ConnectionError:  # a broken pipe, or a socket the client reset
            transport.say("the connection to the client is lost; exiting")
        except (KeyboardInterrupt, SystemExit):
            pass
        finally:
            self.shutdown()

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
