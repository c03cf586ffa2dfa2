"""Bad input never crashes fclint, hangs it or changes a file: each case ends in a clean exit
status, one located finding (or none for a file that is no FC config) and no traceback."""

from __future__ import annotations

import json
import os
import stat
import subprocess
from pathlib import Path

import pytest

from clihelp import fclint

MB = 1024 * 1024
CONFIG_HEAD = b'{"maxAsyncRetryAttempts": 1, "x": '


def snapshot(root: Path) -> dict[str, tuple[str, bytes, int]]:
    """Every entry under `root`: its type, its bytes (regular files, link targets) and mtime."""
    found = {}
    for folder, dirs, files in os.walk(root):
        for name in dirs + files:
            path = Path(folder) / name
            info = path.lstat()
            if stat.S_ISLNK(info.st_mode):
                found[str(path)] = ("link", os.readlink(path).encode(), info.st_mtime_ns)
            elif stat.S_ISREG(info.st_mode):
                found[str(path)] = ("file", path.read_bytes(), info.st_mtime_ns)
            else:
                found[str(path)] = (stat.filemode(info.st_mode), b"", info.st_mtime_ns)
    return found


def lint(root: Path, *args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    """`fclint check --format json ARGS` in `root`, asserting no file there changed and no
    traceback was printed."""
    before = snapshot(root)
    result = fclint("check", "--format", "json", *args, cwd=root, stdin=stdin)
    assert snapshot(root) == before, "fclint changed a file"
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr, result.stderr
    return result


def findings(result: subprocess.CompletedProcess[str]) -> list[tuple[int, int, str]]:
    return [(d["line"], d["column"], d["code"]) for d in json.loads(result.stdout)]


def only_finding(result: subprocess.CompletedProcess[str]) -> dict[str, object]:
    items = json.loads(result.stdout)
    assert len(items) == 1, items
    assert result.returncode == 1
    return items[0]


# (file name, bytes, the findings as (line, column, code)); an empty list means "no FC config".
BAD_FILES = {
    "NUL byte in a config": ("binary.json", b'{"maxAsyncRetryAttempts": 1}\x00\x01\x02', [(1, 29, "FC000")]),
    "binary non-config": ("image.json", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", []),
    "invalid UTF-8 in a config": (
        "latin1.json",
        b'{\n  "maxAsyncRetryAttempts": 3,\n  "destinationConfig": {"onSuccess": {"destination": '
        b'"acs:mns:cn-hangzhou:1234567890123456:/queues/a\xff/messages"}}\n}\n',
        [(3, 101, "FC000")],
    ),
    "invalid UTF-8 non-config": ("latin1-other.json", b'{"name": "caf\xe9"}', []),
    "BOM": ("bom.json", b'\xef\xbb\xbf{\n  "maxAsyncRetryAttempts": 9\n}\n', [(2, 28, "FC006")]),
    "BOM on the first key's line": ("bom1.json", b'\xef\xbb\xbf{"maxAsyncRetryAttempts": 9}', [(1, 27, "FC006")]),
    "BOM .http": ("bom.http", b"\xef\xbb\xbfPUT /2023-03-30/functions/f/async-invoke-config\n\n"
                  b'{"maxAsyncRetryAttempts": 9}\n', [(3, 27, "FC006")]),
    "CRLF": ("crlf.json", b'{\r\n  "maxAsyncRetryAttempts": 9\r\n}\r\n', [(2, 28, "FC006")]),
    "empty": ("empty.json", b"", []),
    "whitespace": ("blank.json", b" \n\t\n", []),
    "truncated config": ("truncated.json", b'{"maxAsyncRetryAttempts": 3, "destinationConfig": {',
                         [(1, 52, "FC000")]),
    "NaN": ("nan.json", b'{"maxAsyncRetryAttempts": NaN}', [(1, 27, "FC000")]),
    "5000-digit integer": ("bigint.json", b'{"maxAsyncRetryAttempts": ' + b"9" * 5000 + b"}",
                           [(1, 27, "FC006")]),  # out of range, and no less an integer
    "lone surrogates": ("surrogate.json", b'{"maxAsyncRetryAttempts": 3, "\\udc00x": 1}',
                        [(1, 30, "FC001")]),
    "100,000 levels, config": ("deep.json", CONFIG_HEAD + b"[" * 100_000 + b"]" * 100_000 + b"}",
                               [(1, 99, "FC090")]),
    "100,000 levels unclosed, config": ("deep-open.json", CONFIG_HEAD + b"[" * 100_000,
                                        [(1, 1, "FC090")]),
    "100,000 levels of objects, config": (
        "deep-objects.json", CONFIG_HEAD + b'{"a": ' * 100_000 + b"1" + b"}" * 100_000 + b"}",
        [(1, 35 + 64 * 6, "FC090")],
    ),
    "100,000 levels, non-config": ("deep-other.json", b"[" * 100_000 + b"]" * 100_000, []),
    "100,000 levels in a .http body": (
        "deep.http", b"PUT /2023-03-30/functions/f/async-invoke-config\n\n" + CONFIG_HEAD
        + b"[" * 100_000 + b"]" * 100_000 + b"}\n", [(3, 99, "FC090")],
    ),
}


# What a file that is not text, with nothing of a config in it, says on stderr instead.
NOTES = {
    "image.json": "fclint: note: image.json:3:1: '\\x00' (a NUL byte): a binary file, not text, "
                  "and nothing in it looks like an FC config; not checked\n",
    "latin1-other.json": "fclint: note: latin1-other.json:1:14: invalid UTF-8: byte 0xe9 cannot "
                         "start or continue a character, and nothing in it looks like an FC "
                         "config; not checked\n",
}


QUOTED_HUGE_NUMBER = pytest.param(
    "quoted.json", b'{"maxAsyncRetryAttempts": "' + b"9" * 5000 + b'"}', [(1, 27, "FC004")],
    id="5000-digit integer in quotes",
)


@pytest.mark.parametrize("name, data, expected",
                         [*BAD_FILES.values(), QUOTED_HUGE_NUMBER], ids=[*BAD_FILES, "quoted"])
def test_bad_file(tmp_path: Path, name: str, data: bytes, expected: list[tuple[int, int, str]]) -> None:
    (tmp_path / name).write_bytes(data)
    result = lint(tmp_path, name)
    assert findings(result) == expected
    assert result.returncode == (1 if expected else 0)
    assert result.stderr == NOTES.get(name, "")


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github"])
def test_undecodable_names_and_surrogates_print_in_every_format(tmp_path: Path, fmt: str) -> None:
    (tmp_path / os.fsdecode(b"caf\xe9.json")).write_bytes(b'{"maxAsyncRetryAttempts": 9, "\\ud800": 1}')
    before = snapshot(tmp_path)
    result = fclint("check", "--format", fmt, ".", cwd=tmp_path)
    assert snapshot(tmp_path) == before
    assert (result.returncode, result.stderr) == (1, "")
    if fmt in ("json", "sarif"):
        json.loads(result.stdout)


def test_fifty_megabytes(tmp_path: Path) -> None:
    (tmp_path / "big.json").write_bytes(b'{"maxAsyncRetryAttempts": 1, "pad": "' + b"x" * (50 * MB) + b'"}')
    (tmp_path / "big-other.json").write_bytes(b'{"name": "' + b"x" * (50 * MB) + b'"}')
    result = lint(tmp_path, "big.json", "big-other.json")
    finding = only_finding(result)
    assert (finding["path"], finding["line"], finding["column"], finding["code"]) == ("big.json", 1, 1, "FC090")
    assert "52.4 MB" in str(finding["message"]) and "max-file-size" in str(finding["message"])


def test_max_file_size_setting(tmp_path: Path) -> None:
    (tmp_path / ".fclint.toml").write_text("max-file-size = 100\n", encoding="utf-8")
    (tmp_path / "a.json").write_bytes(b'{"maxAsyncRetryAttempts": 9, "pad": "' + b"x" * 100 + b'"}')
    assert findings(lint(tmp_path, "a.json")) == [(1, 1, "FC090")]


LONG = "a" * MB
# One-megabyte single-line destinations aimed at the ARN, placeholder and name patterns.
LONG_DESTINATIONS = {
    "mns queue": f"acs:mns:cn-hangzhou:1234567890123456:/queues/{LONG}",
    "many slashes": "acs:mns:cn-hangzhou:1234567890123456:" + "/queues/a" * (MB // 9),
    "many colons": "acs:" + ":" * MB,
    "fc services": "acs:fc:cn-hangzhou:1234567890123456:services/" + "a." * (MB // 2),
    "unclosed placeholder": "acs:fc:{{" + LONG,
    "angle brackets": "acs:fc:<" + "a " * (MB // 2),
    "braces": "acs:fc:{" + "a{" * (MB // 2),
    "no acs": "x" * MB,
}


@pytest.mark.parametrize("destination", LONG_DESTINATIONS.values(), ids=LONG_DESTINATIONS.keys())
def test_megabyte_string_against_arn_patterns(tmp_path: Path, destination: str) -> None:
    body = {"destinationConfig": {"onFailure": {"destination": destination}}, "maxAsyncRetryAttempts": 1}
    (tmp_path / "long.json").write_text(json.dumps(body), encoding="utf-8")
    finding = only_finding(lint(tmp_path, "long.json"))
    assert (finding["line"], finding["column"]) == (1, 53)
    assert str(finding["code"]) in ("FC010", "FC011", "FC012", "FC017")
    assert len(str(finding["message"])) < 1000


def test_megabyte_key_and_value(tmp_path: Path) -> None:
    (tmp_path / "key.json").write_text(
        json.dumps({"maxAsyncRetryAttempts": 1, LONG: 2, "qualifier": "q" * MB}), encoding="utf-8")
    codes = [code for _, _, code in findings(lint(tmp_path, "key.json"))]
    assert "FC001" in codes


HTTP_LINES = {
    "variable with inner spaces": "@a = x" + " " * MB + "y\n\n###\n"
                                  "PUT /2023-03-30/functions/f/async-invoke-config\n\n{}\n",
    "unclosed template braces": "PUT /2023-03-30/functions/f/async-invoke-config\n\n" + "{" * MB + "\n",
    "long url": "PUT /2023-03-30/functions/" + "f" * MB + "/async-invoke-config HTTP/1.1\n\n{}\n",
    "spaces in a request line": "PUT /async-invoke-config" + " a" * (MB // 2) + "\n",
    "long header": "PUT /2023-03-30/functions/f/async-invoke-config\nX-A" + " " * MB + ": b\n\n{}\n",
    "long host": "PUT https://cn-" + "a-" * (MB // 2) + "x.fc.aliyuncs.com/2023-03-30/functions/f/"
                 "async-invoke-config\n\n{}\n",
    "many separators": "###\n" * (MB // 4),
}


@pytest.mark.parametrize("text", HTTP_LINES.values(), ids=HTTP_LINES.keys())
def test_megabyte_http_lines_do_not_hang(tmp_path: Path, text: str) -> None:
    (tmp_path / "long.http").write_text(text, encoding="utf-8")
    result = lint(tmp_path, "long.http")
    assert result.returncode in (0, 1)
    assert len(json.loads(result.stdout)) <= 3


# --- paths that cannot be read ----------------------------------------------------------------

def assert_unreadable(result: subprocess.CompletedProcess[str], name: str, reason: str) -> None:
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert lines == [f"fclint: error: {name}: cannot read: {reason}"], result.stderr


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0,
                    reason="root reads a file whatever its mode")
def test_unreadable_file(tmp_path: Path) -> None:
    secret = tmp_path / "secret.json"
    secret.write_text('{"maxAsyncRetryAttempts": 9}', encoding="utf-8")
    secret.chmod(0)
    try:
        assert_unreadable(lint(tmp_path, "secret.json"), "secret.json", "Permission denied")
    finally:
        secret.chmod(0o644)


def test_dangling_symlink(tmp_path: Path) -> None:
    (tmp_path / "gone.json").symlink_to(tmp_path / "nowhere.json")
    assert_unreadable(lint(tmp_path, "gone.json"), "gone.json", "No such file or directory")


def test_symlink_loop_named(tmp_path: Path) -> None:
    (tmp_path / "a.json").symlink_to("b.json")
    (tmp_path / "b.json").symlink_to("a.json")
    assert_unreadable(lint(tmp_path, "a.json"), "a.json", "Too many levels of symbolic links")


def test_symlink_loops_in_a_folder(tmp_path: Path) -> None:
    (tmp_path / "ok.json").write_text('{"maxAsyncRetryAttempts": 9}', encoding="utf-8")
    (tmp_path / "a.json").symlink_to("b.json")
    (tmp_path / "b.json").symlink_to("a.json")
    (tmp_path / "here").symlink_to(".", target_is_directory=True)
    (tmp_path / "up").mkdir()
    (tmp_path / "up" / "top").symlink_to("..", target_is_directory=True)
    result = lint(tmp_path, ".")
    assert findings(result) == [(1, 27, "FC006")]  # ok.json once: linked folders are not walked
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "fclint: error: a.json: cannot read: Too many levels of symbolic links",
        "fclint: error: b.json: cannot read: Too many levels of symbolic links",
    ]


def test_fifo_in_a_folder_is_not_opened(tmp_path: Path) -> None:
    """Opening a FIFO waits for a writer forever; the walk passes over it (the timeout catches
    a hang)."""
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")
    os.mkfifo(tmp_path / "pipe.json")
    (tmp_path / "ok.json").write_text('{"maxAsyncRetryAttempts": 9}', encoding="utf-8")
    result = lint(tmp_path, ".")
    assert (findings(result), result.returncode, result.stderr) == ([(1, 27, "FC006")], 1, "")


def test_folder_named_like_a_config(tmp_path: Path) -> None:
    (tmp_path / "dir.json").mkdir()
    (tmp_path / "dir.json" / "inner.json").write_text('{"maxAsyncRetryAttempts": 9}', encoding="utf-8")
    result = lint(tmp_path, ".")
    assert [(d["path"], d["code"]) for d in json.loads(result.stdout)] == [("dir.json/inner.json", "FC006")]


def test_stdin_binary_and_deep(tmp_path: Path) -> None:
    binary = lint(tmp_path, "-", "--stdin-filename", "in.json",
                  stdin=b'{"maxAsyncRetryAttempts": 1}\x00')
    assert findings(binary) == [(1, 29, "FC000")]
    deep = lint(tmp_path, "-", stdin=CONFIG_HEAD + b"[" * 100_000 + b"]" * 100_000 + b"}")
    assert findings(deep) == [(1, 99, "FC090")]


def test_a_file_past_the_time_budget_is_one_finding(tmp_path: Path, monkeypatch) -> None:
    """No real file comes near the budget; a file no one foresaw must still end, in a finding."""
    import time

    from fclint import engine, runner, timelimit
    from fclint.config import SettingsResolver
    from fclint.rules import RULES

    slow = tmp_path / "slow.json"
    slow.write_text('{"maxAsyncRetryAttempts": 3}', encoding="utf-8")
    monkeypatch.setattr(timelimit, "SECONDS_PER_FILE", 0.2)
    monkeypatch.setattr(runner, "lint_path", lambda *args: time.sleep(5) or engine.FileResult("x"))
    started = time.monotonic()
    outcome = runner.lint_files([slow], SettingsResolver(frozenset(RULES)), jobs=1)
    assert time.monotonic() - started < 3
    [result] = outcome.results
    assert [(d.code, d.span.line, d.span.column) for d in result.diagnostics] == [("FC090", 1, 1)]
    assert "took longer than 0.2 s" in result.diagnostics[0].message
