"""A proof that a document has nothing to report, in microseconds, so that clean files skip the
rules engine: most files in a repository are clean, and a 10,000-file run is mostly them.

The proof is a stricter version of the kind's schema, generated from the same tables the rules
use (regions, name rules, the event-age caps), whose every constraint is at least as strict as
a rule: a body that passes it cannot draw a finding. It may reject clean bodies (an event age
under 60 seconds, an RocketMQ destination): those simply take the full path. Tests hold the
two in step: every rule's own Example must fail the gate, and generated bodies that pass the
gate must lint clean.
"""

from __future__ import annotations

import copy
from functools import cache
from typing import Any

from fclint import names, schemas
from fclint.document import Document, FunctionContext
from fclint.kinds import Kind

_SERVICE = r"[A-Za-z_][A-Za-z0-9_-]{0,127}"
_FUNCTION = r"[A-Za-z_][A-Za-z0-9_-]{0,63}"
# No lookaround anywhere: the patterns run on the linear-time regex engine, which checks a
# destination against every region in a fraction of the time a backtracking one takes.
# Where a rule's condition needs one ("an alias that is not latest in another case", "a bus not
# named eventbridge-reserved-..."), the gate asks for more instead (aliases that do not start
# with an l: those are fine, and take the full path) or says it with `not` (RESERVED_BUS).
_ALIAS = r"[A-KM-Za-km-z_][A-Za-z0-9_-]{0,127}"
_QUALIFIER = rf"(?:LATEST|[1-9][0-9]{{0,9}}|{_ALIAS})"
_ACCOUNT = r"[0-9]{16}"  # FC016, FC044
# ASCII only: a negated class with Unicode whitespace made the regex engine build a far larger
# automaton (3 ms to compile, not 1). Names with other characters take the full path.
_MNS_NAME = r"[A-Za-z0-9_-]{1,120}"
_BUS = r"[A-Za-z0-9][A-Za-z0-9-]{0,126}"
RESERVED_BUS = ":eventbus/eventbridge-reserved-"  # FC028; a destination holding it is not clean
_QUALIFIER_BODY = rf"^(?:LATEST|[1-9][0-9]{{0,9}}|{_ALIAS})$"


def destination_pattern(generation: int) -> str:
    """The destinations no rule can object to, for one FC generation."""
    regions = names.FC3_REGIONS if generation == 3 else names.FC2_REGIONS
    region = "(?:" + "|".join(sorted(regions)) + ")"
    head = f"{region}:{_ACCOUNT}:"
    function = (f"functions/{_FUNCTION}" if generation == 3
                else f"services/{_SERVICE}(?:\\.{_QUALIFIER})?/functions/{_FUNCTION}")
    forms = (
        f"acs:mns:{head}/(?:queues|topics)/{_MNS_NAME}/messages",
        f"acs:fc:{head}{function}",
        f"acs:eventbridge:{head}eventbus/{_BUS}",
    )
    return "^(?:" + "|".join(forms) + ")$"


@cache
def strict_schema(kind: Kind) -> dict[str, Any]:
    """The kind's schema, tightened to what no rule reports."""
    schema = copy.deepcopy(schemas.load_schema(kind.value))
    props = schema["properties"]
    props["maxAsyncEventAgeInSeconds"].update(minimum=60, maximum=604800)  # FC005, FC007, FC040
    if "qualifier" in props:
        props["qualifier"]["pattern"] = _QUALIFIER_BODY  # FC023
    defs = schema["$defs"]
    defs["DestinationConfig"]["minProperties"] = 1  # FC008
    destination = defs["Destination"]["properties"]["destination"]
    destination["pattern"] = destination_pattern(kind.generation)
    destination["not"] = {"pattern": RESERVED_BUS}  # literal text: no character in it is special
    return schema


def certainly_clean(doc: Document) -> bool:
    """True only when no rule could report anything on `doc`."""
    if doc.known_clean is not None:
        return doc.known_clean
    if not _plain(doc):
        return False
    return clean_data(doc.kind, doc.data, doc.context)


def _plain(doc: Document) -> bool:
    """A body as the strict schema sees it: nothing a front end or the key spelling adds."""
    if doc.origin is not None and not getattr(doc.origin, "fastpath_ok", False):
        return False  # a format with rules of its own (a request line, a provider default...)
    return not (doc.problems or doc.renames or doc.duplicates or doc.case_duplicates)


def dirty_keys(doc: Document) -> frozenset[str] | None:
    """The top-level keys of a plain request body that the strict schema objects to, or None
    when it cannot say (not a plain request body, known function context, an error at the
    root other than unknown keys).

    A rule that reads only other keys (`Rule.reads`) has nothing to report: the body without
    the objectionable keys passes the strict schema, so no rule reports anything on it, and
    on the keys that rule reads the two bodies agree. Unknown keys are objectionable too,
    and no rule with `reads` reads them.
    """
    data, kind, context = doc.data, doc.kind, doc.context
    if not kind.is_request or not isinstance(data, dict) or not _plain(doc):
        return None
    if _knows_the_function(context):
        return None
    dirty = _beyond_the_schema(data)
    schema = strict_schema(kind)
    if not set(schema) <= _KEYWORDS_KEY_BY_KEY:
        return None  # a root keyword that ties keys together: they cannot be judged one by one
    known = schema["properties"]
    for key, value in data.items():
        # Alone in a body, the key passes exactly when the whole body has no error under it.
        if key not in known or not schemas.valid(_strict_validator(kind), {key: value}):
            dirty.add(key)
    return frozenset(dirty)


# Root keywords of the strict request schemas under which each key is judged on its own.
_KEYWORDS_KEY_BY_KEY = frozenset({"$schema", "$id", "title", "description", "type",
                                  "additionalProperties", "properties", "$defs"})


def clean_data(kind: Kind, data: Any, context: FunctionContext) -> bool:
    """True only when no rule could report anything on a plain body `data` of `kind`.

    Keys in another case fail the strict schema too, so a body that passes needs no
    canonicalising: the JSON front end asks this before building the document.
    """
    if not kind.is_request or not isinstance(data, dict):
        return False
    if _knows_the_function(context) or _beyond_the_schema(data):
        return False
    return schemas.valid(_strict_validator(kind), data)


@cache
def _strict_validator(kind: Kind) -> Any:
    return schemas.derived_validator(strict_schema(kind))


def _knows_the_function(context: FunctionContext) -> bool:
    """Whether the function's region, account, names or qualifier are known: the cross-region,
    cross-account, self-destination and qualifier rules compare the body with them, which no
    schema does."""
    return bool(context.region or context.account or context.service or context.function
                or context.qualifier or context.spans)


def _beyond_the_schema(data: dict[str, Any]) -> set[str]:
    """The keys of `data` with what no JSON Schema can say: a rule would report them."""
    keys = {key for key in ("maxAsyncEventAgeInSeconds", "maxAsyncRetryAttempts")
            if isinstance(data.get(key), float)}  # FC004: the schema counts 3.0 as an integer
    block = data.get("destinationConfig")
    if isinstance(block, dict):
        success, failure = block.get("onSuccess"), block.get("onFailure")
        if isinstance(success, dict) and isinstance(failure, dict) and (
                success.get("destination") == failure.get("destination")):
            keys.add("destinationConfig")  # FC022
    return keys
