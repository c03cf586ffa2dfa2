"""Rules that need to know the configured function: its names and qualifier, and destinations
that lead back to it or out of its region or account."""

from __future__ import annotations

from collections.abc import Iterator

from fclint import names
from fclint.diagnostic import Finding, FixIntent, FixKind, Severity
from fclint.document import Document, FunctionContext
from fclint.rules.destinations import FUNCTION_ARN, judged, problems_for
from fclint.rules.registry import rule


def _named_parts(doc: Document) -> Iterator[tuple[str, str, Finding]]:
    """(part, value, a finding template located where the value was read) for context names."""
    ctx = doc.context
    for part, value in (("service", ctx.service), ("function", ctx.function),
                        ("qualifier", ctx.qualifier)):
        span = ctx.span_of(part)
        if value is not None and span is not None:
            yield part, value, Finding((), "", span=span)
    query_span = ctx.span_of("query-qualifier")
    query_qualifier = getattr(getattr(doc.origin, "fc", None), "query", {}).get("qualifier")
    if query_span is not None and query_qualifier is not None and query_span != ctx.span_of("qualifier"):
        yield "query-qualifier", query_qualifier, Finding((), "", span=query_span)


def _at(template: Finding, message: str, fix: FixIntent | None = None) -> Finding:
    return Finding(template.path, message, template.target, span=template.span, fix=fix)


@rule("FC023", Severity.ERROR, fix=FixKind.CERTAIN, reads=("destinationConfig", "qualifier"))
def qualifier_invalid(doc: Document) -> Iterator[Finding]:
    """## What it does
    Checks qualifiers in request paths, bodies and function ARNs: `LATEST` (in capitals), a
    version number from 1, or an alias name (a letter or `_`, then letters, digits, `_`, `-`).

    ## Why is this bad?
    Qualifiers are case-sensitive: `latest` names an alias that does not exist, so the
    configuration lands nowhere, or the destination is never invoked.

    ## Example
    ```json
    {"destinationConfig": {"onSuccess": {"destination": "acs:fc:cn-hangzhou:1234567890123456:services/svc.latest/functions/next"}}}
    ```

    ## Use instead
    ```json
    {"destinationConfig": {"onSuccess": {"destination": "acs:fc:cn-hangzhou:1234567890123456:services/svc.LATEST/functions/next"}}}
    ```
    """
    yield from problems_for(doc, "FC023")
    for part, value, template in _named_parts(doc):
        if part in ("qualifier", "query-qualifier") and not doc.is_interpolated(value):
            problem = names.qualifier_problem(value)
            if problem:
                fix = (FixIntent("Change to 'LATEST'", "LATEST", old=value)
                       if value.upper() == "LATEST" else None)
                yield _at(template, f"{value!r}: {problem}", fix)
    for base, config in doc.configs():
        body_qualifier = config.get("qualifier")
        if isinstance(body_qualifier, str) and not doc.is_interpolated(body_qualifier):
            problem = names.qualifier_problem(body_qualifier)
            if problem:
                yield Finding(base + ("qualifier",), f"{body_qualifier!r}: {problem}")


@rule("FC024", Severity.ERROR, reads=("qualifier",))
def qualifier_conflict(doc: Document) -> Iterator[Finding]:
    """## What it does
    Checks that a request names its qualifier once: not both in the 2016-08-15 path
    (`svc.prod`) and in a `?qualifier=` query or the body, with different values.

    ## Why is this bad?
    Only one of them is used, and which one depends on the API version: the configuration
    may land on another version or alias than the one you read.

    ## Example
    ```http
    PUT /2016-08-15/services/svc.prod/functions/fn/async-invoke-config?qualifier=test
    ```

    ## Use instead
    ```http
    PUT /2016-08-15/services/svc.prod/functions/fn/async-invoke-config
    ```
    """
    ctx = doc.context
    query_span = ctx.span_of("query-qualifier")
    request = doc.origin
    fc = getattr(request, "fc", None)
    if fc is not None and fc.qualifier_in == "path" and "qualifier" in fc.query:
        if fc.query["qualifier"] != fc.qualifier and query_span is not None:
            yield Finding((), f"{fc.query['qualifier']!r} differs from the qualifier "
                          f"{fc.qualifier!r} in the path; name the qualifier once", span=query_span)
    body_qualifier = doc.get(("qualifier",)) if doc.kind.is_request else None
    if isinstance(body_qualifier, str) and ctx.qualifier is not None and body_qualifier != ctx.qualifier:
        yield Finding(("qualifier",), f"{body_qualifier!r} differs from the qualifier "
                      f"{ctx.qualifier!r} of the request; FC uses the one in the URL")


