"""Completion in YAML: the keys and values of an API body written as YAML or of a Serverless
Devs `s.yaml` async block, the cursor and its config found by `yaml_cursor`."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from fclint.config import Settings
from fclint.diagnostic import Span
from fclint.lsp.completion_items import Item, key_item, missing_keys, value_items, value_snippet
from fclint.lsp.yaml_cursor import Target, YamlPlace, place, root_keys
from fclint.lsp.yaml_cursor import target as config_target


def completions(text: str, line: int, column: int, settings: Settings) -> Iterator[Item]:
    """Completions at 1-based `line` and code-point `column` of a YAML text."""
    found = place(text, line, column)
    if found is None:
        return
    roots = root_keys(text, line)
    where = config_target(found.path, roots, settings.api_generation, allow_empty=True)
    if where is None:
        return
    span = Span(line, found.start + 1, line, found.end + 1)
    if found.role == "key":
        yield from _keys(where, found, span)
    else:
        yield from _values(where, found, span, settings)


def _keys(where: Target, found: YamlPlace, span: Span) -> Iterator[Item]:
    devs_fc2 = where.form == "devs-fc2"
    present = set(found.keys)
    if devs_fc2 and where.pointer == () and present & {"destination", "destinationConfig"}:
        present |= {"destinationConfig"}
    for key, child, target in missing_keys(where.kind, where.pointer, present):
        name = "destination" if devs_fc2 and key == "destinationConfig" else key
        if devs_fc2 and where.pointer == ("destinationConfig",):
            value, plain = "$1", ""  # the FC 2.0 component takes the ARN itself
        else:
            value, plain = _value_snippet(key, target)
        if found.has_colon:
            snippet = text = name
        else:
            joint = ":" if value.startswith("\n") else ": "
            snippet, text = f"{name}{joint}{value}", f"{name}{joint}{plain}"
        yield key_item(where.kind, key, child, target, name, snippet, text.rstrip(), span)


def _value_snippet(key: str, target: dict[str, Any]) -> tuple[str, str]:
    """A key's value as a YAML snippet and as plain text; a mapping goes on the next lines,
    indented relative to the key (clients adjust the rest of the snippet's indentation)."""
    types = target.get("type")
    kind = types[0] if isinstance(types, list) else types
    if kind in ("boolean", "integer", "array"):
        return value_snippet(key, target)
    if kind == "string":
        return ("${1:LATEST}", "LATEST") if key == "qualifier" else ("$1", "")
    if list(target.get("properties", {})) == ["destination"]:
        return "\n  destination: $1", "\n  destination: "
    return "\n  $0", "\n  "


def _values(where: Target, found: YamlPlace, span: Span,
            settings: Settings) -> Iterator[Item]:
    key = found.key or ""
    if where.form == "devs-fc2":  # destination: {onSuccess: ARN, onFailure: ARN}
        arn = where.pointer == ("destinationConfig",) and key in ("onSuccess", "onFailure")
    else:
        arn = key == "destination"
    yield from value_items(where.kind, where.pointer + (key,), span, settings, arn=arn,
                           qualifier=key == "qualifier", lead=found.space, quote=found.quote,
                           qualifier_quote="")
