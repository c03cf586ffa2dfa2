"""`fclint lsp` over a TCP socket, and its exit when the client's process goes away: the real
server in a subprocess, spoken to by a small JSON-RPC client (pytest-lsp speaks only stdio)."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from typing import Any, BinaryIO

import pytest

pytest.importorskip("pygls")

TIMEOUT = 60.0  # seconds: generous for a loaded 2-core machine; passing tests never wait it out
SERVER = [sys.executable, "-m", "fclint.lsp"]


def frame(message: dict[str, Any]) -> bytes:
    body = json.dumps(message).encode("utf-8")
    return b"Content-Length: %d\r\n\r\n%s" % (len(body), body)


def read_message(stream: BinaryIO) -> dict[str, Any]:
    length = None
    while True:
        line = stream.readline()
        if not line:
            raise EOFError("the server closed the connection")
        if line in (b"\r\n", b"\n"):
            break
        name, _, value = line.decode("ascii").partition(":")
        if name.strip().lower() == "content-length":
            length = int(value)
    assert length is not None
    return json.loads(stream.read(length))


def answer(stream: BinaryIO, request_id: int) -> dict[str, Any]:
    """The response to `request_id`, skipping the server's notifications."""
    while True:
        message = read_message(stream)
        if message.get("id") == request_id and "method" not in message:
            return message


def initialize(process_id: int | None) -> dict[str, Any]:
    return {"jsonrpc": "2.0", "id": 1, "method": "initialize",
            "params": {"processId": process_id, "rootUri": None, "capabilities": {}}}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def connect(port: int, server: subprocess.Popen[bytes]) -> socket.socket:
    deadline = time.monotonic() + TIMEOUT
    while True:
        try:
            return socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT)
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.kill()
    process.wait(TIMEOUT)


@pytest.mark.parametrize("command", [SERVER, [sys.executable, "-m", "fclint", "lsp"]],
                         ids=["python -m fclint.lsp", "fclint lsp"])
def test_tcp_initialize_and_shutdown(command: list[str]) -> None:
    port = free_port()
    server = subprocess.Popen([*command, "--tcp", f"127.0.0.1:{port}"],
                              stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE)
    try:
        connection = connect(port, server)
        with connection, connection.makefile("rb") as incoming:
            connection.sendall(frame(initialize(os.getpid())))
            result = answer(incoming, 1)["result"]
            assert result["serverInfo"]["name"] == "fclint"
            assert result["capabilities"]["diagnosticProvider"]["workspaceDiagnostics"] is True
            assert result["capabilities"]["completionProvider"]["triggerCharacters"] == ['"', ":"]
            connection.sendall(frame({"jsonrpc": "2.0", "method": "initialized", "params": {}}))
            connection.sendall(frame({"jsonrpc": "2.0", "id": 2, "method": "shutdown"}))
            assert answer(incoming, 2) == {"jsonrpc": "2.0", "id": 2, "result": None}
            connection.sendall(frame({"jsonrpc": "2.0", "method": "exit"}))
        assert server.wait(TIMEOUT) == 0
    finally:
        stop(server)


