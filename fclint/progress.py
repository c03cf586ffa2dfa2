"""A progress line on a long run: `fclint: 4,200/10,000 files, 318 findings` on stderr, written
over itself and gone when the run ends. Only where a person watches (stderr is a terminal, not
a CI log), and only once the run is long: hundreds of files, or more than a second."""

from __future__ import annotations

import os
import time
from typing import TextIO

MANY_FILES = 200  # a run of this many files shows its progress at once
LONG = 1.0  # seconds after which any run shows it
EVERY = 0.1  # seconds between two updates of the line


def wanted(stream: TextIO, quiet: bool) -> bool:
    """Whether to show progress on `stream`: a terminal, outside CI, unless asked for quiet."""
    if quiet or os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


class Progress:
    """Counts files and findings as the run goes, and redraws the line now and then."""

    def __init__(self, total: int, stream: TextIO) -> None:
        self.total = total
        self.stream = stream
        self.files = 0
        self.findings = 0
        self.started = time.monotonic()
        self.drawn = 0.0
        self.shown = False

    def advance(self, files: int, findings: int) -> None:
        self.files += files
        self.findings += findings
        now = time.monotonic()
        if now - self.drawn < EVERY or (self.total < MANY_FILES and now - self.started < LONG):
            return
        self.drawn = now
        self.shown = True
        noun = "finding" if self.findings == 1 else "findings"
        self._write(f"\rfclint: {self.files:,}/{self.total:,} files, {self.findings:,} {noun}"
                    "\033[K")

    def finish(self) -> None:
        """Erase the line, so that what follows starts on a clean one."""
        if self.shown:
            self._write("\r\033[K")
            self.shown = False

    def _write(self, text: str) -> None:
        try:
            self.stream.write(text)
            self.stream.flush()
        except (OSError, ValueError):  # the terminal went away: progress is not worth an error
            self.shown = False
