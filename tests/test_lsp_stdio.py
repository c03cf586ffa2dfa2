"""`fclint lsp` over stdio against what a broken or hostile client sends: bad frames are dropped
with one line on stderr and the next request is answered; requests whose params do not fit get
a JSON-RPC error; `exit` without `shutdown` exits 1. The real server in a subprocess, spoken to
by the raw client of benchmarks/lsp_soak.py (pytest-lsp cannot send a broken frame)."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("pygls")

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
import lsp_soak

SERVER, StdioClient = lsp_soak.SERVER, lsp_soak.StdioClient

BODY = '{"maxAsyncRetryAttempts": 9}\n'
KEY_HOVER = {"line": 0, "character": 5}  # on maxAsyncRetryAttempts


def start(folder: Path, command: list[str] = SERVER) -> StdioClient:
    client = StdioClient(command, folder)
    client.initialize(folder)
    return client


def open_doc(client: StdioClient, path: Path, text: str, language: str = "json") -> str:
    uri = path.as_uri()
    client.notify("textDocument/didOpen", {"textDocument": {
        "uri": uri, "languageId": language, "version": 1, "text": text}})
    return uri


def hover(client: StdioClient, uri: str, position: dict[str, int] = KEY_HOVER,
          timeout: float = 30.0) -> dict[str, Any]:
    return client.call("textDocument/hover",
                       {"textDocument": {"uri": uri}, "position": position}, timeout)


def hover_value(answer: dict[str, Any]) -> str:
    assert "error" not in answer, answer
    return str(answer["result"]["contents"]["value"])


def stderr_text(client: StdioClient) -> str:
    return b"".join(client.stderr).decode("utf-8", "replace")


def stderr_with(client: StdioClient, text: str, seconds: float = 10) -> str:
    """The server's stderr once it holds `text` (a thread collects it: the line the server
    wrote before answering may not be collected yet when the answer arrives), or as it is
    after `seconds`."""
    deadline = time.monotonic() + seconds
    while text not in (found := stderr_text(client)) and time.monotonic() < deadline:
        time.sleep(0.02)
    return found


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[StdioClient, str]]:
    client = start(tmp_path)
    uri = open_doc(client, tmp_path / "config.json", BODY)
    client.published(uri, 1)
    yield client, uri
    assert client.close() == 0, stderr_text(client)


FRAMES = {
    "a length beyond memory": (b"Content-Length: 99999999999\r\n\r\n{}",
                               "Content-Length '99999999999' is above the limit"),
    "a length of a hundred digits": (b"Content-Length: " + b"9" * 100 + b"\r\n\r\n",
                                     "is above the limit"),
    "a length that is not a number": (b"Content-Length: abc\r\n\r\n{}",
                                      "Content-Length 'abc' is not a number"),
    "a negative length": (b"Content-Length: -5\r\n\r\n", "Content-Length '-5' is not a number"),
    "a garbage header": (b"\x00\xff\xfegarbage\r\n\r\n", "is not a header"),
    "headers without a length": (b"Content-Type: application/json\r\n\r\n{}",
                                 "a header block without Content-Length"),
    "a header line of 100 kB": (b"X" * 100_000 + b"\r\n\r\n", "a header line longer than"),
    "a body that is not JSON": (b"Content-Length: 5\r\n\r\n{{{{{", "not JSON"),
    "a JSON array": (b"Content-Length: 6\r\n\r\n[1, 2]", "not a JSON-RPC 2.0 message"),
}


@pytest.mark.parametrize("name", FRAMES)
def test_a_bad_frame_is_dropped_and_the_next_request_answered(
        served: tuple[StdioClient, str], name: str) -> None:
    client, uri = served
    data, logged = FRAMES[name]
    client.write(data)
    assert "maxAsyncRetryAttempts" in hover_value(hover(client, uri))
    assert logged in stderr_with(client, logged)
    assert "Traceback" not in stderr_text(client)


def test_unknown_headers_are_ignored(served: tuple[StdioClient, str]) -> None:
    client, uri = served
    body = (b'{"jsonrpc": "2.0", "id": 900, "method": "textDocument/hover", "params": '
            b'{"textDocument": {"uri": "%s"}, "position": {"line": 0, "character": 5}}}'
            % uri.encode())
    client.write(b"X-Client: test\r\ncontent-length: %d\r\nContent-Type: application/"
                 b"vscode-jsonrpc; charset=utf-8\r\n\r\n%s" % (len(body), body))
    assert "maxAsyncRetryAttempts" in hover_value(client.wait(900))


BAD_PARAMS = {
    "hover with null params": ("textDocument/hover", None),
    "hover with a string position": (
        "textDocument/hover", {"textDocument": {"uri": "file:///x.json"}, "position": "0:5"}),
    "hover with no document": ("textDocument/hover", {"position": {"line": 0, "character": 0}}),
    "completion with a number for the document": (
        "textDocument/completion", {"textDocument": 5, "position": {"line": 0, "character": 0}}),
    "completion with null params": ("textDocument/completion", None),
    "code action with a list": ("textDocument/codeAction", [1, 2, 3]),
}


@pytest.mark.parametrize("name", BAD_PARAMS)
def test_a_request_whose_params_do_not_fit_gets_an_error(
        served: tuple[StdioClient, str], name: str) -> None:
    client, uri = served
    method, params = BAD_PARAMS[name]
    answer = client.call(method, params, 30)
    assert answer["error"]["code"] == -32602, answer
    assert repr(method) in answer["error"]["message"]
    assert "maxAsyncRetryAttempts" in hover_value(hover(client, uri))


def test_positions_past_the_document_are_answered(served: tuple[StdioClient, str]) -> None:
    client, uri = served
    for position in ({"line": 0, "character": 10_000}, {"line": 5_000, "character": 3},
                     {"line": 2**31 - 1, "character": 2**31 - 1}):
        assert "error" not in hover(client, uri, position)
        answer = client.call("textDocument/completion",
                             {"textDocument": {"uri": uri}, "position": position}, 30)
        assert "error" not in answer


@pytest.mark.parametrize("shutdown, status", [(True, 0), (False, 1)],
                         ids=["after shutdown", "without shutdown"])
def test_exit_status(tmp_path: Path, shutdown: bool, status: int) -> None:
    client = start(tmp_path)
    if shutdown:
        assert client.call("shutdown", None)["result"] is None
    client.notify("exit", None)
    assert client.process.wait(30) == status


def test_pulled_diagnostics_of_an_unopened_file_read_it_from_disk(tmp_path: Path) -> None:
    path = tmp_path / "closed.json"
    path.write_text('{\n  "maxAsyncRetryAttempts": 9\n}\n', encoding="utf-8")
    client = StdioClient(SERVER, tmp_path)
    client.call("initialize", {"processId": None, "rootUri": tmp_path.as_uri(), "capabilities": {
        "textDocument": {"diagnostic": {"dynamicRegistration": False}}}})
    answer = client.call("textDocument/diagnostic", {"textDocument": {"uri": path.as_uri()}})
    [found] = answer["result"]["items"]
    assert (found["code"], found["range"]["start"], found["message"]) == (
        "FC006", {"line": 1, "character": 27},
        "9 is greater than the maximum of 8 for maxAsyncRetryAttempts")
    missing = client.call("textDocument/diagnostic",
                          {"textDocument": {"uri": (tmp_path / "gone.json").as_uri()}})
    assert missing["error"]["code"] == -32602
    assert "gone.json: the document is not open and cannot be read" in missing["error"]["message"]
    assert client.close() == 0
