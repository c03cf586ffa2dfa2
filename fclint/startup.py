"""Set-up for fclint's own processes (the command line, the language server), never done when
fclint is imported as a library, e.g. by the IPython magic inside a user's kernel."""

from __future__ import annotations

import gc
import sys

# Optional format checkers that python-jsonschema imports when it finds them installed, and that
# fclint never uses (it checks no `format`). `rfc3987_syntax`, which Jupyter's stack brings in,
# builds its grammars at import: 1.6 s on every run that reads a notebook (nbformat imports
# jsonschema). Marking it absent makes jsonschema skip that checker.
_UNUSED_FORMAT_CHECKERS = ("rfc3987_syntax",)


def prepare() -> None:
    for name in _UNUSED_FORMAT_CHECKERS:
        sys.modules.setdefault(name, None)  # type: ignore[arg-type]


class NoCycleCollection:
    """Hold off the cyclic garbage collector while a lint runs, in fclint's own processes.

    A lint allocates a burst of short-lived objects (a YAML file's nodes); each burst set off
    collections of the older generations, which walked everything a long-lived process holds:
    a 5,000-line s.yaml took 50 to 240 ms by chance, 40 ms without them. Reference counting
    still frees the lint's garbage; the collector runs again as usual afterwards.
    """

    def __enter__(self) -> None:
        self.was_enabled = gc.isenabled()
        gc.disable()

    def __exit__(self, *exc: object) -> None:
        if self.was_enabled:
            gc.enable()
