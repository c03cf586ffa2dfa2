"""`fclint rules`, `fclint rule CODE` and `fclint schema [NAME]`."""

from __future__ import annotations

import argparse
import json
import sys

from fclint import schemas
from fclint.cli import UsageError
from fclint.rules import RULES, by_name_or_code


def run_rules(args: argparse.Namespace) -> int:
    rules = sorted(RULES.values(), key=lambda r: r.code)
    if args.format == "json":
        json.dump([{"code": r.code, "name": r.name, "severity": str(r.severity),
                    "fixable": r.fixable, "summary": r.summary, "docs": r.doc} for r in rules],
                  sys.stdout, indent=2, ensure_ascii=False)
        print()
    elif args.format == "markdown":
        print(rules_table())
    else:
        width = max(len(r.name) for r in rules)
        for r in rules:
            fix = "fix" if r.fixable else "   "
            print(f"{r.code}  {r.name:<{width}}  {str(r.severity):<7}  {fix}  {r.summary}")
    return 0


def rules_table() -> str:
    """The README's rules table, generated from the registry."""
    lines = ["| code | name | severity | fix | what it checks |", "| --- | --- | --- | --- | --- |"]
    for r in sorted(RULES.values(), key=lambda r: r.code):
        summary = r.summary.replace("|", "\\|")
        lines.append(f"| {r.code} | {r.name} | {r.severity} | {'yes' if r.fixable else ''} | {summary} |")
    return "\n".join(lines)


def run_rule(args: argparse.Namespace) -> int:
    found = by_name_or_code(args.code)
    if found is None:
        raise UsageError(f"no rule {args.code!r}; `fclint rules` lists them")
    fix = "a certain fix is offered" if found.fixable else "no automatic fix"
    print(f"# {found.name} ({found.code})\n\nDefault severity: {found.severity}; {fix}.\n")
    print(found.doc)
    return 0


def run_schema(args: argparse.Namespace) -> int:
    names = schemas.schema_names()
    if args.name is None:
        for name in names:
            print(f"{name}\t{schemas.load_schema(name).get('title', '')}")
        return 0
    name = args.name.removesuffix(".schema.json")
    if name not in names:
        raise UsageError(f"no schema {args.name!r}; choose one of {', '.join(names)}")
    sys.stdout.write(schemas.schema_text(name))
    return 0