def tcp_server(port: int) -> subprocess.Popen[bytes]:
    return subprocess.Popen([*SERVER, "--tcp", f"127.0.0.1:{port}"], stdin=subprocess.DEVNULL,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


# What pygls's own TCP reader could not survive: the MemoryError of a huge Content-Length, and
# the first unreadable frame, after which it answered nothing.
BAD_FRAMES = {
    "a Content-Length of 99999999999": (b"Content-Length: 99999999999\r\n\r\n",
                                        "above the limit"),
    "a line that is not a header": (b"hello\r\n\r\n", "'hello' is not a header"),
    "a body that is not JSON": (b"Content-Length: 5\r\n\r\n{{{{{", "not JSON"),
}


@pytest.mark.parametrize("name", BAD_FRAMES)
def test_tcp_drops_a_bad_frame_and_answers_the_next_request(name: str) -> None:
    port = free_port()
    server = tcp_server(port)
    data, logged = BAD_FRAMES[name]
    try:
        connection = connect(port, server)
        with connection, connection.makefile("rb") as incoming:
            connection.sendall(data + frame(initialize(os.getpid())))
            assert answer(incoming, 1)["result"]["serverInfo"]["name"] == "fclint"
            connection.sendall(frame({"jsonrpc": "2.0", "id": 2, "method": "shutdown"}))
            assert answer(incoming, 2) == {"jsonrpc": "2.0", "id": 2, "result": None}
            connection.sendall(frame({"jsonrpc": "2.0", "method": "exit"}))
        assert server.wait(TIMEOUT) == 0
        stderr = server.stderr.read().decode() if server.stderr else ""
        assert f"fclint lsp: listening on 127.0.0.1:{port}\n" in stderr
        assert "fclint lsp: dropped a message" in stderr and logged in stderr
        assert "Traceback" not in stderr
    finally:
        stop(server)


def test_tcp_serves_one_client() -> None:
    """A second client is refused while the first is served, rather than given its protocol."""
    port = free_port()
    server = tcp_server(port)
    try:
        connection = connect(port, server)
        with connection, connection.makefile("rb") as incoming:
            connection.sendall(frame(initialize(os.getpid())))
            assert answer(incoming, 1)["result"]["serverInfo"]["name"] == "fclint"
            with pytest.raises(ConnectionRefusedError):
                socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT).close()
        # The client went away: the server ends, as at the end of stdin.
        assert server.wait(TIMEOUT) == 0
    finally:
        stop(server)


def test_tcp_address_in_use_is_one_line() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run([*SERVER, "--tcp", f"127.0.0.1:{port}"], capture_output=True,
                              text=True, check=False, timeout=TIMEOUT, stdin=subprocess.DEVNULL)
    assert done.returncode == 2
    assert done.stderr == f"fclint: error: cannot listen on 127.0.0.1:{port}: Address already in use\n"


def test_bad_tcp_address_is_a_usage_error() -> None:
    done = subprocess.run([*SERVER, "--tcp", "localhost"], capture_output=True, text=True, check=False,
                          timeout=TIMEOUT, stdin=subprocess.DEVNULL)
    assert done.returncode == 2
    assert "'localhost' is not HOST:PORT" in done.stderr


@pytest.mark.parametrize("how", ["initialize processId", "--clientProcessId"])
def test_server_exits_when_the_client_process_dies(how: str) -> None:
    editor = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"])
    extra = [f"--clientProcessId={editor.pid}"] if how == "--clientProcessId" else []
    server = subprocess.Popen([*SERVER, *extra], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE)
    try:
        assert server.stdin is not None and server.stdout is not None
        pid = editor.pid if how == "initialize processId" else None
        server.stdin.write(frame(initialize(pid)))
        server.stdin.flush()
        assert answer(server.stdout, 1)["result"]["serverInfo"]["name"] == "fclint"
        assert server.poll() is None  # alive while the editor is
        editor.kill()
        editor.wait(TIMEOUT)  # reaped: a zombie would still count as running
        # stdin stays open: only the watch on the editor's process can end the server.
        assert server.wait(TIMEOUT) == 0
        assert b"the client process is gone" in (server.stderr.read() if server.stderr else b"")
    finally:
        stop(editor)
        stop(server)


@pytest.mark.parametrize("command, collects", [("lsp", True), ("check", False)])
def test_only_the_server_keeps_the_cycle_collector(command: str, collects: bool, tmp_path) -> None:
    """`fclint` turns the cycle collector off for commands that end when their work is done;
    the language server runs for hours and must keep it (without it, its memory grew past
    150 MB in a few hundred edits). Run through the console entry point, as a user does."""
    script = (
        "import gc, sys\n"
        "import fclint.lsp, fclint.commands.check\n"
        "def report(*args, **kwargs):\n"
        "    print('collector on:', gc.isenabled())\n"
        "    return 0\n"
        "fclint.lsp.main = report\n"
        "fclint.commands.check.run_check = report\n"
        f"sys.argv = ['fclint', {command!r}]\n"
        "from fclint.cli import entry\n"
        "entry()\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=60, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"collector on: {collects}"
