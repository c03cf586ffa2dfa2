"""FC request lines: which async-invoke API a method and URL call, and what they name."""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, unquote, urlsplit

VERSIONS = ("2016-08-15", "2021-04-06", "2023-03-30")
# Paths that say "this request is about async invocation" even when malformed.
MARKERS = ("async-invoke-config", "stateful-async-invocation", "async-task")

_FC2 = re.compile(
    r"(?:/(?P<version>\d{4}-\d{2}-\d{2}))?/services/(?P<service>[^/]*)/functions/(?P<function>[^/]*)"
    r"/(?P<resource>async-invoke-configs?|invocations|stateful-async-invocations(?:/(?P<id>[^/]+))?)/?"
)
_FC3 = re.compile(
    r"/(?P<version>2023-03-30)(?:/functions/(?P<function>[^/]*))?"
    r"/(?P<resource>async-invoke-configs?|invocations|async-tasks(?:/(?P<id>[^/]+)(?:/stop)?)?)/?"
)
# ListStatefulAsyncInvocationFunctions: the account's functions with async tasks, no names.
_FC2_FUNCTIONS = re.compile(r"/(?P<version>2021-04-06)/(?P<resource>stateful-async-invocation-functions)/?")
# InvokeFunction's path is an async-invocation path only as FC spells it (AWS Lambda's
# /2015-03-31/functions/F/invocations is not).
_INVOKE = re.compile(r"(?:/\d{4}-\d{2}-\d{2})?/services/[^/?#]*/functions/[^/?#]*/invocations(?![^/?#])"
                     r"|/2023-03-30/functions/[^/?#]*/invocations(?![^/?#])")
_HOST = re.compile(r"(?:(?P<account>\d+)\.)?(?:fcv3\.)?(?P<region>[a-z]{2}(?:-[a-z0-9]+)+?)"
                   r"(?:-internal)?\.(?:fc\.)?aliyuncs\.com")

OPERATIONS = {
    ("async-invoke-config", "PUT"): "PutFunctionAsyncInvokeConfig",
    ("async-invoke-config", "GET"): "GetFunctionAsyncInvokeConfig",
    ("async-invoke-config", "DELETE"): "DeleteFunctionAsyncInvokeConfig",
    ("async-invoke-configs", "GET"): "ListFunctionAsyncInvokeConfigs",
    ("stateful-async-invocations", "GET"): "ListStatefulAsyncInvocations",
    ("stateful-async-invocation", "GET"): "GetStatefulAsyncInvocation",
    ("stateful-async-invocation", "PUT"): "StopStatefulAsyncInvocation",
    ("async-tasks", "GET"): "ListAsyncTasks",
    ("async-task", "GET"): "GetAsyncTask",
    # PUT: the 2023-03-30 API metadata and alibabacloud_fc20230330's client (method = 'PUT').
    ("async-task/stop", "PUT"): "StopAsyncTask",
    ("invocations", "POST"): "InvokeFunction",
    ("stateful-async-invocation-functions", "GET"): "ListStatefulAsyncInvocationFunctions",
}


@dataclass(frozen=True)
class FcRequest:
    """What an FC request line names. Offsets are into the URL text."""

    version: str
    operation: str | None
    resource: str
    service: str | None = None
    function: str | None = None
    qualifier: str | None = None
    qualifier_in: str = ""  # "path" or "query"
    query: dict[str, str] = field(default_factory=dict)
    offsets: dict[str, tuple[int, int]] = field(default_factory=dict)
    region: str | None = None
    account: str | None = None
    invocation_id: str | None = None  # a stateful invocation's or an async task's, in the path

    @property
    def generation(self) -> int:
        return 3 if self.version == "2023-03-30" else 2

    @property
    def sends_config(self) -> bool:
        return self.operation in ("PutFunctionAsyncInvokeConfig", "PutAsyncInvokeConfig")

    @property
    def receives_config(self) -> bool:
        return self.operation in ("GetFunctionAsyncInvokeConfig", "ListFunctionAsyncInvokeConfigs",
                                  "GetAsyncInvokeConfig", "ListAsyncInvokeConfigs")


def is_fc_url(url: str) -> bool:
    return any(marker in url for marker in MARKERS) or _INVOKE.search(url) is not None


# scheme://authority, then the rest: split by hand so that a malformed host (which urllib
# refuses with a ValueError) leaves the path readable.
_AUTHORITY = re.compile(r"(?:[A-Za-z][A-Za-z0-9+.-]*:)?//(?P<authority>[^/?#]*)")
# What WHATWG's URL parser (REST Client's, browsers') forbids in a host name, beside what
# ends it; `%` only as an escape.
_FORBIDDEN_IN_HOST = re.compile(r"[\x00-\x20<>\[\\\]^|\x7f]|%(?![0-9A-Fa-f]{2})")
_TEMPLATE = re.compile(r"\{\{[^{}]*\}\}")


