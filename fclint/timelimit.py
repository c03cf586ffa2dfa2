"""A wall-clock budget per file. Every parser and rule of fclint is linear, so no real file comes
near it; it is the guarantee that a file no one foresaw ends in a finding, not a hang."""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

SECONDS_PER_FILE = 10.0


class FileTimeout(Exception):
    """Checking one file took longer than its budget."""


def _expire(signum: int, frame: object) -> None:
    raise FileTimeout


@contextmanager
def budget(seconds: float) -> Iterator[None]:
    """Raise FileTimeout inside the block after `seconds`; a no-op off the main thread (where
    signals cannot reach) and on platforms without interval timers. The handler is installed
    once per process: per file, only the timer is set, which costs a microsecond."""
    global _installed
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return
    if not _installed:
        signal.signal(signal.SIGALRM, _expire)
        _installed = True
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)


_installed = False
