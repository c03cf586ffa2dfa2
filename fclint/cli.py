"""The `fclint` command line: check files, explain rules, print schemas."""

from __future__ import annotations

import argparse
import gc
import os
import sys
from typing import Any

from fclint import guard, startup
from fclint.version import __version__
from fclint.config import API_VERSIONS, EVENT_AGE_CAPS, ConfigError
from fclint.errors import EXIT_ERROR, EXIT_OK, UsageError

class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> Any:  # argparse would print usage; one line is clearer
        raise UsageError(message)


def build_parser() -> argparse.ArgumentParser:
    from fclint.kinds import Kind
    from fclint.report import FORMAT_NAMES

    parser = _Parser(prog="fclint", description=__doc__)
    parser.add_argument("--version", action="version", version=f"fclint {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks of internal errors")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    check = commands.add_parser("check", help="lint files and folders")
    check.add_argument("paths", nargs="*", default=["."], metavar="PATH",
                       help="files or folders to lint; '-' reads standard input")
    check.add_argument("--format", choices=FORMAT_NAMES, default="text")
    check.add_argument("-o", "--output", metavar="FILE", help="write the report to FILE")
    check.add_argument("--kind", choices=[k.value for k in Kind], help="lint as this kind of body")
    check.add_argument("--stdin-filename", metavar="NAME", help="the name of standard input")
    check.add_argument("--select", help="only these rule codes or prefixes (comma-separated)")
    check.add_argument("--ignore", help="skip these rule codes or prefixes (comma-separated)")
    check.add_argument("--severity", action="append", metavar="CODE=LEVEL", default=[],
                       help="re-grade a rule: error, warning or info (repeatable)")
    check.add_argument("--max-event-age", type=int, choices=EVENT_AGE_CAPS,
                       help="the FC 2.0 event-age cap to enforce (604800 or 2592000)")
    check.add_argument("--api-version", choices=API_VERSIONS)
    check.add_argument("--region", help="the functions' home region")
    check.add_argument("--account-id", help="the functions' account id")
    check.add_argument("--config", metavar="FILE", help="use this configuration file only")
    check.add_argument("--isolated", action="store_true", help="ignore configuration files")
    check.add_argument("--fail-on", choices=("error", "warning", "info"), default="error",
                       help="the least severity that makes the exit status 1")
    check.add_argument("--exit-zero", action="store_true", help="exit 0 even with findings")
    check.add_argument("--jobs", type=int, metavar="N", help="processes to use (default: cores)")
    check.add_argument("--baseline", metavar="FILE",
                       help="do not report the findings recorded in FILE (a baseline); new "
                            "ones are reported")
    check.add_argument("--write-baseline", metavar="FILE",
                       help="record every finding in FILE as the baseline, then report only "
                            "what it cannot hide (rules marked not-suppressible)")

    check.add_argument("--no-cache", action="store_true",
                       help="lint every file again; neither read nor write the result cache")
    check.add_argument("--cache-dir", metavar="DIR",
                       help="keep the result cache in DIR (default: $FCLINT_CACHE_DIR, else "
                            ".fclint_cache at the project root)")
    check.add_argument("-q", "--quiet", action="store_true",
                       help="no progress line on long runs (it is only ever shown on a terminal)")
    check.add_argument("--fix", action="store_true",
                       help="apply the certain fixes and write the files; report what remains")
    check.add_argument("--diff", action="store_true",
                       help="print a unified diff of what --fix would change; write nothing "
                            "(exit 1 when there is something to fix)")

    rules = commands.add_parser("rules", help="list the rules")
    rules.add_argument("--format", choices=("text", "json", "markdown"), default="text")
    rule = commands.add_parser("rule", help="explain a rule")
    rule.add_argument("code", metavar="CODE", help="a rule code (FC006) or name")
    clean = commands.add_parser("clean", help="remove the result cache")
    clean.add_argument("--cache-dir", metavar="DIR", help="the cache folder to remove")
    schema = commands.add_parser("schema", help="print a JSON Schema (or list them)")
    schema.add_argument("name", nargs="?", metavar="NAME")
    commands.add_parser("lsp", help="run the language server over stdio, or on a socket with "
                        "--tcp HOST:PORT")
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    startup.prepare()
    if argv[:1] == ["lsp"]:  # the server parses its own options: --tcp HOST:PORT, --stdio, ...
        from fclint.lsp import main as lsp_main

        return lsp_main(argv[1:])
    debug = guard.debug = "--debug" in argv
    try:
        args = build_parser().parse_args(argv)
        return _dispatch(args)
    except UsageError as error:
        print(f"fclint: error: {error}", file=sys.stderr)
        return EXIT_ERROR
    except ConfigError as error:
        print(f"fclint: error: {error}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as error:  # one line, never a traceback, unless asked
        if debug:
            raise
        print(f"fclint: internal error: {type(error).__name__}: {error} (run with --debug for "
              "the traceback)", file=sys.stderr)
        return EXIT_ERROR


def entry() -> None:
    """The `fclint` command and `python -m fclint`: run, then leave at once. Tearing the
    interpreter down frees every object one by one, tens of milliseconds after a big run for
    nothing (mypy leaves the same way); the output is flushed first.

    For a command that ends when its work is done, the cyclic garbage collector stays off for
    the whole run, as it already is while files are linted (fclint.startup.NoCycleCollection):
    turned back on after 10,000 files, its first pass walked every finding and result still
    held, for nothing, since the process ends straight after. Reference counting frees what a
    run lets go of. The language server, which runs for hours, keeps it."""
    if sys.argv[1:2] != ["lsp"]:
        gc.disable()
    code = main()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a reader gone, or closed (the language server's stdout)
            pass
    os._exit(code)


def _dispatch(args: argparse.Namespace) -> int:
    if args.command == "check":
        from fclint.commands.check import run_check

        return run_check(args)
    if args.command in ("rules", "rule", "schema"):
        from fclint.commands import info

        return int(getattr(info, f"run_{args.command}")(args))
    if args.command == "clean":
        from fclint.commands.clean import run_clean

        return run_clean(args)
    if args.command == "lsp":
        from fclint.lsp import main as lsp_main

        return lsp_main()
    build_parser().print_help()
    return EXIT_ERROR
