"""The options that `fclint check` and the `%%fclint` magic line share, and the settings
overrides they make: read once here, so that a notebook cell and the command line agree, and
neither front end imports the other."""

from __future__ import annotations

import argparse
from collections.abc import Iterable
from typing import Any

from fclint.config import API_VERSIONS, EVENT_AGE_CAPS, ConfigError, settings_from_table
from fclint.errors import UsageError
from fclint.kinds import Kind

MAGIC = "%%fclint"
FORMATS = ("json", "yaml", "python")  # how a %%fclint cell may be written
# (option's attribute, the configuration file's key) for the settings options
_SETTINGS = (("select", "select"), ("ignore", "ignore"), ("max_event_age", "max-event-age"),
             ("api_version", "api-version"), ("region", "region"), ("account_id", "account-id"))
_FIELDS = {"select": "select", "ignore": "ignore", "max-event-age": "max_event_age",
           "api-version": "api_version", "region": "region", "account-id": "account_id",
           "severity": "severity"}


def overrides(args: argparse.Namespace, known_codes: Iterable[str]) -> dict[str, Any]:
    """The settings the options give, validated like the configuration file's (raises
    ConfigError); `known_codes` are the rule codes that `--select` and the like may name."""
    table: dict[str, Any] = {}
    for option, key in _SETTINGS:
        if getattr(args, option) is not None:
            table[key] = getattr(args, option)
    if args.severity:
        levels = {}
        for item in args.severity:
            code, sep, level = item.partition("=")
            if not sep:
                raise UsageError(f"--severity {item!r}: expected CODE=LEVEL")
            levels[code.strip()] = level.strip()
        table["severity"] = levels
    parsed = settings_from_table(table, "command line", frozenset(known_codes))
    return {_FIELDS[key]: getattr(parsed, _FIELDS[key]) for key in table}


class MagicLineError(ValueError):
    """Options on a `%%fclint` line that the command line would refuse too."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> Any:
        raise MagicLineError(message)


def magic_parser() -> argparse.ArgumentParser:
    """The options of `%%fclint`, spelled as `fclint check` spells them."""
    parser = _Parser(prog=MAGIC, add_help=False)
    parser.add_argument("--kind", choices=[k.value for k in Kind])
    parser.add_argument("--format", choices=FORMATS, dest="body_format",
                        help="how the cell is written (guessed when not given)")
    parser.add_argument("--select")
    parser.add_argument("--ignore")
    parser.add_argument("--severity", action="append", metavar="CODE=LEVEL", default=[])
    parser.add_argument("--max-event-age", type=int, choices=EVENT_AGE_CAPS)
    parser.add_argument("--api-version", choices=API_VERSIONS)
    parser.add_argument("--region")
    parser.add_argument("--account-id")
    return parser


def parse_magic_line(line: str, known_codes: Iterable[str]) -> tuple[argparse.Namespace,
                                                                      dict[str, Any]]:
    """The options of a magic line, and the settings overrides they make."""
    try:
        import shlex  # only the magic's line needs it

        args = magic_parser().parse_args(shlex.split(line))
        return args, overrides(args, known_codes)
    except (ValueError, UsageError, ConfigError) as error:  # shlex: unclosed quotation
        raise MagicLineError(str(error)) from None
