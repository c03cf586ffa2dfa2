"""The pygls language server: LSP messages in, `engine.lint_text` results out through `convert`.

Diagnostics are pushed (debounced) unless the client pulls them; every handler's exception is
logged to the client and the server goes on. Notebooks (LSP 3.17 sync) are linted cell by cell
as `fclint check nb.ipynb` lints them and published to the cell URIs; jupyterlab-lsp's virtual
notebook documents are linted as the Python they are.
"""

from __future__ import annotations

import asyncio
import os
import sys
import traceback
from collections.abc import Generator
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from lsprotocol import types as lsp
from pygls.capabilities import get_capability
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol, lsp_method
from pygls.uris import from_fs_path, to_fs_path
from pygls.workspace import TextDocument

from fclint import __version__, formats
from fclint.startup import NoCycleCollection
from fclint.config import CONFIG_FILES, ConfigError, Settings, SettingsResolver
from fclint.discovery import files_under
from fclint.engine import lint_path as lint_file
from fclint.engine import lint_text
from fclint.lsp import completion, convert, docs, notebooks, process, settings
from fclint.lsp.hover import hover as hover_text
from fclint.rules import RULES

# LSP 3.17 notebook sync for Jupyter notebooks' Python cells. The `notebook` field is required in
# practice: lsprotocol 2025.0.0 clients (pygls, pytest-lsp) cannot read a cells-only selector.
NOTEBOOK_SYNC = lsp.NotebookDocumentSyncOptions(notebook_selector=[
    lsp.NotebookDocumentFilterWithNotebook(notebook="jupyter-notebook",
                                           cells=[lsp.NotebookCellLanguage(language="python")]),
])

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
                         text_document_sync_kind=lsp.TextDocumentSyncKind.Incremental,
                         notebook_document_sync=NOTEBOOK_SYNC)
        self.known_codes = frozenset(RULES)
        self.editor = settings.EditorSettings()
        self.resolver = SettingsResolver(self.known_codes, self.editor.overrides)
        self.pull = False  # the client pulls diagnostics: push none
        self.pending: dict[str, asyncio.TimerHandle] = {}
        self.published: dict[str, int] = {}  # uri -> version of the last push
        self.reported: set[str] = set()
        self._reporting = False
        self.lang = docs.EN  # hover language, from the client's locale
        self.watched_pid: int | None = None  # --clientProcessId, else initialize's processId

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


def text_document(ls: FclintServer, uri: str) -> TextDocument | None:
    """The open document `uri` (the workspace keys documents by their unquoted URI)."""
    return ls.workspace.text_documents.get(unquote(uri))


def fs_name(uri: str) -> str:
    return (to_fs_path(uri) if uri.startswith("file:") else None) or uri


def lint_path(doc: TextDocument) -> str | None:
    """The path the engine lints `doc` as, or None for documents that are not ours."""
    name = fs_name(doc.uri)
    if notebooks.is_virtual_python(name, doc.language_id, doc.source):
        return name + ".py"  # jupyterlab-lsp's virtual notebook: the cells' Python, joined
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


def lint_notebook(ls: FclintServer, notebook: lsp.NotebookDocument,
                  ) -> list[tuple[str, int | None, list[lsp.Diagnostic]]]:
    """(cell URI, cell version, diagnostics) for every cell of `notebook`."""
    path = fs_name(notebook.uri)
    cells, docs_ = [], []
    for cell in notebook.cells:
        doc = text_document(ls, cell.document)
        text = doc.source if doc is not None else ""
        kind = "code" if cell.kind == lsp.NotebookCellKind.Code else "markdown"
        if doc is not None and doc.language_id not in (None, "", "python"):
            kind = "other"  # an R or SQL cell: not Python, not ours
        cells.append(notebooks.Cell(kind, text))
        docs_.append(doc)
    found = notebooks.lint_cells(cells, path, ls.settings_for(path))
    return [
        (cell.document, doc.version if doc is not None else None,
         [convert.diagnostic(d, convert.Lines(cells[index].text)) for d in found[index]])
        for index, (cell, doc) in enumerate(zip(notebook.cells, docs_))
    ]


