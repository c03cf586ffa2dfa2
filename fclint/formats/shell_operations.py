"""The async-invocation family beside Put on the aliyun CLI's command line: `aliyun fc-open
ListStatefulAsyncInvocations --limit 500` (FC 2.0) or `aliyun fc ListAsyncTasks ...` (FC 3.0),
a flag per query parameter, and the RESTful form `aliyun fc GET
/2023-03-30/functions/F/async-tasks?limit=500`. Whether the CLI takes every flag is not known,
so only the values of the flags the operation documents are judged, as the CLI sends them
(text)."""

from __future__ import annotations

from collections.abc import Iterator

from fclint.config import Settings
from fclint.document import Document, FunctionContext, empty_locator
from fclint.fcpath import parse_request
from fclint.formats import operations as ops
from fclint.formats.operations import Call, Param
from fclint.formats.shell_words import Word
from fclint.kinds import Kind
from fclint.source import LineIndex

_GENERATION_OF = {name: 3 if name in ("ListAsyncInvokeConfigs", "GetAsyncTask", "ListAsyncTasks",
                                      "StopAsyncTask") else 2 for name in ops.QUERY}
ID_FLAGS = {"invocationid": "invocationId", "taskid": "invocationId"}


def documents(operation: Word, rest: list[Word], flags: dict[str, tuple[Word, Word | None]],
              generation: int, index: LineIndex, path: str, settings: Settings,
              context: FunctionContext) -> Iterator[Document]:
    """A document without data for a call of the family, whose origin is the call; `context`:
    the names its flags give (`--serviceName`, `--qualifier`...)."""
    found = _named(operation, flags, generation, index)
    if found is None:
        found = _restful(operation, rest, generation, index)
        if found is not None:
            context = FunctionContext.read({p: v for p, v, _ in found.names},
                                           [(p, s) for p, _, s in found.names], settings,
                                           context.region, context.region_source)
    if found is not None:
        kind = Kind.FC3_REQUEST if found.generation == 3 else Kind.FC2_REQUEST
        yield Document(path=path, kind=kind, data=None, settings=settings, context=context,
                       locator_factory=empty_locator, origin=found)


def _named(operation: Word, flags: dict[str, tuple[Word, Word | None]], generation: int,
           index: LineIndex) -> Call | None:
    name = operation.value
    if name not in ops.QUERY or _GENERATION_OF[name] != generation or name == "InvokeFunction":
        return None
    table, query, invocation_id = {k.lower(): k for k in ops.QUERY[name]}, [], None
    for flag_name, (flag, value) in flags.items():
        if value is None or value.expands:
            continue
        param = Param(table.get(flag_name.lower(), flag_name), value.value, value.span(index),
                      flag.span(index, 2, 2 + len(flag_name)), flag_name)
        if flag_name.lower() in table:
            query.append(param)
        elif ID_FLAGS.get(flag_name.lower()) and name.startswith(("Get", "Stop")):
            invocation_id = param
    return Call(name, generation, tuple(query), invocation_id=invocation_id, known_keys=False)


def _restful(method: Word, rest: list[Word], generation: int, index: LineIndex) -> Call | None:
    if not rest or rest[0].expands:
        return None
    url = rest[0]
    fc = parse_request(method.value, url.value)
    if fc is None or fc.generation != generation or fc.operation not in ops.QUERY:
        return None
    query = ops.query_params(url.value, lambda start, end: url.span(index, start, end))
    invocation_id = None
    if fc.invocation_id is not None and "id" in fc.offsets:
        span = url.span(index, *fc.offsets["id"])
        invocation_id = Param("invocationId", fc.invocation_id, span, span, "invocationId")
    names = tuple((part, value, url.span(index, *fc.offsets[part]))
                  for part, value in (("service", fc.service), ("function", fc.function),
                                      ("qualifier", fc.qualifier))
                  if value is not None and part in fc.offsets)
    if fc.qualifier_in == "query" and "query-qualifier" in fc.offsets:
        names += (("qualifier", fc.qualifier or "", url.span(index, *fc.offsets["query-qualifier"])),)
    return Call(fc.operation, generation, query, invocation_id=invocation_id, names=names)
