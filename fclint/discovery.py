"""Which files `fclint check` looks at: the paths given, and inside folders every file of a
format fclint reads, skipping VCS folders, dependencies, virtualenvs and git-ignored files."""

from __future__ import annotations

import os
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
            and (here / d).resolve() not in ignored
        )
        for name in sorted(files):
            if name.lower().endswith(SUFFIXES):
                candidate = here / name
                if candidate.resolve() not in ignored:
                    yield candidate


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
        (base / entry).resolve() for entry in listing.decode("utf-8", "replace").split("\0") if entry
    )
