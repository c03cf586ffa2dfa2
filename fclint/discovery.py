"""Which files `fclint check` looks at: the paths given, and inside folders every file of a
format fclint reads, skipping VCS folders, dependencies, virtualenvs and git-ignored files."""

from __future__ import annotations

import os
import stat
import subprocess
from collections.abc import Iterable, Iterator
from pathlib import Path

from fclint import formats

SKIP_DIRS = frozenset({
    ".git", ".hg", ".svn", "node_modules", ".venv", "venv", "env", "__pycache__", ".tox", ".nox",
    ".mypy_cache", ".pytest_cache", ".ruff_cache", ".fclint_cache", "site-packages",
    ".ipynb_checkpoints",
})


def files_under(paths: Iterable[str | os.PathLike[str]]) -> Iterator[str]:
    """Explicit files as given; folders walked. Order is stable (sorted per folder). Paths are
    text: a run over 10,000 files would spend more on Path objects than on reading them.

    git is asked at once which files each folder ignores, before the walk is iterated: it
    answers while the caller does other work (`fclint check` loads the result cache), not
    while the walk waits for it."""
    roots = [(path, _GitIgnored(path) if os.path.isdir(path) else None)
             for path in (str(Path(p)) for p in paths)]  # "./a.json" is shown as "a.json"
    return _files(roots)


def _files(roots: list[tuple[str, _GitIgnored | None]]) -> Iterator[str]:
    for path, ignored in roots:
        if ignored is None:
            yield path
        else:
            yield from _walk(path, ignored.paths())


def _walk(root: str, ignored: frozenset[str]) -> Iterator[str]:
    """Walk with `os.scandir`: the entry's type comes with the listing, so a file costs no
    extra system call, and ignored paths are compared as text relative to `root`."""
    suffixes = formats.suffixes()
    # (the folder, how its files are shown: "" for ".", as Path("./x") prints "x", and the
    # folder relative to `root`, as git lists it)
    stack = [(root, "" if root == "." else os.path.join(root, ""), "")]
    while stack:
        folder, shown, relative = stack.pop()
        try:
            with os.scandir(folder) as listing:
                entries = {entry.name: entry for entry in listing}
        except OSError:
            continue
        subfolders = []
        for name in sorted(entries):
            entry = entries[name]
            try:
                if name.lower().endswith(suffixes) and not entry.is_dir(follow_symlinks=False):
                    if _lintable(entry) and (not ignored or relative + name not in ignored):
                        yield shown + name
                elif entry.is_dir(follow_symlinks=False):
                    rel = relative + name + "/"
                    if (name not in SKIP_DIRS and rel not in ignored
                            and not os.path.exists(os.path.join(entry.path, "pyvenv.cfg"))):
                        subfolders.append((entry.path, shown + name + os.sep, rel))
            except OSError:
                continue
        stack.extend(reversed(subfolders))


def _lintable(entry: os.DirEntry[str]) -> bool:
    """Regular files, and symlinks to them, as ruff's walk takes: a FIFO, device or socket
    would block or never end, and is passed over. A symlink that dangles or loops is taken, so
    that reading it reports it."""
    if entry.is_file(follow_symlinks=False):
        return True
    if not entry.is_symlink():
        return False
    try:
        return stat.S_ISREG(os.stat(entry.path).st_mode)
    except OSError:
        return True


class _GitIgnored:
    """The paths git ignores under `root`, relative to it (folders end in '/'): `git
    ls-files` is started at once and read when they are needed; empty without git."""

    def __init__(self, root: str) -> None:
        try:
            self.process: subprocess.Popen[bytes] | None = subprocess.Popen(
                ["git", "ls-files", "--others", "--ignored", "--exclude-standard", "--directory",
                 "-z"], cwd=root, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL)
        except OSError:
            self.process = None

    def paths(self) -> frozenset[str]:
        if self.process is None:
            return frozenset()
        try:
            listing, _ = self.process.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            return frozenset()
        if self.process.returncode != 0:
            return frozenset()
        return frozenset(entry for entry in listing.decode("utf-8", "replace").split("\0")
                         if entry)
