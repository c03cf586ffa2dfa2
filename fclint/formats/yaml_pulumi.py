"""Pulumi YAML programs: the `alicloud:fc:FunctionAsyncInvokeConfig` (FC 2.0) and
`alicloud:fc:V3AsyncInvokeConfig` (FC 3.0) resources. Pulumi's alicloud provider is the
Terraform provider bridged, so a resource's properties are the Terraform attributes in
camelCase, with the provider's defaults and caps (fclint.rules.terraform judges both). A
built-in function (`fn::select`, `fn::invoke`, ...) is an opaque value, as `${...}` is."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from fclint.config import Settings
from fclint.diagnostic import Pointer, Span
from fclint.formats.fcv3_provider import drop_unsent
from fclint.formats.yaml_config import Translated, context, name_part, stand_in
from fclint.formats.yaml_events import OPAQUE_MARK
from fclint.formats.yaml_nodes import Converted
from fclint.kinds import Kind

INTERPOLATION = re.compile(r"\$\{[^{}]*\}|" + re.escape(OPAQUE_MARK))
# The short type tokens Pulumi YAML takes, and the full ones it also accepts.
TYPES = {
    "alicloud:fc:FunctionAsyncInvokeConfig": "alicloud_fc_function_async_invoke_config",
    "alicloud:fc/functionAsyncInvokeConfig:FunctionAsyncInvokeConfig":
        "alicloud_fc_function_async_invoke_config",
    "alicloud:fc:V3AsyncInvokeConfig": "alicloud_fcv3_async_invoke_config",
    "alicloud:fc/v3AsyncInvokeConfig:V3AsyncInvokeConfig": "alicloud_fcv3_async_invoke_config",
}
# Each resource's properties: the API key each one is sent as.
FIELDS = {
    Kind.FC2_REQUEST: {"maximumEventAgeInSeconds": "maxAsyncEventAgeInSeconds",
                       "maximumRetryAttempts": "maxAsyncRetryAttempts",
                       "statefulInvocation": "statefulInvocation",
                       "destinationConfig": "destinationConfig"},
    Kind.FC3_REQUEST: {"maxAsyncEventAgeInSeconds": "maxAsyncEventAgeInSeconds",
                       "maxAsyncRetryAttempts": "maxAsyncRetryAttempts",
                       "asyncTask": "asyncTask", "destinationConfig": "destinationConfig"},
}
RETRY_NAMES = {Kind.FC2_REQUEST: "maximumRetryAttempts", Kind.FC3_REQUEST: "maxAsyncRetryAttempts"}


@dataclass
class PulumiResource(Translated):
    """One resource of a Pulumi program, for the rules that know the provider."""

    provider_resource: str = ""
    token: str = ""  # the resource's type as the program writes it
    type_span: Span | None = None
    present: frozenset[str] = frozenset()
    broken: bool = False
    retry_name: str = ""

    rule_traits = ("terraform",)  # what fclint.rules.terraform needs (Document.traits)

    @property
    def type(self) -> str:
        return self.token


def is_program(converted: Converted) -> bool:
    keys = converted.keys(())
    return keys is not None and "runtime" in keys and converted.shape(("resources",)) == "map"


def configs(converted: Converted, settings: Settings) -> Iterator[Translated]:
    for name in converted.keys(("resources",)) or ():
        entry: Pointer = ("resources", name)
        token = str(converted.get(entry + ("type",)))
        provider_type = TYPES.get(token)
        if provider_type is not None and converted.shape(entry + ("properties",)) in ("map", None):
            yield _resource(converted, entry, token, provider_type, settings)


def _resource(converted: Converted, entry: Pointer, token: str, provider_type: str,
              settings: Settings) -> Translated:
    kind = Kind.FC3_REQUEST if "fcv3" in provider_type else Kind.FC2_REQUEST
    base = entry + ("properties",)
    properties = converted.get(base) if converted.shape(base) == "map" else {}
    t = PulumiResource("pulumi", kind, base, converted, interpolation=INTERPOLATION,
                       provider_resource=provider_type, token=token,
                       type_span=_type_span(converted, entry),
                       present=frozenset(k for k, v in properties.items() if v is not None),
                       retry_name=RETRY_NAMES[kind])
    for key, value in properties.items():
        api = FIELDS[kind].get(key)
        if api is None or value is None:
            continue
        t.map((api,), base + (key,))
        t.data[api] = _plain(t, value, base + (key,))
    qualifier = name_part(t, base + ("qualifier",))
    if kind is Kind.FC3_REQUEST and qualifier[0] == "":
        qualifier = (None, None)
    if kind is Kind.FC3_REQUEST:
        drop_unsent(t.data)  # an age of 0, a destination of "": what the resource does not send
    names = {"function": name_part(t, base + ("functionName",)), "qualifier": qualifier}
    if kind is Kind.FC2_REQUEST:
        names["service"] = name_part(t, base + ("serviceName",))
    t.context = context(t, None, "", settings.region, settings.account_id, **names)
    return t


def _expression(value: Any) -> bool:
    """Pulumi YAML reads an object with an `fn::` key as a call to a built-in function; the
    language's first releases spelt it `Fn::`, and programs written then still do."""
    return isinstance(value, dict) and any(
        isinstance(key, str) and key.lower().startswith("fn::") for key in value)


def _plain(t: Translated, value: Any, source: Pointer) -> Any:
    """`value` with each built-in function call in it, at any depth (a whole property, the
    destinationConfig object, one destination), replaced by an opaque stand-in; the keys
    around a call are kept, so they are still judged."""
    if isinstance(value, dict) and not _expression(value):
        return {key: _plain(t, item, source + (key,)) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(t, item, source + (i,)) for i, item in enumerate(value)]
    return stand_in(t, value, source, _expression)


def _type_span(converted: Converted, entry: Pointer) -> Span | None:
    found = converted.spans.get(entry + ("type",))
    return found[1] if found else None
