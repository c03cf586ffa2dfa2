"""All rules, registered by importing their modules; `RULES` maps each code to its rule.

The rule modules (and the schemas and parsers they bring) are imported the first time `RULES`,
`Rule` or `by_name_or_code` is asked for, not with the package: a run answered from the result
cache needs only the rule codes, which `codes()` reads from the rule docs, one file a rule."""

from __future__ import annotations

import os
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # what `__getattr__` gives, for the type checker
    from fclint.rules.registry import RULES, Rule, by_name_or_code

__all__ = ["RULES", "Rule", "by_name_or_code", "codes"]
_REGISTRY = ("RULES", "Rule", "by_name_or_code")


@cache
def codes() -> frozenset[str]:
    """Every rule's code: the names of the docs in rules/docs/ (the registry's test holds
    them to be the registry's codes)."""
    docs = os.path.join(os.path.dirname(__file__), "docs")
    return frozenset(name[:-3] for name in os.listdir(docs) if name.endswith(".md"))


def __getattr__(name: str) -> Any:
    if name not in _REGISTRY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from fclint.rules import (  # noqa: F401
        destinations, function, http, invocations, keys, operations, project, schema, syntax,
        terraform, values, yaml_formats,
    )
    from fclint.rules import registry

    found = {attribute: getattr(registry, attribute) for attribute in _REGISTRY}
    globals().update(found)
    return found[name]
