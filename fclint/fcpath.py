"""FC request lines: which async-invoke API a method and URL call, and what they name."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, unquote, urlsplit

VERSIONS = ("2016-08-15", "2021-04-06", "2023-03-30")
# Paths that say "this request is about async invocation" even when malformed.
MARKERS = ("async-invoke-config", "stateful-async-invocation", "async-task")

_FC2 = re.compile(
    r"(?:/(?P<version>\d{4}-\d{2}-\d{2}))?/services/(?P<service>[^/]*)/functions/(?P<function>[^/]*)"
    r"/(?P<resource>async-invoke-configs?|stateful-async-invocations(?:/[^/]+)?)/?"
)
_FC3 = re.compile(
    r"/(?P<version>2023-03-30)(?:/functions/(?P<function>[^/]*))?"
    r"/(?P<resource>async-invoke-configs?|async-tasks(?:/[^/]+(?:/stop)?)?)/?"
)
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
    ("async-task/stop", "POST"): "StopAsyncTask",
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
    return any(marker in url for marker in MARKERS)


def parse_request(method: str, url: str) -> FcRequest | None:
    """The FC request `method url` makes, or None when the path is no known async API path."""
    split = urlsplit(url if "://" in url or url.startswith("/") else "//" + url)
    path, path_start = split.path, url.find(split.path) if split.path else len(url)
    query = dict(parse_qsl(split.query, keep_blank_values=True))
    host = _HOST.fullmatch(split.hostname or "")
    match = _FC3.fullmatch(path) or _FC2.fullmatch(path)
    if match is None:
        return None
    groups = match.groupdict()
    version = groups.get("version") or "2016-08-15"
    resource = _resource_name(groups["resource"])
    offsets = {
        name: (path_start + match.start(name), path_start + match.end(name))
        for name in ("service", "function") if groups.get(name) is not None
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
    )


def _resource_name(resource: str) -> str:
    head, _, rest = resource.partition("/")
    if not rest:
        return head
    singular = head.removesuffix("s")
    return f"{singular}/stop" if rest.endswith("/stop") else singular
