"""Set-up for fclint's own processes (the command line, the language server), never done when
fclint is imported as a library, e.g. by the IPython magic inside a user's kernel."""

from __future__ import annotations

import sys

# Optional format checkers that python-jsonschema imports when it finds them installed, and that
# fclint never uses (it checks no `format`). `rfc3987_syntax`, which Jupyter's stack brings in,
# builds its grammars at import: 1.6 s on every run that reads a notebook (nbformat imports
# jsonschema). Marking it absent makes jsonschema skip that checker.
_UNUSED_FORMAT_CHECKERS = ("rfc3987_syntax",)


def prepare() -> None:
    for name in _UNUSED_FORMAT_CHECKERS:
        sys.modules.setdefault(name, None)  # type: ignore[arg-type]
