"""What a hover shows: the meaning, type, range and default of the key under the cursor (from
the schema and from what each API document says, in the client's language), or the parts of the
`acs:` ARN under it. Plain fclint values in and out; the server turns them into LSP types."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from fclint.arn import Arn, parse_arn
from fclint.diagnostic import Pointer, Span
from fclint.document import value_at
from fclint.formats import http_requests as http_format
from fclint.jsondoc import JsonLocator
from fclint.kinds import CANONICAL_KEYS, Kind, detect, squash
from fclint.lsp.docs import (
    EN,
    FC2_REQUEST,
    KIND_TITLES_ZH,
    OWN_MEANINGS,
    TYPES_ZH,
    ZH,
    documents_table,
    meaning,
    word,
)
from fclint.lsp.yaml_cursor import YAML_SUFFIXES, key_at, root_keys
from fclint.lsp.yaml_cursor import target as config_target
from fclint.schemas import load_schema

HTTP_SUFFIXES = (".http", ".rest")
ARN_KINDS = {  # kind -> (what the ARN names, what its name part is called)
    "mns-queue": ("an MNS queue", "queue"),
    "mns-topic": ("an MNS topic", "topic"),
    "fc2": ("an FC 2.0 function", "function"),
    "fc3": ("an FC 3.0 function", "function"),
    "eventbridge": ("an EventBridge event bus", "event bus"),
    "rocketmq": ("an ApsaraMQ for RocketMQ topic", "topic"),
}


@dataclass(frozen=True)
class HoverText:
    markdown: str
    span: Span


def hover(text: str, path: str, line: int, column: int, lang: str = EN) -> HoverText | None:
    """The hover at 1-based `line` and code-point `column` of a `.json` or `.http` text, in
    `lang` (`docs.EN` or `docs.ZH`); in YAML, on the keys of an API body or an `s.yaml` async
    block."""
    if path.lower().endswith(YAML_SUFFIXES):
        return _yaml_hover(text, line, column, lang)
    for locator in _locators(text, path):
        for pointer, (key_span, value_span) in locator.spans.items():
            if key_span is not None and _contains(key_span, line, column):
                markdown = _key_markdown(locator.data, pointer, lang)
                return HoverText(markdown, key_span) if markdown else None
            if _contains(value_span, line, column):
                value = value_at(locator.data, pointer)
                if isinstance(value, str) and (arn := parse_arn(value)) is not None:
                    return HoverText(_arn_markdown(arn), value_span)
    return None


def _locators(text: str, path: str) -> Iterator[JsonLocator]:
    if not path.lower().endswith(HTTP_SUFFIXES + (".json",)):
        return
    if not path.lower().endswith(HTTP_SUFFIXES):
        yield JsonLocator(text)
        return
    for request in http_format.requests(text):
        if request.has_body:
            body, _ = http_format.mask_templates(request.body)
            yield JsonLocator(body, request.body_line - 1)


def _contains(span: Span, line: int, column: int) -> bool:
    return (span.line, span.column) <= (line, column) < (span.end_line, span.end_column)


def _yaml_hover(text: str, line: int, column: int, lang: str) -> HoverText | None:
    found = key_at(text, line, column)
    if found is None:
        return None
    path, start, end = found
    where = config_target(path[:-1], root_keys(text, line))
    if where is None:
        return None
    key = path[-1]
    if where.form == "devs-fc2" and where.pointer == () and key == "destination":
        key = "destinationConfig"  # the FC 2.0 component's name for it
    # The FC 2.0 component takes the destination ARN itself: `onSuccess: acs:...`.
    arn = where.form == "devs-fc2" and where.pointer == ("destinationConfig",)
    markdown = key_markdown(where.kind, where.pointer + (key,), lang, name=path[-1],
                            value_type="string" if arn else None)
    return HoverText(markdown, Span(line, start + 1, line, end + 1)) if markdown else None


def _key_markdown(data: Any, pointer: Pointer, lang: str) -> str | None:
    kind = detect(data)
    if kind is None:
        return None
    return key_markdown(kind, pointer, lang)


def key_markdown(kind: Kind, pointer: Pointer, lang: str, name: str | None = None,
                 value_type: str | None = None) -> str | None:
    """The hover of the key at `pointer` of a body of `kind`, shown as `name` (the key as
    written, by default the pointer's last part); `value_type` overrides the schema's type
    where a tool's form differs from the API's."""
    if not pointer:
        return None
    node = schema_node(kind, pointer)
    if node is None:
        return None
    schema = load_schema(kind.value)
    target = _resolve(schema, node)
    if value_type is not None:
        target = {**target, "type": value_type}
    written = str(pointer[-1])
    name = name or written
    canonical = written if written in OWN_MEANINGS or written in FC2_REQUEST \
        else CANONICAL_KEYS.get(squash(written), written)
    description = (meaning(canonical, lang, kind.generation)
                   or node.get("description") or target.get("description"))
    if not description:
        return None
    facts = _facts(target, lang)
    title = kind.title if lang == EN else KIND_TITLES_ZH[kind.value]
    head = f"**{name}**" + (f" ({facts})" if facts else "") + f" · {title}"
    parts = [head, description]
    if kind.generation == 2 and len(pointer) == 1 and not kind.is_list:
        table = documents_table(canonical, lang)
        if table:
            parts.append(table)
    return "\n\n".join(parts)


def schema_node(kind: Kind, pointer: Pointer) -> dict[str, Any] | None:
    """The schema of the value at `pointer` in a body of `kind` (unresolved), or None."""
    schema = load_schema(kind.value)
    node: dict[str, Any] | None = schema
    for part in pointer:
        node = _child(schema, node, part) if node is not None else None
    return node


def resolved(kind: Kind, node: dict[str, Any]) -> dict[str, Any]:
    """`node` with its `$ref` followed."""
    return _resolve(load_schema(kind.value), node)


def _child(schema: dict[str, Any], node: dict[str, Any], part: str | int) -> dict[str, Any] | None:
    node = _resolve(schema, node)
    if isinstance(part, int):
        items = node.get("items")
        return items if isinstance(items, dict) else None
    properties = node.get("properties", {})
    key = part if part in properties else CANONICAL_KEYS.get(squash(part))
    found = properties.get(key) if key else None
    return found if isinstance(found, dict) else None


def _resolve(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    for _ in range(8):  # our schemas chain at most one $ref; the bound only guards a loop
        ref = node.get("$ref")
        if not isinstance(ref, str) or not ref.startswith("#/"):
            break
        target: Any = schema
        for part in ref[2:].split("/"):
            target = target.get(part, {}) if isinstance(target, dict) else {}
        node = target
    return node


def _facts(node: dict[str, Any], lang: str = EN) -> str:
    types = node.get("type")
    names = types if isinstance(types, list) else [types] if types else []
    if lang == ZH:
        names = [TYPES_ZH.get(str(t), str(t)) for t in names]
    facts = [(" or " if lang == EN else "或").join(str(t) for t in names)] if names else []
    if "minimum" in node and "maximum" in node:
        facts.append(f"{node['minimum']} {word(lang, 'to')} {node['maximum']}")
    if "default" in node:
        facts.append(f"{word(lang, 'default')} {node['default']}")
    return ", ".join(facts)


def _arn_markdown(arn: Arn) -> str:
    what, name_label = ARN_KINDS.get(arn.kind or "", ("", "name"))
    rows = [("service", arn.service), ("region", arn.region), ("account", arn.account),
            ("resource", arn.resource)]
    if arn.kind == "fc2":
        rows.append(("FC service", arn.service_name))
    if arn.kind == "rocketmq":
        rows.append(("instance", arn.instance))
    if arn.kind:
        rows.append((name_label, arn.name))
    if arn.qualifier is not None:
        rows.append(("qualifier", arn.qualifier))
    table = "\n".join(f"| {label} | {_cell(value)} |" for label, value in rows)
    title = f"**acs: ARN** of {what}" if what else "**acs: ARN** (no destination form recognised)"
    return f"{title}\n\n| part | value |\n| --- | --- |\n{table}"


def _cell(value: str) -> str:
    return f"`{value}`".replace("|", "\\|") if value else "*(empty)*"

