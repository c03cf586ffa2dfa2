"""What the alicloud provider's schema says of its two async-invoke-config resources, and the
errors Terraform stops at before the provider is called: arguments and blocks the resource does
not take, attributes the provider computes, blocks given twice, references to nothing (read
from terraform-provider-alicloud's resource_alicloud_fc_function_async_invoke_config.go and
resource_alicloud_fcv3_async_invoke_config.go)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from fclint.diagnostic import Finding, FixIntent, Span, Target
from fclint.formats import hcl_tree
from fclint.formats.hcl_tree import Block
from fclint.kinds import Kind
from fclint.suggest import suggest

# Each resource's attributes: (API key, the type Terraform converts the value to).
FIELDS = {
    Kind.FC2_REQUEST: {
        "maximum_event_age_in_seconds": ("maxAsyncEventAgeInSeconds", "number"),
        "maximum_retry_attempts": ("maxAsyncRetryAttempts", "number"),
        "stateful_invocation": ("statefulInvocation", "bool"),
    },
    Kind.FC3_REQUEST: {
        "max_async_event_age_in_seconds": ("maxAsyncEventAgeInSeconds", "number"),
        "max_async_retry_attempts": ("maxAsyncRetryAttempts", "number"),
        "async_task": ("asyncTask", "bool"),
    },
}
BLOCKS = {"destination_config": "destinationConfig", "on_success": "onSuccess",
          "on_failure": "onFailure"}
# Everything else each resource's schema takes (terraform-provider-alicloud,
# resource_alicloud_fc_function_async_invoke_config.go and
# resource_alicloud_fcv3_async_invoke_config.go): the names, and the attributes the provider
# computes, which a configuration cannot set.
NAMES = {
    Kind.FC2_REQUEST: frozenset({"service_name", "function_name", "qualifier"}),
    Kind.FC3_REQUEST: frozenset({"function_name", "qualifier"}),
}
COMPUTED = {
    Kind.FC2_REQUEST: frozenset({"created_time", "last_modified_time"}),
    Kind.FC3_REQUEST: frozenset({"create_time", "function_arn", "last_modified_time"}),
}
# What every resource takes from Terraform itself.
META_ARGUMENTS = frozenset({"count", "for_each", "provider", "depends_on"})
META_BLOCKS = frozenset({"lifecycle", "provisioner", "connection", "dynamic", "timeouts"})
NESTED = {  # a nested block: its blocks, and its attributes
    "destination_config": (frozenset({"on_success", "on_failure"}), frozenset()),
    "on_success": (frozenset(), frozenset({"destination"})),
    "on_failure": (frozenset(), frozenset({"destination"})),
}
# References Terraform resolves; any other bare name is "Invalid reference" at plan.
REFERENCE_ROOTS = frozenset({"var", "local", "module", "data", "count", "each", "path", "self",
                             "terraform"})
_BARE_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")


def unsupported(block: Block, kind: Kind) -> Iterator[Finding]:
    """FC001 for what the resource's schema does not take: `terraform plan` stops with
    "Unsupported argument" or "Unsupported block type", or refuses to set a computed one."""
    top_attributes = NAMES[kind] | frozenset(FIELDS[kind]) | META_ARGUMENTS
    stack: list[tuple[Block, frozenset[str], frozenset[str]]] = [
        (block, frozenset({"destination_config"}), top_attributes)]
    while stack:
        current, blocks, attributes = stack.pop()
        where = current.labels[0] if current is block and current.labels else current.type
        for attribute in current.attributes:
            name = attribute.name
            if current is block and name in COMPUTED[kind]:
                yield Finding((), f"{name!r} is computed by the provider: terraform plan stops "
                              f"with 'Value for unconfigurable attribute'", Target.KEY,
                              code="FC001", span=attribute.name_span)
            elif name not in attributes:
                yield _unknown_name(name, "argument", where, sorted(attributes - META_ARGUMENTS),
                                    attribute.name_span)
        for child in current.blocks:
            if child.type in blocks:
                stack.append((child, *NESTED[child.type]))
            elif child.type != "dynamic" and (current is not block or child.type not in META_BLOCKS):
                yield _unknown_name(child.type, "block type", where, sorted(blocks),
                                    child.type_span)


def _unknown_name(name: str, what: str, where: str, known: list[str], span: Span) -> Finding:
    hint = suggest(name, known)
    message = f"{name!r} is not {'an' if what[0] in 'a' else 'a'} {what} of {where}: terraform " \
              f"plan stops with 'Unsupported {what}'"
    message += f"; did you mean {hint!r}?" if hint else f" (it takes {', '.join(known)})"
    fix = FixIntent(f"Rename to {hint!r}", hint, Target.KEY, old=name) if hint else None
    return Finding((), message, Target.KEY, code="FC001", span=span, fix=fix)


def bare_references(block: Block) -> Iterator[Finding]:
    """A value that is a bare name (`destination = dead_letter`): not a string, and not a
    reference Terraform can resolve, so `terraform plan` stops with "Invalid reference"."""
    stack = [block]
    while stack:
        current = stack.pop()
        for attribute in current.attributes:
            value = attribute.value
            text = str(value.value).strip() if value.kind == hcl_tree.OPAQUE else ""
            if _BARE_NAME.fullmatch(text) and text not in REFERENCE_ROOTS:
                yield Finding((), f"{text!r} is a bare name, not a string or a reference: "
                              f"terraform plan stops with 'Invalid reference' (quote it, or "
                              f"refer to an attribute: var.{text}, TYPE.{text}.arn)",
                              code="FC039", span=value.span)
        stack.extend(b for b in current.blocks if b.type in NESTED)


def redefined(block: Block) -> Iterator[Finding]:
    """Attributes set twice (HCL stops there) and nested blocks Terraform allows once."""
    stack = [block]
    while stack:
        current = stack.pop()
        seen: set[str] = set()
        for attribute in current.attributes:
            if attribute.name in seen:
                yield Finding((), f"{attribute.name!r} is set twice in this block; Terraform "
                              "stops with 'Attribute redefined'", code="FC000",
                              span=attribute.name_span)
            seen.add(attribute.name)
        for name in BLOCKS:
            for extra in current.children(name)[1:]:
                yield Finding((), f"{name!r}: Terraform allows one {name} block here; remove "
                              "this one or merge it into the first", code="FC000",
                              span=extra.type_span)
        stack.extend(b for b in current.blocks if b.type in BLOCKS)
