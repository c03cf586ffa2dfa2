"""Rules whose check is the JSON Schema: each schema keyword failure becomes its own rule code,
so that every one can be selected, ignored or re-graded."""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from typing import Any

from fclint import schemas
from fclint.diagnostic import Finding, FixIntent, FixKind, Severity, Target
from fclint.document import Document
from fclint.rules.registry import rule
from fclint.suggest import suggest

OTHER_GENERATION_KEYS = {2: {"asyncTask": "statefulInvocation"}, 3: {"statefulInvocation": "asyncTask"}}
RANGE_RULES = {"maxAsyncEventAgeInSeconds": "FC005", "maxAsyncRetryAttempts": "FC006"}
JSON_TYPES = {"integer": "an integer", "boolean": "a boolean", "string": "a string",
              "object": "an object", "array": "an array", "number": "a number", "null": "null"}


def schema_findings(doc: Document, code: str) -> Iterator[Finding]:
    """The findings of one schema-backed rule, from one validation per document."""
    for finding in doc.memo("schema", lambda: list(_translate(doc))):
        if finding.code == code:
            yield finding


def _translate(doc: Document) -> Iterator[Finding]:
    if doc.data is None:  # nothing could be read (syntax, limits) or a request without a body
        return
    for error in schemas.errors(doc.kind, doc.data):
        path = tuple(error.absolute_path)
        keyword = error.validator
        if _filled_in_later(doc, keyword, error.instance):
            continue
        if keyword in ("additionalProperties", "unevaluatedProperties"):
            yield from _unknown_keys(doc, error, path)
        elif keyword in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
            field = path[-1] if path and isinstance(path[-1], str) else ""
            yield _range(error, path, RANGE_RULES.get(field, "FC056"))
        elif keyword == "type":
            if not _too_long_integer(doc, path, error.instance):
                yield _wrong_type(error, path)
        elif keyword == "required":
            yield from _missing(error, path)
        else:
            yield Finding(path, f"{error.instance!r}: {error.message}", code="FC056", keyword=keyword,
                          expected=error.validator_value)


def _filled_in_later(doc: Document, keyword: str, value: Any) -> bool:
    """A value the deploy tool or the shell replaces (`${vars.retries}` in an s.yaml, `$RETRIES`
    on a command line) is not yet the value the API gets: its type and form are not ours to
    judge, as the ARN rules already leave it. The keys around it still are."""
    return (keyword not in ("additionalProperties", "unevaluatedProperties", "required")
            and isinstance(value, str) and doc.is_interpolated(value))


# Keys a request schema accepts (an SDK model carries them) that are no body keys: the API
# takes the qualifier in the path or the query, so it is not offered as one.
NOT_OFFERED = frozenset({"qualifier"})


def _unknown_keys(doc: Document, error: Any, path: tuple[Any, ...]) -> Iterator[Finding]:
    properties = list(error.schema.get("properties", {}))
    known = [key for key in properties if not (doc.kind.is_request and key in NOT_OFFERED)]
    where = _where(path, doc)
    for key in error.instance:
        if key in properties:
            continue
        other = OTHER_GENERATION_KEYS[doc.kind.generation].get(key)
        if other is not None:
            generation = "FC 3.0" if doc.kind.generation == 2 else "FC 2.0"
            message = (f"{key!r} is an {generation} key; {doc.kind.title} calls it {other!r}")
            # Renaming onto a key that is already there would write it twice: no certain fix.
            fix = None if other in error.instance else FixIntent(f"Rename to {other!r}", other, Target.KEY)
            yield Finding(path + (key,), message, Target.KEY, "FC002", keyword="additionalProperties",
                          expected=known, fix=fix)
            continue
        hint = suggest(key, known)
        message = f"{key!r} is not a key of {where}"
        message += f"; did you mean {hint!r}?" if hint else f" (expected one of {', '.join(known)})"
        fix = (FixIntent(f"Rename to {hint!r}", hint, Target.KEY)
               if hint and hint not in error.instance else None)
        yield Finding(path + (key,), message, Target.KEY, "FC001", keyword=error.validator,
                      expected=known, fix=fix)


def _where(path: tuple[Any, ...], doc: Document) -> str:
    names = [p for p in path if isinstance(p, str) and p != "configs"]
    return repr(names[-1]) if names else doc.kind.title


def _range(error: Any, path: tuple[Any, ...], code: str) -> Finding:
    bound = error.validator_value
    field = path[-1] if path else "the value"
    above = error.validator in ("maximum", "exclusiveMaximum")
    relation = "greater than the maximum" if above else "less than the minimum"
    message = f"{error.instance!r} is {relation} of {bound} for {field}"
    fix = None
    if isinstance(bound, int):  # the nearest allowed value is one choice among many
        which = "the largest" if above else "the smallest"
        fix = FixIntent(f"Change to {bound}, {which} value {field} takes", bound,
                        kind=FixKind.CHOICE)
    return Finding(path, message, code=code, keyword=error.validator, expected=bound, fix=fix)


