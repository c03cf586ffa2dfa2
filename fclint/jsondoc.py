"""JSON text to data, with its duplicate keys and its syntax errors in plain words.

The fast path is the C `json` decoder: most files are clean and never need positions. Only
when a finding must be located, or the text does not parse, is the file parsed again with
tree-sitter (fclint.jsonlocator), which gives every key and value a span and recovers what it
can from broken text.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from fclint.diagnostic import Finding, Pointer, Span
from fclint.jsonlocator import MAX_DEPTH, JsonLocator, parse_int
from fclint.source import LineIndex



class _DupDict(dict):  # type: ignore[type-arg]
    """A dict that remembers which of its keys were written more than once."""

    dup_keys: tuple[str, ...] = ()


class _Marks:
    """What the decoder saw while it ran, so clean files skip the walks that look for it."""

    duplicates = 0


def _pairs_hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) == len(pairs):
        return result
    _Marks.duplicates += 1
    seen: set[str] = set()
    dups = []
    for key, _ in pairs:
        if key in seen and key not in dups:
            dups.append(key)
        seen.add(key)
    marked = _DupDict(result)
    marked.dup_keys = tuple(dups)
    return marked


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON value")


# Made once: json.loads with hooks builds a decoder and its scanner on every call.
_DECODER = json.JSONDecoder(object_pairs_hook=_pairs_hook, parse_constant=_reject_constant)


_JSON_SPACE = " \t\n\r"


def _loads(text: str) -> Any:
    """json.loads, strict about constants; integers past Python's digit limit only on retry,
    so the common case pays for no Python callback per number.

    A whole text that is one value, space around it, is read with raw_decode alone (decode
    adds two regular expressions for the space); anything else, errors included, goes
    through decode, which words the error."""
    start = len(text) - len(text.lstrip(_JSON_SPACE))
    try:
        data, end = _DECODER.raw_decode(text, start)
        if end == len(text) or not text[end:].strip(_JSON_SPACE):
            return data
    except ValueError:
        pass
    try:
        return _DECODER.decode(text)
    except ValueError as error:
        if isinstance(error, json.JSONDecodeError) or "digits" not in str(error):
            raise
        return json.loads(text, object_pairs_hook=_pairs_hook, parse_constant=_reject_constant,
                          parse_int=parse_int)


@dataclass
class ParsedJson:
    """What a JSON text holds: data (None when nothing usable), duplicate keys and problems."""

    text: str
    data: Any
    duplicates: list[Pointer] = field(default_factory=list)
    problems: list[Finding] = field(default_factory=list)
    line_offset: int = 0
    _locator: JsonLocator | None = None

    @property
    def locator(self) -> JsonLocator:
        if self._locator is None:
            self._locator = JsonLocator(self.text, self.line_offset, with_values=False)
        return self._locator


def parse_json(text: str, line_offset: int = 0) -> ParsedJson:
    """Parse `text`; its line 1 is line `line_offset + 1` of the file it came from."""
    parsed = ParsedJson(text, None, line_offset=line_offset)
    duplicates_before = _Marks.duplicates
    try:
        data = _loads(text)
    except json.JSONDecodeError as error:
        at, why = plain_syntax_error(text, error)
        parsed.problems.append(_syntax(f"syntax error: {why}", text, at, line_offset))
        return _recover(parsed)
    except ValueError as error:  # NaN or Infinity: valid for Python, not JSON
        constant = str(error).split()[0]
        at = max(_find_constant(text, constant), 0)
        parsed.problems.append(_syntax(f"syntax error: {error}", text, at, line_offset))
        return _recover(parsed)
    except RecursionError:
        return _too_deep(parsed)
    if (text.count("{") + text.count("[") > MAX_DEPTH) and _depth(data) > MAX_DEPTH:
        return _too_deep(parsed)
    parsed.data = data
    if _Marks.duplicates != duplicates_before:
        parsed.duplicates = _duplicate_pointers(data)
    return parsed


def plain_syntax_error(text: str, error: json.JSONDecodeError) -> tuple[int, str]:
    """Where a JSON text goes wrong and why, in plain words and at the character at fault:
    Python's decoder says "Expecting property name enclosed in double quotes" at the `}` after
    a trailing comma, and the same for a comment."""
    at, found = error.pos, text[error.pos:error.pos + 2]
    before = len(text[:at].rstrip(_JSON_SPACE)) - 1  # the last character before the error
    if found in ("//", "/*"):
        return at, "comments are not allowed in JSON"
    if found[:1] in ("}", "]") and before >= 0 and text[before] == ",":
        return before, f"trailing comma: JSON allows no ',' before '{found[0]}'"
    if found[:1] == "'":
        return at, "strings take double quotes in JSON, not single quotes"
    if error.msg.startswith("Expecting property name") and found[:1].isalpha():
        key = re.match(r"[\w$-]+", text[at:])
        return at, f"keys are double-quoted strings in JSON: write \"{key.group() if key else ''}\""
    if error.msg == "Expecting ',' delimiter":
        if found[:1].isdigit() and before >= 0 and text[before] == "0":
            return before, "numbers have no leading zeros in JSON"
        return at, "a ',' is missing before this"
    if error.msg == "Expecting ':' delimiter":
        return at, "a ':' is missing after the key"
    if error.msg.startswith("Unterminated string"):
        return at, "this string has no closing double quote"
    if error.msg.startswith("Invalid control character"):
        return at, (f"{text[at]!r} cannot stand in a JSON string as it is: write it as an "
                    "escape (\\t, \\n)")
    if error.msg.startswith("Invalid \\escape"):
        return at, "this escape is not one of JSON's (\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)"
    if error.msg == "Extra data":
        return at, "more text after the end of the JSON value"
    if error.msg == "Expecting value":
        if at >= len(text.rstrip(_JSON_SPACE)):
            return at, "the text ends before the JSON value does"
        token = re.match(r"[^\s,\]}:]{1,40}", text[at:])
        return at, f"{token.group() if token else text[at]!r} is not a JSON value"
    return at, error.msg


def _find_constant(text: str, constant: str) -> int:
    """Where `constant` stands as a value (not inside a string): after ':', '[' or ','."""
    match = re.search(rf"[:\[,]\s*-?({re.escape(constant)})", text)
    return match.start(1) if match else text.find(constant)


def _syntax(message: str, text: str, at: int, line_offset: int) -> Finding:
    """A syntax error at offset `at`: on its character, or an empty span where the text or a
    line ends (`{"key"` and nothing more), which no character follows to underline."""
    index = LineIndex(text)
    span = index.point(*index.position(at))
    return Finding((), message, code="FC000", span=Span(span.line + line_offset, span.column,
                                                         span.end_line + line_offset,
                                                         span.end_column))


def _recover(parsed: ParsedJson) -> ParsedJson:
    locator = parsed._locator = JsonLocator(parsed.text, parsed.line_offset, with_values=True)
    if locator.too_deep is not None:
        return _too_deep(parsed)
    parsed.data = locator.data
    parsed.duplicates = list(locator.duplicate_spans)
    return parsed


def _too_deep(parsed: ParsedJson) -> ParsedJson:
    if parsed._locator is None or not parsed._locator.with_values:  # the walk finds the spot
        parsed._locator = JsonLocator(parsed.text, parsed.line_offset, with_values=True)
    span = parsed.locator.too_deep or Span(1, 1, 1, 2)
    parsed.problems.append(
        Finding((), f"nesting deeper than {MAX_DEPTH} levels; fclint does not check this file "
                "(an FC config is at most 4 levels deep)", code="FC090", span=span)
    )
    parsed.data = None
    return parsed


def _depth(data: Any) -> int:
    deepest = 0
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if depth > MAX_DEPTH:
            return depth
        deepest = max(deepest, depth)
        if isinstance(value, dict):
            stack.extend((v, depth + 1) for v in value.values())
        elif isinstance(value, list):
            stack.extend((v, depth + 1) for v in value)
    return deepest


def _duplicate_pointers(data: Any) -> list[Pointer]:
    found: list[Pointer] = []
    stack: list[tuple[Any, Pointer]] = [(data, ())]
    while stack:
        value, path = stack.pop()
        if isinstance(value, dict):
            if isinstance(value, _DupDict):
                found.extend(path + (key,) for key in value.dup_keys)
            stack.extend((v, path + (k,)) for k, v in value.items())
        elif isinstance(value, list):
            stack.extend((v, path + (i,)) for i, v in enumerate(value))
    return sorted(found, key=str)
