"""A wall-clock budget per file. Every parser and rule of fclint is linear, so no real file comes
near it; it is the guarantee that a file no one foresaw ends in a finding, not a hang."""

from __future__ import annotations

import signal
import threading

SECONDS_PER_FILE = 10.0


class FileTimeout(Exception):
    """Checking one file took longer than its budget."""


def _expire(signum: int, frame: object) -> None:
    raise FileTimeout


class Budget:
    """Raise FileTimeout when one file's check passes `seconds`: arm the timer before each file,
    disarm it once at the end (re-arming replaces the previous timer, so one system call per
    file). Off the main thread, where signals cannot reach, and without interval timers, it
    does nothing."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.active = (threading.current_thread() is threading.main_thread()
                       and hasattr(signal, "setitimer"))

    def __enter__(self) -> Budget:
        if self.active:
            self.previous = signal.signal(signal.SIGALRM, _expire)
        return self

    def arm(self) -> None:
        if self.active:
            signal.setitimer(signal.ITIMER_REAL, self.seconds)

    def __exit__(self, *exc: object) -> None:
        if self.active:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self.previous)
