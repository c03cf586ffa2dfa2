"""What is wrong with one destination ARN: each problem tagged with the rule code that owns it.

Shared by the destination rules so that every ARN is parsed and judged once per document.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from dataclasses import dataclass

from fclint import names
from fclint.arn import Arn, parse_arn
from fclint.diagnostic import FixIntent

SERVICES = ("mns", "fc", "eventbridge", "mq")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a destination, and the rule code that reports it."""

    code: str
    message: str
    fix: FixIntent | None = None


def judge(value: str, generation: int, shorthand_allowed: bool) -> tuple[Arn | None, list[Problem]]:
    """Parse a destination and list its problems (empty when it is a good destination)."""
    shown = value if len(value) <= 200 else value[:197] + "..."
    problems = []
    placeholder = names.PLACEHOLDER.search(value)
    if placeholder:  # one problem of several: the shape is judged around it
        problems.append(Problem("FC017", f"{shown!r} still holds the placeholder "
                                f"{placeholder.group(0)!r}; put the real value in"))
    arn = parse_arn(value)
    if arn is None:
        if placeholder is None:
            problems.append(_not_an_arn(value, shown))
        return None, problems
    if arn.service not in SERVICES:
        if _filled(arn.service):
            problems.append(Problem("FC010", f"{shown!r}: FC cannot send results to "
                                    f"{arn.service!r}; destinations are mns, fc, eventbridge "
                                    "or mq"))
        return arn, problems
    problems.extend(_account_and_region(arn, shown, generation, shorthand_allowed))
    if arn.kind is None:
        problems.append(_malformed(arn, shown))
    else:
        problems.extend(_resource(arn, shown, generation))
    return arn, problems


def _not_an_arn(value: str, shown: str) -> Problem:
    if value.startswith("acs:fc:") and "/functions/" in value:
        return Problem("FC012", f"{shown!r} is not a function ARN: it needs ':' between the account "
                       "and the resource (acs:fc:REGION:ACCOUNT:functions/NAME)")
    if value.startswith("arn:"):
        return Problem("FC010", f"{shown!r} is an AWS-style ARN; Alibaba Cloud ARNs start with 'acs:'")
    return Problem("FC010", f"{shown!r} is not an ARN: destinations look like "
                   "acs:SERVICE:REGION:ACCOUNT:RESOURCE")


def _malformed(arn: Arn, shown: str) -> Problem:
    resource = arn.resource
    if arn.service == "mns":
        fixed = _mns_repair(resource)
        hint = f"; did you mean {fixed!r}?" if fixed else ""
        fix = None
        if fixed:
            fix = FixIntent(f"Change to {fixed!r}", arn.text[: -len(resource)] + fixed)
        return Problem("FC011", f"{shown!r} is not an MNS destination: it must end in "
                       f":/queues/NAME/messages or :/topics/NAME/messages{hint}", fix)
    if arn.service == "fc":
        if resource.endswith("/invocations"):
            return Problem("FC012", f"{shown!r}: a destination names the function, without "
                           "'/invocations'", FixIntent("Remove '/invocations'",
                                                       arn.text.removesuffix("/invocations")))
        return Problem("FC012", f"{shown!r} is not a function ARN: use services/SERVICE"
                       "[.QUALIFIER]/functions/FUNCTION (FC 2.0) or functions/FUNCTION (FC 3.0)")
    if arn.service == "eventbridge":
        return Problem("FC028", f"{shown!r} is not an EventBridge destination: use eventbus/BUS")
    return Problem("FC030", f"{shown!r} is not a RocketMQ destination of a known shape "
                   "(/instances/INSTANCE/topic/TOPIC)")


def _mns_repair(resource: str) -> str | None:
    """The MNS resource that was evidently meant, when one small slip explains the text."""
    parts = resource.strip("/").split("/")
    if len(parts) not in (2, 3) or not parts[1]:
        return None
    kind = {"queue": "queues", "queues": "queues", "topic": "topics", "topics": "topics"}.get(parts[0])
    if kind is None or (len(parts) == 3 and parts[2] not in ("message", "messages")):
        return None
    return f"/{kind}/{parts[1]}/messages"


def _filled(part: str) -> bool:
    """A part written out, not left to a template (`{uid}`) or a deploy tool (`${vars.x}`)."""
    return not names.PLACEHOLDER.search(part) and not names.INTERPOLATION.search(part)


