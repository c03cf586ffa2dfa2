"""JupyterLab wiring, for real: a Jupyter server with jupyter-lsp on loopback finds `fclint lsp`
through the `jupyter_lsp_spec_v1` entry point, lists it, and relays its diagnostics over the
websocket that jupyterlab-lsp opens.

Needs jupyter-server and jupyter-lsp (skipped without them) and fclint installed with the entry
point (skipped, saying so, when the installed metadata predates it).
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("jupyter_server")
pytest.importorskip("jupyter_lsp")
pytest.importorskip("pygls")
websocket = pytest.importorskip("websocket")  # websocket-client, a dependency of jupyter-server

from fclint.jupyter_spec import spec

START_TIMEOUT = 40.0  # seconds for the Jupyter server to list fclint (a loaded 2-core machine)
MESSAGE_TIMEOUT = 20.0  # seconds for a diagnostic once the document is open
TOKEN = "fclint-test-token"
BODY = '{\n  "maxAsyncRetryAttempts": 9\n}\n'

ENTRY_POINTS = [ep for ep in entry_points(group="jupyter_lsp_spec_v1") if ep.name == "fclint"]
needs_entry_point = pytest.mark.skipif(
    not ENTRY_POINTS,
    reason="no `fclint` entry point in group jupyter_lsp_spec_v1: reinstall fclint "
           "(pip install -e .) after adding [project.entry-points.jupyter_lsp_spec_v1]",
)


def test_spec_validates_against_jupyter_lsp_schema() -> None:
    from jupyter_lsp.schema import LANGUAGE_SERVER_SPEC_MAP  # type: ignore[import-untyped]

    specs = spec(None)
    assert [error.message for error in LANGUAGE_SERVER_SPEC_MAP.iter_errors(specs)] == []
    assert specs["fclint"]["argv"] == [sys.executable, "-m", "fclint", "lsp"]


@needs_entry_point
def test_entry_point_loads_the_spec() -> None:
    assert [ep.load() for ep in ENTRY_POINTS] == [spec]


@dataclass(frozen=True)
class Jupyter:
    port: int
    root: Path

    def url(self, path: str, scheme: str = "http") -> str:
        return f"{scheme}://127.0.0.1:{self.port}{path}?token={TOKEN}"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _status(jupyter: Jupyter) -> dict[str, Any] | None:
    try:
        with urllib.request.urlopen(jupyter.url("/lsp/status"), timeout=5) as answer:
            return json.load(answer)
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None  # not listening yet


def _stop(process: subprocess.Popen[bytes]) -> None:
    """SIGTERM to the server's own process group (jupyter-lsp's `fclint lsp` included), then
    SIGKILL to whatever is left of it."""
    for sig, wait in ((signal.SIGTERM, 10), (signal.SIGKILL, 5)):
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            return
        try:
            process.wait(wait)
        except subprocess.TimeoutExpired:
            continue
        if sig == signal.SIGTERM:  # the server is gone; end any orphan of its group
            try:
                os.killpg(process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        return


def serve(base: Path, module: str, flags: list[str],
          timeout: float = START_TIMEOUT) -> Iterator[Jupyter]:
    """`python -m module` (jupyter_server, jupyterlab) on loopback with a token, a root folder
    and Jupyter folders of its own under `base`, once it lists fclint; stopped afterwards."""
    root = base / "root"
    root.mkdir()
    env = dict(os.environ)
    for name in ("CONFIG", "DATA", "RUNTIME"):  # keep the user's Jupyter setup out of it
        (base / name.lower()).mkdir(exist_ok=True)
        env[f"JUPYTER_{name}_DIR"] = str(base / name.lower())
    env["JUPYTER_PLATFORM_DIRS"] = "1"
    port = _free_port()
    command = [
        sys.executable, "-m", module, "--no-browser",
        "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={TOKEN}", "--ServerApp.open_browser=False",
        f"--ServerApp.root_dir={root}", "--ServerApp.allow_root=True", *flags,
    ]
    log = (base / "jupyter.log").open("wb")
    process = subprocess.Popen(command, cwd=root, env=env, stdin=subprocess.DEVNULL,
                               stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    server = Jupyter(port, root)
    try:
        deadline = time.monotonic() + timeout
        while "fclint" not in ((_status(server) or {}).get("sessions") or {}):
            if process.poll() is not None or time.monotonic() > deadline:
                log.flush()
                pytest.fail(f"{module} did not list fclint:\n"
                            + (base / "jupyter.log").read_text(errors="replace")[-4000:])
            time.sleep(0.2)
        yield server
    finally:
        _stop(process)
        log.close()


@pytest.fixture(scope="module")
def jupyter(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Jupyter]:
    yield from serve(tmp_path_factory.mktemp("jupyter"), "jupyter_server", [
        "--ServerApp.jpserver_extensions={'jupyter_lsp': True}",
        "--LanguageServerManager.autodetect=True"])


@needs_entry_point
def test_status_lists_fclint(jupyter: Jupyter) -> None:
    status = _status(jupyter)
    assert status is not None
    listed = status["specs"]["fclint"]  # argv is censored (`[""]`) in the status
    assert (listed["display_name"], listed["languages"]) == ("fclint", ["python", "json", "yaml",
                                                                         "fclint"])
    assert "text/x-ipython" in listed["mime_types"]
    assert status["sessions"]["fclint"]["status"] in {"not_started", "starting", "started"}


class Connection:
    """LSP over jupyter-lsp's websocket: one JSON-RPC message per websocket text frame."""

    def __init__(self, url: str) -> None:
        self.socket = websocket.create_connection(url, timeout=MESSAGE_TIMEOUT)
        self.next_id = 0

    def send(self, method: str, params: Any, request: bool = False) -> int | None:
        message: dict[str, Any] = {"jsonrpc": "2.0", "method": method, "params": params}
        if request:
            self.next_id += 1
            message["id"] = self.next_id
        self.socket.send(json.dumps(message))
        return message.get("id")

    def receive(self, wanted: Any) -> dict[str, Any]:
        """The first message for which `wanted(message)` is true; the server's own requests
        (configuration, registrations) are answered with null on the way."""
        deadline = time.monotonic() + MESSAGE_TIMEOUT
        while time.monotonic() < deadline:
            message = json.loads(self.socket.recv())
            if wanted(message):
                return message
            if "method" in message and "id" in message:
                self.socket.send(json.dumps({"jsonrpc": "2.0", "id": message["id"],
                                             "result": None}))
        raise AssertionError("no such message from the server within the timeout")


