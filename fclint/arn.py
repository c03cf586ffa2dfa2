"""Parse destination ARNs (`acs:service:region:account:resource`) into their parts.

Patterns are anchored, linear and bounded: no nested quantifiers, so a megabyte of text
cannot make them backtrack.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_ARN_LENGTH = 2048


@dataclass(frozen=True)
class Arn:
    """The parts of an `acs:` ARN; `kind` names the resource form that matched, if any."""

    text: str
    service: str
    region: str
    account: str
    resource: str
    kind: str | None = None  # mns-queue, mns-topic, fc2, fc3, eventbridge, rocketmq
    name: str = ""  # queue, topic, function, bus or topic name
    service_name: str = ""  # FC 2.0 service of a function destination
    qualifier: str | None = None
    instance: str = ""


_HEAD = re.compile(r"acs:([^:]*):([^:]*):([^:]*):(.*)", re.DOTALL)
_MNS = re.compile(r"/(queues|topics)/([^/]+)/messages")
_FC2 = re.compile(r"services/([^/]+)/functions/([^/]+)")
_FC3 = re.compile(r"functions/([^/]+)")
_BUS = re.compile(r"eventbus/([^/]+)")
_MQ = re.compile(r"/?instances/([^/]+)/topic/([^/]+)")


def parse_arn(text: str) -> Arn | None:
    """Split `text` into ARN parts, or None when it is not `acs:` with four colons."""
    if len(text) > MAX_ARN_LENGTH:
        return None
    head = _HEAD.fullmatch(text)
    if head is None:
        return None
    service, region, account, resource = head.groups()
    parts = (text, service, region, account, resource)
    if service == "mns" and (m := _MNS.fullmatch(resource)):
        kind = "mns-queue" if m.group(1) == "queues" else "mns-topic"
        return Arn(*parts, kind=kind, name=m.group(2))
    if service == "fc" and (m := _FC2.fullmatch(resource)):
        service_name, dot, qualifier = m.group(1).partition(".")
        return Arn(*parts, kind="fc2", service_name=service_name, name=m.group(2),
                   qualifier=qualifier if dot else None)
    if service == "fc" and (m := _FC3.fullmatch(resource)):
        return Arn(*parts, kind="fc3", name=m.group(1))
    if service == "eventbridge" and (m := _BUS.fullmatch(resource)):
        return Arn(*parts, kind="eventbridge", name=m.group(1))
    if service == "mq" and (m := _MQ.fullmatch(resource)):
        return Arn(*parts, kind="rocketmq", instance=m.group(1), name=m.group(2))
    return Arn(*parts)