def _too_long_integer(doc: Document, path: tuple[Any, ...], value: Any) -> bool:
    """An integer written with more digits than Python reads (a JSON integer of 5,000 digits,
    read as infinity): out of range, which FC005/FC006 say, but no less an integer."""
    if not isinstance(value, float) or not math.isinf(value):
        return False
    return re.fullmatch(r"-?\d+", doc.written(path) or "") is not None


def _wrong_type(error: Any, path: tuple[Any, ...]) -> Finding:
    expected = error.validator_value
    types = [expected] if isinstance(expected, str) else [t for t in expected if t != "null"]
    wanted = " or ".join(JSON_TYPES.get(t, t) for t in types)
    field = path[-1] if path and isinstance(path[-1], str) else "this value"
    value = error.instance
    message = f"{value!r} is not {wanted}: {field} takes {wanted}"
    fix = None
    if (isinstance(value, str) and "integer" in types and value.strip().lstrip("-").isdigit()
            and len(value) <= 4000):  # Python refuses int() past 4300 digits
        message += "; write the number without quotes"
        fix = FixIntent(f"Write {int(value)} as a number", int(value))
    elif isinstance(value, str) and "boolean" in types and value.strip().lower() in ("true", "false"):
        message += "; write the boolean without quotes"
        fix = FixIntent(f"Write {value.strip().lower()} as a boolean", value.strip().lower() == "true")
    elif isinstance(value, bool) and "integer" in types:
        message += " (JSON true and false are not numbers)"
    return Finding(path, message, code="FC004", keyword="type", expected=expected, fix=fix)


def _missing(error: Any, path: tuple[Any, ...]) -> Iterator[Finding]:
    for key in error.validator_value:
        if isinstance(error.instance, dict) and key not in error.instance:
            holder = path[-1] if path else "the body"
            code = "FC009" if key == "destination" else "FC050"
            yield Finding(path, f"{holder!r} has no {key!r}", Target.KEY, code, keyword="required",
                          expected=key)


@rule("FC001", Severity.ERROR, keywords=("additionalProperties",), fix=FixKind.CERTAIN)
def unknown_key(doc: Document) -> Iterator[Finding]:
    """Checks that every key is one the API knows, and suggests the key that was probably meant."""
    yield from schema_findings(doc, "FC001")
    yield from (p for p in doc.problems if p.code == "FC001")  # a front end's own, e.g. a keyword


@rule("FC002", Severity.ERROR, keywords=("additionalProperties",), fix=FixKind.CERTAIN)
def wrong_generation_key(doc: Document) -> Iterator[Finding]:
    """Checks for keys of the other FC generation: `asyncTask` (FC 3.0) in an FC 2.0 body, or
    `statefulInvocation` (FC 2.0) in an FC 3.0 body."""
    yield from schema_findings(doc, "FC002")


@rule("FC004", Severity.ERROR, keywords=("type",), fix=FixKind.CERTAIN)
def wrong_type(doc: Document) -> Iterator[Finding]:
    """Checks that each value has the type the API declares: integers (Long) for the event age and
    the retry count, booleans for `statefulInvocation`/`asyncTask`, objects and strings for
    destinations."""
    reported: set[tuple[Any, ...]] = set()
    for finding in schema_findings(doc, "FC004"):
        reported.add(finding.path)
        yield finding
    for base, config in doc.configs():
        for key in ("maxAsyncEventAgeInSeconds", "maxAsyncRetryAttempts"):
            value = config.get(key)
            # The schema already rejects 3.5; only 3.0, which it counts as an integer, is left.
            if (isinstance(value, float) and base + (key,) not in reported
                    and not _too_long_integer(doc, base + (key,), value)):
                fix = FixIntent(f"Write {int(value)}", int(value)) if value.is_integer() else None
                written = doc.written(base + (key,)) or repr(value)
                how = "an exponent" if "e" in written.lower() else "a fraction"
                yield Finding(base + (key,), f"{written} is not an integer: {key} is a Long; "
                              f"FC does not accept {how}", keyword="type", expected="integer",
                              fix=fix)


@rule("FC006", Severity.ERROR, keywords=("minimum", "maximum"), fix=FixKind.CHOICE,
      reads=("maxAsyncRetryAttempts",))
def retry_attempts_out_of_range(doc: Document) -> Iterator[Finding]:
    """Checks that `maxAsyncRetryAttempts` is between 0 and 8."""
    yield from schema_findings(doc, "FC006")


@rule("FC050", Severity.ERROR, keywords=("required",))
def missing_required_key(doc: Document) -> Iterator[Finding]:
    """Checks that keys a body must have are present (a list response's `configs`)."""
    yield from schema_findings(doc, "FC050")


@rule("FC056", Severity.ERROR)
def schema_violation(doc: Document) -> Iterator[Finding]:
    """Reports a schema keyword failure that no other rule claims, so that no schema error goes
    unreported."""
    yield from schema_findings(doc, "FC056")
