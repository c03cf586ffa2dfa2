"""The benchmark scripts still run (their figures are stated in benchmarks/README.md, not
asserted here: a timed test would fail on a loaded machine)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_floor_times_each_part_of_a_warm_runs_floor(tmp_path: Path) -> None:
    for number in range(20):
        (tmp_path / f"body-{number}.json").write_text('{"maxAsyncRetryAttempts": 1}\n')
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "floor.py"), str(tmp_path),
                           "--repeats", "1"], capture_output=True, text=True, check=False,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == f"{tmp_path}: 20 files, best of 1"
    rows = ["python -S -c pass", "python -c pass",
            "read and hash every file, one Python process (no start-up)"]
    if hasattr(os, "fork"):
        rows.append("the same, half of the files in a forked second process")
    assert [line.split("ms  ", 1)[1] for line in lines[1:len(rows) + 1]] == rows


def test_floor_names_a_missing_corpus(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "floor.py"),
                           str(tmp_path / "absent")], capture_output=True, text=True,
                          check=False, timeout=120)
    assert done.returncode == 1
    assert done.stderr == (f"floor.py: {tmp_path / 'absent'}: no such folder "
                           "(python benchmarks/make_corpus.py writes it)\n")
