"""Which files `fclint check` looks at: the paths given, and inside folders every file of a
format fclint reads, skipping VCS folders, dependencies, virtualenvs and git-ignored files."""

from __future__ import annotations

import os
import stat
import subprocess
from collections.abc import Iterable, Iterator
from pathlib import Path

SUFFIXES = (".json", ".http", ".rest")
SKIP_DIRS = frozenset({
    ".git", ".hg", ".svn", "node_modules", ".venv", "venv", "env", "__pycache__", ".tox", ".nox",
    ".mypy_cache", ".pytest_cache", ".ruff_cache", "site-packages", ".ipynb_checkpoints",
})


def files_under(paths: Iterable[Path]) -> Iterator[Path]:
    """Explicit files as given; folders walked. Order is stable (sorted per folder)."""
    for path in paths:
        if path.is_dir():
            yield from _walk(path)
        else:
            yield path


def _walk(root: Path) -> Iterator[Path]:
    ignored = _git_ignored(root)
    for folder, dirs, files in os.walk(root):
        here = Path(folder)
        dirs[:] = sorted(
            d for d in dirs
            if d not in SKIP_DIRS and not (here / d / "pyvenv.cfg").exists()
            and _resolved(here / d) not in ignored
        )
        for name in sorted(files):
            if name.lower().endswith(SUFFIXES):
                candidate = here / name
                if _resolved(candidate) not in ignored and not _is_special(candidate):
                    yield candidate


def _resolved(path: Path) -> Path:
    """`path` resolved; `Path.resolve` raises on a symlink loop, so then its absolute path."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return Path(os.path.abspath(path))


def _is_special(path: Path) -> bool:
    """A FIFO, socket or device found in a folder: opening a FIFO would wait for a writer forever.
    Dangling links and loops are not special: reading them reports why they cannot be read."""
    try:
        mode = path.stat().st_mode
    except (OSError, RuntimeError):
        return False
    return not stat.S_ISREG(mode)


def _git_ignored(root: Path) -> frozenset[Path]:
    """Files and folders git ignores under `root` (empty when git or a repository is absent)."""
    try:
        listing = subprocess.run(
            ["git", "ls-files", "--others", "--ignored", "--exclude-standard", "--directory", "-z"],
            cwd=root, capture_output=True, timeout=30, check=True,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return frozenset()
    base = root.resolve()
    return frozenset(
        _resolved(base / entry) for entry in listing.decode("utf-8", "replace").split("\0") if entry
    )