@needs_entry_point
def test_websocket_relays_diagnostics(jupyter: Jupyter) -> None:
    connection = Connection(jupyter.url("/lsp/ws/fclint", scheme="ws"))
    uri = (jupyter.root / "put_async_config.json").as_uri()
    try:
        asked = connection.send("initialize", {
            "processId": None, "rootUri": jupyter.root.as_uri(), "workspaceFolders": None,
            # publishDiagnostics only: a client that declares textDocument.diagnostic pulls.
            "capabilities": {"textDocument": {"publishDiagnostics": {"versionSupport": True}}},
        }, request=True)
        answer = connection.receive(lambda m: m.get("id") == asked and "method" not in m)
        assert answer["result"]["serverInfo"]["name"] == "fclint"
        connection.send("initialized", {})
        connection.send("textDocument/didOpen", {"textDocument": {
            "uri": uri, "languageId": "json", "version": 1, "text": BODY}})
        published = connection.receive(
            lambda m: m.get("method") == "textDocument/publishDiagnostics"
            and m["params"]["uri"] == uri and m["params"]["diagnostics"])
        found = [(d["code"], d["range"]["start"], d["range"]["end"])
                 for d in published["params"]["diagnostics"]]
        assert found == [("FC006", {"line": 1, "character": 27}, {"line": 1, "character": 28})]
        asked = connection.send("shutdown", None, request=True)
        connection.receive(lambda m: m.get("id") == asked and "method" not in m)
    finally:
        connection.socket.close()
