"""End-to-end tests of `fclint lsp`: the real server in a subprocess, driven by pytest-lsp."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import pytest

pytest_lsp = pytest.importorskip("pytest_lsp")

from lsprotocol import types as lsp
from pygls.exceptions import JsonRpcException
from pygls.protocol import default_converter
from pygls.uris import from_fs_path
from pytest_lsp import ClientServerConfig, LanguageClient
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features

pytestmark = pytest.mark.asyncio(loop_scope="module")

TIMEOUT = 30.0  # seconds: generous, for a loaded 2-core machine; passing tests never wait it out
T = TypeVar("T")

RETRIES = '{\n  "maxAsyncRetryAttempts": 9,\n  "maximumRetryAttempts": 2\n}\n'
EVENT_AGE = '{\n  "maxAsyncEventAgeInSeconds": 1209600,\n  "maxAsyncRetryAttempts": 9\n}\n'
ARN = "acs:fc:cn-hangzhou:1234567890123456:services/orders.prod/functions/checkout"
WITH_ARN = f'{{\n  "destinationConfig": {{\n    "onSuccess": {{"destination": "{ARN}"}}\n  }}\n}}\n'


class Client(LanguageClient):
    """pytest-lsp's client, keeping every publish (with its version), not only the last."""

    def __init__(self) -> None:
        super().__init__(converter_factory=default_converter)
        self.published: list[lsp.PublishDiagnosticsParams] = []


def _record_diagnostics(client: Client, params: lsp.PublishDiagnosticsParams) -> None:
    client.published.append(params)
    client.diagnostics[params.uri] = params.diagnostics


def _make_client() -> Client:
    client = Client()
    features = dict(DEFAULT_CLIENT_FEATURES)
    features[lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS] = _record_diagnostics
    register_lsp_features(client, features)
    return client


CONFIG = ClientServerConfig(server_command=[sys.executable, "-m", "fclint.lsp"],
                            client_factory=_make_client)


async def _start(client: Client, capabilities: lsp.ClientCapabilities | None = None,
                 ) -> None:
    await client.initialize_session(lsp.InitializeParams(
        capabilities=capabilities or lsp.ClientCapabilities(),
        initialization_options={"fclint": {"debounceMs": 100}},
    ))


@pytest_lsp.fixture(config=CONFIG, scope="module")
async def client(lsp_client: Client):
    """One server for the tests that change no settings."""
    await _start(lsp_client)
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=CONFIG, loop_scope="module")
async def own_client(lsp_client: Client):
    """A server of the test's own, for tests that reconfigure it or feed it bad input."""
    await _start(lsp_client)
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=CONFIG, loop_scope="module")
async def pull_client(lsp_client: Client):
    """A client that pulls diagnostics (textDocument/diagnostic), as VS Code does."""
    await _start(lsp_client, lsp.ClientCapabilities(
        text_document=lsp.TextDocumentClientCapabilities(
            diagnostic=lsp.DiagnosticClientCapabilities())))
    yield
    await lsp_client.shutdown_session()


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where the test documents live, under no configuration file."""
    return tmp_path_factory.mktemp("lsp")


def uri(folder: Path, name: str) -> str:
    return str(from_fs_path(str(folder / name)))


def open_doc(client: Client, uri: str, text: str, version: int = 1) -> None:
    language = "http" if uri.endswith(".http") else "json"
    client.text_document_did_open(lsp.DidOpenTextDocumentParams(
        text_document=lsp.TextDocumentItem(uri=uri, language_id=language, version=version,
                                           text=text)))


def change_doc(client: Client, uri: str, text: str, version: int) -> None:
    client.text_document_did_change(lsp.DidChangeTextDocumentParams(
        text_document=lsp.VersionedTextDocumentIdentifier(uri=uri, version=version),
        content_changes=[lsp.TextDocumentContentChangeWholeDocument(text=text)]))


async def wait_for(client: Client, method: str, ready: Callable[[], T | None]) -> T:
    """Wait for notifications of `method` until `ready()` answers."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + TIMEOUT
    while (found := ready()) is None:
        # The client's wait_for_notification, registered before awaiting, so that a notification
        # arriving in between cannot be missed.
        waiter = client.protocol.wait_for_notification_async(method)
        await asyncio.wait_for(waiter, max(deadline - loop.time(), 0.01))
    return found