def _account_and_region(arn: Arn, shown: str, generation: int, shorthand: bool) -> Iterator[Problem]:
    empty = [part for part, value in (("region", arn.region), ("account", arn.account))
             if value == ""]
    # FC 3.0 reads an empty account as the function's own: Serverless Devs' fc3 component
    # deploys such destinations in its CI, and its 2to3 converter writes them
    # (acs:fc:${region}::functions/...). An empty region, and FC 2.0's empty account, are
    # filled in only by Serverless Devs and Fun.
    if generation == 3 and "account" in empty:
        empty.remove("account")
    if empty and not shorthand:
        account_note = (" (FC 3.0 reads an empty account as the function's own; FC 2.0 "
                        "documents no such form)" if "account" in empty else "")
        yield Problem("FC015", f"{shown!r} leaves the {' and '.join(empty)} empty; only "
                      f"Serverless Devs and Fun fill that in{account_note}")
    if arn.region and _filled(arn.region):
        regions = names.FC3_REGIONS if generation == 3 else names.FC2_REGIONS
        if arn.region not in regions:
            close = difflib.get_close_matches(arn.region, sorted(names.ALL_REGIONS), n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            yield Problem("FC014", f"{arn.region!r} is not an FC {generation}.0 region{hint}")
    account = arn.account
    if not account or not _filled(account):
        return
    if account.isdigit() and account.lower() not in names.PLACEHOLDER_ACCOUNTS:
        if len(account) != names.ACCOUNT_DIGITS:
            yield Problem("FC044", f"{account!r} in {shown!r} has {len(account)} digits; "
                          f"Alibaba Cloud account ids have {names.ACCOUNT_DIGITS}")
        return
    if names.MASKED_ACCOUNT.fullmatch(account):
        why = "is masked, as documentation prints it"
    elif account.lower() in names.PLACEHOLDER_ACCOUNTS:
        why = "is a placeholder"
    else:
        why = "is not an account id (digits)"
    yield Problem("FC016", f"{account!r} in {shown!r} {why}; use your 16-digit account id")


def _resource(arn: Arn, shown: str, generation: int) -> Iterator[Problem]:
    if arn.kind in ("mns-queue", "mns-topic") and len(arn.name) > names.MNS_NAME_MAX:
        yield Problem("FC027", f"{arn.name[:40]!r}... has {len(arn.name)} characters; MNS queue and "
                      f"topic names have at most {names.MNS_NAME_MAX}")
    if arn.kind == "eventbridge":
        yield from _bus(arn)
    if arn.kind == "rocketmq" and arn.instance.startswith("rmq-"):
        yield Problem("FC030", f"{arn.instance!r} is an ApsaraMQ for RocketMQ 5.0 instance; FC "
                      "destinations support 4.0 instances only")
    if arn.kind in ("fc2", "fc3"):
        yield from _function(arn, shown, generation)


def _bus(arn: Arn) -> Iterator[Problem]:
    bus = arn.name
    if not _filled(bus):
        return
    if len(bus) > names.BUS_NAME_MAX or not names.BUS_NAME.fullmatch(bus):
        yield Problem("FC028", f"{bus!r} is not an EventBridge bus name: up to "
                      f"{names.BUS_NAME_MAX} letters, digits and '-', starting with a letter or digit")
    elif bus.startswith("eventbridge-reserved-"):
        yield Problem("FC028", f"{bus!r}: names starting 'eventbridge-reserved-' are reserved")


def _function(arn: Arn, shown: str, generation: int) -> Iterator[Problem]:
    if arn.kind == "fc2" and generation == 3:
        yield Problem("FC013", f"{shown!r} is an FC 2.0 function ARN (services/...); FC 3.0 "
                      "destinations are acs:fc:REGION:ACCOUNT:functions/NAME")
    if arn.kind == "fc3" and generation == 2:
        yield Problem("FC013", f"{shown!r} is an FC 3.0 function ARN; FC 2.0 destinations are "
                      "acs:fc:REGION:ACCOUNT:services/SERVICE[.QUALIFIER]/functions/NAME")
    if arn.qualifier is not None and "." in arn.qualifier:
        yield Problem("FC025", f"{arn.service_name + '.' + arn.qualifier!r}: a service name cannot "
                      "hold a dot; the first dot starts the qualifier")
    elif arn.qualifier is not None and _filled(arn.qualifier):
        problem = names.qualifier_problem(arn.qualifier)
        if problem:
            fix = None
            if arn.qualifier.upper() == "LATEST":
                fix = FixIntent("Change to 'LATEST'", arn.text.replace(
                    f"{arn.service_name}.{arn.qualifier}/", f"{arn.service_name}.LATEST/", 1))
            yield Problem("FC023", f"{arn.qualifier!r} in {shown!r}: {problem}", fix)
    for what, name, limit in (("service", arn.service_name, names.SERVICE_MAX),
                              ("function", arn.name, names.FUNCTION_MAX_LEGACY)):
        if (what == "service" and arn.kind == "fc3") or not _filled(name):
            continue
        problem = names.name_problem(name, what, limit)
        if problem:
            yield Problem("FC026", f"{name!r} in {shown!r}: {problem}")
