"""Bodies for the fuzz suite: values drawn from the JSON Schemas in `schemas/`, then made wrong
(wrong types, near-miss keys, the other generation's keys), written as JSON text, and mutated as
text and as bytes.

hypothesis-jsonschema is not used: it cannot resolve the schemas' `$defs` references (draft
2020-12 `"$ref": "#/$defs/..."` fails with "does not fetch remote references"), and the schemas
use a handful of keywords only (type, properties, additionalProperties, required, minimum,
maximum, items, $ref, examples, default), which `from_schema` below covers.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

SCHEMA_DIR = Path(__file__).resolve().parents[2] / "schemas"
SCHEMAS: dict[str, dict[str, Any]] = {
    path.name.removesuffix(".schema.json"): json.loads(path.read_text(encoding="utf-8"))
    for path in sorted(SCHEMA_DIR.glob("*.schema.json"))
}
KINDS = tuple(SCHEMAS)  # fc2-request, fc2-config, ...

# --- strings that matter to the rules -----------------------------------------------------

REGIONS = [
    "cn-hangzhou",
    "cn-shanghai",
    "cn-beijing",
    "ap-southeast-1",
    "us-west-1",
    "cn-xx",
    "",
    "{region}",
    "${vars.region}",
    "{{ region }}",
    "CN-HANGZHOU",
    "cn-hangzhou-internal",
]
ACCOUNTS = [
    "1234567890123456",
    "1986***743",
    "xxx",
    "",
    "<accountId>",
    "{uid}",
    "0",
    "12345678901234567890123",
    "${vars.uid}",
]
RESOURCES = [
    "/queues/q/messages",
    "/topics/t/messages",
    "/queues/q",
    "/queue/q/messages",
    "/queues/" + "q" * 121 + "/messages",
    "services/s/functions/f",
    "services/s.LATEST/functions/f",
    "services/s.latest/functions/f",
    "services/s.prod/functions/f",
    "services/s.1/functions/f",
    "services/s.0/functions/f",
    "services/a.b.c/functions/f",
    "services//functions/",
    "functions/f",
    "functions/f:prod",
    "functions/" + "f" * 65,
    "eventbus/default",
    "eventbus/eventbridge-reserved-x",
    "eventbus/" + "b" * 128,
    "/instances/i/topic/t",
    "/instances/ i/topic/t",
    "services/{please_replace_me}/functions/f",
    "services/s/functions/<fn>",
]
SERVICES = ["mns", "fc", "eventbridge", "mq", "oss", "", "MNS", "acs", "fc3"]


@st.composite
def arns(draw: st.DrawFn) -> str:
    service = draw(st.sampled_from(SERVICES) | st.text(max_size=4))
    region = draw(st.sampled_from(REGIONS) | st.text(max_size=6))
    account = draw(st.sampled_from(ACCOUNTS) | st.from_regex(r"\d{1,20}", fullmatch=True))
    resource = draw(st.sampled_from(RESOURCES) | st.text(max_size=20))
    parts = ["acs", service, region, account, resource]
    if draw(st.integers(0, 9)) == 0:  # a part missing, or one too many
        index = draw(st.integers(0, len(parts) - 1))
        parts.insert(index, parts[index]) if draw(st.booleans()) else parts.pop(index)
    return ":".join(parts)


odd_strings = st.sampled_from(
    [
        "",
        " ",
        "LATEST",
        "latest",
        "Latest",
        "1",
        "0",
        "prod",
        "-x",
        "a" * 200,
        "\ud800",
        "\udc00x",
        "\x00",
        "\u2028",
        "\r",
        "\n",
        "\t",
        "{{host}}",
        "${vars.x}",
        "%{x}",
        '"',
        "\\",
        "'",
        "1e999",
        "NaN",
        "true",
        "null",
        "9",
        "８",
        "٣",
        "¹",
        " 7 ",
        "\U0001f600",
        "\ufeff",
    ]
)
strings = st.one_of(arns(), odd_strings, st.text(max_size=30))
wrong_values = st.one_of(
    st.sampled_from(
        [
            9,
            -1,
            0,
            1,
            8,
            2592000,
            2592001,
            604800,
            604801,
            86401,
            2**31,
            2**63,
            10**30,
            -(2**63),
            9.0,
            8.5,
            1e308,
            1e-300,
            float("inf"),
            float("-inf"),
            float("nan"),
            True,
            False,
            None,
            "9",
            "true",
            "yes",
            [],
            {},
            [1],
            {"a": 1},
        ]
    ),
    st.integers(),
    st.floats(),
    strings,
)


def _resolve(schema: dict[str, Any], root: dict[str, Any]) -> dict[str, Any]:
    ref = schema.get("$ref")
    if ref is None:
        return schema
    assert ref.startswith("#/$defs/"), ref
    return _resolve(root["$defs"][ref.removeprefix("#/$defs/")], root)


def from_schema(
    schema: dict[str, Any], root: dict[str, Any] | None = None
) -> st.SearchStrategy[Any]:
    """Values valid against `schema` (a draft 2020-12 schema of fclint's small subset)."""
    root = root if root is not None else schema
    schema = _resolve(schema, root)
    types = schema.get("type", ["object", "array", "string", "integer", "boolean", "null"])
    types = [types] if isinstance(types, str) else types
    return st.one_of([_of_type(t, schema, root) for t in types])


def _of_type(kind: str, schema: dict[str, Any], root: dict[str, Any]) -> st.SearchStrategy[Any]:
    if kind == "object":
        properties = schema.get("properties", {})
        required = set(schema.get("required", ()))
        return st.fixed_dictionaries(
            {k: from_schema(v, root) for k, v in properties.items() if k in required},
            optional={k: from_schema(v, root) for k, v in properties.items() if k not in required},
        )
    if kind == "array":
        return st.lists(from_schema(schema.get("items", {}), root), max_size=3)
    if kind == "integer":
        low, high = schema.get("minimum", -(2**31)), schema.get("maximum", 2**31)
        edges = sorted(
            {low, high, min(low + 1, high), max(high - 1, low), schema.get("default", low)}
        )
        return st.sampled_from(edges) | st.integers(low, high)
    if kind == "string":
        return st.sampled_from(schema.get("examples", [""])) | strings
    if kind == "boolean":
        return st.booleans()
    if kind == "null":
        return st.none()
    raise AssertionError(f"schema type {kind!r} not covered")


def valid_bodies(kind: str | None = None) -> st.SearchStrategy[Any]:
    if kind is not None:
        return from_schema(SCHEMAS[kind])
    return st.one_of([from_schema(s) for s in SCHEMAS.values()])


# --- making a valid body wrong ---------------------------------------------------------------

OTHER_KEYS = [
    "asyncTask",
    "statefulInvocation",
    "qualifier",
    "maximumRetryAttempts",
    "destinationConfg",
    "onsuccess",
    "OnFailure",
    "Destination",
    "x",
    "",
    "\ud800",
    "max_async_retry_attempts",
    "maxAsyncRetryAttempt",
    "service",
    "functionArn",
    "DestinationConfig",
    "MaxAsyncEventAgeInSeconds",
    "async-invoke-config",
]


def recase(key: str, how: int) -> str:
    if how == 0:
        return key[:1].upper() + key[1:]
    if how == 1:
        return key.upper()
    if how == 2:
        return key.lower()
    if how == 3:
        return re.sub(r"(?<!^)([A-Z])", r"_\1", key).lower()
    return key.swapcase()


@st.composite
def wrong(draw: st.DrawFn, value: Any, depth: int = 0) -> Any:
    """`value` with a few of its keys and leaves made wrong, at random places."""
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for key, item in value.items():
            choice = draw(st.integers(0, 19))
            if choice == 0:
                continue  # drop it
            if choice == 1:
                key = recase(key, draw(st.integers(0, 4)))
            elif choice == 2:
                key = draw(st.sampled_from(OTHER_KEYS))
            out[key] = draw(wrong(item, depth + 1))
        if draw(st.integers(0, 5)) == 0:
            out[draw(st.sampled_from(OTHER_KEYS))] = draw(wrong_values)
        return out
    if isinstance(value, list):
        return [draw(wrong(item, depth + 1)) for item in value]
    if draw(st.integers(0, 5)) == 0:
        return draw(wrong_values)
    return value


def bodies(kind: str | None = None) -> st.SearchStrategy[Any]:
    """Mostly schema-valid bodies, some made wrong: the values every format then writes."""
    return valid_bodies(kind).flatmap(lambda v: st.just(v) | wrong(v))


# --- JSON text --------------------------------------------------------------------------------


@st.composite
def json_texts(draw: st.DrawFn, value: Any) -> str:
    indent = draw(st.sampled_from([None, None, 2, 4, "\t", 0]))
    separators = draw(st.sampled_from([None, (",", ":"), (", ", ": "), (" ,", " : ")]))
    return json.dumps(
        value,
        indent=indent,
        separators=separators,
        ensure_ascii=draw(st.booleans()),
        allow_nan=True,
    )


# --- text mutations ---------------------------------------------------------------------------

SNIPPETS = [
    '"\\ud800"',
    '"\\udc00"',
    '"\\ud83d\\ude00"',
    "\\ud800",
    "1e999",
    "-1e999",
    "NaN",
    "Infinity",
    "9" * 5000,
    "0." + "0" * 400 + "1",
    "-0",
    "0x10",
    "1_000",
    ",",
    ",,",
    ":",
    "//c\n",
    "/*c*/",
    "# c\n",
    "\r",
    "\r\n",
    "\n",
    "\u2028",
    "\u2029",
    "\x0c",
    "\x0b",
    "\x85",
    "\x00",
    "\ufeff",
    "\t",
    "{{host}}",
    "{{",
    "}}",
    "${x}",
    "%{x}",
    "[",
    "]",
    "{",
    "}",
    '"',
    "'",
    "\\",
    "'''",
    '"""',
    "- ",
    "? ",
    "&a ",
    "*a",
    "<<: *a",
    "!!python/object:os.system ",
    "!!binary ",
    "--- ",
    "...\n",
    "|\n",
    ">\n",
    "%YAML 1.1\n",
    "%%fclint\n",
    "# fclint: ignore[FC006] why\n",
    "# fclint: ignore[XX]\n",
    "###\n",
    "@host = [x\n",
    "<<EOT\nx\nEOT\n",
    "${",
    "\U0001f600",
    "é",
    "\u0301",
    "\ud7ff",
    '"maxAsyncRetryAttempts": 9',
    '"destinationConfig": {}',
    "maxAsyncRetryAttempts: 9\n",
    "lambda: 0",
    "**d",
    "f'{x}'",
    "b'x'",
    "\\x",
    "\\N{DASH}",
    "(" * 100,
    "[" * 100,
    "{" * 100,
]
DEPTHS = [2, 10, 63, 64, 65, 100, 200, 257, 999, 1000, 3000]


@st.composite
def mutate_text(draw: st.DrawFn, text: str, at_most: int = 4) -> str:
    """A few random edits of `text`: deletions, insertions, truncation, key case, trailing commas,
    comments, deep nesting, changed line ends."""
    for _ in range(draw(st.integers(0, at_most))):
        size = len(text)
        at = draw(st.integers(0, size))
        op = draw(st.integers(0, 11))
        if op == 0 and size:  # delete a range
            text = text[:at] + text[at + draw(st.integers(1, 8)) :]
        elif op in (1, 2):  # insert a snippet
            snippet = draw(st.sampled_from(SNIPPETS) | st.text(max_size=4))
            text = text[:at] + snippet + text[at:]
        elif op == 3 and size:  # replace one character
            text = text[:at] + draw(st.characters()) + text[at + 1 :]
        elif op == 4:  # truncate
            text = text[:at]
        elif op == 5:  # a key's case
            keys = list(re.finditer(r"[A-Za-z_]{3,}", text))
            if keys:
                found = draw(st.sampled_from(keys))
                text = (
                    text[: found.start()]
                    + recase(found.group(), draw(st.integers(0, 4)))
                    + text[found.end() :]
                )
        elif op == 6:  # a trailing comma
            closers = [m.start() for m in re.finditer(r"[}\]\)]", text)]
            if closers:
                where = draw(st.sampled_from(closers))
                text = text[:where] + "," + text[where:]
        elif op == 7:  # nesting
            depth = draw(st.sampled_from(DEPTHS))
            opener = draw(st.sampled_from(["[", '{"a":', "{a: ", "(", '[{"b":']))
            closer = {"[": "]", '{"a":': "}", "{a: ": "}", "(": ")", '[{"b":': "}]"}[opener]
            inner = draw(st.sampled_from(["1", "null", '"x"', ""]))
            text = (
                text[:at]
                + opener * depth
                + inner
                + closer * depth * draw(st.integers(0, 1))
                + text[at:]
            )
        elif op == 8:  # line ends
            style = draw(st.sampled_from(["\r", "\r\n", "mixed", "one", "\u2028", "\x0c\n"]))
            breaks = [m.start() for m in re.finditer("\n", text)]
            if style == "one" and breaks:  # one line break made a lone CR (or NEL, U+2028)
                where = draw(st.sampled_from(breaks))
                text = (
                    text[:where]
                    + draw(st.sampled_from(["\r", "\x85", "\u2028"]))
                    + text[where + 1 :]
                )
            elif style == "one":
                pass
            elif style == "mixed":
                pieces = text.split("\n")
                ends = [draw(st.sampled_from(["\n", "\r", "\r\n"])) for _ in pieces[1:]]
                text = pieces[0] + "".join(e + p for e, p in zip(ends, pieces[1:]))
            else:
                text = text.replace("\n", style)
        elif op == 9:  # duplicate a line
            lines = text.split("\n")
            index = draw(st.integers(0, len(lines) - 1))
            lines.insert(index, lines[index])
            text = "\n".join(lines)
        elif op == 10:  # a comment line
            lines = text.split("\n")
            index = draw(st.integers(0, len(lines)))
            lines.insert(index, draw(st.sampled_from(["# c", "// c", "/* c */", "#", "-- c"])))
            text = "\n".join(lines)
        elif op == 11:  # swap two lines
            lines = text.split("\n")
            if len(lines) > 1:
                i = draw(st.integers(0, len(lines) - 2))
                lines[i], lines[i + 1] = lines[i + 1], lines[i]
                text = "\n".join(lines)
    return text


INVALID_UTF8 = [
    b"\xff",
    b"\xfe",
    b"\xc3",
    b"\xe2\x82",
    b"\xed\xa0\x80",
    b"\xed\xb0\x80",
    b"\xf4\x90\x80\x80",
    b"\xc0\xaf",
    b"\x80",
    b"\xf0\x9f\x98",
]
BOM = b"\xef\xbb\xbf"


@st.composite
def mutate_bytes(draw: st.DrawFn, data: bytes, at_most: int = 2) -> bytes:
    """A few byte-level edits: invalid UTF-8, NUL bytes, BOMs, random bytes, a cut mid-character."""
    for _ in range(draw(st.integers(0, at_most))):
        at = draw(st.integers(0, len(data)))
        op = draw(st.integers(0, 5))
        if op == 0:
            data = data[:at] + draw(st.sampled_from(INVALID_UTF8)) + data[at:]
        elif op == 1:
            data = data[:at] + b"\x00" + data[at:]
        elif op == 2:
            data = BOM * draw(st.integers(1, 2)) + data
        elif op == 3:
            data = data[:at] + draw(st.binary(min_size=1, max_size=4)) + data[at + 1 :]
        elif op == 4:
            data = data[:at]
        elif op == 5:
            data = data[:at] + BOM + data[at:]
    return data


def encode(text: str) -> bytes:
    """UTF-8, a lone surrogate written as its (invalid) three bytes rather than refused."""
    return text.encode("utf-8", "surrogatepass")


# --- texts of tokens --------------------------------------------------------------------------

TOKENS = [
    "{",
    "}",
    "[",
    "]",
    "(",
    ")",
    ":",
    ",",
    "=",
    '"',
    "'",
    "\n",
    "\r",
    "\r\n",
    "  ",
    "\t",
    "- ",
    "#",
    "//",
    "/*",
    "*/",
    "###",
    "\\",
    "\\u",
    "d800",
    "null",
    "true",
    "1",
    "9",
    "-1",
    "1e999",
    "maxAsyncRetryAttempts",
    "maxAsyncEventAgeInSeconds",
    "destinationConfig",
    "onSuccess",
    "onFailure",
    "destination",
    "statefulInvocation",
    "asyncTask",
    "qualifier",
    "asyncConfiguration",
    "asyncInvokeConfig",
    "acs:mns:cn-hangzhou:1234567890123456:/queues/q/messages",
    "acs:fc:::services/s.LATEST/functions/f",
    "acs:fc:cn-hangzhou:1:functions/f",
    "PUT ",
    "GET ",
    "https://",
    "{{host}}",
    "[::-1]",
    "a]b",
    "/2016-08-15/services/s.prod/functions/f",
    "/2021-04-06/services/s/functions/f",
    "/2023-03-30/functions/f",
    "/async-invoke-config",
    "?qualifier=",
    "HTTP/1.1",
    "Content-Type: application/json",
    "@host = ",
    "edition: 1.0.0",
    "edition: 3.0.0",
    "services:",
    "resources:",
    "component: devsapp/fc",
    "component: fc3",
    "props:",
    "function:",
    "resource ",
    '"alicloud_fc_function_async_invoke_config"',
    '"alicloud_fcv3_async_invoke_config"',
    "maximum_retry_attempts",
    "destination_config",
    "on_failure",
    "${var.x}",
    "PutFunctionAsyncInvokeConfigRequest(",
    "PutAsyncInvokeConfigInput(",
    "max_async_retry_attempts=",
    "destination_config=",
    "fc_models.",
    "%%fclint",
    '"cells"',
    '"nbformat": 4',
    '"source"',
    '"cell_type": "raw"',
    "\u2028",
    "\x0c",
    "\ufeff",
    "é",
]


@st.composite
def token_soup(draw: st.DrawFn) -> str:
    return "".join(draw(st.lists(st.sampled_from(TOKENS) | st.text(max_size=3), max_size=60)))
