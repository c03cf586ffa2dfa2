"""The bar a Python dict display must pass to be read as an async-invoke config when no FC call
is seen to take it: keys spelled as the wire spells them, holding values of the body's types.

Set on real files (the numbers are in the commit that set it): AWS Lambda's
`DestinationConfig`/`MaximumRetryAttempts` (PascalCase), Huawei FunctionGraph's
`max_async_retry_attempts` (snake_case), other products' camelCase `destinationConfig` and key
tables with string values all stay below it; an FC body built for a raw API call passes it. A
dict in another case is still read where it is passed to an FC call (`python_calls`).
"""

from __future__ import annotations

import ast
import re

from fclint.kinds import CANONICAL_KEYS, squash, strong_key_for

# The body's keys, as the API spells them, and the type of what each holds.
BODY_TYPES = {
    "destinationConfig": "object",
    "maxAsyncEventAgeInSeconds": "integer",
    "maxAsyncRetryAttempts": "integer",
    "statefulInvocation": "boolean",
    "asyncTask": "boolean",
}
ENOUGH = 2  # keys of the body, each holding a value of its type (or one fclint cannot read)
_SIDES = frozenset({"onsuccess", "onfailure"})
_QUOTED_INTEGER = re.compile(r"[+-]?\d+")
_TYPE_NAMES = frozenset({"int", "bool", "str", "float", "dict", "list", "object", "type"})
_CAMEL = re.compile(r"[a-z][a-z0-9]*(?:[A-Z][a-z0-9]*)+")  # the API's style: maxAsyncRetryAttempts
# How near a camelCase key must be to count: slips (`maxRetryAttempts` 0.87, `asyncTasks` 0.95)
# do, other products' keys do not (`registrationConfig` 0.80, `destinationConfiguration` 0.83).
_NEAR = 0.85


def body_key(key: object) -> str | None:
    """The key of the body that `key` is: as the API writes it, or in its camelCase and one
    slip away (`maxAsyncRetryAttempt`: FC001 says so); None for another case
    (`MaximumRetryAttempts`, `max_async_retry_attempts`), which other APIs use."""
    if not isinstance(key, str):
        return None
    if key in BODY_TYPES:
        return key
    return strong_key_for(key, _NEAR) if _CAMEL.fullmatch(key) else None


def worth_reading(node: ast.Dict) -> bool:
    """Cheap first look: a key of the body, or a List response's `configs`."""
    return any(isinstance(k, ast.Constant) and (k.value == "configs" or body_key(k.value))
               for k in node.keys)


def is_config(node: ast.Dict) -> bool:
    """Whether a dict display no FC call takes is still a config: `ENOUGH` keys of the body
    with values of its types, or a `destinationConfig` of the API's nested shape alone, or a
    List response holding such a config."""
    items = _items(node)
    configs = items.get("configs")
    if isinstance(configs, ast.List) and "destinationConfig" not in items:
        return any(isinstance(e, ast.Dict) and is_config(e) for e in configs.elts)
    if _destination_shape(items.get("destinationConfig")):
        return True
    if any(_foreign(key) for key in items):
        return False
    keys = ((body_key(k), v) for k, v in items.items())
    return sum(_holds(BODY_TYPES[k], v) for k, v in keys if k is not None) >= ENOUGH


def _foreign(key: str) -> bool:
    """A key of no FC body, nor one slip from one (`region`, `changed`, `timeout`): a dict
    holding one is a table of something else (a CSV row of settings, a log record, a merged
    defaults table) that holds the body's fields among its own, not a body."""
    return key.lower() not in CANONICAL_KEYS and body_key(key) is None


def _items(node: ast.Dict) -> dict[str, ast.expr]:
    return {k.value: v for k, v in zip(node.keys, node.values)
            if isinstance(k, ast.Constant) and isinstance(k.value, str)}


def _holds(expected: str, value: ast.expr) -> bool:
    """Whether `value` is of the `expected` JSON type, written wrongly in the way people do
    (`"3"`, `"true"`: what FC004 is for), or an expression fclint does not read (a name, a
    call); not a string naming something, a type, a list."""
    if isinstance(value, ast.Name):
        return value.id not in _TYPE_NAMES
    if isinstance(value, ast.UnaryOp) and isinstance(value.operand, ast.Constant):
        return expected == "integer" and type(value.operand.value) is int
    if isinstance(value, ast.Constant):
        literal = value.value
        if literal is None:  # responses hold null leaves
            return True
        if expected == "integer":
            return type(literal) is int or (
                isinstance(literal, str) and _QUOTED_INTEGER.fullmatch(literal.strip()) is not None)
        if expected == "boolean":
            return isinstance(literal, bool) or (
                isinstance(literal, str) and literal.strip().lower() in ("true", "false"))
        return False
    if isinstance(value, ast.Dict):
        keys = [squash(k) for k in _items(value)]
        return expected == "object" and all(k in _SIDES for k in keys)
    return not isinstance(value, (ast.List, ast.Tuple, ast.Set, ast.JoinedStr, ast.Lambda,
                                  ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp))


def _destination_shape(value: ast.expr | None) -> bool:
    """`{"onSuccess": {"destination": ...}, "onFailure": {...}}`: unmistakable on its own."""
    if not isinstance(value, ast.Dict) or not value.keys:
        return False
    sides = _items(value)
    if len(sides) != len(value.keys) or not all(squash(k) in _SIDES for k in sides):
        return False
    return all(isinstance(side, ast.Dict) and "destination" in {squash(k) for k in _items(side)}
               for side in sides.values())
