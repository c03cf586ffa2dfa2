"""Reading is bounded whatever `stat` says: a device, FIFO, socket or endless file costs
milliseconds and a few MB, in a folder walk (passed over) and named on the command line (one
line naming it); a file whose reading or linting fails, even for want of memory, is that file's
finding, and every other file is still reported."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from clihelp import clean_env

from fclint import engine, reading
from fclint.config import Settings, SettingsResolver
from fclint.rules import RULES
from fclint.runner import lint_files

# The bar for each special file, whole process: processor time (what reading it costs, the
# same on a busy machine) and peak memory; and a wall time that catches a wait on a FIFO or
# device (the per-file budget would end it at 10 s) yet leaves a loaded machine its slack.
SECONDS, MEGABYTES, WALL_SECONDS = 1.0, 100, 5.0
CONFIG = '{"maxAsyncRetryAttempts": 9}'

pytestmark = pytest.mark.skipif(not hasattr(os, "wait4") or not Path("/dev/zero").exists(),
                                reason="needs POSIX devices and os.wait4")


# Runs a command and writes its exit status, wall seconds and peak resident kilobytes to a
# file. A small process of its own starts it: a child's ru_maxrss counts what the process that
# forked it had resident (pytest's hundreds of MB), so fclint is not forked from pytest.
MEASURE = """
import json, os, subprocess, sys, time
started = time.monotonic()
child = subprocess.Popen(sys.argv[2:])
_, status, usage = os.wait4(child.pid, 0)
with open(sys.argv[1], "w") as out:
    json.dump([os.waitstatus_to_exitcode(status), time.monotonic() - started,
               usage.ru_utime + usage.ru_stime, usage.ru_maxrss], out)
