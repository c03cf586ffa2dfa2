"""Rules about destination ARNs as a whole: their presence, their form per service, the FC
generation they are written for, and success equal to failure; every ARN judged once."""

from __future__ import annotations

from collections.abc import Iterator

from fclint.arn import Arn
from fclint.diagnostic import Finding, FixKind, Pointer, Severity
from fclint.document import Document
from fclint.rules.arn_checks import Problem, judge
from fclint.rules.registry import rule
from fclint.rules.schema import schema_findings


def judged(doc: Document) -> list[tuple[Pointer, str, str, Arn | None, list[Problem]]]:
    """Every destination of the document with its parsed ARN and problems, computed once."""

    def compute() -> list[tuple[Pointer, str, str, Arn | None, list[Problem]]]:
        result = []
        for path, value, which in doc.destinations():
            if value.strip() == "" or doc.is_interpolated(value):  # empty: missing-destination
                continue
            arn, problems = judge(value, doc.kind.generation, doc.shorthand_allowed)
            result.append((path, value, which, arn, problems))
        for path, value in _function_arns(doc):
            arn, problems = judge(value, doc.kind.generation, doc.shorthand_allowed)
            result.append((path, value, FUNCTION_ARN, arn, problems))
        return result

    return doc.memo("destinations", compute)  # type: ignore[no-any-return]


FUNCTION_ARN = "functionArn"  # `which` of a response's own ARN, judged like a destination's


def _function_arns(doc: Document) -> Iterator[tuple[Pointer, str]]:
    """The `functionArn` of each config of an FC 3.0 response: the function's own ARN, whose
    shape is a function destination's (a '/' after the account, as one published FC 3.0
    example writes it, names nothing)."""
    if doc.kind.is_request:
        return
    for base, config in doc.configs():
        value = config.get(FUNCTION_ARN)
        if isinstance(value, str) and value.strip() and not doc.is_interpolated(value):
            yield base + (FUNCTION_ARN,), value


def problems_for(doc: Document, code: str) -> Iterator[Finding]:
    for path, _value, _which, _arn, problems in judged(doc):
        for problem in problems:
            if problem.code == code:
                yield Finding(path, problem.message, fix=problem.fix)


@rule("FC009", Severity.WARNING, keywords=("required",), reads=("destinationConfig",))
def missing_destination(doc: Document) -> Iterator[Finding]:
    """## What it does
    Checks that `onSuccess` and `onFailure` name a destination: an object with a non-empty
    `destination`.

    ## Why is this bad?
    An empty destination clears it: the results you expect to receive go nowhere.

    ## Example
    ```json
    {"destinationConfig": {"onFailure": {"destination": ""}}}
    ```

    ## Use instead
    ```json
    {"destinationConfig": {"onFailure": {"destination": "acs:mns:cn-hangzhou:1234567890123456:/queues/failed/messages"}}}
    ```
    """
    yield from schema_findings(doc, "FC009")
    if not doc.kind.is_request:
        return
    for path, value, which in doc.destinations():
        if value.strip() == "":
            yield Finding(path, f"{value!r}: the {which} destination is empty")


@rule("FC010", Severity.ERROR, reads=("destinationConfig",))
def destination_not_arn(doc: Document) -> Iterator[Finding]:
    """## What it does
    Checks that each destination is an `acs:` ARN of a service FC can send results to: MNS,
    Function Compute, EventBridge or ApsaraMQ for RocketMQ.

    ## Why is this bad?
    FC rejects the configuration, or results are never delivered.

    ## Example
    ```json
    {"destinationConfig": {"onFailure": {"destination": "arn:aws:sqs:us-east-1:123456789012:dlq"}}}
    ```

    ## Use instead
    ```json
    {"destinationConfig": {"onFailure": {"destination": "acs:mns:cn-hangzhou:1234567890123456:/queues/dlq/messages"}}}
    ```
    """
    yield from problems_for(doc, "FC010")


