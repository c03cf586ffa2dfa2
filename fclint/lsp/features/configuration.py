"""Configuration and watched files: the editor's settings when they change, and the project's
`.fclint.toml` and `pyproject.toml` when they change on disk or are saved, each followed by a
lint of every open document."""

from __future__ import annotations

from lsprotocol import types as lsp
from pygls.capabilities import get_capability

from fclint.config import CONFIG_FILES, SettingsResolver
from fclint.lsp.features.sync import relint_all
from fclint.lsp.language_server import FclintServer
from fclint.lsp.settings import SECTION

CONFIG_GLOBS = ("**/.fclint.toml", "**/pyproject.toml")


async def initialized(ls: FclintServer, params: lsp.InitializedParams) -> None:
    """Ask the editor to tell us when a project's configuration file changes on disk."""
    if get_capability(ls.client_capabilities,
                      "workspace.did_change_watched_files.dynamic_registration", False):
        watchers = [lsp.FileSystemWatcher(glob_pattern=glob) for glob in CONFIG_GLOBS]
        await ls.client_register_capability_async(lsp.RegistrationParams(registrations=[
            lsp.Registration(id="fclint-config-files", method=lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                             register_options=lsp.DidChangeWatchedFilesRegistrationOptions(
                                 watchers=watchers))]))


def did_change_watched_files(ls: FclintServer, params: lsp.DidChangeWatchedFilesParams) -> None:
    if any(is_config_file(change.uri) for change in params.changes):
        project_settings_changed(ls)


def did_save(ls: FclintServer, params: lsp.DidSaveTextDocumentParams) -> None:
    """Editors without file watching still save the configuration file through us."""
    if is_config_file(params.text_document.uri):
        project_settings_changed(ls)


async def did_change_configuration(ls: FclintServer,
                                   params: lsp.DidChangeConfigurationParams) -> None:
    payload = params.settings
    has_section = isinstance(payload, dict) and SECTION in payload
    if not has_section and get_capability(ls.client_capabilities, "workspace.configuration", False):
        # The newer protocol: the notification only says "changed"; ask for the values.
        answer = await ls.workspace_configuration_async(
            lsp.ConfigurationParams(items=[lsp.ConfigurationItem(section=SECTION)]))
        payload = {SECTION: answer[0] if answer else None}
    ls.configure(payload)
    relint_all(ls)


def project_settings_changed(ls: FclintServer) -> None:
    """A `.fclint.toml` or `pyproject.toml` changed: read them afresh and lint again."""
    ls.resolver = SettingsResolver(ls.known_codes, ls.editor.overrides)
    relint_all(ls)


def is_config_file(uri: str) -> bool:
    return uri.rsplit("/", 1)[-1] in CONFIG_FILES
