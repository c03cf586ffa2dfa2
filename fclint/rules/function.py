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
    """Checks qualifiers in request paths, bodies and function ARNs: `LATEST` (in capitals), a
    version number from 1, or an alias name (a letter or `_`, then letters, digits, `_`, `-`)."""
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
    """Checks that a request names its qualifier once: not both in the 2016-08-15 path (`svc.prod`)
    and in a `?qualifier=` query or the body, with different values."""
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
    """Checks that service names hold no dot, in paths and in function ARNs."""
    yield from problems_for(doc, "FC025")
    for part, value, template in _named_parts(doc):
        if part == "service" and "." in value:
            yield _at(template, f"{value!r}: a service name cannot hold a dot; in the "
                      "2021-04-06 API the qualifier goes in ?qualifier=")


@rule("FC026", Severity.ERROR, reads=("destinationConfig",))
def name_invalid(doc: Document) -> Iterator[Finding]:
    """Checks service and function names in paths and function ARNs: a letter or `_`, then letters,
    digits, `_` and `-`; services up to 128 characters, functions up to 64 (128 in older
    documents)."""
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
    """Reports a destination in another region than the function, when the function's region is
    known: from the `.http` host, the `region` setting, or the deployment file."""
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
    """Reports a destination in another account than the function, when the function's account is
    known: from the `.http` host or the `account-id` setting."""
    if not doc.context.account:  # every config of the document shares the home account
        return
    for where, ctx, arn in _function_destinations(doc):
        account = getattr(arn, "account", "")
        if ctx.account and account.isdigit() and account != ctx.account:
            yield Finding(where.path, f"{account!r} is not the function's account {ctx.account!r} "
                          f"(from {ctx.account_source})")


@rule("FC020", Severity.WARNING, reads=("destinationConfig",))
def self_destination(doc: Document) -> Iterator[Finding]:
    """Reports a function destination that is the configured function itself."""
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

