"""All rules, registered by importing their modules; `RULES` maps each code to its rule."""

from fclint.rules import (  # noqa: F401
    destinations, function, http, keys, project, schema, syntax, terraform, values, yaml_formats,
)
from fclint.rules.registry import RULES, Rule, by_name_or_code

__all__ = ["RULES", "Rule", "by_name_or_code"]
