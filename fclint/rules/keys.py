"""Rules about how keys are written: their case, and keys written twice."""

from __future__ import annotations

from collections.abc import Iterator

from fclint.diagnostic import Finding, FixIntent, FixKind, Severity, Target
from fclint.document import SENT_AS_WRITTEN, Document
from fclint.rules.registry import rule


@rule("FC003", Severity.WARNING, fix=FixKind.CERTAIN)
def non_canonical_case(doc: Document) -> Iterator[Finding]:
    """## What it does
    Checks that keys are spelled in the API's camelCase (`destinationConfig`), not PascalCase
    (`DestinationConfig`) or another case.

    ## Why is this bad?
    The FC 2.0 server matches keys without regard to case, so the request works, but the SDK
    models (`from_map`) and Serverless Devs read keys case-sensitively and drop these ones.
    fclint checks the values under such keys as the server reads them. Not reported where the
    body goes to the server as it is written: the dict given to aliyun-fc2's
    `put_function_async_invoke_config`, which `json.dumps` sends unchanged.

    ## Example
    ```json
    {"MaxAsyncRetryAttempts": 2}
    ```

    ## Use instead
    ```json
    {"maxAsyncRetryAttempts": 2}
    ```
    """
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
    """## What it does
    Checks that no object holds the same key twice, including twice in different case.

    ## Why is this bad?
    Only the last value counts; the first is silently lost, and a reader trusts the wrong one.

    ## Example
    ```json
    {"maxAsyncRetryAttempts": 1, "maxAsyncRetryAttempts": 5}
    ```

    ## Use instead
    ```json
    {"maxAsyncRetryAttempts": 5}
    ```
    """
    for path in doc.duplicates:
        written = doc.original(path)  # a translated format's own key, e.g. asyncConfiguration
        key = written[-1] if written else "this key"
        yield Finding(path, f"{key!r} is written more than once; only the last value counts",
                      Target.KEY, occurrence=1)
    for path, canonical in doc.case_duplicates:
        yield Finding(path, f"{path[-1]!r} and {canonical!r} are the same key to FC, which "
                      "matches keys without regard to case; only one of them counts", Target.KEY)
