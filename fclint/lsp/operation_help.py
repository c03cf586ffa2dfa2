"""Hover and completion for the async-invocation family in `.http` files: the query parameters
of the list and get operations and InvokeFunction's headers, from the tables of
`fclint.formats.operations` (names, values, ranges), in English or Chinese."""

from __future__ import annotations

from collections.abc import Iterator

from fclint.diagnostic import Span
from fclint.formats import operations as ops
from fclint.lsp.completion_items import Item
from fclint.lsp.docs import EN
from fclint.lsp.hover import HTTP_SUFFIXES, HoverText

PARAM_DOCS = {  # name: (English, Chinese)
    "limit": ("How many to return in one page.", "一页返回的个数。"),
    "nextToken": ("Where the page starts: the nextToken of the previous response; none for "
                  "the first page.", "分页起点:上一次响应中的 nextToken;第一页不填。"),
    "qualifier": ("The version or alias of the function.", "函数的版本或别名。"),
    "status": ("Only the tasks in this state.", "只返回处于该状态的异步任务。"),
    "startedTimeBegin": ("Only the tasks started at or after this time, in milliseconds since "
                         "1970.", "只返回在此时间及之后开始的任务,单位毫秒。"),
    "startedTimeEnd": ("Only the tasks started at or before this time, in milliseconds since "
                       "1970.", "只返回在此时间及之前开始的任务,单位毫秒。"),
    "sortOrderByTime": ("The order of the tasks by their start time.", "按开始时间排序的方式。"),
    "invocationIdPrefix": ("Only the tasks whose id starts with this (FC 2.0; FC 3.0 calls it "
                           "prefix).", "只返回 ID 以此开头的任务(FC 2.0;FC 3.0 中为 prefix)。"),
    "prefix": ("Only the tasks whose id starts with this (FC 3.0; FC 2.0 calls it "
               "invocationIdPrefix).", "只返回 ID 以此开头的任务(FC 3.0;FC 2.0 中为 invocationIdPrefix)。"),
    "includePayload": ("Whether each task comes with its input.", "是否返回每个任务的输入参数。"),
    "functionName": ("Only this function's configs; every function's without it.",
                     "只返回该函数的配置;不填则返回所有函数的。"),
}
HEADER_DOCS = {
    "x-fc-invocation-type": ("Sync waits for the function; Async queues the event and applies "
                             "the async config (retries, destinations, the task). Default Sync.",
                             "Sync 同步等待函数返回;Async 异步调用,适用异步配置。默认 Sync。"),
    "x-fc-log-type": ("Tail returns the last 4 KB of the log (synchronous invocations).",
                      "Tail 返回最后 4 KB 日志(同步调用)。"),
    "x-fc-stateful-async-invocation-id": ("The id of the async task (FC 2.0): a letter or _, "
                                          "then letters, digits, _ and -, at most 128.",
                                          "异步任务 ID(FC 2.0):以字母或下划线开头,可含字母、数字、_ 和 -,最长 128。"),
    "x-fc-async-task-id": ("The id of the async task (FC 3.0): a letter or _, then letters, "
                           "digits, _ and -, at most 128.",
                           "异步任务 ID(FC 3.0):以字母或下划线开头,可含字母、数字、_ 和 -,最长 128。"),
    "x-fc-stateful-async-invocation-enable": ("Whether this asynchronous invocation is an async "
                                              "task (FC 2.0).", "是否以异步任务方式调用(FC 2.0)。"),
}
VALUES = {ops.SORT: ops.SORT_VALUES, ops.BOOL: ("true", "false"), ops.STATUS: ops.STATUS_VALUES}
TYPES = {ops.LIMIT: "integer, 1 to 100", ops.TIME: "integer, milliseconds",
         ops.SORT: "asc or desc", ops.BOOL: "boolean", ops.STATUS: "string",
         ops.PREFIX: "string", ops.STRING: "string"}


