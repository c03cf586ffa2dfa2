"""Calls of the async-config operations through the command-line tools: Serverless Devs'
`s cli fc api OPERATION --path '{...}' --body '{...}'`, and the aliyun CLI's `aliyun fc-open
OPERATION` (FC 2.0, API 2021-04-06) and `aliyun fc OPERATION` (FC 3.0), with names as flags and
the body as `--body` or as one flag per field, or in the CLI's RESTful form (`aliyun fc PUT
/2023-03-30/functions/F/async-invoke-config --body ...`)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from fclint.config import Settings
from fclint.diagnostic import Finding, Pointer, Span
from fclint.document import Document, FunctionContext
from fclint.fcpath import parse_request
from fclint.formats import shell_operations
from fclint.formats.shell_json import FlagsLocator, parsed_word, word_document
from fclint.formats.shell_words import INTERPOLATION, Word
from fclint.kinds import Kind
from fclint.source import LineIndex

OPERATIONS = {  # the operation's name, by tool: (FC generation, what it does)
    "fc2": {"PutFunctionAsyncInvokeConfig": "put", "GetFunctionAsyncInvokeConfig": "get",
            "DeleteFunctionAsyncInvokeConfig": "delete", "ListFunctionAsyncInvokeConfigs": "list"},
    "fc3": {"PutAsyncInvokeConfig": "put", "GetAsyncInvokeConfig": "get",
            "DeleteAsyncInvokeConfig": "delete", "ListAsyncInvokeConfigs": "list"},
}
# A body given one flag per field: the field, and what the command line's text stands for.
FIELD_FLAGS = {"destinationConfig": "json", "maxAsyncRetryAttempts": "number",
               "maxAsyncEventAgeInSeconds": "number", "statefulInvocation": "bool",
               "asyncTask": "bool"}
NAME_FLAGS = {"servicename": "service", "functionname": "function", "qualifier": "qualifier"}
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?")
_METHODS = frozenset({"GET", "PUT", "POST", "DELETE"})


@dataclass(frozen=True)
class ShellCall:
    """The command a document came from (`doc.origin`)."""

    tool: str  # "s cli fc api", "aliyun fc-open", "aliyun fc"
    operation: str
    span: Span  # the operation as written

    rule_traits = ()


def cli_documents(words: list[Word], index: LineIndex, path: str,
                  settings: Settings) -> Iterator[Document]:
    """The documents of one command line, if it calls an async-config operation."""
    values = [w.value for w in words]
    if values[:4] == ["s", "cli", "fc", "api"] and len(words) > 4:
        tool, generation, at = "s cli fc api", 2, 4
    elif values[:2] in (["aliyun", "fc-open"], ["aliyun", "fc"]) and len(words) > 2:
        tool, generation, at = " ".join(values[:2]), 2 if values[1] == "fc-open" else 3, 2
    else:
        return
    operation, flags = words[at], _flags(words[at + 1:])
    kind = Kind.FC3_REQUEST if generation == 3 else Kind.FC2_REQUEST
    context, problems = _context(tool, flags, index, settings)
    what = OPERATIONS[f"fc{generation}"].get(operation.value)
    if operation.value.upper() in _METHODS and at + 1 < len(words) and tool != "s cli fc api":
        what, context = _restful(operation, words[at + 1], context, index, generation)
    if what is None:  # perhaps an operation of the family beside Put
        if tool != "s cli fc api":
            yield from shell_operations.documents(operation, words[at + 1:], flags, generation,
                                                  index, path, settings, context)
        return
    origin = ShellCall(tool, operation.value, operation.span(index))
    expands = any(w.expands for w in words)
    extra: dict[str, Any] = {"origin": origin}
    if expands:
        extra["interpolation"] = INTERPOLATION
    doc = None
    body = flags.get("body")
    if what == "put" and body is not None and body[1] is not None and _looks_like_json(body[1]):
        doc = word_document(body[1], index, path, settings, kind, context, **extra)
        if doc is not None and body[1].expands and _unreadable(doc.problems):
            doc = None  # the shell writes part of it: the JSON the CLI gets is not known
    elif what == "put" and any(f.lower() in _FIELDS for f in flags):
        doc = _fields_document(flags, origin, index, path, settings, kind, context, extra)
    if doc is None:
        doc = Document(path=path, kind=kind, data=None, settings=settings,
                       locator_factory=lambda: FlagsLocator(origin.span), context=context,
                       **extra)
    if problems:
        doc.problems = problems + doc.problems
        doc.known_clean = None
    yield doc


_FIELDS = {name.lower(): name for name in FIELD_FLAGS}


def _flags(words: list[Word]) -> dict[str, tuple[Word, Word | None]]:
    """`--name value` and `--name=value` options by name (the last wins, as in the CLIs)."""
    found: dict[str, tuple[Word, Word | None]] = {}
    i = 0
    while i < len(words):
        word = words[i]
        i += 1
        if not word.value.startswith("--") or len(word.value) < 3:
            continue
        name, equals, _ = word.value[2:].partition("=")
        if equals:
            found[name] = (word, word.tail(len(name) + 3))
        elif i < len(words) and not words[i].value.startswith("--"):
            found[name] = (word, words[i])
            i += 1
        else:
            found[name] = (word, None)
    return found


def _context(tool: str, flags: dict[str, tuple[Word, Word | None]], index: LineIndex,
             settings: Settings) -> tuple[FunctionContext, list[Finding]]:
    """The function the command configures, each name where it is written; and the problems
    of a `--path` that is not JSON."""
    values: dict[str, str] = {}
    spans: list[tuple[str, Span]] = []
    problems: list[Finding] = []
    if tool == "s cli fc api":
        path = flags.get("path")
        if path is not None and path[1] is not None:
            problems = _path_names(path[1], index, values, spans)
    else:
        for name, (_flag, value) in flags.items():
            part = NAME_FLAGS.get(name.lower())
            if part is not None and value is not None and not value.expands:
                values[part] = value.value
                spans.append((part, value.span(index)))
    region = flags.get("region")
    region_value = region[1].value if region and region[1] and not region[1].expands else None
    return FunctionContext.read(values, spans, settings, region_value,
                                "the command's --region"), problems


def _path_names(word: Word, index: LineIndex, values: dict[str, str],
                spans: list[tuple[str, Span]]) -> list[Finding]:
    """The names of an `s cli` `--path '{"serviceName": ..., "functionName": ...}'`."""
    parsed, locator = parsed_word(word, index)
    if isinstance(parsed.data, dict):
        for key, part in (("serviceName", "service"), ("functionName", "function"),
                          ("qualifier", "qualifier")):
            value = parsed.data.get(key)
            if isinstance(value, str):
                values[part] = value
                spans.append((part, _inside_quotes(locator.locate((key,)), index)))
    return parsed.problems


def _inside_quotes(span: Span, index: LineIndex) -> Span:
    """The span of a JSON string's characters, without its quotes (`"` or, inside a
    double-quoted shell word, `\\"`), so that a fix keeps them."""
    if span.line != span.end_line:
        return span
    text = index.line_text(span.line)[span.column - 1:span.end_column - 1]
    width = 2 if text.startswith('\\"') else 1 if text.startswith('"') else 0
    if width == 0 or len(text) < 2 * width:
        return span
    return Span(span.line, span.column + width, span.end_line, span.end_column - width)


def _restful(method: Word, url: Word, context: FunctionContext, index: LineIndex,
             generation: int) -> tuple[str | None, FunctionContext]:
    """`aliyun fc-open PUT /2021-04-06/services/S/functions/F/async-invoke-config`: the
    operation the method and path call, and the names in the path."""
    fc = parse_request(method.value, url.value)
    if fc is None or fc.generation != generation or fc.operation is None:
        return None, context
    what = next((w for name, w in OPERATIONS[f"fc{generation}"].items() if name == fc.operation),
                None)
    offsets = dict(fc.offsets)
    if fc.qualifier_in == "query":  # `?qualifier=` is the request's qualifier here
        offsets["qualifier"] = offsets.pop("query-qualifier")
    offsets.pop("query-qualifier", None)
    spans = tuple((part, url.span(index, start, end)) for part, (start, end) in offsets.items()
                  if not url.expands)
    return what, FunctionContext(
        service=fc.service, function=fc.function, qualifier=fc.qualifier, region=context.region,
        account=context.account, region_source=context.region_source, spans=spans)


def _looks_like_json(word: Word) -> bool:
    """A body fclint can read: JSON as written (`"$(cat body.json)"` is the shell's)."""
    return word.value.lstrip()[:1] in ("{", "[")


def _unreadable(problems: list[Finding]) -> bool:
    """Whether JSON did not parse. In a word the shell expands, `$RETRIES` or `$(...)` in a
    value's place is what breaks it, and what the CLI gets is then not known: judging what
    error recovery made of the rest reported keys as values."""
    return any(problem.code == "FC000" for problem in problems)


def _fields_document(flags: dict[str, tuple[Word, Word | None]], origin: ShellCall,
                     index: LineIndex, path: str, settings: Settings, kind: Kind,
                     context: FunctionContext, extra: dict[str, Any]) -> Document:
    """A body assembled from one flag per field. Whether the aliyun CLI takes such flags for
    these RESTful operations is not known, so the form itself is not judged: only the values,
    as the CLI would send them (numbers and booleans are text on a command line)."""
    data: dict[str, Any] = {}
    problems: list[Finding] = []
    duplicates: list[Pointer] = []
    locator = FlagsLocator(origin.span)
    for name, (flag, value) in flags.items():
        field = _FIELDS.get(name.lower())
        if field is None or value is None:
            continue
        inner = None
        if FIELD_FLAGS[field] == "json" and _looks_like_json(value):
            parsed, inner = parsed_word(value, index)
            if value.expands and _unreadable(parsed.problems):
                continue  # as for --body: the shell writes part of the JSON
            data[name] = parsed.data
            problems += parsed.problems
            duplicates += [(name, *pointer) for pointer in parsed.duplicates]
        else:
            data[name] = _scalar(value.value, FIELD_FLAGS[field])
        locator.fields[name] = (flag.span(index, 2, 2 + len(name)), value.span(index), inner)
    return Document.from_data(data, path=path, kind=kind, settings=settings,
                              locator_factory=lambda: locator, context=context,
                              problems=problems, duplicates=duplicates, **extra)


def _scalar(text: str, type_: str) -> Any:
    if type_ == "number" and _NUMBER.fullmatch(text):
        return int(text) if text.lstrip("-").isdigit() else float(text)
    if type_ == "bool" and text in ("true", "false"):
        return text == "true"
    return text
