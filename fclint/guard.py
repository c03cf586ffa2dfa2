"""The one guard around each file's work: whatever goes wrong while one file is read, parsed,
linted or fixed becomes that file's FC090 finding, naming the exception, and the run goes on.

Every front end (the CLI, its worker processes, the language server, the magic) lints through
the engine's entry points, which catch here, so none of them can lose the other files'
findings to one file no one foresaw. `--debug` turns the guard off to show the traceback.
"""

from __future__ import annotations

from fclint.timelimit import FileTimeout

debug = False  # set by `fclint --debug`: let the exception through, traceback and all
FAILED = "the file was not checked: "  # how a failure's message starts (no cache keeps one)


def absorb(error: Exception) -> str:
    """Take one file's failure in: the message of its FC090 finding. Re-raised instead under
    `--debug`, and when it is the file's time budget running out (the caller reports that)."""
    if debug or isinstance(error, FileTimeout):
        raise error
    detail = str(error).splitlines()[0][:200] if str(error).strip() else ""
    what = f"{type(error).__name__}: {detail}" if detail else type(error).__name__
    if isinstance(error, MemoryError):
        why = "fclint ran out of memory on it"
    elif isinstance(error, RecursionError):
        why = "it nests too deeply for fclint to read"
    else:
        why = "fclint failed on it"
    return (f"{FAILED}{why} ({what}); run with --debug for the traceback, and please report it")
