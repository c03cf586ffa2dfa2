"""fclint as a new user installs it: the wheel `python -m build` makes, installed with no extras
in a fresh virtualenv (tests/freshenv.py), checks a file with its schemas and runs the language
server; the sdist holds what a rebuild and the tests need, and nothing of the working tree."""

from __future__ import annotations

import json
import subprocess
import tarfile
from pathlib import Path

from freshenv import CHECKOUT, FreshInstall, fresh_env, wheel_names

BAD = ('{\n  "maxAsyncRetryAttempts": 9,\n  "destinationConfig": {"onFailure": {"destination": '
       '"acs:mns:cn-hangzhou:1234567890123456:/queues/q/mesages"}}\n}\n')
TIMEOUT = 60  # seconds for one command of the fresh install on a loaded 2-core machine


def test_check_reports_the_finding_from_the_wheel(fresh_install: FreshInstall,
                                                  tmp_path: Path) -> None:
    (tmp_path / "put.json").write_text(BAD, encoding="utf-8")
    done = subprocess.run([fresh_install.fclint, "check", "--no-cache", "put.json"],
                          cwd=tmp_path, env=fresh_env(fresh_install), capture_output=True,
                          text=True, timeout=TIMEOUT, check=False)
    assert (done.returncode, done.stderr) == (1, "")
    assert done.stdout.splitlines() == [
        "put.json:2:28: FC006 9 is greater than the maximum of 8 for maxAsyncRetryAttempts",
        "put.json:3:54: FC011 'acs:mns:cn-hangzhou:1234567890123456:/queues/q/mesages' is not "
        "an MNS destination: it must end in :/queues/NAME/messages or :/topics/NAME/messages",
        "Found 2 errors in 1 FC config file (1 file checked).",
    ]


def test_schemas_are_read_from_the_installed_package(fresh_install: FreshInstall,
                                                     tmp_path: Path) -> None:
    script = ("import json, fclint.schemas as s; d = s.schema_dir(); "
              "print(json.dumps([str(d), sorted(p.name for p in d.glob('*.json'))]))")
    done = subprocess.run([fresh_install.python, "-c", script], cwd=tmp_path,
                          env=fresh_env(fresh_install), capture_output=True, text=True,
                          timeout=TIMEOUT, check=True)
    where, names = json.loads(done.stdout)
    assert Path(where).is_relative_to(fresh_install.venv)  # not this checkout's schemas
    assert names == sorted(p.name for p in (CHECKOUT / "schemas").glob("*.json"))
    assert {f"fclint/schemas/{n}" for n in names} <= wheel_names(fresh_install.wheel)


def test_the_jupyterlab_extension_is_installed_where_jupyterlab_looks(
        fresh_install: FreshInstall) -> None:
    installed = fresh_install.venv / "share" / "jupyter" / "labextensions" / "fclint-jupyterlab"
    source = CHECKOUT / "jupyterlab-extension"
    for name in ("package.json", "static/remoteEntry.js"):
        assert (installed / name).read_bytes() == (source / name).read_bytes()


def _message(body: dict[str, object]) -> bytes:
    data = json.dumps(body).encode()
    return b"Content-Length: %d\r\n\r\n%s" % (len(data), data)


def _read_message(stream: object) -> dict[str, object]:
    length = None
    while (line := stream.readline()) not in (b"\r\n", b""):  # type: ignore[attr-defined]
        name, _, value = line.decode().partition(":")
        if name.lower() == "content-length":
            length = int(value)
    assert length is not None, "the server closed its output before answering"
    return json.loads(stream.read(length))  # type: ignore[attr-defined]


def test_language_server_answers_initialize_over_stdio(fresh_install: FreshInstall,
                                                       tmp_path: Path) -> None:
    server = subprocess.Popen([fresh_install.fclint, "lsp"], cwd=tmp_path,
                              env=fresh_env(fresh_install), stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert server.stdin is not None and server.stdout is not None
    try:
        server.stdin.write(_message({"jsonrpc": "2.0", "id": 1, "method": "initialize",
                                     "params": {"processId": None, "rootUri": None,
                                                "capabilities": {}}}))
        server.stdin.flush()
        answer = _read_message(server.stdout)
        assert answer["id"] == 1
        result = answer["result"]
        assert isinstance(result, dict) and result["serverInfo"]["name"] == "fclint"
        server.stdin.write(_message({"jsonrpc": "2.0", "id": 2, "method": "shutdown"}))
        server.stdin.write(_message({"jsonrpc": "2.0", "method": "exit"}))
        server.stdin.flush()
        assert _read_message(server.stdout) == {"jsonrpc": "2.0", "id": 2, "result": None}
        assert server.wait(TIMEOUT) == 0
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()
        server.stdin.close()
        server.stdout.close()
        assert server.stderr is not None
        server.stderr.close()


def test_sdist_holds_the_sources_schemas_and_tests(fresh_install: FreshInstall) -> None:
    with tarfile.open(fresh_install.sdist) as archive:
        names = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    tracked = subprocess.run(["git", "ls-files", "fclint", "schemas", "tests", "examples",
                              "jupyterlab-extension"],
                             cwd=CHECKOUT, capture_output=True, text=True, check=True)
    wanted = {"pyproject.toml", "README.md", "PKG-INFO", *tracked.stdout.split()}
    assert sorted(wanted - names) == []
    # Nothing of the working tree beyond that: no virtualenv, caches, extension or git.
    assert sorted(n for n in names if n.split("/", 1)[0] in (
        ".venv", ".git", ".fclint_cache", "vscode-extension", "benchmarks", "dist")) == []
    assert not [n for n in names if "__pycache__" in n or n.endswith(".pyc")]
