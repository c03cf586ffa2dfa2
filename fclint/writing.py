"""Writing a fixed file: atomically, through a temporary file in its folder, keeping its mode and
owner, and never over a file whose bytes changed since they were read; and the unified diff of
what `--diff` would write."""

from __future__ import annotations

import difflib
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path


class FileChanged(Exception):
    """The file's bytes changed between reading and writing: someone else is editing it."""


class WriteError(Exception):
    """The fixed file could not be written; the message is one line naming the file."""


def write_atomically(path: Path, data: bytes, original: bytes) -> None:
    """Replace `path` by `data` through a temporary file in its folder, keeping its mode;
    FileChanged if its bytes are no longer `original`, WriteError if it cannot be written."""
    target = Path(os.path.realpath(path))  # a symlink stays a symlink to the fixed file
    try:
        status = target.stat()
        if not os.access(target, os.W_OK):
            raise WriteError(f"{path}: cannot write the fixes: the file is read-only")
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".fclint-fix",
                                             dir=target.parent)
    except OSError as error:
        raise WriteError(f"{path}: cannot write the fixes: {error.strerror or error}") from None
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, stat.S_IMODE(status.st_mode))
        if hasattr(os, "geteuid") and status.st_uid != os.geteuid():
            _keep_owner(temporary, status)
        if current_bytes(target) != original:  # as late as possible: just before the swap
            raise FileChanged(str(path))
        os.replace(temporary, target)
    except BaseException as error:
        _remove(temporary)
        if isinstance(error, OSError):
            raise WriteError(f"{path}: cannot write the fixes: {error.strerror or error}") from None
        raise


def current_bytes(path: Path) -> bytes | None:
    """The file's bytes now (a seam for tests that simulate a concurrent edit)."""
    try:
        return path.read_bytes()
    except OSError:
        return None


def _keep_owner(path: str, status: os.stat_result) -> None:
    """Root fixing a user's file must not hand it to root; others cannot give files away."""
    try:
        os.chown(path, status.st_uid, status.st_gid)
    except OSError:
        pass


def _remove(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def unified_diff(path: str, before: bytes, after: bytes) -> Iterator[str]:
    """A unified diff of two versions of a file, as `diff -u` and `git apply` read it."""
    old, new = _lines(before), _lines(after)
    for line in difflib.unified_diff(old, new, fromfile=f"a/{path}", tofile=f"b/{path}"):
        if line.endswith("\n"):
            yield line
        else:  # the file's last line has no newline
            yield line + "\n\\ No newline at end of file\n"


def _lines(data: bytes) -> list[str]:
    """Lines as `diff` sees them: split at LF only (a CR, form feed or U+2028 is text)."""
    parts = data.decode("utf-8", "replace").split("\n")
    return [part + "\n" for part in parts[:-1]] + ([parts[-1]] if parts[-1] else [])
