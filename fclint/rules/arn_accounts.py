"""Rules about the region and account a destination ARN names, and placeholders left in it: the
parts a copied example gets wrong while its shape is right."""

from __future__ import annotations

from collections.abc import Iterator

from fclint.diagnostic import Finding, Severity
from fclint.document import Document
from fclint.rules.destinations import problems_for
from fclint.rules.registry import rule


@rule("FC014", Severity.WARNING, reads=("destinationConfig",))
def region_unknown(doc: Document) -> Iterator[Finding]:
    """## What it does
    Checks that the region of a destination ARN is one where Function Compute runs.

    ## Why is this bad?
    A misspelled region (`cn-hangzou`, `hangzhou`) names a resource that cannot exist.

    ## Example
    ```json
    {"destinationConfig": {"onFailure": {"destination": "acs:mns:cn-hangzou:1234567890123456:/queues/dlq/messages"}}}
    ```

    ## Use instead
    ```json
    {"destinationConfig": {"onFailure": {"destination": "acs:mns:cn-hangzhou:1234567890123456:/queues/dlq/messages"}}}
    ```
    """
    yield from problems_for(doc, "FC014")


@rule("FC015", Severity.WARNING, reads=("destinationConfig",))
def region_or_account_empty(doc: Document) -> Iterator[Finding]:
    """## What it does
    Checks for ARNs with an empty region or account (`acs:fc:::...`) outside the deployment
    tools that fill them in. An empty account is left alone in FC 3.0 configurations, which
    read it as the function's own account.

    ## Why is this bad?
    Serverless Devs and Fun expand the `:::` shorthand; the API takes the ARN as written. FC
    3.0 accepts an empty account (Serverless Devs' fc3 component deploys
    `acs:fc:${region}::functions/...` in its own tests, and its 2to3 converter writes that
    form), but no document shows an empty region working, nor an empty account in FC 2.0.

    ## Example
    ```json
    {"destinationConfig": {"onFailure": {"destination": "acs:mns:::/queues/dlq/messages"}}}
    ```

    ## Use instead
    ```json
    {"destinationConfig": {"onFailure": {"destination": "acs:mns:cn-hangzhou:1234567890123456:/queues/dlq/messages"}}}
    ```
    """
    yield from problems_for(doc, "FC015")


@rule("FC016", Severity.ERROR, reads=("destinationConfig",))
def account_id_invalid(doc: Document) -> Iterator[Finding]:
    """## What it does
    Checks that the account of a destination ARN is an account id: digits, not the masked
    `1986***743` of the documentation or a placeholder such as `xxx`.

    ## Why is this bad?
    Copied from the documentation, the ARN names an account that is not yours.

    ## Example
    ```json
    {"destinationConfig": {"onFailure": {"destination": "acs:mns:cn-shanghai:1986***743:/queues/failure/messages"}}}
    ```

    ## Use instead
    ```json
    {"destinationConfig": {"onFailure": {"destination": "acs:mns:cn-shanghai:1234567890123456:/queues/failure/messages"}}}
    ```
    """
    yield from problems_for(doc, "FC016")


@rule("FC044", Severity.WARNING, reads=("destinationConfig",))
def account_id_length(doc: Document) -> Iterator[Finding]:
    """## What it does
    Checks that the account of a destination ARN has the 16 digits of an Alibaba Cloud
    account id.

    ## Why is this bad?
    A shorter number is a sample from a document (`123456789`) or a digit lost in copying;
    the destination then names an account that does not exist, and the results go nowhere.

    ## Example
    ```json
    {"destinationConfig": {"onFailure": {"destination": "acs:mns:cn-shanghai:123456789:/queues/failure/messages"}}}
    ```

    ## Use instead
    ```json
    {"destinationConfig": {"onFailure": {"destination": "acs:mns:cn-shanghai:1234567890123456:/queues/failure/messages"}}}
    ```
    """
    yield from problems_for(doc, "FC044")


@rule("FC017", Severity.ERROR, reads=("destinationConfig",))
def unresolved_placeholder(doc: Document) -> Iterator[Finding]:
    """## What it does
    Checks destinations for placeholders left in from a template: `{please_replace_me}`,
    `{uid}`, `{{ region }}`, `<accountId>`. Deployment-tool interpolation such as
    `${vars.region}` is left alone where the format has it.

    ## Why is this bad?
    Nothing replaces them: the ARN is sent as written and names nothing.

    ## Example
    ```json
    {"destinationConfig": {"onFailure": {"destination": "acs:mns:cn-hangzhou:{please_replace_me}:/queues/dlq/messages"}}}
    ```

    ## Use instead
    ```json
    {"destinationConfig": {"onFailure": {"destination": "acs:mns:cn-hangzhou:1234567890123456:/queues/dlq/messages"}}}
    ```
    """
    yield from problems_for(doc, "FC017")