@rule("FC025", Severity.ERROR, reads=("destinationConfig",))
def service_name_dot(doc: Document) -> Iterator[Finding]:
    """## What it does
    Checks that service names hold no dot, in paths and in function ARNs.

    ## Why is this bad?
    The 2016-08-15 path and FC 2.0 ARNs join service and qualifier with a dot
    (`svc.prod`): a dotted name is read as a service and a qualifier. In the 2021-04-06 path
    the qualifier goes in `?qualifier=` instead.

    ## Example
    ```http
    PUT /2021-04-06/services/svc.prod/functions/fn/async-invoke-config
    ```

    ## Use instead
    ```http
    PUT /2021-04-06/services/svc/functions/fn/async-invoke-config?qualifier=prod
    ```
    """
    yield from problems_for(doc, "FC025")
    for part, value, template in _named_parts(doc):
        if part == "service" and "." in value:
            yield _at(template, f"{value!r}: a service name cannot hold a dot; in the "
                      "2021-04-06 API the qualifier goes in ?qualifier=")


@rule("FC026", Severity.ERROR, reads=("destinationConfig",))
def name_invalid(doc: Document) -> Iterator[Finding]:
    """## What it does
    Checks service and function names in paths and function ARNs: a letter or `_`, then
    letters, digits, `_` and `-`; services up to 128 characters, functions up to 64
    (128 in older documents).

    ## Why is this bad?
    No service or function can have such a name, so the request or destination names nothing.

    ## Example
    ```http
    PUT /2016-08-15/services/1svc/functions/fn/async-invoke-config
    ```

    ## Use instead
    ```http
    PUT /2016-08-15/services/svc1/functions/fn/async-invoke-config
    ```
    """
    yield from problems_for(doc, "FC026")
    for part, value, template in _named_parts(doc):
        if part in ("service", "function") and not doc.is_interpolated(value):
            limit = names.SERVICE_MAX if part == "service" else names.FUNCTION_MAX_LEGACY
            problem = names.name_problem(value, part, limit)
            if problem:
                yield _at(template, f"{value!r}: {problem}")


def _function_destinations(doc: Document) -> Iterator[tuple[Finding, FunctionContext, object]]:
    for path, _value, which, arn, _problems in judged(doc):
        if arn is not None and which != FUNCTION_ARN:  # a response's own ARN is no destination
            yield Finding(path, ""), doc.function_context(path[:-3]), arn


