"""Rules about the alicloud Terraform provider: where its resources differ from the API."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from fclint.diagnostic import Finding, FixIntent, FixKind, Severity
from fclint.document import Document
from fclint.names import PLACEHOLDER
from fclint.rules.registry import rule

if TYPE_CHECKING:  # the Terraform front end is imported when a .tf file is read, not before
    from fclint.formats.shell import TfImport
    from fclint.formats.terraform import TfResource

PROVIDER_RETRY_DEFAULT = 2  # resource_alicloud_fc_function_async_invoke_config.go: Default: 2
API_RETRY_DEFAULT = 3
FCV3_AGE_CAP = 86400  # resource_alicloud_fcv3_async_invoke_config.go: IntBetween(0, 86400)
# resource_alicloud_fc_function_async_invoke_config.go: parseFCDestinationConfigId splits the ID
FC2_IMPORT = "alicloud_fc_function_async_invoke_config"


FC2_RESOURCE = "alicloud_fc_function_async_invoke_config"
FC3_RESOURCE = "alicloud_fcv3_async_invoke_config"


def _resource(doc: Document, fcv3: bool) -> TfResource | None:
    """The document's provider resource if it is of the FC 2.0 (or, with `fcv3`, the FC 3.0)
    type: a Terraform resource, or a Pulumi one (Pulumi's alicloud provider is this provider,
    bridged, so its defaults and caps are these)."""
    origin = doc.origin
    type_ = FC3_RESOURCE if fcv3 else FC2_RESOURCE
    return origin if getattr(origin, "provider_resource", None) == type_ else None  # type: ignore[no-any-return]


@rule("FC034", Severity.INFO, needs="terraform")
def tf_default_retry(doc: Document) -> Iterator[Finding]:
    """Reports an `alicloud_fc_function_async_invoke_config` resource without
    `maximum_retry_attempts`."""
    resource = _resource(doc, fcv3=False)
    if (resource is not None and not resource.broken
            and resource.retry_name not in resource.present):
        yield Finding((), f"{resource.type!r} sets no {resource.retry_name}: the provider then "
                      f"sends {PROVIDER_RETRY_DEFAULT} retries, not the API's default of "
                      f"{API_RETRY_DEFAULT}; write the count you want",
                      span=resource.type_span)


@rule("FC035", Severity.ERROR, keywords=("maximum",), fix=FixKind.CHOICE,
      needs="terraform")
def tf_fcv3_age(doc: Document) -> Iterator[Finding]:
    """Checks that an `alicloud_fcv3_async_invoke_config` resource's
    `max_async_event_age_in_seconds` is at most 86400, the provider's own cap."""
    if _resource(doc, fcv3=True) is None or not isinstance(doc.data, dict):
        return
    age = doc.data.get("maxAsyncEventAgeInSeconds")
    if isinstance(age, (int, float)) and not isinstance(age, bool) and age > FCV3_AGE_CAP:
        yield Finding(("maxAsyncEventAgeInSeconds",),
                      f"{age!r} is above the alicloud provider's cap of {FCV3_AGE_CAP} for "
                      f"maxAsyncEventAgeInSeconds; the provider rejects it before calling FC",
                      keyword="maximum", expected=FCV3_AGE_CAP,
                      fix=FixIntent(f"Change to {FCV3_AGE_CAP}, the provider's cap (a day)",
                                    FCV3_AGE_CAP, kind=FixKind.CHOICE))


def _import(doc: Document) -> TfImport | None:
    """The `terraform import` command the document came from, if it did."""
    from fclint.formats.shell import TfImport  # loaded: the document came from it

    return doc.origin if isinstance(doc.origin, TfImport) else None


@rule("FC036", Severity.ERROR, needs="terraform")
def tf_import_id(doc: Document) -> Iterator[Finding]:
    """Checks the ID of a `terraform import` of an async-invoke config: for
    `alicloud_fc_function_async_invoke_config` it is `SERVICE:FUNCTION` or
    `SERVICE:FUNCTION:QUALIFIER`, every part non-empty; for `alicloud_fcv3_async_invoke_config` it
    is the function's name alone."""
    found = _import(doc)
    if found is None or found.id_expands or PLACEHOLDER.fullmatch(found.id):
        return
    parts = found.id.split(":")
    if found.type == FC2_IMPORT:
        if len(parts) in (2, 3) and all(parts):
            return
        hint = (f" (the service is missing: SERVICE:{found.id})" if len(parts) == 1 and parts[0]
                else "")
        yield Finding((), f"{found.id!r} is not an ID of {found.type}: the provider takes "
                      f"service_name:function_name or service_name:function_name:qualifier, so "
                      f"terraform import fails{hint}", span=found.id_span)
    elif not found.id:
        yield Finding((), f"'': the ID of {found.type} is the function's name, and an empty "
                      "one names none, so terraform import fails", span=found.id_span)
    elif ":" in found.id:
        name = parts[1] if len(parts) > 1 and parts[1] else parts[0]
        yield Finding((), f"{found.id!r}: the ID of {found.type} is the function's name alone "
                      f"(such as {name!r}); no function's name holds a ':', so terraform import "
                      "finds nothing to import", span=found.id_span)


@rule("FC039", Severity.ERROR, needs="problems")
def tf_invalid_reference(doc: Document) -> Iterator[Finding]:
    """Checks that a value of an async-invoke-config resource that is neither a string nor a number
    is a reference Terraform can resolve (`var.NAME`, `local.NAME`, `TYPE.NAME.ATTRIBUTE`,
    `module.NAME.OUTPUT`, `data.TYPE.NAME.ATTRIBUTE`, `each.value`...), not a bare name."""
    yield from (p for p in doc.problems if p.code == "FC039")