async def published(client: Client, uri: str, version: int | None = None) -> list[Any]:
    """The diagnostics of the first publish for `uri` (at `version`, if given)."""
    def ready() -> list[Any] | None:
        for params in client.published:
            if params.uri == uri and (version is None or params.version == version):
                return list(params.diagnostics)
        return None

    return await wait_for(client, lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS, ready)


def seen(diagnostics: list[lsp.Diagnostic]) -> list[tuple[str, str, str, str]]:
    """What a user sees of each diagnostic: code, range, severity, message."""
    return [
        (str(d.code), _range_text(d.range), d.severity.name if d.severity else "", d.message)
        for d in diagnostics
    ]


def _range_text(found: lsp.Range) -> str:
    start, end = found.start, found.end
    return f"{start.line}:{start.character}-{end.line}:{end.character}"


def ident(doc: str) -> lsp.TextDocumentIdentifier:
    return lsp.TextDocumentIdentifier(uri=doc)


def span(line: int, start: int, end_line: int, end: int) -> lsp.Range:
    return lsp.Range(start=lsp.Position(line=line, character=start),
                     end=lsp.Position(line=end_line, character=end))


async def hover_at(client: Client, doc: str, line: int, character: int) -> lsp.Hover | None:
    return await client.text_document_hover_async(lsp.HoverParams(
        text_document=ident(doc), position=lsp.Position(line=line, character=character)))


def utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


async def test_diagnostics_on_open(client: Client, folder: Path) -> None:
    doc = uri(folder, "open.json")
    open_doc(client, doc, RETRIES)
    diagnostics = await published(client, doc)
    assert seen(diagnostics) == [
        ("FC006", "1:27-1:28", "Error",
         "9 is greater than the maximum of 8 for maxAsyncRetryAttempts"),
        ("FC001", "2:2-2:24", "Error",
         ("'maximumRetryAttempts' is not a key of PutFunctionAsyncInvokeConfig request body; "
          "did you mean 'maxAsyncRetryAttempts'?")),
    ]
    assert {d.source for d in diagnostics} == {"fclint"}
    assert all(d.code_description is None for d in diagnostics)


async def test_diagnostics_of_an_http_request_body(client: Client, folder: Path) -> None:
    doc = uri(folder, "requests.http")
    open_doc(client, doc, "PUT https://1234567890123456.cn-hangzhou.fc.aliyuncs.com/2016-08-15/"
                          "services/orders/functions/checkout/async-invoke-config\n"
                          "Content-Type: application/json\n\n"
                          '{"maxAsyncRetryAttempts": 9}\n')
    assert seen(await published(client, doc)) == [
        ("FC006", "3:26-3:27", "Error",
         "9 is greater than the maximum of 8 for maxAsyncRetryAttempts"),
    ]


async def test_diagnostics_cleared_on_close(client: Client, folder: Path) -> None:
    doc = uri(folder, "close.json")
    open_doc(client, doc, RETRIES)
    assert await published(client, doc)
    client.text_document_did_close(lsp.DidCloseTextDocumentParams(text_document=ident(doc)))
    await wait_for(client, lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS,
                   lambda: True if not client.diagnostics[doc] else None)


async def test_columns_count_utf16_after_non_ascii(client: Client, folder: Path) -> None:
    doc = uri(folder, "unicode.json")
    prefix = ('{"destinationConfig": {"onFailure": {"destination": "失败了 😀"}}, '
              '"maxAsyncRetryAttempts": ')
    open_doc(client, doc, prefix + "9}\n")
    diagnostics = [d for d in await published(client, doc) if d.code == "FC006"]
    assert utf16(prefix) == len(prefix) + 1  # the emoji is two UTF-16 code units
    assert seen(diagnostics) == [
        ("FC006", f"0:{utf16(prefix)}-0:{utf16(prefix) + 1}", "Error",
         "9 is greater than the maximum of 8 for maxAsyncRetryAttempts"),
    ]


