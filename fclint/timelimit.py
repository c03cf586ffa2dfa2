"""A wall-clock budget per file. Every parser and rule of fclint is linear, so no real file comes
near it; it is the guarantee that a file no one foresaw ends in a finding, not a hang."""

from __future__ import annotations

import signal
import threading
import time

SECONDS_PER_FILE = 10.0
_NEVER = float("inf")


def exceeded() -> str:
    """The FC090 message of a file past its budget, in `fclint check` and the language server."""
    return (f"checking the file took longer than {SECONDS_PER_FILE:g} s; fclint stopped and "
            "does not check it")


class FileTimeout(Exception):
    """Checking one file took longer than its budget."""


class Budget:
    """Raise FileTimeout when one file's check passes `seconds`.

    `arm()` before each file sets a deadline on the monotonic clock (no system call: a timer
    re-armed per file cost more than reading the file). One interval timer ticks a few times
    a second for the whole run, and its handler stops the file whose deadline has passed, so a
    file is stopped between `seconds` and `seconds` plus a tick. Off the main thread, where
    signals cannot reach, and without interval timers, it does nothing."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.tick = min(0.5, seconds / 4)
        self.deadline = _NEVER
        self.active = (threading.current_thread() is threading.main_thread()
                       and hasattr(signal, "setitimer"))

    def __enter__(self) -> Budget:
        if self.active:
            self.previous = signal.signal(signal.SIGALRM, self._expire)
            signal.setitimer(signal.ITIMER_REAL, self.tick, self.tick)
        return self

    def arm(self) -> None:
        self.deadline = time.monotonic() + self.seconds

    def disarm(self) -> None:
        """The file is done: nothing between files can time out."""
        self.deadline = _NEVER

    def _expire(self, signum: int, frame: object) -> None:
        if time.monotonic() > self.deadline:
            self.deadline = _NEVER  # one timeout per file
            raise FileTimeout

    def __exit__(self, *exc: object) -> None:
        if self.active:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self.previous)
