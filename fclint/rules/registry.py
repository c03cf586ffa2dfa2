"""The rule registry: every rule's code, kebab name, default severity, docs and check."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from fclint.diagnostic import Finding, FixKind, Severity

if TYPE_CHECKING:
    from fclint.document import Document

Check = Callable[["Document"], Iterable[Finding]]
CODE = re.compile(r"FC\d{3}")
SECTIONS = ("What it does", "Why is this bad?", "Example", "Use instead")
DOCS = Path(__file__).parent / "docs"  # one Markdown file a rule, its four sections


@dataclass(frozen=True, eq=False)  # one object per code: identity is equality, and hashes fast
class Rule:
    """A registered rule: its code, kebab name, default severity, check and docs."""

    code: str
    name: str
    severity: Severity
    check: Check
    docstring: str  # the check's own: the first sentence of its docs
    keywords: tuple[str, ...] = ()
    fix: FixKind | None = None  # the kind of fix the rule's findings carry, if any
    # What a document must have for the check to find anything (one of Document.traits): a
    # front end's problems, an origin such as an .http request or a Terraform resource, or
    # "engine" for a code the engine reports from the whole file. The engine skips the check
    # on other documents, instead of calling it to learn that it has nothing to say.
    needs: str | None = None
    # The top-level keys of a request body that the check reads; None: the whole document.
    # On a plain body, a rule none of whose keys the fast path's strict schema objects to has
    # nothing to report (fclint.fastpath.dirty_keys), and the engine does not call it.
    reads: tuple[str, ...] | None = None

    @property
    def fixable(self) -> bool:
        """Whether `fclint check --fix` fixes it: its fixes are certain."""
        return self.fix is FixKind.CERTAIN

    @cached_property
    def doc(self) -> str:
        """The rule's documentation, `docs/CODE.md` beside this module, read when asked for
        (`fclint rule CODE`, the editor's hover, SARIF), never at start-up."""
        return (DOCS / f"{self.code}.md").read_text(encoding="utf-8")

    @property
    def summary(self) -> str:
        """The first sentence of 'What it does'."""
        body = self.section("What it does").split("\n\n")[0].replace("\n", " ").strip()
        first, dot, _ = body.partition(". ")
        return first + "." if dot else body

    def section(self, title: str) -> str:
        match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", self.doc, re.M | re.S)
        return match.group(1).strip() if match else ""


RULES: dict[str, Rule] = {}


def rule(
    code: str, severity: Severity, *, keywords: tuple[str, ...] = (), fix: FixKind | None = None,
    needs: str | None = None, reads: tuple[str, ...] | None = None,
) -> Callable[[Check], Check]:
    """Register a check; its function name, with '-' for '_', is the rule's kebab name."""

    def register(check: Check) -> Check:
        if code in RULES:
            raise ValueError(f"rule code {code} registered twice")
        RULES[code] = Rule(
            code, check.__name__.replace("_", "-"), severity, check, check.__doc__ or "", keywords,
            fix, needs, reads,
        )
        return check

    return register


def by_name_or_code(key: str) -> Rule | None:
    key = key.strip()
    if key.upper() in RULES:
        return RULES[key.upper()]
    return next((r for r in RULES.values() if r.name == key), None)