async def test_fast_typing_publishes_the_last_version(client: Client,
                                                      folder: Path) -> None:
    doc = uri(folder, "typing.json")
    open_doc(client, doc, "{}")
    await published(client, doc, version=1)
    for version in range(2, 22):  # typing "9" into a growing document, one change a keystroke
        change_doc(client, doc, '{"maxAsyncRetryAttempts": ' + "9" * (version - 1) + "}", version)
    diagnostics = await published(client, doc, version=21)
    assert [d.code for d in diagnostics] == ["FC006"]
    assert diagnostics[0].message.startswith("99999999999999999999 is greater than the maximum")
    await hover_at(client, doc, 0, 3)  # a round trip, then time for any straggler to show
    await asyncio.sleep(0.5)
    versions = [p.version or 0 for p in client.published if p.uri == doc]
    assert versions == sorted(versions) and versions[-1] == 21
    assert len(versions) < 1 + 20  # the debounce merged changes: not one lint a keystroke


async def test_hover_on_key_shows_its_description(client: Client, folder: Path) -> None:
    doc = uri(folder, "hover-key.json")
    open_doc(client, doc, RETRIES)
    result = await hover_at(client, doc, 1, 10)
    assert result is not None and isinstance(result.contents, lsp.MarkupContent)
    assert result.contents.kind == lsp.MarkupKind.Markdown
    text = result.contents.value
    assert text.startswith("**maxAsyncRetryAttempts** (integer, 0 to 8, default 3)")
    assert "The maximum number of retries after an asynchronous invocation fails" in text
    assert result.range == span(1, 2, 1, 25)


async def test_hover_on_arn_spells_out_its_parts(client: Client, folder: Path) -> None:
    doc = uri(folder, "hover-arn.json")
    open_doc(client, doc, WITH_ARN)
    column = WITH_ARN.splitlines()[2].index("acs:") + 5
    result = await hover_at(client, doc, 2, column)
    assert result is not None and isinstance(result.contents, lsp.MarkupContent)
    text = result.contents.value
    assert text.startswith("**acs: ARN** of an FC 2.0 function")
    for row in ("| region | `cn-hangzhou` |", "| account | `1234567890123456` |",
                "| FC service | `orders` |", "| function | `checkout` |",
                "| qualifier | `prod` |"):
        assert row in text
    assert await hover_at(client, doc, 0, 0) is None  # the opening brace


async def _quick_fix(client: Client, doc: str, code: str) -> lsp.CodeAction:
    [found] = [d for d in client.diagnostics[doc] if d.code == code]
    actions = await client.text_document_code_action_async(lsp.CodeActionParams(
        text_document=ident(doc), range=found.range,
        context=lsp.CodeActionContext(diagnostics=[found])))
    assert actions is not None and len(actions) == 1
    [action] = actions
    assert isinstance(action, lsp.CodeAction) and action.kind == lsp.CodeActionKind.QuickFix
    return action


def edits(action: lsp.CodeAction, doc: str) -> list[lsp.TextEdit]:
    """The edits of a quick fix, which must touch `doc` only."""
    assert action.edit is not None and action.edit.changes is not None
    assert list(action.edit.changes) == [doc]
    return list(action.edit.changes[doc])


async def test_quick_fixes_rename_a_key_and_clamp_a_value(client: Client,
                                                          folder: Path) -> None:
    doc = uri(folder, "fix.json")
    open_doc(client, doc, RETRIES)
    await published(client, doc)
    # Both keys are there: renaming one onto the other would write it twice, so no fix.
    [unknown] = [d for d in client.diagnostics[doc] if d.code == "FC001"]
    actions = await client.text_document_code_action_async(lsp.CodeActionParams(
        text_document=ident(doc), range=unknown.range,
        context=lsp.CodeActionContext(diagnostics=[unknown])))
    assert not [a for a in actions or [] if "Rename" in a.title]
    misspelled = uri(folder, "rename.json")
    open_doc(client, misspelled, RETRIES.replace('"maxAsyncRetryAttempts": 9', '"maxAsyncEventAgeInSeconds": 600'))
    await published(client, misspelled)
    rename = await _quick_fix(client, misspelled, "FC001")
    assert rename.title == "Rename to 'maxAsyncRetryAttempts'"
    assert edits(rename, misspelled) == [
        lsp.TextEdit(range=span(2, 2, 2, 24), new_text='"maxAsyncRetryAttempts"')]
    assert rename.is_preferred is True  # certain: the one to apply without reading
    clamp = await _quick_fix(client, doc, "FC006")
    # A choice among the values 0 to 8: offered, naming the choice, never the preferred fix.
    assert clamp.title == "Change to 8, the largest value maxAsyncRetryAttempts takes"
    assert clamp.is_preferred is False
    assert edits(clamp, doc) == [lsp.TextEdit(range=span(1, 27, 1, 28), new_text="8")]


