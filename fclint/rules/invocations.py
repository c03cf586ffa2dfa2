"""Rules about invoking a function asynchronously and naming its task: the invocation-type,
log-type and task headers of InvokeFunction, and the ids of stateful invocations and async
tasks (in a path, a header, a prefix filter or an SDK argument)."""

from __future__ import annotations

from collections.abc import Iterator

from fclint.diagnostic import Finding, Severity
from fclint.document import Document
from fclint.formats import operations as ops
from fclint.formats.operations import Param
from fclint.rules.operations import call
from fclint.rules.registry import rule


def _ids(doc: Document) -> Iterator[tuple[Param, bool]]:
    """Each task id the call names, and whether it is only a prefix of ids."""
    found = call(doc)
    if found is None:
        return
    if found.invocation_id is not None:
        yield found.invocation_id, False
    if found.operation == "InvokeFunction":
        header = found.header(ops.ID_HEADERS[found.generation])
        if header is not None:
            yield header, False
    table = ops.QUERY.get(found.operation, {})
    for param in found.query:
        if table.get(param.name) == ops.PREFIX:
            yield param, True


@rule("FC067", Severity.ERROR, needs="operation")
def invocation_id_invalid(doc: Document) -> Iterator[Finding]:
    """Checks that the id of a stateful invocation or an async task is one FC takes: a letter or
    `_` first, then letters, digits, `_` and `-`, at most 128 characters."""
    for param, prefix in _ids(doc):
        value = param.value
        if not isinstance(value, str) or "{{" in value or (prefix and value == ""):
            continue
        if ops.ID_PATTERN.fullmatch(value):
            continue
        what = "an id prefix" if prefix else "a task id"
        yield Finding((), f"{value!r} is not {what}: {_why(value)}", span=param.span)


def _why(value: str) -> str:
    if not value:
        return "it is empty"
    if len(value) > 128:
        return f"it is {len(value)} characters long, at most 128 are allowed"
    if not (value[0].isascii() and (value[0].isalpha() or value[0] == "_")):
        return f"it starts with {value[0]!r}; an id starts with a letter or '_'"
    bad = next(c for c in value if not (c.isascii() and (c.isalnum() or c in "_-")))
    return f"{bad!r} is not allowed; an id holds letters, digits, '_' and '-'"


@rule("FC068", Severity.ERROR, needs="operation")
def invoke_header_invalid(doc: Document) -> Iterator[Finding]:
    """Checks the values of InvokeFunction's headers: `X-Fc-Invocation-Type` is `Sync` or
    `Async`, `X-Fc-Log-Type` is `Tail` or `None`, `X-Fc-Stateful-Async-Invocation-Enable` is
    `true` or `false`."""
    found = call(doc)
    if found is None or found.operation != "InvokeFunction":
        return
    known = ops.INVOKE_HEADERS[found.generation]
    for header in found.headers:
        name, allowed = known.get(header.name.lower(), ("", ()))
        value = header.value
        if not allowed or not isinstance(value, str) or "{{" in value or value in allowed:
            continue
        meant = next((a for a in allowed if a.lower() == value.strip().lower()), None)
        hint = f"; did you mean {meant!r}?" if meant else ""
        yield Finding((), f"{value!r} is not a value of {name}: it takes "
                      f"{' or '.join(repr(a) for a in allowed)}{hint}", span=header.span)


@rule("FC070", Severity.WARNING, needs="operation")
def task_id_on_sync_invocation(doc: Document) -> Iterator[Finding]:
    """Reports a task id (or the task switch) sent with a synchronous invocation."""
    found = call(doc)
    if found is None or found.operation != "InvokeFunction":
        return
    kind = found.header("x-fc-invocation-type")
    if kind is None and found.typed:
        return  # Python may set the type later (`headers.x_fc_invocation_type = 'Async'`)
    value = kind.value if kind is not None else "Sync"  # the header's default
    if not isinstance(value, str) or "{{" in value or value.strip().lower() != "sync":
        return
    said = (f"{kind.written}: {value}" if kind is not None
            else "no X-Fc-Invocation-Type header: Sync by default")
    for lower in (ops.ID_HEADERS[found.generation], ops.ENABLE_HEADER):
        header = found.header(lower)
        if header is not None and (lower != ops.ENABLE_HEADER or header.value == "true"):
            yield Finding((), f"{header.written!r} is ignored: the invocation is synchronous "
                          f"({said}); async tasks are asynchronous invocations "
                          "(X-Fc-Invocation-Type: Async)", span=header.name_span)
