"""What JSON and YAML completion both offer: the `Item` value, the keys an object lacks, the
values a key takes (booleans, ARN templates for the known regions, qualifiers) and their tables."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from fclint.config import Settings
from fclint.diagnostic import Pointer, Span
from fclint.kinds import Kind
from fclint.lsp.docs import EN, meaning
from fclint.lsp.hover import resolved, schema_node
from fclint.names import FC2_REGIONS, FC3_REGIONS

QUALIFIERS = ("LATEST",)
QUALIFIER_DOC = "The function's latest code; or a version number or an alias name."
# Defaults the schemas do not state: the Chinese request table's 86400 for the event age.
DEFAULTS = {"maxAsyncEventAgeInSeconds": 86400}

# Each destination service: label, template with {region} and {account} placeholders numbered
# from 3, and which generations it serves.
ARN_TEMPLATES = (
    ("MNS queue", "acs:mns:{region}:{account}:/queues/${{3:queue}}/messages", (2, 3)),
    ("MNS topic", "acs:mns:{region}:{account}:/topics/${{3:topic}}/messages", (2, 3)),
    ("FC 2.0 function",
     "acs:fc:{region}:{account}:services/${{3:service}}.${{4:LATEST}}/functions/${{5:function}}",
     (2,)),
    ("FC 3.0 function", "acs:fc:{region}:{account}:functions/${{3:function}}", (3,)),
    ("EventBridge event bus", "acs:eventbridge:{region}:{account}:eventbus/${{3:default}}",
     (2, 3)),
    ("ApsaraMQ for RocketMQ topic",
     "acs:mq:{region}:{account}:/instances/${{3:instance}}/topic/${{4:topic}}", (2, 3)),
)


@dataclass(frozen=True)
class Item:
    """One completion: `snippet` in LSP snippet syntax, `plain` for clients without snippets;
    both replace `span` (1-based code points, end exclusive)."""

    label: str
    snippet: str
    plain: str
    span: Span
    kind: str  # "property", "value" or "arn"
    detail: str = ""
    documentation: str = ""


def missing_keys(kind: Kind, pointer: Pointer,
                 present: set[str]) -> Iterator[tuple[str, dict[str, Any], dict[str, Any]]]:
    """Each key the schema gives the object at `pointer` and `present` lacks: the key, its
    schema and that schema with its `$ref` followed."""
    node = schema_node(kind, pointer)
    if node is None:
        return
    for key, child in resolved(kind, node).get("properties", {}).items():
        if key not in present and isinstance(child, dict):
            yield key, child, resolved(kind, child)


def key_item(kind: Kind, key: str, child: dict[str, Any], target: dict[str, Any],
             label: str, snippet: str, plain: str, span: Span) -> Item:
    """The item of a key, with its type and what it means, as the API document (or fclint)
    says, else as the schema does."""
    types = target.get("type")
    detail = " | ".join(types) if isinstance(types, list) else str(types or "object")
    documentation = meaning(key, EN, kind.generation) or child.get("description", "")
    return Item(label=label, snippet=snippet, plain=plain, span=span, kind="property",
                detail=detail, documentation=documentation)


def value_snippet(key: str, target: dict[str, Any]) -> tuple[str, str]:
    """A key's value in JSON, as a snippet and as plain text."""
    types = target.get("type")
    kind = types[0] if isinstance(types, list) else types
    if kind == "boolean":
        return "${1|true,false|}", "false"
    if kind == "integer":
        default = target.get("default", DEFAULTS.get(key, target.get("minimum", 0)))
        return f"${{1:{default}}}", str(default)
    if kind == "string":
        if key == "qualifier":
            return '"${1:LATEST}"', '"LATEST"'
        return '"$1"', '""'
    if kind == "array":
        return "[$0]", "[]"
    properties = target.get("properties", {})
    if list(properties) == ["destination"]:
        return '{"destination": "$1"}', '{"destination": ""}'
    return "{$0}", "{}"


def value_items(kind: Kind, pointer: Pointer, span: Span, settings: Settings, *, arn: bool,
                qualifier: bool, lead: str = "", quote: str = '"',
                qualifier_quote: str = '"') -> Iterator[Item]:
    """The values offered at `pointer`: `true` and `false` where the schema takes a boolean,
    the ARN templates where `arn`, the qualifiers where `qualifier`; each written after `lead`,
    an ARN between `quote`s and a qualifier between `qualifier_quote`s."""
    node = schema_node(kind, pointer)
    target = resolved(kind, node) if node is not None else {}
    types = target.get("type")
    if "boolean" in (types if isinstance(types, list) else [types]):
        for value in ("true", "false"):
            yield Item(value, lead + value, lead + value, span, "value", "boolean")
    if arn:
        yield from _arn_items(kind, span, settings, lead, quote)
    if qualifier:
        for name in QUALIFIERS:
            text = f"{lead}{qualifier_quote}{name}{qualifier_quote}"
            yield Item(name, text, text, span, "value", "qualifier", QUALIFIER_DOC)


def regions(kind: Kind, settings: Settings) -> list[str]:
    """The regions FC serves for the body's generation; the configured region first."""
    known = sorted(FC3_REGIONS if kind.generation == 3 else FC2_REGIONS)
    if settings.region in known:
        known.remove(settings.region)
        known.insert(0, settings.region)
    return known


def _arn_items(kind: Kind, span: Span, settings: Settings, lead: str = "",
               quote: str = '"') -> Iterator[Item]:
    """An ARN template for each destination service of the body's generation, written after
    `lead` between `quote`s: a choice of the regions, then the account, then the names."""
    names = regions(kind, settings)
    account = settings.account_id or "accountId"
    choice = "${1|" + ",".join(names) + "|}"
    for label, template, generations in ARN_TEMPLATES:
        if kind.generation not in generations:
            continue
        snippet = template.format(region=choice, account=f"${{2:{account}}}")
        plain = _unsnippet(template.format(region=names[0], account=account))
        yield Item(label=f"{label} ARN", snippet=f"{lead}{quote}{snippet}{quote}",
                   plain=f"{lead}{quote}{plain}{quote}", span=span, kind="arn",
                   detail=plain, documentation="Regions: " + ", ".join(names))


def _unsnippet(text: str) -> str:
    """`${3:queue}` -> `queue`."""
    out, i = [], 0
    while i < len(text):
        if text.startswith("${", i):
            close = text.index("}", i)
            out.append(text[i + 2:close].split(":", 1)[-1])
            i = close + 1
        else:
            out.append(text[i])
            i += 1
    return "".join(out)
