"""Rules about destination ARNs: each one judged once (fclint.rules.arn_checks), its problems
reported by the rule that owns each; whether onSuccess and onFailure name any, and the same one."""

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
    """Checks that `onSuccess` and `onFailure` name a destination: an object with a non-empty
    `destination`."""
    yield from schema_findings(doc, "FC009")
    if not doc.kind.is_request:
        return
    for path, value, which in doc.destinations():
        if value.strip() == "":
            yield Finding(path, f"{value!r}: the {which} destination is empty")


@rule("FC022", Severity.INFO, reads=("destinationConfig",))
def success_equals_failure(doc: Document) -> Iterator[Finding]:
    """Reports a configuration whose `onSuccess` and `onFailure` are the same destination."""
    by_config: dict[Pointer, dict[str, str]] = {}
    for path, value, which in doc.destinations():
        by_config.setdefault(path[:-2], {})[which] = value
    for base, pair in by_config.items():
        if pair.get("onSuccess") and pair.get("onSuccess") == pair.get("onFailure"):
            yield Finding(base + ("onFailure", "destination"),
                          f"{pair['onFailure']!r} is both the success and the failure destination")


# The rules whose findings are the problems that fclint.rules.arn_checks tags with their code,
# one ARN judged once for all of them: (code, name, default severity, the kind of fix).
ARN_RULES = (
    ("FC010", "destination-not-arn", Severity.ERROR, None),
    ("FC011", "mns-arn-malformed", Severity.ERROR, FixKind.CERTAIN),
    ("FC012", "fc-arn-malformed", Severity.ERROR, FixKind.CERTAIN),
    ("FC013", "fc-arn-generation-mismatch", Severity.WARNING, None),
    ("FC014", "region-unknown", Severity.WARNING, None),
    ("FC015", "region-or-account-empty", Severity.WARNING, None),
    ("FC016", "account-id-invalid", Severity.ERROR, None),
    ("FC017", "unresolved-placeholder", Severity.ERROR, None),
    ("FC027", "mns-name-too-long", Severity.ERROR, None),
    ("FC028", "eventbridge-bus-invalid", Severity.ERROR, None),
    ("FC030", "rocketmq-destination", Severity.WARNING, None),
    ("FC044", "account-id-length", Severity.WARNING, None),
)


def _arn_rule(code: str, name: str, severity: Severity, fix: FixKind | None) -> None:
    def check(doc: Document) -> Iterator[Finding]:
        yield from problems_for(doc, code)

    check.__name__ = check.__qualname__ = name.replace("-", "_")
    rule(code, severity, fix=fix, reads=("destinationConfig",))(check)


for _code, _name, _severity, _fix in ARN_RULES:
    _arn_rule(_code, _name, _severity, _fix)
