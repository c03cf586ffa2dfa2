"""The JSON Schemas in `schemas/`, and validation against them.

jsonschema-rs answers "is this valid?" in about a microsecond, so clean files never pay for
python-jsonschema, whose errors (keyword, path, branch context) are used only to report.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from fclint.kinds import Kind

_PACKAGED = Path(__file__).parent / "schemas"
_SOURCE_TREE = Path(__file__).parent.parent / "schemas"


def schema_dir() -> Path:
    """Where the schemas are: inside the installed package, or the source tree (editable)."""
    return _PACKAGED if _PACKAGED.is_dir() else _SOURCE_TREE


def schema_names() -> list[str]:
    return sorted(p.name.removesuffix(".schema.json") for p in schema_dir().glob("*.schema.json"))


@cache
def load_schema(name: str) -> dict[str, Any]:
    path = schema_dir() / f"{name}.schema.json"
    return json.loads(path.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def schema_text(name: str) -> str:
    return (schema_dir() / f"{name}.schema.json").read_text(encoding="utf-8")


@cache
def _fast_validator(kind: Kind) -> Any:
    import jsonschema_rs

    return jsonschema_rs.validator_for(load_schema(kind.value))


@cache
def _full_validator(kind: Kind) -> Any:
    import jsonschema  # type: ignore[import-untyped]  # no stubs are installed with it

    return jsonschema.Draft202012Validator(load_schema(kind.value))


def derived_validator(schema: dict[str, Any]) -> Any:
    """A validator for a schema derived from the bundled ones (fclint.fastpath's), for
    `valid`. It runs on the standard regex engine: linear time, and a derived pattern has no
    lookaround."""
    import jsonschema_rs

    return jsonschema_rs.validator_for(schema, pattern_options=jsonschema_rs.RegexOptions())


def valid(validator: Any, data: Any) -> bool:
    """Whether `data` passes `validator`; False for what it cannot read (numbers beyond 64
    bits, lone surrogates, NaN and infinity), which the full validator then judges."""
    try:
        return bool(validator.is_valid(data)) and json_numbers(data)
    except (ValueError, OverflowError):
        return False


def json_numbers(data: Any) -> bool:
    """Whether every number in `data` is one JSON can hold. jsonschema-rs reads YAML's `.nan`
    and `.inf` (and Terraform's overflowing numbers) as null: it would call them valid where
    null is, and report them as None. A walk of the values, without recursion: a fifth of the
    cost of `json.dumps(data, allow_nan=False)`, which it replaced (it ran for every file)."""
    stack = [data]
    while stack:
        value = stack.pop()
        kind = type(value)
        if kind is dict:
            stack.extend(value.values())
        elif kind is list:
            stack.extend(value)
        elif kind is float and not -math.inf < value < math.inf:  # NaN compares False too
            return False
    return True


def is_valid(kind: Kind, data: Any) -> bool:
    return valid(_fast_validator(kind), data)


@dataclass(frozen=True)
class SchemaError:
    """One keyword failure, with the attributes of python-jsonschema's errors that fclint uses."""

    validator: str
    validator_value: Any
    schema: dict[str, Any]
    instance: Any
    absolute_path: tuple[Any, ...]
    message: str


def errors(kind: Kind, data: Any) -> list[Any]:
    """Leaf validation errors, choosing for `oneOf`/`anyOf` the branch the data evidently meant.

    jsonschema-rs finds them some thirty times faster; python-jsonschema is asked only when a
    `oneOf`/`anyOf` needs its error context to pick a branch.
    """
    if is_valid(kind, data):
        return []
    if not json_numbers(data):
        return _full_errors(kind, data)
    schema = load_schema(kind.value)
    try:
        rs_errors = list(_fast_validator(kind).iter_errors(data))
    except (ValueError, OverflowError):  # lone surrogates, numbers past 64 bits
        return _full_errors(kind, data)
    found = []
    for error in rs_errors:
        path = list(error.schema_path)
        keyword = path[-1] if path else ""
        if keyword in ("oneOf", "anyOf") or not isinstance(keyword, str):
            return _full_errors(kind, data)
        holder: Any = schema
        for part in path[:-1]:
            holder = holder[part]
        found.append(SchemaError(keyword, holder.get(keyword), holder, error.instance,
                                 tuple(error.instance_path), error.message))
    return found


def _full_errors(kind: Kind, data: Any) -> list[Any]:
    found: list[Any] = []
    pending = list(_full_validator(kind).iter_errors(data))
    while pending:
        error = pending.pop()
        if error.validator in ("oneOf", "anyOf") and error.context:
            pending.extend(_best_branch(error.context))
        else:
            found.append(error)
    return found


def _best_branch(context: list[Any]) -> list[Any]:
    """The errors of the branch that got furthest: deepest errors first, then fewest of them."""
    branches: dict[Any, list[Any]] = {}
    for error in context:
        branches.setdefault(error.relative_schema_path[0], []).append(error)

    def fit(errors: list[Any]) -> tuple[int, int, int]:
        type_only = all(e.validator == "type" and not e.relative_path for e in errors)
        return (int(not type_only), max(len(e.relative_path) for e in errors), -len(errors))

    return max(branches.values(), key=fit)