@rule("FC018", Severity.WARNING, reads=("destinationConfig",))
def cross_region_destination(doc: Document) -> Iterator[Finding]:
    """## What it does
    Reports a destination in another region than the function, when the function's region is
    known: from the `.http` host, the `region` setting, or the deployment file.

    ## Why is this bad?
    Cross-region delivery is not documented for destinations, while triggers and EventBridge
    targets must be in the same region; it also adds latency and cost.

    ## Example
    ```http
    PUT https://1234567890123456.cn-hangzhou.fc.aliyuncs.com/2016-08-15/services/svc/functions/fn/async-invoke-config

    {"destinationConfig": {"onFailure": {"destination": "acs:mns:cn-beijing:1234567890123456:/queues/dlq/messages"}}}
    ```

    ## Use instead
    ```http
    PUT https://1234567890123456.cn-hangzhou.fc.aliyuncs.com/2016-08-15/services/svc/functions/fn/async-invoke-config

    {"destinationConfig": {"onFailure": {"destination": "acs:mns:cn-hangzhou:1234567890123456:/queues/dlq/messages"}}}
    ```
    """
    if not doc.context.region:  # every config of the document shares the home region
        return
    for where, ctx, arn in _function_destinations(doc):
        region = getattr(arn, "region", "")
        if (ctx.region and region and not doc.is_interpolated(region)
                and not names.PLACEHOLDER.search(region) and region != ctx.region):
            yield Finding(where.path, f"{region!r} is not the function's region {ctx.region!r} "
                          f"(from {ctx.region_source})")


@rule("FC019", Severity.WARNING, reads=("destinationConfig",))
def cross_account_destination(doc: Document) -> Iterator[Finding]:
    """## What it does
    Reports a destination in another account than the function, when the function's account
    is known: from the `.http` host or the `account-id` setting.

    ## Why is this bad?
    FC needs a role allowed to write into the other account; without it results are lost.
    More often the account was copied from somewhere else.

    ## Example
    ```http
    PUT https://1234567890123456.cn-hangzhou.fc.aliyuncs.com/2016-08-15/services/svc/functions/fn/async-invoke-config

    {"destinationConfig": {"onFailure": {"destination": "acs:mns:cn-hangzhou:9999999999999999:/queues/dlq/messages"}}}
    ```

    ## Use instead
    ```http
    PUT https://1234567890123456.cn-hangzhou.fc.aliyuncs.com/2016-08-15/services/svc/functions/fn/async-invoke-config

    {"destinationConfig": {"onFailure": {"destination": "acs:mns:cn-hangzhou:1234567890123456:/queues/dlq/messages"}}}
    ```
    """
    if not doc.context.account:  # every config of the document shares the home account
        return
    for where, ctx, arn in _function_destinations(doc):
        account = getattr(arn, "account", "")
        if ctx.account and account.isdigit() and account != ctx.account:
            yield Finding(where.path, f"{account!r} is not the function's account {ctx.account!r} "
                          f"(from {ctx.account_source})")


@rule("FC020", Severity.WARNING, reads=("destinationConfig",))
def self_destination(doc: Document) -> Iterator[Finding]:
    """## What it does
    Reports a function destination that is the configured function itself.

    ## Why is this bad?
    Every result invokes the function again: an endless loop of invocations and cost.

    ## Example
    ```http
    PUT /2016-08-15/services/svc/functions/fn/async-invoke-config

    {"destinationConfig": {"onSuccess": {"destination": "acs:fc:cn-hangzhou:1234567890123456:services/svc.LATEST/functions/fn"}}}
    ```

    ## Use instead
    ```http
    PUT /2016-08-15/services/svc/functions/fn/async-invoke-config

    {"destinationConfig": {"onSuccess": {"destination": "acs:fc:cn-hangzhou:1234567890123456:services/svc.LATEST/functions/next"}}}
    ```
    """
    if doc.kind.is_request and doc.context.function is None:  # only responses name their own
        return
    for where, ctx, arn in _function_destinations(doc):
        kind = getattr(arn, "kind", None)
        if kind not in ("fc2", "fc3") or ctx.function is None or arn.name != ctx.function:  # type: ignore[attr-defined]
            continue
        if kind == "fc2":
            if ctx.service is None or arn.service_name != ctx.service:  # type: ignore[attr-defined]
                continue
            target = arn.qualifier or "LATEST"  # type: ignore[attr-defined]
            if target != (ctx.qualifier or "LATEST"):
                continue
        yield Finding(where.path, f"{arn.text!r} is the configured function itself: each result "  # type: ignore[attr-defined]
                      "would invoke it again")

