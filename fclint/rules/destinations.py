"""Rules about destination ARNs: their shape per service, region, account and placeholders."""

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


@rule("FC014", Severity.WARNING, reads=("destinationConfig",))
def region_unknown(doc: Document) -> Iterator[Finding]:
    """## What it does
    Checks that the region of a destination ARN is one where Function Compute runs.

    ## Why is this bad?
    A misspelled region (`cn-hangzou`, `hangzhou`) names a resource that cannot exist.

    ## Example
    ```json
    {"destinationConfig": {"onFailure": {"destination": "acs:mns:cn-hangzou:1234567890123456:/queues/dlq/messages"}}}
    ```

    ## Use instead
    ```json
    {"destinationConfig": {"onFailure": {"destination": "acs:mns:cn-hangzhou:1234567890123456:/queues/dlq/messages"}}}
    ```
    """
    yield from problems_for(doc, "FC014")


@rule("FC015", Severity.WARNING, reads=("destinationConfig",))
def region_or_account_empty(doc: Document) -> Iterator[Finding]:
    """## What it does
    Checks for ARNs with an empty region or account (`acs:fc:::...`) outside the deployment
    tools that fill them in. An empty account is left alone in FC 3.0 configurations, which
    read it as the function's own account.

    ## Why is this bad?
    Serverless Devs and Fun expand the `:::` shorthand; the API takes the ARN as written. FC
    3.0 accepts an empty account (Serverless Devs' fc3 component deploys
    `acs:fc:${region}::functions/...` in its own tests, and its 2to3 converter writes that
    form), but no document shows an empty region working, nor an empty account in FC 2.0.

    ## Example
    ```json
    {"destinationConfig": {"onFailure": {"destination": "acs:mns:::/queues/dlq/messages"}}}
    ```

    ## Use instead
    ```json
    {"destinationConfig": {"onFailure": {"destination": "acs:mns:cn-hangzhou:1234567890123456:/queues/dlq/messages"}}}
    ```
    """
    yield from problems_for(doc, "FC015")


@rule("FC016", Severity.ERROR, reads=("destinationConfig",))
def account_id_invalid(doc: Document) -> Iterator[Finding]:
    """## What it does
    Checks that the account of a destination ARN is an account id: digits, not the masked
    `1986***743` of the documentation or a placeholder such as `xxx`.

    ## Why is this bad?
    Copied from the documentation, the ARN names an account that is not yours.

    ## Example
    ```json
    {"destinationConfig": {"onFailure": {"destination": "acs:mns:cn-shanghai:1986***743:/queues/failure/messages"}}}
    ```

    ## Use instead
    ```json
    {"destinationConfig": {"onFailure": {"destination": "acs:mns:cn-shanghai:1234567890123456:/queues/failure/messages"}}}
    ```
    """
    yield from problems_for(doc, "FC016")


@rule("FC044", Severity.WARNING, reads=("destinationConfig",))
def account_id_length(doc: Document) -> Iterator[Finding]:
    """## What it does
    Checks that the account of a destination ARN has the 16 digits of an Alibaba Cloud
    account id.

    ## Why is this bad?
    A shorter number is a sample from a document (`123456789`) or a digit lost in copying;
    the destination then names an account that does not exist, and the results go nowhere.

    ## Example
    ```json
    {"destinationConfig": {"onFailure": {"destination": "acs:mns:cn-shanghai:123456789:/queues/failure/messages"}}}
    ```

    ## Use instead
    ```json
    {"destinationConfig": {"onFailure": {"destination": "acs:mns:cn-shanghai:1234567890123456:/queues/failure/messages"}}}
    ```
    """
    yield from problems_for(doc, "FC044")


@rule("FC017", Severity.ERROR, reads=("destinationConfig",))
def unresolved_placeholder(doc: Document) -> Iterator[Finding]:
    """## What it does
    Checks destinations for placeholders left in from a template: `{please_replace_me}`,
    `{uid}`, `{{ region }}`, `<accountId>`. Deployment-tool interpolation such as
    `${vars.region}` is left alone where the format has it.

    ## Why is this bad?
    Nothing replaces them: the ARN is sent as written and names nothing.

    ## Example
    ```json
    {"destinationConfig": {"onFailure": {"destination": "acs:mns:cn-hangzhou:{please_replace_me}:/queues/dlq/messages"}}}
    ```

    ## Use instead
    ```json
    {"destinationConfig": {"onFailure": {"destination": "acs:mns:cn-hangzhou:1234567890123456:/queues/dlq/messages"}}}
    ```
    """
    yield from problems_for(doc, "FC017")


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


@rule("FC027", Severity.ERROR, reads=("destinationConfig",))
def mns_name_too_long(doc: Document) -> Iterator[Finding]:
    """## What it does
    Checks that MNS queue and topic names in destinations have at most 120 characters.

    ## Why is this bad?
    MNS cannot create such a queue or topic, so the destination cannot exist.

    ## Example
    ```json
    {"destinationConfig": {"onFailure": {"destination": "acs:mns:cn-hangzhou:1234567890123456:/queues/qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq/messages"}}}
    ```

    ## Use instead
    ```json
    {"destinationConfig": {"onFailure": {"destination": "acs:mns:cn-hangzhou:1234567890123456:/queues/dlq/messages"}}}
    ```
    """
    yield from problems_for(doc, "FC027")


@rule("FC028", Severity.ERROR, reads=("destinationConfig",))
def eventbridge_bus_invalid(doc: Document) -> Iterator[Finding]:
    """## What it does
    Checks EventBridge destinations: `acs:eventbridge:REGION:ACCOUNT:eventbus/BUS`, with a bus
    name of up to 127 letters, digits and `-`, not starting `eventbridge-reserved-`.

    ## Why is this bad?
    EventBridge has no bus by such a name, so events are never delivered.

    ## Example
    ```json
    {"destinationConfig": {"onSuccess": {"destination": "acs:eventbridge:cn-hangzhou:1234567890123456:eventbus/my_bus"}}}
    ```

    ## Use instead
    ```json
    {"destinationConfig": {"onSuccess": {"destination": "acs:eventbridge:cn-hangzhou:1234567890123456:eventbus/my-bus"}}}
    ```
    """
    yield from problems_for(doc, "FC028")


@rule("FC030", Severity.WARNING, reads=("destinationConfig",))
def rocketmq_destination(doc: Document) -> Iterator[Finding]:
    """## What it does
    Checks ApsaraMQ for RocketMQ destinations: the form `acs:mq:REGION:ACCOUNT:/instances/
    INSTANCE/topic/TOPIC` (known from EventBridge; FC documents no example) and 4.0 instances.

    ## Why is this bad?
    FC delivers to RocketMQ 4.0 instances only; a 5.0 instance (`rmq-...`) never receives.

    ## Example
    ```json
    {"destinationConfig": {"onSuccess": {"destination": "acs:mq:cn-hangzhou:1234567890123456:/instances/rmq-cn-abc/topic/results"}}}
    ```

    ## Use instead
    ```json
    {"destinationConfig": {"onSuccess": {"destination": "acs:mq:cn-hangzhou:1234567890123456:/instances/MQ_INST_123_abc/topic/results"}}}
    ```
    """
    yield from problems_for(doc, "FC030")
