"""What a test run leaves in the checkout: `git status`, ignored files included (node_modules/,
dist/, *.vsix and .fclint_cache are git-ignored, so a plain `git status` would not show them),
taken before and after; tests/conftest.py fails the run on anything new."""

from __future__ import annotations

import subprocess
from pathlib import Path

from clihelp import clean_env

# What running Python and pytest leaves by design: the virtualenv the README makes, bytecode
# and pytest's own cache.
EXPECTED = (".venv/", "venv/", ".pytest_cache/")


def status(root: Path) -> frozenset[str] | None:
    """The entries of `git status` for `root` (`XY path`), ignored ones too; None where `root`
    is not a git work tree (an unpacked sdist) or git is missing."""
    try:
        done = subprocess.run(
            ["git", "status", "--porcelain=v1", "-z", "--ignored", "--untracked-files=normal"],
            cwd=root, capture_output=True, timeout=60, env=clean_env(), check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    if done.returncode != 0:
        return None
    entries = done.stdout.decode("utf-8", "replace").split("\0")
    return frozenset(entry for entry in entries if entry and not expected(entry[3:]))


def expected(path: str) -> bool:
    return path.startswith(EXPECTED) or "__pycache__/" in path or path.endswith((".pyc",))


def left_behind(before: frozenset[str], after: frozenset[str]) -> list[str]:
    """What the run added or changed, as git shows it (`?? dist/`, `!! node_modules/`, ` M x`)."""
    return sorted(after - before)
