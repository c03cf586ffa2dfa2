"""Rules for what stops a file from being read at all: syntax errors and input limits."""

from __future__ import annotations

from collections.abc import Iterator

from fclint.diagnostic import Finding, Severity
from fclint.document import Document
from fclint.rules.registry import rule


@rule("FC000", Severity.ERROR, needs="problems")
def syntax_error(doc: Document) -> Iterator[Finding]:
    """## What it does
    Reports text that is not valid JSON (or not text at all), at the position where reading
    stopped. The parts of the document that can still be read are checked all the same.

    ## Why is this bad?
    FC, the SDKs and every deployment tool reject a body they cannot parse.

    ## Example
    ```json
    {"maxAsyncRetryAttempts": 3,}
    ```

    ## Use instead
    ```json
    {"maxAsyncRetryAttempts": 3}
    ```
    """
    yield from (p for p in doc.problems if p.code == "FC000")


@rule("FC090", Severity.ERROR, needs="problems")
def input_limit_exceeded(doc: Document) -> Iterator[Finding]:
    """## What it does
    Reports a file beyond fclint's documented limits, instead of checking it: larger than
    `max-file-size` (5 MB by default), nested deeper than 64 levels, YAML aliases that would
    expand past 10,000 nodes, or taking longer than 10 seconds to check.

    ## Why is this bad?
    No async-invoke config comes near these limits (a config is at most four levels deep and a
    few hundred bytes), so such a file is not a config, or is broken; fclint stays fast and
    safe by not walking it.

    ## Example
    ```json
    [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["maxAsyncRetryAttempts"]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]
    ```

    ## Use instead
    ```json
    {"maxAsyncRetryAttempts": 3}
    ```
    """
    yield from (p for p in doc.problems if p.code == "FC090")


@rule("FC091", Severity.WARNING, needs="engine")
def unused_suppression(doc: Document) -> Iterator[Finding]:
    """## What it does
    Reports a `# fclint: ignore[CODE] reason` comment that suppresses nothing on its line (or,
    when the comment stands alone, on the next line), or names no rule.

    ## Why is this bad?
    A stale suppression hides the next real mistake made on that line.

    ## Example
    ```http
    # fclint: ignore[FC061] nothing on the next line is FC061
    PUT /2016-08-15/services/svc/functions/fn/async-invoke-config
    ```

    ## Use instead
    ```http
    # fclint: ignore[FC061] this gateway takes POST for the same operation
    POST /2016-08-15/services/svc/functions/fn/async-invoke-config
    ```
    """
    return iter(())  # reported by the engine, which sees every comment of the file