"""


def run(*args: str, cwd: Path, stdin: int | None = None) -> tuple[int, str, str, float, float]:
    """`python -m fclint ARGS`: exit status, stdout, stderr, processor seconds and the peak
    resident megabytes of the fclint process (its wall time is held under WALL_SECONDS here)."""
    with tempfile.TemporaryDirectory() as scratch:
        figures = Path(scratch) / "figures.json"
        done = subprocess.run(
            [sys.executable, "-c", MEASURE, str(figures), sys.executable, "-m", "fclint", *args],
            cwd=cwd, env=clean_env(), capture_output=True, timeout=30, check=False,
            stdin=stdin if stdin is not None else subprocess.DEVNULL)
        status, wall, seconds, kilobytes = json.loads(figures.read_text(encoding="utf-8"))
    assert wall < WALL_SECONDS, (args, wall)
    return status, done.stdout.decode(), done.stderr.decode(), seconds, kilobytes / 1024


@pytest.fixture
def specials(tmp_path: Path) -> Iterator[dict[str, str]]:
    """A folder of files named like configs that are not regular files, beside a real one;
    name -> what fclint calls it."""
    tree = tmp_path / "tree"
    tree.mkdir()
    (tree / "ok.json").write_text(CONFIG, encoding="utf-8")
    kinds = {}
    (tree / "zero.json").symlink_to("/dev/zero")
    kinds["zero.json"] = "a character device"
    (tree / "random.yaml").symlink_to("/dev/urandom")
    kinds["random.yaml"] = "a character device"
    os.mkfifo(tree / "fifo.json")
    kinds["fifo.json"] = "a FIFO"
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(tree / "sock.json"))
    kinds["sock.json"] = "a socket"
    (tree / "link-to-fifo.tf").symlink_to(tree / "fifo.json")
    kinds["link-to-fifo.tf"] = "a FIFO"
    try:
        yield kinds
    finally:
        server.close()


def findings(out: str) -> list[tuple[str, int, int, str]]:
    return [(d["path"], d["line"], d["column"], d["code"]) for d in json.loads(out)]


def test_a_walk_passes_over_devices_fifos_and_sockets(tmp_path: Path,
                                                      specials: dict[str, str]) -> None:
    status, out, err, seconds, megabytes = run("check", "--format", "json", ".",
                                               cwd=tmp_path / "tree")
    assert (status, findings(out), err) == (1, [("ok.json", 1, 27, "FC006")], "")
    assert seconds < SECONDS and megabytes < MEGABYTES, (seconds, megabytes)


@pytest.mark.parametrize("name", ["zero.json", "random.yaml", "fifo.json", "sock.json",
                                  "link-to-fifo.tf"])
def test_named_it_gets_one_line_and_the_run_goes_on(tmp_path: Path, specials: dict[str, str],
                                                    name: str) -> None:
    status, out, err, seconds, megabytes = run("check", "--format", "json", name, "ok.json",
                                               cwd=tmp_path / "tree")
    assert findings(out) == [("ok.json", 1, 27, "FC006")]
    assert status == 2  # as for any file that cannot be read
    [line] = err.splitlines()
    assert line.startswith(f"fclint: error: {name}: cannot read: not a regular file "
                           f"({specials[name]})"), line
    assert seconds < SECONDS and megabytes < MEGABYTES, (seconds, megabytes)


def test_an_endless_regular_file_stops_at_the_limit(tmp_path: Path) -> None:
    """/proc/self/pagemap says it is 0 bytes and reads on for gigabytes."""
    pagemap = Path("/proc/self/pagemap")
    if not os.access(pagemap, os.R_OK):
        pytest.skip("no readable /proc/self/pagemap here")
    (tmp_path / "pagemap.json").symlink_to(pagemap)
    (tmp_path / "status.yaml").symlink_to("/proc/self/status")
    (tmp_path / "ok.json").write_text(CONFIG, encoding="utf-8")
    for args in ((".",), ("pagemap.json", "status.yaml", "ok.json"),
                 ("--kind", "fc2-request", "pagemap.json")):
        status, out, err, seconds, megabytes = run("check", "--format", "json", *args,
                                                   cwd=tmp_path)
        assert "Traceback" not in err and "internal error" not in err
        assert seconds < SECONDS and megabytes < MEGABYTES, (args, seconds, megabytes)
        if args[0] == "--kind":  # forced to be a config: too big to check, at once
            assert [(path, code) for path, _, _, code in findings(out)] == [
                ("pagemap.json", "FC090")]
            assert "larger than the max-file-size limit" in json.loads(out)[0]["message"]
        else:  # binary, not a config: passed over as any unrelated file is
            assert (status, findings(out)) == (1, [("ok.json", 1, 27, "FC006")])


def test_an_endless_standard_input_stops_at_the_limit(tmp_path: Path) -> None:
    with open("/dev/zero", "rb") as zeros:
        _, out, _, seconds, megabytes = run(
            "check", "--format", "json", "--kind", "fc2-request", "-", cwd=tmp_path,
            stdin=zeros.fileno())
    assert [code for *_, code in findings(out)] == ["FC090"]
    assert seconds < SECONDS and megabytes < MEGABYTES, (seconds, megabytes)


def test_a_regular_file_over_the_limit_is_not_read_whole(tmp_path: Path) -> None:
    big = tmp_path / "big.json"
    with big.open("wb") as out:
        out.write(b'{"maxAsyncRetryAttempts": 1, "pad": "')
        out.truncate(2_000_000_000)  # 2 GB, sparse: costs no disk
    data, size = reading.read_file(big, 5_000_000)
    assert (len(data), size) == (5_000_001, 2_000_000_000)
    _, out, _, seconds, megabytes = run("check", "--format", "json", "big.json", cwd=tmp_path)
    assert json.loads(out)[0]["message"].startswith("the file is 2000.0 MB, above the max-file-size")
    assert seconds < SECONDS and megabytes < MEGABYTES, (seconds, megabytes)


# --- a failure in one file ---------------------------------------------------------------------

def _fails_on(target: str, error: BaseException, real=reading.read_file):
    def read(path: str, limit: int) -> tuple[bytes, int | None]:
        if str(path).endswith(target):
            raise error
        return real(path, limit)
    return read


@pytest.mark.parametrize("jobs, count", [(1, 5), (2, 260)], ids=["one process", "workers"])
def test_running_out_of_memory_on_one_file_reports_every_other(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: int, count: int) -> None:
    files = []
    for number in range(count):
        path = tmp_path / f"c{number:03}.json"
        path.write_text(CONFIG, encoding="utf-8")
        files.append(str(path))
    monkeypatch.setattr(reading, "read_file", _fails_on("c003.json", MemoryError()))
    outcome = lint_files(files, SettingsResolver(frozenset(RULES)), jobs=jobs)
    assert not outcome.unreadable
    assert [r.path for r in outcome.results] == files
    for result in outcome.results:
        [diagnostic] = result.diagnostics
        if result.path.endswith("c003.json"):
            assert diagnostic.code == "FC090"
            assert "fclint ran out of memory on it (MemoryError)" in diagnostic.message
        else:
            assert (diagnostic.code, diagnostic.span.column) == ("FC006", 27)


def test_memory_running_out_while_linting_is_the_files_finding(monkeypatch: pytest.MonkeyPatch) -> None:
    from fclint.formats import json_body

    def exhausted(*args: object) -> None:
        raise MemoryError

    monkeypatch.setattr(json_body, "documents", exhausted)
    result = engine.lint_bytes(CONFIG.encode(), "a.json", Settings())
    assert [d.code for d in result.diagnostics] == ["FC090"]
