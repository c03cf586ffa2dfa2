"""Which files `fclint check` looks at: the paths given, and inside folders every file of a
format fclint reads, skipping VCS folders, dependencies, virtualenvs and git-ignored files."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterable, Iterator
from pathlib import Path

from fclint import formats

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
    """Walk with `os.scandir`: the entry's type comes with the listing, so a file costs no
    extra system call, and ignored paths are compared as text relative to `root`."""
    ignored = _git_ignored(root)
    suffixes = formats.suffixes()
    stack = [(str(root), "")]
    while stack:
        folder, relative = stack.pop()
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError:
            continue
        subfolders = []
        for entry in entries:
            rel = relative + entry.name
            try:
                if entry.is_dir(follow_symlinks=False):
                    if (entry.name not in SKIP_DIRS and rel + "/" not in ignored
                            and not os.path.exists(os.path.join(entry.path, "pyvenv.cfg"))):
                        subfolders.append((entry.path, rel + "/"))
                elif entry.name.lower().endswith(suffixes) and rel not in ignored:
                    # A FIFO or device would block or never end: only regular files, and
                    # symlinks, which reading reports if they dangle or loop.
                    if entry.is_symlink() or entry.is_file(follow_symlinks=False):
                        yield Path(entry.path)
            except OSError:
                continue
        stack.extend(reversed(subfolders))


def _git_ignored(root: Path) -> frozenset[str]:
    """Paths git ignores under `root`, relative to it (folders end in '/'); empty without git."""
    try:
        listing = subprocess.run(
            ["git", "ls-files", "--others", "--ignored", "--exclude-standard", "--directory", "-z"],
            cwd=root, capture_output=True, timeout=30, check=True,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return frozenset()
    return frozenset(entry for entry in listing.decode("utf-8", "replace").split("\0") if entry)
