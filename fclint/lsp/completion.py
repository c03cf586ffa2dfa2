"""Completion in JSON bodies: the keys valid at the cursor, `true`/`false`, ARN templates for
each destination service with the known regions, and qualifiers.

While the user types, the text rarely parses, so the cursor's place is found by a tolerant scan
of the text before it (strings, brackets, colons and commas, as vscode-json-languageservice's
scanner does) rather than by a parse: the scan always knows the chain of keys leading to the
cursor, however broken the rest is. The kind of body comes from the data tree-sitter recovers
(`JsonLocator`). Plain fclint values out; the server turns them into LSP items.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from fclint.config import Settings
from fclint.diagnostic import Pointer, Span
from fclint.jsondoc import JsonLocator
from fclint.kinds import Kind, detect
from fclint.lsp import docs, yaml_cursor
from fclint.lsp.hover import HTTP_SUFFIXES, resolved, schema_node
from fclint.names import FC2_REGIONS, FC3_REGIONS

QUALIFIERS = ("LATEST",)
# Defaults the schemas do not state: the Chinese request table's 86400 for the event age.
DEFAULTS = {"maxAsyncEventAgeInSeconds": 86400}


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


@dataclass
class _Frame:
    container: str  # "object" or "array"
    pointer: Pointer
    state: str = "key"  # objects: key, colon, value, after; arrays: value, after
    key: str | None = None  # the last key read in this object
    index: int = 0
    keys: set[str] = field(default_factory=set)


@dataclass
class Place:
    """Where the cursor is: in a key or a value of the object at `pointer`."""

    role: str  # "key" or "value"
    pointer: Pointer  # the enclosing object
    key: str | None  # for values: the key whose value it is
    start: int  # offset where the replaced text starts
    end: int  # offset where it ends (the cursor, or past a closing quote)
    quoted: bool  # the replaced text is a string with its quotes
    keys: set[str]  # keys the object already has
    has_colon: bool = False  # a key followed by its colon already: complete the name only
    root_keys: set[str] = field(default_factory=set)  # the top object's keys before the cursor


def place(text: str, offset: int) -> Place | None:
    """The cursor's place in a JSON text, or None outside any object or inside a literal that
    is not being typed."""
    stack: list[_Frame] = []
    i = 0
    string_start = -1
    while i < offset:
        char = text[i]
        if char == '"':
            end = _string_end(text, i)
            closed = end - 1 > i and text[end - 1] == '"'
            if end > offset or (end == offset and not closed):
                string_start = i  # the cursor is inside this string
                break
            _read_string(stack, text[i + 1:end - 1])
            i = end
            continue
        if char in "{[":
            pointer = _child_pointer(stack)
            stack.append(_Frame("object" if char == "{" else "array", pointer,
                                state="key" if char == "{" else "value"))
        elif char in "}]":
            if stack:
                stack.pop()
            if stack:
                stack[-1].state = "after"
        elif char == ":" and stack and stack[-1].container == "object":
            stack[-1].state = "value"
        elif char == ",":
            if stack and stack[-1].container == "object":
                stack[-1].state = "key"
            elif stack:
                stack[-1].index += 1
                stack[-1].state = "value"
        elif not char.isspace() and stack and stack[-1].state == "value":
            word_end = _word_end(text, i)
            if word_end >= offset:  # typing a literal: `tr|`
                return _value_place(stack, text, i, offset)
            stack[-1].state = "after"
            i = word_end
            continue
        i += 1
    if not stack or stack[-1].container != "object":
        return None
    found = _place_in(stack[-1], text, offset, string_start)
    if found is not None and stack[0].container == "object":
        found.root_keys = set(stack[0].keys)
    return found


def _place_in(frame: _Frame, text: str, offset: int, string_start: int) -> Place | None:
    keys = frame.keys | _later_keys(text, offset if string_start < 0 else
                                    _string_end(text, string_start))
    if string_start >= 0:
        end = _string_end(text, string_start)
        if frame.state == "key":
            end = end if text[end - 1:end] == '"' and end - 1 > string_start else offset
            colon = text[max(end, offset):max(end, offset) + 40].lstrip().startswith(":")
            return Place("key", frame.pointer, None, string_start, max(end, offset), True, keys,
                         colon)
        if frame.state == "value":
            close = end if text[end - 1:end] == '"' and end - 1 > string_start else offset
            return Place("value", frame.pointer, frame.key, string_start, max(close, offset),
                         True, keys)
        return None
    if frame.state == "key":
        return Place("key", frame.pointer, None, offset, offset, False, keys)
    if frame.state == "value":
        return Place("value", frame.pointer, frame.key, offset, offset, False, keys)
    return None


def _value_place(stack: list[_Frame], text: str, start: int, offset: int) -> Place | None:
    frame = stack[-1]
    if frame.container != "object":
        return None
    return Place("value", frame.pointer, frame.key, start, offset, False, set(frame.keys))


def _string_end(text: str, start: int) -> int:
    """The offset after the string opening at `start`; an unclosed string ends at its line."""
    i = start + 1
    while i < len(text):
        char = text[i]
        if char == "\\":
            i += 2
            continue
        if char == '"':
            return i + 1
        if char == "\n":
            return i
        i += 1
    return len(text)


def _word_end(text: str, start: int) -> int:
    i = start
    while i < len(text) and (text[i].isalnum() or text[i] in "+-._"):
        i += 1
    return max(i, start + 1)


def _read_string(stack: list[_Frame], value: str) -> None:
    if not stack:
        return
    frame = stack[-1]
    # A string where a colon or a comma should come follows a broken pair: read it as a key.
    if frame.container == "object" and frame.state in ("key", "colon", "after"):
        frame.key = value
        frame.keys.add(value)
        frame.state = "colon"
    elif frame.state == "value":
        frame.state = "after"


def _child_pointer(stack: list[_Frame]) -> Pointer:
    if not stack:
        return ()
    frame = stack[-1]
    if frame.container == "object":
        return frame.pointer + ((frame.key or ""),)
    return frame.pointer + (frame.index,)


def _later_keys(text: str, start: int) -> set[str]:
    """Keys of the enclosing object written after the cursor (depth 0 of the rest)."""
    keys: set[str] = set()
    depth, i = 0, start
    while i < len(text):
        char = text[i]
        if char == '"':
            end = _string_end(text, i)
            rest = text[end:end + 40].lstrip()
            if depth == 0 and rest.startswith(":"):  # values are never followed by a colon
                keys.add(text[i + 1:end - 1])
            i = end
            continue
        if char in "{[":
            depth += 1
        elif char in "}]":
            depth -= 1
            if depth < 0:
                break
        i += 1
    return keys


def completions(text: str, path: str, line: int, column: int,
                settings: Settings | None = None) -> list[Item]:
    """Completions at 1-based `line` and code-point `column` of a `.json`, `.http` or YAML
    text (a YAML API body or an `s.yaml` async block)."""
    settings = settings or Settings()
    if path.lower().endswith(yaml_cursor.YAML_SUFFIXES):
        return list(_yaml_completions(text, line, column, settings))
    for body, line_offset in _bodies(text, path):
        first, last = line_offset + 1, line_offset + body.count("\n") + 1
        if not first <= line <= last:
            continue
        lines = body.split("\n")
        offset = sum(len(row) + 1 for row in lines[: line - first]) + column - 1
        found = place(body, min(offset, len(body)))
        if found is None:
            return []
        kind = _kind(body, settings, found.root_keys)
        if kind is None:
            return []
        span = _span(lines, line_offset, found.start, found.end)
        if found.role == "key":
            return list(_keys(kind, found, span))
        return list(_values(kind, found, span, settings))
    return []


def _bodies(text: str, path: str) -> Iterator[tuple[str, int]]:
    lowered = path.lower()
    if lowered.endswith(HTTP_SUFFIXES):
        from fclint.formats import http_requests

        for request in http_requests.requests(text):
            if request.has_body:
                yield request.body, request.body_line - 1
    elif lowered.endswith(".json"):
        yield text, 0


def _kind(body: str, settings: Settings, root_keys: set[str]) -> Kind | None:
    """The body's kind, from the data tree-sitter recovers or else from the top-level keys the
    scan saw; a body with no keys yet is a request of the configured generation."""
    data = JsonLocator(body).data
    if not isinstance(data, dict):
        data = dict.fromkeys(root_keys)
    kind = detect(data, settings.api_generation)
    if kind is None and (data is None or data == {}):
        return Kind.FC3_REQUEST if settings.api_generation == 3 else Kind.FC2_REQUEST
    return kind


def _span(lines: list[str], line_offset: int, start: int, end: int) -> Span:
    def where(offset: int) -> tuple[int, int]:
        for number, row in enumerate(lines):
            if offset <= len(row):
                return number + 1 + line_offset, offset + 1
            offset -= len(row) + 1
        return len(lines) + line_offset, len(lines[-1]) + 1

    return Span(*where(start), *where(end))


def _keys(kind: Kind, found: Place, span: Span) -> Iterator[Item]:
    node = schema_node(kind, found.pointer)
    if node is None:
        return
    properties = resolved(kind, node).get("properties", {})
    for key, child in properties.items():
        if key in found.keys or not isinstance(child, dict):
            continue
        target = resolved(kind, child)
        value, plain = _value_snippet(key, target)
        description = docs.meaning(key, docs.EN, kind.generation) or child.get("description", "")
        if found.has_colon:
            value = plain = ""
        snippet, text = (f'"{key}"', f'"{key}"') if found.has_colon else \
            (f'"{key}": {value}', f'"{key}": {plain}')
        yield Item(label=key, snippet=snippet, plain=text, span=span, kind="property",
                   detail=_type_name(target), documentation=description)


def _value_snippet(key: str, target: dict[str, Any]) -> tuple[str, str]:
    """A key's value as a snippet and as plain text."""
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


