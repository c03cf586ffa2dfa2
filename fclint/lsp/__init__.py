"""`fclint lsp`: a language server over stdio (or `--tcp HOST:PORT`), a thin adapter over
`fclint.engine`.

pygls and lsprotocol are imported only below this package, and only once `main()` runs, so the
command line never loads them.
"""

from __future__ import annotations

import argparse
import gc
import sys

from fclint import startup

_LSP_PACKAGES = ("pygls", "lsprotocol", "cattrs", "attrs")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="fclint lsp", description="the fclint language server")
    transport = parser.add_mutually_exclusive_group()
    transport.add_argument("--tcp", metavar="HOST:PORT", type=_address,
                           help="serve one client on a TCP socket instead of stdio")
    # What editors' clients add on their own: vscode-languageclient passes --stdio and
    # --clientProcessId for some transports.
    transport.add_argument("--stdio", action="store_true", help="serve over stdio (the default)")
    parser.add_argument("--clientProcessId", type=int, metavar="PID",
                        help="exit when this process ends (as initialize's processId does)")
    return parser


def _address(text: str) -> tuple[str, int]:
    """`HOST:PORT`, `[::1]:PORT` or `:PORT` (loopback)."""
    host, colon, port = text.rpartition(":")
    if not colon or not port.isdigit() or not 0 < int(port) < 65536:
        raise argparse.ArgumentTypeError(f"{text!r} is not HOST:PORT")
    host = host.strip("[]") or "127.0.0.1"
    return host, int(port)


def main(argv: list[str] | None = None) -> int:
    """Serve LSP until the client says exit. `argv` holds the server's own options; without it,
    they are read from the command line, skipping a leading `lsp` (the `fclint lsp` form)."""
    startup.prepare()
    parser = build_parser()
    if argv is None:
        args, _ = parser.parse_known_args(sys.argv[1:])
    else:
        try:
            args = parser.parse_args(argv)
        except SystemExit as exit_:
            return int(exit_.code or 0)
    try:
        from fclint.lsp.server import server
    except ImportError as error:
        missing = (error.name or "").split(".")[0]
        if missing not in _LSP_PACKAGES:
            raise
        print(f"fclint: error: the language server needs {missing}, which this installation "
              "of fclint lacks; install fclint again (from a checkout: pip install .)",
              file=sys.stderr)
        return 2
    server.watched_pid = args.clientProcessId
    gc.enable()  # a server runs for hours: it collects cycles, whatever launched it
    if args.tcp is not None:
        from fclint.lsp import transport

        host, port = args.tcp
        try:
            connection = transport.accept_one(host, port)
        except OSError as error:  # in use, not this machine's, a name that does not resolve
            print(f"fclint: error: cannot listen on {transport.address(host, port)}: "
                  f"{transport.reason(error)}", file=sys.stderr)
            return 2
        except KeyboardInterrupt:
            return 130
        server.start_connection(connection)
    else:
        server.start_io()
    code = getattr(server.protocol, "exit_code", None)
    return 0 if code is None else code  # `exit` without `shutdown`: 1
