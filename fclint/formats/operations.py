"""The async-invocation family beside Put: each operation's query parameters and headers as the
API documents them (sources in the comments), and the `Call` a front end reads from a `.http`
request or an SDK model, with each value where it is written. The facts and their sources are
gathered in the rule docs of FC064-FC070."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote_plus

from fclint.diagnostic import Span

# What a query parameter holds. Names and types: the API metadata of 2021-04-06 and 2023-03-30
# (dew-serverless/acs-sdk-php data/fc-open/2021-04-06 and data/fc/2023-03-30 api-docs.php) and
# the SDK models' to_map keys (alibabacloud_fc_open20210406 2.0.12, alibabacloud_fc20230330 4.8.3).
STRING, LIMIT, TIME, SORT, BOOL, STATUS, PREFIX = (
    "string", "limit", "time", "sort", "bool", "status", "prefix")

_LIST_TASKS = {"limit": LIMIT, "nextToken": STRING, "qualifier": STRING, "status": STATUS,
               "startedTimeBegin": TIME, "startedTimeEnd": TIME, "sortOrderByTime": SORT,
               "includePayload": BOOL}
QUERY: dict[str, dict[str, str]] = {
    "ListFunctionAsyncInvokeConfigs": {"limit": LIMIT, "nextToken": STRING},
    "GetStatefulAsyncInvocation": {"qualifier": STRING},
    "StopStatefulAsyncInvocation": {"qualifier": STRING},
    "ListStatefulAsyncInvocations": {**_LIST_TASKS, "invocationIdPrefix": PREFIX},
    "ListStatefulAsyncInvocationFunctions": {"limit": LIMIT, "nextToken": STRING},
    "InvokeFunction": {"qualifier": STRING},
    "ListAsyncInvokeConfigs": {"functionName": STRING, "limit": LIMIT, "nextToken": STRING},
    "GetAsyncTask": {"qualifier": STRING},
    "StopAsyncTask": {"qualifier": STRING},
    "ListAsyncTasks": {**_LIST_TASKS, "prefix": PREFIX},
}
# The same parameter under the other generation's name.
OTHER_NAMES = {"prefix": "invocationIdPrefix", "invocationIdPrefix": "prefix",
               "includeInput": "includePayload", "includeInputs": "includePayload"}

# `limit`: 1..100 (ListStatefulAsyncInvocations page "取值范围[1,100]", help.aliyun.com
# document_detail/256588; ListAsyncTasksRequest "in the range of [1, 100]"); the 2021-04-06
# metadata gives ListStatefulAsyncInvocationFunctions a minimum of 0: 0 is disputed.
LIMIT_RANGE = (1, 100)
LIMIT_DISPUTED = frozenset({0})
SORT_VALUES = ("asc", "desc")
# A task's states (StatefulAsyncInvocation and AsyncTask structs, their events); `Dequeued`
# only in ListAsyncTasksRequest's list of filter values: disputed.
STATUS_VALUES = ("Enqueued", "Succeeded", "Failed", "Running", "Stopped", "Stopping", "Invalid",
                 "Expired", "Retrying")
STATUS_DISPUTED = ("Dequeued",)
# Milliseconds (the List page: "单位:毫秒"); a time below this is seconds (before 1973 in ms).
MS_FLOOR = 10**11

# An invocation's / task's id: a letter or `_`, then letters, digits, `_` and `-`, at most 128
# (InvokeFunctionHeaders of both SDKs; fc-go-sdk const.go).
ID_PATTERN = re.compile(r"[A-Za-z_][A-Za-z0-9_-]{0,127}")

# InvokeFunction's headers, by lower-case name: (the name as documented, the values it takes).
INVOKE_HEADERS: dict[int, dict[str, tuple[str, tuple[str, ...]]]] = {
    2: {"x-fc-invocation-type": ("X-Fc-Invocation-Type", ("Sync", "Async")),
        "x-fc-log-type": ("X-Fc-Log-Type", ("Tail", "None")),
        "x-fc-stateful-async-invocation-enable": ("X-Fc-Stateful-Async-Invocation-Enable",
                                                  ("true", "false")),
        "x-fc-stateful-async-invocation-id": ("X-Fc-Stateful-Async-Invocation-Id", ())},
    3: {"x-fc-invocation-type": ("x-fc-invocation-type", ("Sync", "Async")),
        "x-fc-log-type": ("x-fc-log-type", ("Tail", "None")),
        "x-fc-async-task-id": ("x-fc-async-task-id", ())},
}
ID_HEADERS = {2: "x-fc-stateful-async-invocation-id", 3: "x-fc-async-task-id"}
ENABLE_HEADER = "x-fc-stateful-async-invocation-enable"


@dataclass(frozen=True)
class Param:
    """One query parameter or header: its name as the API spells it, its value (a string in a
    URL, a literal in Python; None when the code computes it), and where each is written."""

    name: str
    value: Any
    span: Span
    name_span: Span
    written: str  # the name as the file writes it (`started_time_begin`, `X-FC-Log-Type`)


@dataclass(frozen=True)
class Call:
    """An operation of the family as a front end read it. `typed`: Python values (an int is an
    int), not the strings of a URL."""

    operation: str
    generation: int
    query: tuple[Param, ...] = ()
    headers: tuple[Param, ...] = ()
    invocation_id: Param | None = None
    typed: bool = False
    known_keys: bool = True  # whether a name outside the table is a mistake (SDK keywords)
    # The function's names the call writes (part, value, span), where no request line holds
    # them: read as the document's FunctionContext, checked as for Put.
    names: tuple[tuple[str, str, Span], ...] = ()

    rule_traits = ("operation",)

    def header(self, lower_name: str) -> Param | None:
        return next((h for h in self.headers if h.name.lower() == lower_name), None)


def call_of(origin: Any) -> Call | None:
    """The call a document's origin makes, if it is one of the family."""
    if isinstance(origin, Call):
        return origin
    build = getattr(origin, "operation_call", None)
    return build() if build is not None else None


def query_params(url: str, locate: Callable[[int, int], Span]) -> tuple[Param, ...]:
    """The query parameters of `url`, decoded, each located by `locate(start, end)` (offsets
    into `url`); a name without `=` has no value."""
    found = []
    start = url.find("?")
    if start >= 0:
        end = url.find("#", start)
        pos = start + 1
        for piece in url[pos:end if end >= 0 else len(url)].split("&"):
            name, eq, value = piece.partition("=")
            if name:
                value_start = pos + len(name) + len(eq)
                found.append(Param(unquote_plus(name), unquote_plus(value) if eq else None,
                                   locate(value_start, pos + len(piece)),
                                   locate(pos, pos + len(name)), name))
            pos += len(piece) + 1
    return tuple(found)


def http_call(request: Any) -> Call | None:
    """The call an `.http` request (fclint.formats.http_requests.HttpRequest) makes: its query parameters located in the URL as written
    (a value behind a `{{variable}}` on the whole URL), its headers on their lines."""
    fc = request.fc
    if fc is None or fc.operation is None:
        return None
    query = query_params(request.url, request.offset_span)
    invocation_id = None
    if fc.invocation_id is not None and "id" in fc.offsets:
        span = request.part_span("id") or request.url_span
        invocation_id = Param("invocationId", fc.invocation_id, span, span, fc.invocation_id)
    return Call(fc.operation, fc.generation, query, request.headers, invocation_id)