def _type_name(target: dict[str, Any]) -> str:
    types = target.get("type")
    return " | ".join(types) if isinstance(types, list) else str(types or "object")


def _values(kind: Kind, found: Place, span: Span, settings: Settings) -> Iterator[Item]:
    if found.key is None:
        return
    node = schema_node(kind, found.pointer + (found.key,))
    target = resolved(kind, node) if node is not None else {}
    types = target.get("type")
    types = types if isinstance(types, list) else [types]
    if "boolean" in types:
        for value in ("true", "false"):
            yield Item(value, value, value, span, "value", "boolean")
    if found.key == "destination":
        yield from _arn_templates(kind, found, span, settings)
    if found.key == "qualifier":
        for qualifier in QUALIFIERS:
            text = f'"{qualifier}"'
            yield Item(qualifier, text, text, span, "value", "qualifier",
                       "The function's latest code; or a version number or an alias name.")


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


def regions(kind: Kind, settings: Settings) -> list[str]:
    """The regions FC serves for the body's generation; the configured region first."""
    known = sorted(FC3_REGIONS if kind.generation == 3 else FC2_REGIONS)
    if settings.region in known:
        known.remove(settings.region)
        known.insert(0, settings.region)
    return known


def _arn_templates(kind: Kind, found: Place, span: Span, settings: Settings) -> Iterator[Item]:
    names = regions(kind, settings)
    account = settings.account_id or "accountId"
    choice = "${1|" + ",".join(names) + "|}"
    for label, template, generations in ARN_TEMPLATES:
        if kind.generation not in generations:
            continue
        snippet = template.format(region=choice, account=f"${{2:{account}}}")
        plain = _unsnippet(template.format(region=names[0], account=account))
        quote = '"'
        yield Item(label=f"{label} ARN", snippet=f"{quote}{snippet}{quote}",
                   plain=f"{quote}{plain}{quote}", span=span, kind="arn",
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


# --- YAML -------------------------------------------------------------------------------------

def _yaml_completions(text: str, line: int, column: int, settings: Settings) -> Iterator[Item]:
    found = yaml_cursor.place(text, line, column)
    if found is None:
        return
    roots = yaml_cursor.root_keys(text, line)
    where = yaml_cursor.target(found.path, roots, settings.api_generation, allow_empty=True)
    if where is None:
        return
    span = Span(line, found.start + 1, line, found.end + 1)
    if found.role == "key":
        yield from _yaml_keys(where, found, span)
    else:
        yield from _yaml_values(where, found, span, settings)


def _yaml_keys(where: yaml_cursor.Target, found: yaml_cursor.YamlPlace,
               span: Span) -> Iterator[Item]:
    kind = where.kind
    node = schema_node(kind, where.pointer)
    if node is None:
        return
    devs_fc2 = where.form == "devs-fc2"
    present = set(found.keys)
    if devs_fc2 and where.pointer == () and present & {"destination", "destinationConfig"}:
        present |= {"destinationConfig"}
    for key, child in resolved(kind, node).get("properties", {}).items():
        if key in present or not isinstance(child, dict):
            continue
        target = resolved(kind, child)
        description = docs.meaning(key, docs.EN, kind.generation) or child.get("description", "")
        name = "destination" if devs_fc2 and key == "destinationConfig" else key
        if devs_fc2 and where.pointer == ("destinationConfig",):
            value, plain = "$1", ""  # the FC 2.0 component takes the ARN itself
        else:
            value, plain = _yaml_value_snippet(key, target)
        if found.has_colon:
            snippet = text = name
        else:
            joint = ":" if value.startswith("\n") else ": "
            snippet, text = f"{name}{joint}{value}", f"{name}{joint}{plain}"
        yield Item(label=name, snippet=snippet, plain=text.rstrip(), span=span, kind="property",
                   detail=_type_name(target), documentation=description)


def _yaml_value_snippet(key: str, target: dict[str, Any]) -> tuple[str, str]:
    """A key's value as a YAML snippet and as plain text; a mapping goes on the next lines,
    indented relative to the key (clients adjust the rest of the snippet's indentation)."""
    types = target.get("type")
    kind = types[0] if isinstance(types, list) else types
    if kind in ("boolean", "integer", "array"):
        return _value_snippet(key, target)
    if kind == "string":
        return ("${1:LATEST}", "LATEST") if key == "qualifier" else ("$1", "")
    if list(target.get("properties", {})) == ["destination"]:
        return "\n  destination: $1", "\n  destination: "
    return "\n  $0", "\n  "


def _yaml_values(where: yaml_cursor.Target, found: yaml_cursor.YamlPlace, span: Span,
                 settings: Settings) -> Iterator[Item]:
    kind, key = where.kind, found.key or ""
    node = schema_node(kind, where.pointer + (key,))
    target = resolved(kind, node) if node is not None else {}
    types = target.get("type")
    types = types if isinstance(types, list) else [types]
    space = found.space
    if "boolean" in types:
        for value in ("true", "false"):
            yield Item(value, space + value, space + value, span, "value", "boolean")
    if where.form == "devs-fc2":  # destination: {onSuccess: ARN, onFailure: ARN}
        arn = where.pointer == ("destinationConfig",) and key in ("onSuccess", "onFailure")
    else:
        arn = key == "destination"
    if arn:
        for item in _arn_templates(kind, None, span, settings):  # type: ignore[arg-type]
            quote = found.quote
            yield Item(item.label, space + quote + item.snippet[1:-1] + quote,
                       space + quote + item.plain[1:-1] + quote, span, item.kind, item.detail,
                       item.documentation)
    if key == "qualifier":
        for qualifier in QUALIFIERS:
            yield Item(qualifier, space + qualifier, space + qualifier, span, "value",
                       "qualifier",
                       "The function's latest code; or a version number or an alias name.")