async def test_pull_diagnostics(pull_client: Client, folder: Path) -> None:
    doc = uri(folder, "pull.json")
    open_doc(pull_client, doc, RETRIES)
    report = await pull_client.text_document_diagnostic_async(lsp.DocumentDiagnosticParams(
        text_document=ident(doc)))
    assert isinstance(report, lsp.RelatedFullDocumentDiagnosticReport)
    assert [row[:3] for row in seen(list(report.items))] == [
        ("FC006", "1:27-1:28", "Error"), ("FC001", "2:2-2:24", "Error")]
    assert pull_client.published == []  # pulled, so never pushed


async def test_configuration_makes_the_event_age_cap_an_error(own_client: Client,
                                                             folder: Path) -> None:
    project = folder / "project"
    project.mkdir()
    # The project's settings hold under the editor's: FC006 stays ignored throughout.
    (project / ".fclint.toml").write_text('ignore = ["FC006"]\n', encoding="utf-8")
    doc = str(from_fs_path(str(project / "age.json")))
    open_doc(own_client, doc, EVENT_AGE)
    assert seen(await published(own_client, doc, version=1)) == [
        ("FC007", "1:31-1:38", "Warning",
         ("1209600 is above the 7-day cap of 604800 in the Chinese PutFunctionAsyncInvokeConfig "
          "document, though within the English document's 2592000; set max-event-age to 604800 "
          "or 2592000 to decide")),
    ]
    own_client.published.clear()
    own_client.workspace_did_change_configuration(lsp.DidChangeConfigurationParams(
        settings={"fclint": {"maxEventAge": 604800, "region": "cn-hangzhou"}}))
    [(code, where, severity, message)] = seen(await published(own_client, doc, version=1))
    assert (code, where, severity) == ("FC005", "1:31-1:38", "Error")
    assert message.startswith("1209600 is greater than the maximum of 604800")


async def test_a_settings_change_publishes_to_the_uri_the_client_sent(own_client: Client,
                                                                    folder: Path) -> None:
    """A path with a space travels as `%20`; the workspace keys documents unquoted, and
    relinting them all after a settings change once published to `.../my docs/...`, a URI
    the client never opened (its diagnostics never showed)."""
    spaced = folder / "my docs"
    spaced.mkdir()
    doc = str(from_fs_path(str(spaced / "age.json")))
    assert "%20" in doc
    open_doc(own_client, doc, EVENT_AGE)
    await published(own_client, doc, version=1)
    own_client.published.clear()
    own_client.workspace_did_change_configuration(lsp.DidChangeConfigurationParams(
        settings={"fclint": {"maxEventAge": 604800}}))
    assert [row[:2] for row in seen(await published(own_client, doc, version=1))] == [
        ("FC005", "1:31-1:38"), ("FC006", "2:27-2:28")]
    assert {params.uri for params in own_client.published} == {doc}


async def test_bad_settings_are_reported_and_the_old_ones_kept(own_client: Client,
                                                              folder: Path) -> None:
    for settings in ({"maxEventAge": 604800}, {"maxEventAge": 12345}):
        own_client.workspace_did_change_configuration(
            lsp.DidChangeConfigurationParams(settings={"fclint": settings}))
    [message] = await wait_for(own_client, lsp.WINDOW_SHOW_MESSAGE,
                               lambda: own_client.messages or None)
    assert message.type == lsp.MessageType.Warning
    assert message.message == ("fclint: editor settings: max-event-age: 12345 is not 604800 or "
                               "2592000; keeping the previous settings")
    doc = uri(folder, "kept.json")
    open_doc(own_client, doc, EVENT_AGE)
    assert [row[:3] for row in seen(await published(own_client, doc))] == [
        ("FC005", "1:31-1:38", "Error"), ("FC006", "2:27-2:28", "Error")]


