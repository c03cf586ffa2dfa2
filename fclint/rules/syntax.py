"""Rules for what stops a file from being read at all: syntax errors and input limits."""

from __future__ import annotations

from collections.abc import Iterator

from fclint.diagnostic import Finding, Severity
from fclint.document import Document
from fclint.rules.registry import rule


@rule("FC000", Severity.ERROR)
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


@rule("FC090", Severity.ERROR)
def input_limit_exceeded(doc: Document) -> Iterator[Finding]:
    """## What it does
    Reports a file beyond fclint's documented limits, instead of checking it: larger than
    `max-file-size` (5 MB by default), or nested deeper than 64 levels.

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