def current_diagnostics(ls: FclintServer, uri: str) -> list[lsp.Diagnostic]:
    """The diagnostics of an open document or notebook cell, linted now."""
    notebook = ls.workspace.get_notebook_document(cell_uri=uri)
    if notebook is not None:
        for cell_uri, _, items in lint_notebook(ls, notebook):
            if unquote(cell_uri) == unquote(uri):
                return items
        return []
    doc = text_document(ls, uri)
    return lint(ls, doc) if doc is not None else []


def publish(ls: FclintServer, uri: str) -> None:
    """Push the diagnostics of the document's current text, never older than the last push."""
    ls.pending.pop(uri, None)
    try:
        with NoCycleCollection():  # the collector runs after the diagnostics are out
            _publish(ls, uri)
    except Exception as error:  # noqa: BLE001 - a timer callback: nothing else would report it
        ls.report_server_error(error, None)


def _publish(ls: FclintServer, uri: str) -> None:
    notebook = ls.workspace.get_notebook_document(notebook_uri=uri)
    if notebook is not None:
        publish_notebook(ls, notebook)
        return
    doc = text_document(ls, uri)
    version = doc.version if doc is not None else None
    if doc is None or (version is not None and version < ls.published.get(uri, -1)):
        return
    items = lint(ls, doc)
    ls.published[uri] = version if version is not None else -1
    ls.text_document_publish_diagnostics(
        lsp.PublishDiagnosticsParams(uri=uri, diagnostics=items, version=version))


def publish_notebook(ls: FclintServer, notebook: lsp.NotebookDocument) -> None:
    """Push each cell's diagnostics to the cell's URI (LSP#2040), never for an older notebook
    version than the last push."""
    if notebook.version < ls.published.get(notebook.uri, -1):
        return
    ls.published[notebook.uri] = notebook.version
    for cell_uri, version, items in lint_notebook(ls, notebook):
        ls.text_document_publish_diagnostics(
            lsp.PublishDiagnosticsParams(uri=cell_uri, diagnostics=items, version=version))


def clear(ls: FclintServer, uris: list[str]) -> None:
    if ls.pull:
        return
    for uri in uris:
        ls.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri=uri, diagnostics=[]))


def schedule(ls: FclintServer, uri: str, delay: float) -> None:
    """Lint `uri` after `delay` seconds unless another change comes first: one lint per pause."""
    if ls.pull:
        return
    if (handle := ls.pending.pop(uri, None)) is not None:
        handle.cancel()
    ls.pending[uri] = asyncio.get_running_loop().call_later(delay, publish, ls, uri)


def cancel(ls: FclintServer, uri: str) -> None:
    if (handle := ls.pending.pop(uri, None)) is not None:
        handle.cancel()
    ls.published.pop(uri, None)


def relint_all(ls: FclintServer) -> None:
    if ls.pull:
        if get_capability(ls.client_capabilities, "workspace.diagnostics.refresh_support", False):
            ls.workspace_diagnostic_refresh(None)
        return
    for uri in list(ls.workspace.text_documents):
        if ls.workspace.get_notebook_document(cell_uri=uri) is None:  # cells: by notebook
            schedule(ls, uri, 0)
    for uri in list(ls.workspace.notebook_documents):
        schedule(ls, uri, 0)


def client_gone() -> None:
    """The editor's process ended without `exit`: leave at once. The stdin reader is a thread
    blocked in a read, which an orderly shutdown would wait for forever."""
    print("fclint lsp: the client process is gone; exiting", file=sys.stderr, flush=True)
    try:
        sys.stdout.flush()
    finally:
        os._exit(0)


@server.feature(lsp.INITIALIZE)
def initialize(ls: FclintServer, params: lsp.InitializeParams) -> None:
    ls.pull = get_capability(params.capabilities, "text_document.diagnostic") is not None
    ls.lang = docs.language(params.locale)
    ls.configure(params.initialization_options)
    pid = ls.watched_pid or params.process_id
    if pid:
        process.watch(pid, client_gone)


@server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: FclintServer, params: lsp.DidOpenTextDocumentParams) -> None:
    schedule(ls, params.text_document.uri, 0)


@server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: FclintServer, params: lsp.DidChangeTextDocumentParams) -> None:
    schedule(ls, params.text_document.uri, ls.editor.debounce)


@server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: FclintServer, params: lsp.DidCloseTextDocumentParams) -> None:
    uri = params.text_document.uri
    cancel(ls, uri)
    clear(ls, [uri])