async def test_server_survives_input_that_breaks_parsers(own_client: Client,
                                                        folder: Path) -> None:
    hostile = {
        "binary.json": "\x00\x01\x02\ufffd\x7f{\"destinationConfig\": \x1b[31m" + "\ufffd" * 1000,
        "deep.json": "[" * 100_000 + "]" * 100_000,
        "deep-config.json": '{"maxAsyncRetryAttempts": ' * 50_000,
        "unterminated.json": '{"maxAsyncRetryAttempts": 9, "destinationConfig": {"x": "acs:',
        "unterminated.http": "PUT https://1.cn-hangzhou.fc.aliyuncs.com/2023-03-30/functions/f/"
                             'async-invoke-config\n\n{"maxAsyncRetryAttempts": "9\n###\n{{{{',
    }
    for name, text in hostile.items():
        open_doc(own_client, uri(folder, name), text)
    for name in hostile:
        await published(own_client, uri(folder, name))
    assert [d.code for d in own_client.diagnostics[uri(folder, "deep-config.json")]] == ["FC090"]

    # A handler that fails (a pull for a file that is neither open nor on disk) answers with an
    # error and logs it; the next request is answered as usual.
    with pytest.raises(JsonRpcException):
        await own_client.text_document_diagnostic_async(lsp.DocumentDiagnosticParams(
            text_document=ident(uri(folder, "missing/none.json"))))
    await wait_for(own_client, lsp.WINDOW_LOG_MESSAGE, lambda: next(
        (m for m in own_client.log_messages if m.type == lsp.MessageType.Error), None))

    doc = uri(folder, "after.json")
    open_doc(own_client, doc, RETRIES)
    result = await hover_at(own_client, doc, 1, 10)
    assert result is not None and "maxAsyncRetryAttempts" in str(result.contents)
    for name in hostile:  # hovering the hostile documents is safe too
        await hover_at(own_client, uri(folder, name), 0, 1)


async def test_fuzz_reproducers_get_their_findings(own_client: Client, folder: Path) -> None:
    """What ended `fclint check` runs once: each is a finding in the editor too, placed on the
    line the editor shows (a lone CR ends a line, as LSP says)."""
    documents = {
        "host.http": ("PUT https://[::-1]/2023-03-30/functions/fn/async-invoke-config\n",
                      [("FC063", "0:12-0:18")]),
        "surrogate.json": ('{"maxAsyncRetryAttempts": 9,\n "a": "\ud800"}', [("FC000", "1:7-1:8")]),
        "cr.yaml": ("statefulInvocation: true\rmaxAsyncRetryAttempt: 3\n",
                    [("FC001", "1:0-1:20")]),
    }
    for name, (text, _) in documents.items():
        language = "yaml" if name.endswith(".yaml") else None
        if language:
            own_client.text_document_did_open(lsp.DidOpenTextDocumentParams(
                text_document=lsp.TextDocumentItem(uri=uri(folder, name), language_id=language,
                                                   version=1, text=text)))
        else:
            open_doc(own_client, uri(folder, name), text)
    for name, (_, expected) in documents.items():
        diagnostics = await published(own_client, uri(folder, name))
        assert [(str(d.code), _range_text(d.range)) for d in diagnostics] == expected, name


async def test_a_changed_project_file_relints_open_documents(own_client: Client,
                                                             folder: Path) -> None:
    project = folder / "watched"
    project.mkdir()
    config = project / ".fclint.toml"
    config.write_text("", encoding="utf-8")
    doc = str(from_fs_path(str(project / "age.json")))
    open_doc(own_client, doc, EVENT_AGE)
    assert [row[0] for row in seen(await published(own_client, doc, version=1))] == [
        "FC007", "FC006"]
    own_client.published.clear()
    config.write_text('max-event-age = 604800\nignore = ["FC006"]\n', encoding="utf-8")
    own_client.workspace_did_change_watched_files(lsp.DidChangeWatchedFilesParams(changes=[
        lsp.FileEvent(uri=str(from_fs_path(str(config))), type=lsp.FileChangeType.Changed)]))
    assert [row[:3] for row in seen(await published(own_client, doc, version=1))] == [
        ("FC005", "1:31-1:38", "Error")]
