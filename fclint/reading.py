"""Reading a file's bytes, bounded whatever `stat` says: a device, FIFO or socket is refused at
once, and an endless file (under /proc) or stream stops one byte past the size limit."""

from __future__ import annotations

import errno
import os
import stat
from typing import Any


class NotRegularFile(OSError):
    """A path that names a device, FIFO or socket: reading it could block or never end."""


_KINDS = ((stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
          (stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket"), (stat.S_ISDIR, "a folder"))


def not_regular(mode: int) -> NotRegularFile:
    what = next((name for test, name in _KINDS if test(mode)), "not a file")
    hint = "; to lint a stream, pipe it to `fclint check -`" if what in ("a FIFO", "a character device") else ""
    return NotRegularFile(f"not a regular file ({what}){hint}")


def read_file(path: str | os.PathLike[str], limit: int) -> tuple[bytes, int | None]:
    """The bytes of a regular file, at most `limit + 1` of them whatever `stat` says (a file
    under /proc says 0), and its size when it is larger than what was read (None when it is
    not known). Two system calls for a small file: a buffered file object costs more than
    the read itself. The file is opened without blocking, so that a FIFO put in its place
    after the folder walk is refused, not waited on."""
    try:
        fd = os.open(path, os.O_RDONLY | _NONBLOCK | _NOCTTY)
    except OSError as error:
        if error.errno == errno.ENXIO:  # a socket, or a device with nothing behind it
            raise not_regular(os.stat(path).st_mode) from None
        raise
    try:
        status = os.fstat(fd)
        if not stat.S_ISREG(status.st_mode):
            raise not_regular(status.st_mode)
        size = status.st_size
        # A file sized 0 may be a /proc file, read in whole blocks (pagemap's are 8 bytes).
        first = os.read(fd, min(size, limit) + 1 if size else _CHUNK)
        if size > limit:
            return first, size
        if 0 < len(first) <= size:  # all of it: a regular file that did not grow
            return first, None
        chunks, total = [first], len(first)
        while chunks[-1] and total <= limit:  # a file that grew, or /proc's, sized 0
            chunks.append(os.read(fd, _CHUNK))
            total += len(chunks[-1])
        return b"".join(chunks)[: limit + 1], None
    finally:
        os.close(fd)


_CHUNK = 1 << 16
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_NOCTTY = getattr(os, "O_NOCTTY", 0)


def read_stream(stream: Any, limit: int) -> bytes:
    """At most `limit + 1` bytes of a stream (standard input), so an endless one ends."""
    chunks, total = [], 0
    while total <= limit:
        chunk = stream.read(min(1 << 20, limit + 1 - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    return b"".join(chunks)
