"""Rules about the request line of `.http` files: the FC path, the method and the body."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from fclint.diagnostic import Finding, Severity
from fclint.document import Document
from fclint.rules.registry import rule

if TYPE_CHECKING:  # the .http front end is imported when a .http file is read, not before
    from fclint.formats.http_requests import HttpRequest


def _request(doc: Document) -> HttpRequest | None:
    from fclint.formats.http_requests import HttpRequest  # loaded: the document came from it

    return doc.origin if isinstance(doc.origin, HttpRequest) else None


@rule("FC060", Severity.ERROR, needs="http")
def http_path_malformed(doc: Document) -> Iterator[Finding]:
    """Checks that a request to an async-invocation URL has one of the FC paths:
    `/2016-08-15/services/SERVICE[.QUALIFIER]/functions/FUNCTION/async-invoke-config`, the
    2021-04-06 form with `?qualifier=`, `/2023-03-30/functions/FUNCTION/async-invoke-config`, and
    their siblings (`async-invoke-configs`, `stateful-async-invocations`, `async-tasks`)."""
    request = _request(doc)
    if request is not None and request.fc is None:
        yield Finding((), f"{request.raw_url!r} is not an FC async-invocation path: expected "
                      "/2016-08-15/services/SERVICE[.QUALIFIER]/functions/FUNCTION/async-invoke-config "
                      "or an FC 3.0 /2023-03-30/functions/FUNCTION/async-invoke-config",
                      span=request.url_span)


@rule("FC061", Severity.ERROR, needs="http")
def http_method_not_allowed(doc: Document) -> Iterator[Finding]:
    """Checks that the method is one the path takes: PUT, GET or DELETE for `async-invoke-config`,
    GET for `async-invoke-configs`, GET or PUT (stop) for a task, POST for `invocations`."""
    request = _request(doc)
    if request is not None and request.fc is not None and request.fc.operation is None:
        yield Finding((), f"{request.method!r} is not a method of {request.fc.resource!r}",
                      span=request.method_span)


@rule("FC062", Severity.WARNING, needs="http")
def http_body_unexpected(doc: Document) -> Iterator[Finding]:
    """Checks that only PUT requests carry a body."""
    request = _request(doc)
    if (request is not None and request.fc is not None and request.has_body
            and request.method in ("GET", "DELETE")):
        yield Finding((), f"{request.method!r} requests send no body; FC ignores it",
                      span=request.method_span)


@rule("FC063", Severity.ERROR, needs="http")
def http_host_invalid(doc: Document) -> Iterator[Finding]:
    """Checks that the host of a request URL, with its `{{variables}}` filled in, is a host an HTTP
    client can connect to: a name without brackets, spaces or `^|<>\\`, an IPv6 address in brackets
    (`[2001:db8::1]`), and a port from 0 to 65535."""
    request = _request(doc)
    if request is None:
        return
    problem = request.host_problem
    if problem is not None:
        host, written = request.host_text(resolved=True), request.host_text(resolved=False)
        source = f" (from {written})" if written != host else ""
        yield Finding((), f"{host!r}{source} is not a valid host: {problem}",
                      span=request.host_span)
