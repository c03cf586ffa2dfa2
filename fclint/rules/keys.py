"""Rules about how keys are written: their case, and keys written twice."""

from __future__ import annotations

from collections.abc import Iterator

from fclint.diagnostic import Finding, FixIntent, FixKind, Severity, Target
from fclint.document import SENT_AS_WRITTEN, Document
from fclint.rules.registry import rule


@rule("FC003", Severity.WARNING, fix=FixKind.CERTAIN)
def non_canonical_case(doc: Document) -> Iterator[Finding]:
    """Checks that keys are spelled in the API's camelCase (`destinationConfig`), not PascalCase
    (`DestinationConfig`) or another case."""
    if SENT_AS_WRITTEN in doc.traits:
        return
    for path, original in sorted(doc.renames.items(), key=lambda item: str(item[0])):
        canonical = path[-1]
        yield Finding(
            path, f"{original!r} is not the API's spelling; write {canonical!r}", Target.KEY,
            fix=FixIntent(f"Rename to {canonical!r}", canonical, Target.KEY),
        )


@rule("FC042", Severity.ERROR)
def duplicate_key(doc: Document) -> Iterator[Finding]:
    """Checks that no object holds the same key twice, including twice in different case."""
    for path in doc.duplicates:
        written = doc.original(path)  # a translated format's own key, e.g. asyncConfiguration
        key = written[-1] if written else "this key"
        yield Finding(path, f"{key!r} is written more than once; only the last value counts",
                      Target.KEY, occurrence=1)
    for path, canonical in doc.case_duplicates:
        yield Finding(path, f"{path[-1]!r} and {canonical!r} are the same key to FC, which "
                      "matches keys without regard to case; only one of them counts", Target.KEY)
