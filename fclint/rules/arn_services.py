"""Rules about each destination service's own names: MNS queues and topics, EventBridge buses,
ApsaraMQ for RocketMQ instances and topics."""

from __future__ import annotations

from collections.abc import Iterator

from fclint.diagnostic import Finding, Severity
from fclint.document import Document
from fclint.rules.destinations import problems_for
from fclint.rules.registry import rule


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