@rule("FC011", Severity.ERROR, fix=FixKind.CERTAIN, reads=("destinationConfig",))
def mns_arn_malformed(doc: Document) -> Iterator[Finding]:
    """## What it does
    Checks that MNS destinations name a queue or topic with `/messages`:
    `acs:mns:REGION:ACCOUNT:/queues/NAME/messages` or `.../topics/NAME/messages`.

    ## Why is this bad?
    A queue's RAM resource (`/queues/NAME`, without `/messages`) or a singular `/message`
    (as in the Fun spec) is not a destination FC can send to.

    ## Example
    ```json
    {"destinationConfig": {"onFailure": {"destination": "acs:mns:cn-hangzhou:1234567890123456:/queues/dlq/message"}}}
    ```

    ## Use instead
    ```json
    {"destinationConfig": {"onFailure": {"destination": "acs:mns:cn-hangzhou:1234567890123456:/queues/dlq/messages"}}}
    ```
    """
    yield from problems_for(doc, "FC011")


@rule("FC012", Severity.ERROR, fix=FixKind.CERTAIN, reads=("destinationConfig",))
def fc_arn_malformed(doc: Document) -> Iterator[Finding]:
    """## What it does
    Checks that function destinations (and a response's own `functionArn`) have the FC 2.0 form
    `acs:fc:REGION:ACCOUNT:services/SERVICE[.QUALIFIER]/functions/FUNCTION` or the FC 3.0 form
    `acs:fc:REGION:ACCOUNT:functions/FUNCTION`.

    ## Why is this bad?
    FC cannot invoke a destination it cannot parse; an `/invocations` suffix or a `/` after the
    account are common slips.

    ## Example
    ```json
    {"destinationConfig": {"onSuccess": {"destination": "acs:fc:cn-hangzhou:1234567890123456:services/s/functions/f/invocations"}}}
    ```

    ## Use instead
    ```json
    {"destinationConfig": {"onSuccess": {"destination": "acs:fc:cn-hangzhou:1234567890123456:services/s/functions/f"}}}
    ```
    """
    yield from problems_for(doc, "FC012")


@rule("FC013", Severity.WARNING, reads=("destinationConfig",))
def fc_arn_generation_mismatch(doc: Document) -> Iterator[Finding]:
    """## What it does
    Checks that a function destination uses the ARN form of the API it is configured with.

    ## Why is this bad?
    Each API documents only its own form; FC 3.0 has no services.

    ## Example
    ```json
    {"destinationConfig": {"onSuccess": {"destination": "acs:fc:cn-hangzhou:1234567890123456:functions/next"}}}
    ```

    ## Use instead
    ```json
    {"destinationConfig": {"onSuccess": {"destination": "acs:fc:cn-hangzhou:1234567890123456:services/s.LATEST/functions/next"}}}
    ```
    """
    yield from problems_for(doc, "FC013")


@rule("FC022", Severity.INFO, reads=("destinationConfig",))
def success_equals_failure(doc: Document) -> Iterator[Finding]:
    """## What it does
    Reports a configuration whose `onSuccess` and `onFailure` are the same destination.

    ## Why is this bad?
    It is legal, but usually a copy-paste slip: successes and failures become hard to tell apart.

    ## Example
    ```json
    {"destinationConfig": {"onSuccess": {"destination": "acs:mns:cn-hangzhou:1234567890123456:/queues/q/messages"}, "onFailure": {"destination": "acs:mns:cn-hangzhou:1234567890123456:/queues/q/messages"}}}
    ```

    ## Use instead
    ```json
    {"destinationConfig": {"onSuccess": {"destination": "acs:mns:cn-hangzhou:1234567890123456:/queues/ok/messages"}, "onFailure": {"destination": "acs:mns:cn-hangzhou:1234567890123456:/queues/failed/messages"}}}
    ```
    """
    by_config: dict[Pointer, dict[str, str]] = {}
    for path, value, which in doc.destinations():
        by_config.setdefault(path[:-2], {})[which] = value
    for base, pair in by_config.items():
        if pair.get("onSuccess") and pair.get("onSuccess") == pair.get("onFailure"):
            yield Finding(base + ("onFailure", "destination"),
                          f"{pair['onFailure']!r} is both the success and the failure destination")
