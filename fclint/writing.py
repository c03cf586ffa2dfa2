"""Writing a fixed file: atomically, through a temporary file in its folder, keeping its mode and
owner (in place, after a synced copy, when it has other hard links), and never over a file whose
bytes changed since they were read; and the unified diff of what `--diff` would write."""

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


class _CopyKept(WriteError):
    """Writing into the file failed after the fixed text was saved beside it; that copy stays."""


def write_atomically(path: Path, data: bytes, original: bytes) -> None:
    """Replace `path` by `data` through a temporary file in its folder, keeping its mode;
    FileChanged if its bytes are no longer `original`, WriteError if it cannot be written.
    A file with other hard links is written in place instead (`_write_through`), so that
    every name sees the fix."""
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
        if status.st_nlink > 1:
            _write_through(target, data, temporary, path)
            return
        os.replace(temporary, target)
    except BaseException as error:
        if not isinstance(error, _CopyKept):
            _remove(temporary)
        if isinstance(error, OSError):
            raise WriteError(f"{path}: cannot write the fixes: {error.strerror or error}") from None
        raise


def _write_through(target: Path, data: bytes, temporary: str, path: Path) -> None:
    """Write `data` into the file itself, for a file with other hard links: a rename would
    give `path` a new inode and leave the other names on the old text. This cannot be atomic:
    the fixed text is first written whole and synced to `temporary`, so that if the copy into
    the file fails halfway, the error names where the complete text is (kept, not removed)."""
    try:
        descriptor = os.open(target, os.O_WRONLY)
        try:
            written, view = 0, memoryview(data)
            while written < len(data):  # os.write may write less than asked
                written += os.write(descriptor, view[written:])
            os.ftruncate(descriptor, len(data))  # after the write: never shorter than the fix
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
    except OSError as error:
        raise _CopyKept(f"{path}: cannot write the fixes into the file (it has other hard "
                         f"links): {error.strerror or error}; the fixed text is in {temporary}"
                         ) from None
    _remove(temporary)


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
