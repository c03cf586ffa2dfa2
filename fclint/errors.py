"""What the front ends share about failing: the exit statuses of a run, and the usage error that
ends one with a single line, raised wherever options are read (the command line, a magic line)."""

from __future__ import annotations

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class UsageError(Exception):
    """Wrong use of the command line (or of `%%fclint`'s options): one line, exit 2."""