@server.feature(lsp.NOTEBOOK_DOCUMENT_DID_OPEN)
def notebook_did_open(ls: FclintServer, params: lsp.DidOpenNotebookDocumentParams) -> None:
    schedule(ls, params.notebook_document.uri, 0)


@server.feature(lsp.NOTEBOOK_DOCUMENT_DID_CHANGE)
def notebook_did_change(ls: FclintServer, params: lsp.DidChangeNotebookDocumentParams) -> None:
    structure = params.change.cells.structure if params.change.cells is not None else None
    if structure is not None and structure.did_close:
        clear(ls, [cell.uri for cell in structure.did_close])
    schedule(ls, params.notebook_document.uri, ls.editor.debounce)


@server.feature(lsp.NOTEBOOK_DOCUMENT_DID_CLOSE)
def notebook_did_close(ls: FclintServer, params: lsp.DidCloseNotebookDocumentParams) -> None:
    cancel(ls, params.notebook_document.uri)
    clear(ls, [cell.uri for cell in params.cell_text_documents])


@server.feature(lsp.TEXT_DOCUMENT_DIAGNOSTIC,
                lsp.DiagnosticOptions(identifier="fclint", inter_file_dependencies=False,
                                      workspace_diagnostics=True))
def diagnostic(ls: FclintServer,
               params: lsp.DocumentDiagnosticParams) -> lsp.DocumentDiagnosticReport:
    uri = params.text_document.uri
    if ls.workspace.get_notebook_document(cell_uri=uri) is not None:
        return lsp.RelatedFullDocumentDiagnosticReport(items=current_diagnostics(ls, uri))
    doc = ls.workspace.get_text_document(uri)
    return lsp.RelatedFullDocumentDiagnosticReport(items=lint(ls, doc))


@server.feature(lsp.WORKSPACE_DIAGNOSTIC)
def workspace_diagnostic(ls: FclintServer,
                         params: lsp.WorkspaceDiagnosticParams) -> lsp.WorkspaceDiagnosticReport:
    """Every FC config under the workspace folders, as `fclint check` finds them; open
    documents as the editor holds them."""
    items: list[lsp.WorkspaceDocumentDiagnosticReport] = []
    for path in files_under(workspace_roots(ls)):
        uri = str(from_fs_path(str(path)))
        doc = text_document(ls, uri)
        if doc is not None:
            items.append(lsp.WorkspaceFullDocumentDiagnosticReport(
                uri=uri, items=lint(ls, doc), version=doc.version))
            continue
        try:
            result = lint_file(path, ls.settings_for(str(path)))
        except OSError:
            continue
        if not result.is_config:
            continue
        items.append(lsp.WorkspaceFullDocumentDiagnosticReport(
            uri=uri, items=_disk_diagnostics(Path(path), result.diagnostics), version=None))
    return lsp.WorkspaceDiagnosticReport(items=items)


def workspace_roots(ls: FclintServer) -> list[Path]:
    roots = [fs_name(folder.uri) for folder in ls.workspace.folders.values()]
    if not roots and ls.workspace.root_path:
        roots = [ls.workspace.root_path]
    return [Path(root) for root in roots if root and Path(root).is_dir()]


def _disk_diagnostics(path: Path, found: list[Any]) -> list[lsp.Diagnostic]:
    if not found:
        return []
    try:
        text = path.read_bytes().decode("utf-8", errors="replace")
    except OSError:
        text = ""
    lines = convert.Lines(text)
    items = []
    for item in found:
        if item.cell is not None:  # a closed notebook: no cell URI to put it on; say where
            diagnostic = convert.diagnostic(item, convert.Lines(""))
            diagnostic.range = lsp.Range(start=lsp.Position(line=0, character=0),
                                         end=lsp.Position(line=0, character=0))
            diagnostic.message = (f"cell {item.cell}, line {item.span.line}, column "
                                  f"{item.span.column}: {item.message}")
            diagnostic.data = None
            items.append(diagnostic)
        else:
            items.append(convert.diagnostic(item, lines))
    return items


@server.feature(lsp.TEXT_DOCUMENT_CODE_ACTION,
                lsp.CodeActionOptions(code_action_kinds=[lsp.CodeActionKind.QuickFix]))
