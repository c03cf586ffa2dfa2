"""`fclint rules`, `fclint rule CODE` and `fclint schema [NAME]`."""

from __future__ import annotations

import argparse
import json
import sys

from fclint import schemas
from fclint.diagnostic import FixKind
from fclint.errors import UsageError
from fclint.rules import RULES, by_name_or_code


def run_rules(args: argparse.Namespace) -> int:
    rules = sorted(RULES.values(), key=lambda r: r.code)
    if args.format == "json":
        json.dump([{"code": r.code, "name": r.name, "severity": str(r.severity),
                    "fixable": r.fixable, "fix": r.fix.value if r.fix else None,
                    "summary": r.summary, "docs": r.doc} for r in rules],
                  sys.stdout, indent=2, ensure_ascii=False)
        print()
    elif args.format == "markdown":
        print(rules_table())
    else:
        width = max(len(r.name) for r in rules)
        for r in rules:
            fix = r.fix.value if r.fix else ""
            print(f"{r.code}  {r.name:<{width}}  {str(r.severity):<7}  {fix:<7}  {r.summary}")
    return 0


def rules_table() -> str:
    """The README's rules table, generated from the registry."""
    lines = ["| code | name | severity | fix | what it checks |", "| --- | --- | --- | --- | --- |"]
    for r in sorted(RULES.values(), key=lambda r: r.code):
        summary = r.summary.replace("|", "\\|")
        lines.append(f"| {r.code} | {r.name} | {r.severity} | {r.fix.value if r.fix else ''} | {summary} |")
    return "\n".join(lines)


FIX_KINDS = {
    FixKind.CERTAIN: "fix: certain (`fclint check --fix` applies it; the editor offers it "
                     "as the preferred quick fix)",
    FixKind.CHOICE: "fix: a choice (the editor offers it, naming the choice; `fclint check "
                    "--fix` never applies it)",
    None: "no fix",
}


def run_rule(args: argparse.Namespace) -> int:
    found = by_name_or_code(args.code)
    if found is None:
        raise UsageError(f"no rule {args.code!r}; `fclint rules` lists them")
    print(f"# {found.name} ({found.code})\n\nDefault severity: {found.severity}; "
          f"{FIX_KINDS[found.fix]}.\n")
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