def _requests(text: str) -> Iterator[tuple[object, ops.Call]]:
    from fclint.formats.http_requests import requests

    for request in requests(text):
        found = request.operation_call()
        if found is not None:
            yield request, found


def _inside(span: Span, line: int, column: int) -> bool:
    return (span.line, span.column) <= (line, column) < (span.end_line, span.end_column)


def hover(text: str, path: str, line: int, column: int, lang: str = EN) -> HoverText | None:
    """The hover on a query parameter's or an InvokeFunction header's name in an `.http` file,
    if one is there."""
    if not path.lower().endswith(HTTP_SUFFIXES):
        return None
    for _request, found in _requests(text):
        table = ops.QUERY.get(found.operation, {})
        for param in found.query:
            if param.name in table and _inside(param.name_span, line, column):
                kind = table[param.name]
                return HoverText(_markdown(param.name, TYPES[kind], PARAM_DOCS.get(param.name),
                                           VALUES.get(kind, ()), found.operation, lang),
                                 param.name_span)
        known = ops.INVOKE_HEADERS[found.generation] if found.operation == "InvokeFunction" else {}
        for header in found.headers:
            lower = header.name.lower()
            if lower in known and _inside(header.name_span, line, column):
                name, values = known[lower]
                return HoverText(_markdown(name, "string", HEADER_DOCS.get(lower), values,
                                           found.operation, lang), header.name_span)
    return None


def _markdown(name: str, facts: str, docs: tuple[str, str] | None, values: tuple[str, ...],
              operation: str, lang: str) -> str:
    parts = [f"**{name}** ({facts}) · {operation}"]
    if docs:
        parts.append(docs[0] if lang == EN else docs[1])
    if values:
        parts.append(("Values: " if lang == EN else "取值:") + ", ".join(f"`{v}`" for v in values))
    return "\n\n".join(parts)


def completions(text: str, path: str, line: int, column: int) -> list[Item] | None:
    """In an `.http` request line's query: the operation's parameter names, or the values of
    the one before `=`; on an InvokeFunction header's value, its values. None elsewhere."""
    if not path.lower().endswith(HTTP_SUFFIXES):
        return None
    rows = text.split("\n")
    if not 0 < line <= len(rows):
        return None
    row = rows[line - 1].rstrip("\r")
    for request, found in _requests(text):
        if getattr(request, "line", None) == line:
            return list(_query_items(row, line, column, found))
        for header in found.headers:
            if header.span.line == line and column >= header.span.column:
                return list(_header_items(header, found))
    return None


def _query_items(row: str, line: int, column: int, found: ops.Call) -> Iterator[Item]:
    before = row[:column - 1]
    start = max(before.rfind("?"), before.rfind("&"))
    if start < 0 or " " in before[start:]:
        return
    end = len(row)
    for stop in ("&", " ", "#"):
        at = row.find(stop, column - 1)
        end = min(end, at) if at >= 0 else end
    segment = row[start + 1:end]
    table = ops.QUERY.get(found.operation, {})
    name, eq, _value = segment.partition("=")
    if eq and column - 1 > start + len(name):
        span = Span(line, start + len(name) + 3, line, end + 1)
        for value in VALUES.get(table.get(name, ""), ()):
            yield Item(value, value, value, span, "value", f"{name} · {found.operation}")
        return
    present = {p.name for p in found.query}
    span = Span(line, start + 2, line, end + 1)
    for key in table:
        if key not in present or key == name:
            docs = PARAM_DOCS.get(key, ("", ""))[0]
            yield Item(key, f"{key}=$1", f"{key}=", span, "property",
                       f"{TYPES[table[key]]} · {found.operation}", docs)


def _header_items(header: ops.Param, found: ops.Call) -> Iterator[Item]:
    if found.operation != "InvokeFunction":
        return
    _name, values = ops.INVOKE_HEADERS[found.generation].get(header.name.lower(), ("", ()))
    for value in values:
        yield Item(value, value, value, header.span, "value", f"{header.name} · InvokeFunction")