def authority_span(url: str) -> tuple[int, int] | None:
    """Where the authority (user@host:port) of `url` is, as offsets; None without one. A
    request line may leave the scheme out (`host/path`), as REST Client allows."""
    if url.startswith("/") and not url.startswith("//"):
        return None  # a path alone
    match = _AUTHORITY.match(url if "://" in url or url.startswith("//") else "//" + url)
    if match is None:
        return None
    shift = 0 if "://" in url or url.startswith("//") else 2  # a host without a scheme
    start, end = match.span("authority")
    return start - shift, end - shift


def host_problem(url: str) -> str | None:
    """Why the host of `url` is not one an HTTP client can connect to, or None: brackets that
    do not hold an IPv6 address, a character no host name may hold, a port that is not one.
    A `{{variable}}` left unresolved is not judged."""
    span = authority_span(url)
    if span is None:
        return None
    authority = _TEMPLATE.sub("x", url[span[0]:span[1]]).rpartition("@")[2]
    if authority.startswith("["):
        address, bracket, port = authority[1:].partition("]")
        if not bracket:
            return "an IPv6 address needs its closing ']'"
        try:
            ipaddress.IPv6Address(address)
        except ValueError:
            return f"{address!r} in brackets is not an IPv6 address"
        if port and not port.startswith(":"):
            return f"{port!r} follows the IPv6 address: only a ':port' may"
        port = port[1:]
    else:
        host, _, port = authority.partition(":")
        bad = _FORBIDDEN_IN_HOST.search(host)
        if bad:
            return f"{bad.group()!r} cannot be part of a host name"
        if ":" in port:
            return "a host name holds no ':' (an IPv6 address goes in brackets)"
    if port and (not port.isdigit() or not port.isascii() or int(port) > 65535):
        return f"{port!r} is not a port (a number up to 65535)"
    return None


def _host_name(url: str) -> str:
    span = authority_span(url)
    if span is None:
        return ""
    authority = url[span[0]:span[1]].rpartition("@")[2]
    return authority.partition(":")[0].lower() if not authority.startswith("[") else ""


def parse_request(method: str, url: str) -> FcRequest | None:
    """The FC request `method url` makes, or None when the path is no known async API path."""
    span = authority_span(url)
    rest_start = span[1] if span is not None else 0
    split = urlsplit(url[rest_start:])  # no authority left: nothing urllib could refuse
    path = split.path
    path_start = url.find(path, rest_start) if path else len(url)
    query = dict(parse_qsl(split.query, keep_blank_values=True))
    host = _HOST.fullmatch(_host_name(url))
    match = _FC3.fullmatch(path) or _FC2.fullmatch(path) or _FC2_FUNCTIONS.fullmatch(path)
    if match is None:
        return None
    groups = match.groupdict()
    version = groups.get("version") or "2016-08-15"
    resource = _resource_name(groups["resource"])
    offsets = {
        name: (path_start + match.start(name), path_start + match.end(name))
        for name in ("service", "function", "id") if groups.get(name) is not None
    }
    service = unquote(groups["service"]) if groups.get("service") is not None else None
    qualifier, qualifier_in = None, ""
    if service is not None and "." in service and version == "2016-08-15":
        service, _, qualifier = service.partition(".")
        start = offsets["service"][0]
        offsets["service"] = (start, start + len(service))
        offsets["qualifier"] = (start + len(service) + 1, start + len(service) + 1 + len(qualifier))
        qualifier_in = "path"
    if "qualifier" in query:
        q_at = url.find("qualifier=", path_start + len(path))
        offsets["query-qualifier"] = (q_at + 10, q_at + 10 + len(query["qualifier"]))
        if qualifier is None:
            qualifier, qualifier_in = query["qualifier"], "query"
    function = unquote(groups["function"]) if groups.get("function") is not None else None
    if function is None and "functionName" in query:
        function = query["functionName"]
    operation = OPERATIONS.get((resource, method.upper()))
    if operation and version == "2023-03-30":
        operation = operation.replace("FunctionAsyncInvokeConfig", "AsyncInvokeConfig")
    return FcRequest(
        version=version, operation=operation, resource=resource,
        service=service, function=function, qualifier=qualifier, qualifier_in=qualifier_in,
        query=query, offsets=offsets,
        region=host.group("region") if host else None,
        account=host.group("account") if host else None,
        invocation_id=unquote(groups["id"]) if groups.get("id") is not None else None,
    )


def _resource_name(resource: str) -> str:
    head, _, rest = resource.partition("/")
    if not rest:
        return head
    singular = head.removesuffix("s")
    return f"{singular}/stop" if rest.endswith("/stop") else singular
