"""Rules about the event age, retries and the destination block as a whole."""

from __future__ import annotations

from collections.abc import Iterator

from fclint.diagnostic import Finding, FixIntent, FixKind, Severity
from fclint.document import Document
from fclint.rules.registry import rule
from fclint.rules.schema import schema_findings

ZH_CAP = 604800  # Chinese request table; all FC 3.0 documents
EN_CAP = 2592000  # English document, both response tables
AGE = "maxAsyncEventAgeInSeconds"


def _ages(doc: Document) -> Iterator[tuple[tuple[str | int, ...], int]]:
    for base, config in doc.configs():
        value = config.get(AGE)
        if isinstance(value, int) and not isinstance(value, bool):
            yield base + (AGE,), value


def _in_conflict_band(doc: Document) -> bool:
    """Only an FC 2.0 request is caught between the two documents."""
    return doc.kind.generation == 2 and doc.kind.is_request


@rule("FC005", Severity.ERROR, keywords=("minimum", "maximum"), fix=FixKind.CHOICE,
      reads=("maxAsyncEventAgeInSeconds",))
def event_age_out_of_range(doc: Document) -> Iterator[Finding]:
    """Checks that `maxAsyncEventAgeInSeconds` is at least 1 and at most the cap that applies:
    2592000 (30 days) for FC 2.0, 604800 (7 days) for FC 3.0, or 604800 for FC 2.0 too when the
    configuration sets `max-event-age = 604800`."""
    capped = doc.settings.max_event_age == ZH_CAP and _in_conflict_band(doc)
    above = {path: age for path, age in _ages(doc) if age > ZH_CAP} if capped else {}
    for finding in schema_findings(doc, "FC005"):
        # Beyond 2592000 as well: reported once, below, against the cap configured.
        if finding.path not in above:
            yield finding
    for path, age in above.items():
        yield Finding(
            path, f"{age!r} is greater than the maximum of {ZH_CAP} for {AGE} set by "
            f"max-event-age (the Chinese document's cap; the English one allows {EN_CAP})",
            keyword="maximum", expected=ZH_CAP,
            fix=FixIntent(f"Change to {ZH_CAP}, the cap max-event-age sets", ZH_CAP,
                          kind=FixKind.CHOICE),
        )


@rule("FC007", Severity.WARNING, fix=FixKind.CHOICE, reads=("maxAsyncEventAgeInSeconds",))
def event_age_documents_disagree(doc: Document) -> Iterator[Finding]:
    """Reports an FC 2.0 `maxAsyncEventAgeInSeconds` between 604801 and 2592000, where the two API
    documents disagree: the Chinese request table caps it at 604800 (7 days), the English document
    and both response tables at 2592000 (30 days)."""
    if doc.settings.max_event_age is not None or not _in_conflict_band(doc):
        return
    for path, age in _ages(doc):
        if ZH_CAP < age <= EN_CAP:
            yield Finding(
                path, f"{age!r} is above the 7-day cap of {ZH_CAP} in the Chinese "
                f"PutFunctionAsyncInvokeConfig document, though within the English document's "
                f"{EN_CAP}; set max-event-age to 604800 or 2592000 to decide",
                keyword="maximum", expected=ZH_CAP,
                fix=FixIntent(f"Change to {ZH_CAP}, the Chinese document's 7-day cap (or set "
                              "max-event-age = 2592000 to keep the value)", ZH_CAP,
                              kind=FixKind.CHOICE),
            )


@rule("FC008", Severity.WARNING, reads=("destinationConfig",))
def empty_destination_config(doc: Document) -> Iterator[Finding]:
    """Checks for a `destinationConfig` with neither `onSuccess` nor `onFailure`."""
    if not doc.kind.is_request:
        return
    for base, config in doc.configs():
        block = config.get("destinationConfig")
        # An empty onFailure ({}) is missing-destination's to report, not this rule's.
        if isinstance(block, dict) and all(block.get(k) is None for k in ("onSuccess", "onFailure")):
            yield Finding(base + ("destinationConfig",),
                          f"{block!r} names no destination: add onSuccess or onFailure, or remove it")


@rule("FC040", Severity.INFO, reads=("maxAsyncEventAgeInSeconds", "maxAsyncRetryAttempts"))
def short_event_age_with_retries(doc: Document) -> Iterator[Finding]:
    """Reports an event age under 60 seconds together with retries."""
    if not doc.kind.is_request:
        return
    for base, config in doc.configs():
        age, retries = config.get(AGE), config.get("maxAsyncRetryAttempts", 3)
        if (isinstance(age, int) and isinstance(retries, int) and not isinstance(age, bool)
                and 1 <= age < 60 and retries > 0):
            times = "1 retry" if retries == 1 else f"{retries} retries"
            yield Finding(base + (AGE,), f"{age!r}: an event age under 60 seconds leaves little "
                          f"time for {times}; events may expire before they are retried")