def code_action(ls: FclintServer, params: lsp.CodeActionParams) -> list[lsp.CodeAction] | None:
    uri = params.text_document.uri
    actions = convert.quick_fixes(uri, params.context.diagnostics)
    doc = text_document(ls, uri)
    path = lint_path(doc) if doc is not None else None
    module = formats.front_end(path) if path is not None else None
    if doc is not None and module is not None and module.COMMENTS \
            and getattr(module, "IGNORE_ABOVE", True) \
            and ls.workspace.get_notebook_document(cell_uri=uri) is None:
        actions.extend(convert.ignore_actions(uri, doc.source, params.context.diagnostics,
                                              module.comments))
    return actions or None


@server.feature(lsp.TEXT_DOCUMENT_HOVER)
def hover(ls: FclintServer, params: lsp.HoverParams) -> lsp.Hover | None:
    uri = params.text_document.uri
    doc = text_document(ls, uri)
    if doc is None:
        return None
    in_notebook = ls.workspace.get_notebook_document(cell_uri=uri) is not None
    path = None if in_notebook else lint_path(doc)
    lines = convert.Lines(doc.source)
    parts: list[str] = []
    where: lsp.Range | None = None
    if path is not None:
        line, column = lines.column(params.position)
        found = hover_text(doc.source.removeprefix("\ufeff"), path, line, column, ls.lang)
        if found is not None:
            parts.append(found.markdown)
            where = lines.range(found.span)
    if in_notebook or path is not None:
        for item in current_diagnostics(ls, uri):
            if convert.contains(item.range, params.position) and str(item.code) in RULES:
                parts.append(convert.rule_markdown(RULES[str(item.code)], item.message))
                where = where or item.range
    if not parts:
        return None
    return lsp.Hover(contents=lsp.MarkupContent(kind=lsp.MarkupKind.Markdown,
                                                value="\n\n---\n\n".join(parts)), range=where)


@server.feature(lsp.TEXT_DOCUMENT_COMPLETION,
                lsp.CompletionOptions(trigger_characters=['"', ":"]))
def complete(ls: FclintServer, params: lsp.CompletionParams) -> lsp.CompletionList | None:
    doc = text_document(ls, params.text_document.uri)
    path = lint_path(doc) if doc is not None else None
    if doc is None or path is None:
        return None
    text = doc.source
    lines = convert.Lines(text)
    line, column = lines.column(params.position)
    found = completion.completions(text.removeprefix("\ufeff"), path, line, column,
                                   ls.settings_for(path))
    snippets = get_capability(ls.client_capabilities,
                              "text_document.completion.completion_item.snippet_support", False)
    return lsp.CompletionList(is_incomplete=False,
                              items=[convert.completion_item(item, lines, snippets)
                                     for item in found])


CONFIG_GLOBS = ("**/.fclint.toml", "**/pyproject.toml")


@server.feature(lsp.INITIALIZED)
async def initialized(ls: FclintServer, params: lsp.InitializedParams) -> None:
    """Ask the editor to tell us when a project's configuration file changes on disk."""
    if get_capability(ls.client_capabilities,
                      "workspace.did_change_watched_files.dynamic_registration", False):
        watchers = [lsp.FileSystemWatcher(glob_pattern=glob) for glob in CONFIG_GLOBS]
        await ls.client_register_capability_async(lsp.RegistrationParams(registrations=[
            lsp.Registration(id="fclint-config-files", method=lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                             register_options=lsp.DidChangeWatchedFilesRegistrationOptions(
                                 watchers=watchers))]))


def project_settings_changed(ls: FclintServer) -> None:
    """A `.fclint.toml` or `pyproject.toml` changed: read them afresh and lint again."""
    ls.resolver = SettingsResolver(ls.known_codes, ls.editor.overrides)
    relint_all(ls)


def is_config_file(uri: str) -> bool:
    return uri.rsplit("/", 1)[-1] in CONFIG_FILES


@server.feature(lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES)
def did_change_watched_files(ls: FclintServer, params: lsp.DidChangeWatchedFilesParams) -> None:
    if any(is_config_file(change.uri) for change in params.changes):
        project_settings_changed(ls)


@server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
def did_save(ls: FclintServer, params: lsp.DidSaveTextDocumentParams) -> None:
    """Editors without file watching still save the configuration file through us."""
    if is_config_file(params.text_document.uri):
        project_settings_changed(ls)


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
