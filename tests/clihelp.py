"""Helpers for the end-to-end tests: run the real `fclint` command and compare with goldens."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).parent / "data"
GOLDEN = DATA / "cli" / "golden"
TIMEOUT = 60  # seconds: a hang fails the test instead of stalling the run
UPDATE_GOLDEN = os.environ.get("FCLINT_UPDATE_GOLDEN") == "1"


def clean_env() -> dict[str, str]:
    """The environment without git's variables (a hook may set GIT_DIR to the real repository)."""
    return {k: v for k, v in os.environ.items() if not k.startswith("GIT_")} | {
        "PYTHONIOENCODING": "utf-8", "NO_COLOR": "1",
    }


def checkout_env() -> dict[str, str]:
    """`clean_env()` with this checkout first on the import path: `python -m fclint` then runs
    the code under test, as the tests' own process imports it, even when fclint is installed
    into the virtualenv as a copy (`pip install '.[test]'`, not `-e`): the two would otherwise
    be two fclints, whose result caches are foreign to each other."""
    env = clean_env()
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    return env


def fclint(*args: str, cwd: Path, stdin: bytes | None = None,
           timeout: float = TIMEOUT) -> subprocess.CompletedProcess[str]:
    """Run `python -m fclint ARGS` in `cwd`; stdout and stderr as text."""
    done = subprocess.run(
        [sys.executable, "-m", "fclint", *args], cwd=cwd, input=stdin if stdin is not None else b"",
        capture_output=True, timeout=timeout, env=checkout_env(), check=False,
    )
    return subprocess.CompletedProcess(
        done.args, done.returncode, done.stdout.decode("utf-8"), done.stderr.decode("utf-8"),
    )


def git(*args: str, cwd: Path) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, timeout=TIMEOUT,
                   env=clean_env())


def assert_golden(name: str, actual: str) -> None:
    """Compare `actual` with tests/data/cli/golden/NAME; FCLINT_UPDATE_GOLDEN=1 rewrites it."""
    path = GOLDEN / name
    if UPDATE_GOLDEN:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8", newline="\n")
        return
    assert path.exists(), f"{path} is missing; run the tests once with FCLINT_UPDATE_GOLDEN=1"
    expected = path.read_text(encoding="utf-8")
    assert actual == expected, f"output differs from {path} (FCLINT_UPDATE_GOLDEN=1 rewrites it)"


def assert_clean_failure(result: subprocess.CompletedProcess[str], code: int = 2) -> str:
    """Exit `code` with exactly one `fclint: ...` line on stderr and no traceback; returns it."""
    assert result.returncode == code, (result.returncode, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("fclint: error: "), lines[0]
    return lines[0]
