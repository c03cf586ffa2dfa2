"""Rules about the query parameters of the async-invocation family's list and get operations
(ListStatefulAsyncInvocations, ListAsyncTasks, the List...AsyncInvokeConfigs...), in `.http`
request lines and SDK request models alike."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from fclint.diagnostic import Finding, Severity
from fclint.document import Document
from fclint.formats import operations as ops
from fclint.formats.operations import Call, Param
from fclint.rules.registry import rule
from fclint.suggest import suggest


def call(doc: Document) -> Call | None:
    """The operation call a document holds, read once for all the rules."""
    return doc.memo("operation-call", lambda: ops.call_of(doc.origin))  # type: ignore[no-any-return]


def _values(doc: Document, kind: str) -> Iterator[tuple[Call, Param]]:
    """The query parameters of `kind` (fclint.formats.operations) with a value to judge."""
    found = call(doc)
    if found is None:
        return
    table = ops.QUERY.get(found.operation, {})
    for param in found.query:
        if table.get(param.name) == kind and param.value is not None and not _opaque(param.value):
            yield found, param


def _opaque(value: Any) -> bool:
    return isinstance(value, str) and "{{" in value  # a variable left unresolved


def integer(found: Call, value: Any) -> int | None:
    """The integer a parameter holds: an int in Python, digits in a URL."""
    if found.typed:
        return value if isinstance(value, int) and not isinstance(value, bool) else None
    text = str(value).strip()
    return int(text) if text.lstrip("-").isdigit() and text.isascii() else None


def shown(found: Call, value: Any) -> str:
    """A value as a message starts with it: a URL's number as written, anything else its repr."""
    if not found.typed and integer(found, value) is not None:
        return str(value)
    return repr(value)


@rule("FC064", Severity.ERROR, needs="operation")
def query_value_invalid(doc: Document) -> Iterator[Finding]:
    """Checks the values of the list operations' query parameters."""
    yield from _limits(doc)
    yield from _times(doc)
    for found, param in _values(doc, ops.SORT):
        if param.value not in ops.SORT_VALUES:
            yield Finding((), f"{shown(found, param.value)} is not a sort order: "
                          f"{param.written} takes 'asc' or 'desc'{_case(param.value, ops.SORT_VALUES)}",
                          span=param.span)
    for found, param in _values(doc, ops.BOOL):
        ok = isinstance(param.value, bool) if found.typed else param.value in ("true", "false")
        if not ok:
            yield Finding((), f"{shown(found, param.value)} is not a boolean: {param.written} "
                          f"takes {'True or False' if found.typed else 'true or false'}",
                          span=param.span)
    for found, param in _values(doc, ops.STATUS):
        value = param.value
        if value in ops.STATUS_VALUES or value in ops.STATUS_DISPUTED:
            continue
        listed = ", ".join(ops.STATUS_VALUES)
        yield Finding((), f"{shown(found, value)} is not a task status{_case(value, ops.STATUS_VALUES)}; "
                      f"{param.written} takes one of {listed}", span=param.span)


def _case(value: Any, allowed: tuple[str, ...]) -> str:
    if not isinstance(value, str):
        return ""
    meant = next((a for a in allowed if a.lower() == value.strip().lower()), None)
    return f" (did you mean {meant!r}?)" if meant else ""


def _limits(doc: Document) -> Iterator[Finding]:
    low, high = ops.LIMIT_RANGE
    for found, param in _values(doc, ops.LIMIT):
        number = integer(found, param.value)
        if number is None:
            yield Finding((), f"{shown(found, param.value)} is not an integer: {param.written} "
                          f"takes {low} to {high}", span=param.span)
        elif number > high:
            yield Finding((), f"{number} is greater than the maximum of {high} for "
                          f"{param.written}", span=param.span)
        elif number < low and number not in ops.LIMIT_DISPUTED:
            yield Finding((), f"{number} is less than the minimum of {low} for {param.written}",
                          span=param.span)


def _times(doc: Document) -> Iterator[Finding]:
    begin: tuple[int, Param] | None = None
    for found, param in _values(doc, ops.TIME):
        number = integer(found, param.value)
        if number is None or number < 0:
            yield Finding((), f"{shown(found, param.value)} is not a time: {param.written} takes "
                          "milliseconds since 1970 (an integer)", span=param.span)
        elif param.name == "startedTimeBegin":
            begin = (number, param)
        elif begin is not None and number < begin[0]:
            yield Finding((), f"{number} is before {param.written}'s start "
                          f"({begin[1].written} {begin[0]}): no task can match", span=param.span)


@rule("FC065", Severity.WARNING, needs="operation")
def parameter_unknown(doc: Document) -> Iterator[Finding]:
    """Checks that every query parameter is one the operation takes, and that an invocation's
    headers are its generation's."""
    found = call(doc)
    if found is None:
        return
    table = ops.QUERY.get(found.operation)
    if table is not None and found.known_keys:
        yield from _unknown_parameters(found, table)
    if found.operation == "InvokeFunction":
        own, other = ops.INVOKE_HEADERS[found.generation], ops.INVOKE_HEADERS[5 - found.generation]
        for header in found.headers:
            lower = header.name.lower()
            if lower in other and lower not in own:
                meant = own.get(ops.ID_HEADERS[found.generation], ("",))[0]
                hint = f"; FC {found.generation}.0 reads {meant!r}" if "id" in lower else ""
                yield Finding((), f"{header.written!r} is an FC {5 - found.generation}.0 header, "
                              f"ignored by FC {found.generation}.0{hint}", span=header.name_span)


def _unknown_parameters(found: Call, table: dict[str, str]) -> Iterator[Finding]:
    """The query parameters of `found` that its operation's `table` lacks, each with the name
    it most likely meant."""
    for param in found.query:
        if param.name in table:
            continue
        meant = ops.OTHER_NAMES.get(param.name)
        meant = meant if meant in table else suggest(param.name, table)
        hint = f"; did you mean {_spelled(found, meant)!r}?" if meant else ""
        yield Finding((), f"{param.written!r} is not a parameter of {found.operation}{hint}",
                      span=param.name_span)


def _spelled(found: Call, name: str) -> str:
    """A wire name as the file would write it: snake_case in Python."""
    if not found.typed:
        return name
    return "".join(f"_{c.lower()}" if c.isupper() else c for c in name)


@rule("FC066", Severity.WARNING, needs="operation")
def started_time_in_seconds(doc: Document) -> Iterator[Finding]:
    """Checks that the time filters of the task lists are in milliseconds."""
    for found, param in _values(doc, ops.TIME):
        number = integer(found, param.value)
        if number is not None and 0 < number < ops.MS_FLOOR:
            yield Finding((), f"{number} is a time in seconds: {param.written} is in "
                          f"milliseconds; did you mean {number * 1000}?", span=param.span)


@rule("FC069", Severity.WARNING, needs="operation")
def query_value_disputed(doc: Document) -> Iterator[Finding]:
    """Reports the query values that one API document allows and another does not."""
    for found, param in _values(doc, ops.LIMIT):
        if integer(found, param.value) in ops.LIMIT_DISPUTED:
            yield Finding((), f"0 for {param.written}: the 2021-04-06 API metadata allows it, "
                          "the List documents take 1 to 100", span=param.span)
    for _found, param in _values(doc, ops.STATUS):
        if param.value in ops.STATUS_DISPUTED:
            yield Finding((), f"{param.value!r} for {param.written}: only ListAsyncTasks' filter "
                          "lists it, no task ever reports it", span=param.span)
