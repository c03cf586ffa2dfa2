"""Many files at once: the parallel run must report exactly what one process reports, in the
same order, and survive a worker that dies."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from fclint import engine, runner
from fclint.config import SettingsResolver
from fclint.rules import RULES

CLEAN = '{"maxAsyncRetryAttempts": 2, "destinationConfig": {"onFailure": {"destination": ' \
        '"acs:mns:cn-hangzhou:1234567890123456:/queues/failed/messages"}}}\n'
RETRIES = '{\n  "maxAsyncRetryAttempts": 9\n}\n'
MISSPELT = '{"maxAsyncRetryAttempt": 2}\n'


def corpus(folder: Path, count: int = 450) -> list[str]:
    """Clean bodies, two kinds of mistakes, unrelated JSON and a dangling symlink, mixed."""
    paths = []
    for i in range(count):
        path = folder / f"f{i:04d}.json"
        if i % 97 == 50:
            path.symlink_to(folder / "missing.json")
        else:
            text = (RETRIES if i % 7 == 3 else MISSPELT if i % 11 == 5
                    else '{"name": "x", "version": "1.0.0"}\n' if i % 13 == 8 else CLEAN)
            path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    return paths


def summary(outcome: runner.Outcome) -> tuple[list, list]:
    results = [(r.path, r.is_config, [(d.code, d.span.line, d.span.column, d.message)
                                      for d in r.diagnostics]) for r in outcome.results]
    return results, [(u.path, u.reason) for u in outcome.unreadable]


def test_parallel_runs_report_what_one_process_reports(tmp_path: Path) -> None:
    files = corpus(tmp_path)
    resolver = SettingsResolver(frozenset(RULES))
    alone = summary(runner.lint_files(files, resolver, jobs=1))
    results, unreadable = alone
    assert len(results) + len(unreadable) == len(files)
    assert [p for p, _ in unreadable] == [f for i, f in enumerate(files) if i % 97 == 50]
    assert sum(bool(diags) for _, _, diags in results) > 80
    assert sum(not is_config for _, is_config, _ in results) > 20
    for jobs in (2, 3):
        assert summary(runner.lint_files(files, resolver, jobs=jobs)) == alone


def test_a_dead_worker_costs_time_not_results(tmp_path: Path, capsys, monkeypatch) -> None:
    """A worker killed mid-run (the OOM killer, a crash in a native parser): its chunks are
    linted again in the main process, with a warning, and nothing is lost or doubled."""
    files = corpus(tmp_path, 300)
    resolver = SettingsResolver(frozenset(RULES))
    expected = summary(runner.lint_files(files, resolver, jobs=1))
    main_pid = os.getpid()

    def dies_in_a_worker(path, settings, kind=None, results=None):
        if os.getpid() != main_pid:
            os.kill(os.getpid(), signal.SIGKILL)
        # The main process lints beside the worker; slowed down, it cannot take every chunk
        # before a worker on a loaded machine has started, so a worker surely dies.
        time.sleep(0.005)
        return engine.lint_path(path, settings, kind)

    monkeypatch.setattr(runner, "lint_path", dies_in_a_worker)
    assert summary(runner.lint_files(files, resolver, jobs=2)) == expected
    assert "a worker process failed (killed by signal 9); linting its files again" in \
        capsys.readouterr().err


@pytest.mark.parametrize("count, jobs", [(199, 2), (10_000, 2), (10_000, 8), (1_000_000, 2)])
def test_chunks_cover_every_file_once_and_shrink(count: int, jobs: int) -> None:
    bounds = runner.chunk_bounds(count, jobs)
    assert bounds[0][0] == 0 and bounds[-1][1] == count
    assert all(a[1] == b[0] for a, b in zip(bounds, bounds[1:]))
    sizes = [end - start for start, end in bounds]
    assert all(a >= b for a, b in zip(sizes, sizes[1:]))
    assert sizes[-1] <= max(runner.MIN_CHUNK, count // runner.MAX_CHUNKS + 1)
    assert len(bounds) <= runner.MAX_CHUNKS


def test_the_command_line_over_many_files(tmp_path: Path) -> None:
    """End to end with the real entry point (which leaves with os._exit): every finding is
    printed, the exit status says so, and the order is the same with one job or two."""
    corpus(tmp_path, 260)
    outputs = []
    for jobs in ("1", "2"):
        done = subprocess.run(
            [sys.executable, "-m", "fclint", "check", "--jobs", jobs, str(tmp_path)],
            capture_output=True, text=True, timeout=120)
        assert done.returncode == 2  # the dangling symlinks cannot be read
        outputs.append(done.stdout)
    assert outputs[0] == outputs[1]
    lines = outputs[0].splitlines()
    assert f"{tmp_path}/f0003.json:2:28: FC006 9 is greater than the maximum of 8 for " \
        "maxAsyncRetryAttempts" in lines
    assert lines[-1].startswith("Found ")


def test_a_slow_file_in_a_worker_ends_in_a_finding(tmp_path: Path, monkeypatch) -> None:
    """Each process keeps the per-file budget: a file that hangs in the worker ends in one
    FC090, and the files around it are linted as usual."""
    import time

    from fclint import timelimit

    files = corpus(tmp_path, 240)
    slow = files[-2]  # near the end of the list: the worker or the main process, by chance
    monkeypatch.setattr(timelimit, "SECONDS_PER_FILE", 0.2)

    def hangs_on_one(path, settings, kind=None, results=None):
        if path == slow:
            time.sleep(30)
        return engine.lint_path(path, settings, kind)

    monkeypatch.setattr(runner, "lint_path", hangs_on_one)
    started = time.monotonic()
    results, _ = summary(runner.lint_files(files, SettingsResolver(frozenset(RULES)), jobs=2))
    assert time.monotonic() - started < 10
    by_path = {path: diags for path, _, diags in results}
    [(code, line, column, message)] = by_path[slow]
    assert (code, line, column) == ("FC090", 1, 1) and "took longer than 0.2 s" in message
    assert sum(bool(diags) for diags in by_path.values()) > 40
