"""Pulumi Python programs: `alicloud.fc.FunctionAsyncInvokeConfig(...)` (FC 2.0) and
`alicloud.fc.V3AsyncInvokeConfig(...)` (FC 3.0). Pulumi's alicloud provider is the Terraform
provider bridged: the keyword arguments are the Terraform attributes, with the provider's own
defaults and caps, which fclint.rules.terraform judges."""

from __future__ import annotations

import ast
from dataclasses import dataclass

from fclint.diagnostic import Span
from fclint.formats.py_sdk import Model
from fclint.kinds import Kind

MODULE = "pulumi_alicloud"
FC2_RESOURCE, FC3_RESOURCE = ("alicloud_fc_function_async_invoke_config",
                              "alicloud_fcv3_async_invoke_config")
# Python argument -> wire key, as the Terraform resource sends each attribute.
_FC2_KEYS = {"maximum_event_age_in_seconds": "maxAsyncEventAgeInSeconds",
             "maximum_retry_attempts": "maxAsyncRetryAttempts",
             "stateful_invocation": "statefulInvocation",
             "destination_config": "destinationConfig"}
_FC3_KEYS = {"max_async_event_age_in_seconds": "maxAsyncEventAgeInSeconds",
             "max_async_retry_attempts": "maxAsyncRetryAttempts", "async_task": "asyncTask",
             "destination_config": "destinationConfig"}
_SIDES = {"on_success": "onSuccess", "on_failure": "onFailure"}
_DESTINATION = {"destination": "destination"}
# Pulumi's own arguments, and the function's names (read as its context).
_SKIP = frozenset({"resource_name", "opts", "service_name", "function_name", "qualifier"})


@dataclass(frozen=True)
class Resource:
    """A resource class: its provider type, the body it sends, and its retry argument."""

    provider_resource: str
    kind: Kind
    retry_name: str


RESOURCES = {
    "FunctionAsyncInvokeConfig": Resource(FC2_RESOURCE, Kind.FC2_REQUEST, "maximum_retry_attempts"),
    "V3AsyncInvokeConfig": Resource(FC3_RESOURCE, Kind.FC3_REQUEST, "max_async_retry_attempts"),
}
MODELS: dict[str, Model] = {
    "FunctionAsyncInvokeConfig": Model(
        ("resource_name", "opts", "destination_config", "function_name",
         "maximum_event_age_in_seconds", "maximum_retry_attempts", "qualifier", "service_name",
         "stateful_invocation"), Kind.FC2_REQUEST, _FC2_KEYS, _SKIP),
    "V3AsyncInvokeConfig": Model(
        ("resource_name", "opts", "async_task", "destination_config", "function_name",
         "max_async_event_age_in_seconds", "max_async_retry_attempts", "qualifier"),
        Kind.FC3_REQUEST, _FC3_KEYS, _SKIP),
}
for _prefix in ("FunctionAsyncInvokeConfig", "V3AsyncInvokeConfig"):
    MODELS[f"{_prefix}DestinationConfigArgs"] = Model(("on_failure", "on_success"), None, _SIDES)
    for _side in ("OnFailure", "OnSuccess"):
        MODELS[f"{_prefix}DestinationConfig{_side}Args"] = Model(("destination",), None,
                                                                  _DESTINATION)
# The keys of the dicts Pulumi takes in place of the Args classes (TypedDicts).
DICT_KEYS = {**_FC2_KEYS, **_FC3_KEYS, **_SIDES, **_DESTINATION}
PYTHON_NAMES = {wire: python for python, wire in {**_FC2_KEYS, **_SIDES}.items()}
FC3_PYTHON_NAMES = {wire: python for python, wire in {**_FC3_KEYS, **_SIDES}.items()}


@dataclass(frozen=True)
class PulumiOrigin:
    """Where a Pulumi resource's document came from, as the provider rules read it."""

    provider_resource: str
    type: str  # the class, as the program names it
    type_span: Span
    present: frozenset[str]  # the arguments given a value other than None
    retry_name: str
    broken: bool = False

    rule_traits = ("terraform",)  # what fclint.rules.terraform needs (Document.traits)


def resource_of(call: ast.Call) -> Resource | None:
    """The resource a call creates: `alicloud.fc.X(...)`, `fc.X(...)` or an imported `X(...)`;
    not the provider's own `X(resource_name, opts=opts, __props__=__props__)`, which looks a
    resource up (its SDK's `get`)."""
    if any(k.arg == "__props__" for k in call.keywords):
        return None
    func = call.func
    name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(
        func, ast.Name) else None
    if isinstance(func, ast.Attribute) and not _under_fc(func.value):
        return None
    return RESOURCES.get(name) if name is not None else None


def _under_fc(node: ast.expr) -> bool:
    return (isinstance(node, ast.Attribute) and node.attr == "fc") or (
        isinstance(node, ast.Name) and node.id == "fc")


def origin(call: ast.Call, resource: Resource, type_span: Span) -> PulumiOrigin:
    present = frozenset(k.arg for k in call.keywords if k.arg is not None and not (
        isinstance(k.value, ast.Constant) and k.value.value is None))
    name = call.func.attr if isinstance(call.func, ast.Attribute) else str(
        getattr(call.func, "id", ""))
    return PulumiOrigin(resource.provider_resource, name, type_span, present, resource.retry_name)


def spelling(kind: Kind):  # noqa: ANN201 - a function of pointers, typed by its user
    names = FC3_PYTHON_NAMES if kind is Kind.FC3_REQUEST else PYTHON_NAMES

    def spell(path: tuple[str | int, ...]) -> tuple[str | int, ...]:
        return tuple(names.get(part, part) if isinstance(part, str) else part for part in path)

    return spell
