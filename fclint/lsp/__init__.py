"""`fclint lsp`: a language server over stdio, a thin adapter over `fclint.engine`.

pygls and lsprotocol are imported only below this package, and only once `main()` runs, so the
command line never loads them.
"""

from __future__ import annotations

import sys

_LSP_PACKAGES = ("pygls", "lsprotocol", "cattrs", "attrs")


def main() -> int:
    """Serve LSP over stdin/stdout until the client says exit."""
    try:
        from fclint.lsp.server import server
    except ImportError as error:
        missing = (error.name or "").split(".")[0]
        if missing not in _LSP_PACKAGES:
            raise
        print(f"fclint: error: the language server needs {missing}: "
              "pip install 'fclint[lsp]'", file=sys.stderr)
        return 2
    server.start_io()
    return 0
