"""ROS and Funcraft templates: `Properties.AsyncConfiguration` of `ALIYUN::FC::Function` and
`Aliyun::Serverless::Function` (nested in its `Aliyun::Serverless::Service` in Fun), and the
`ALIYUN::FC3::AsyncInvokeConfig` resource. PascalCase is the template's own spelling, so keys
are translated here (no FC003); intrinsics (`Ref`, `Fn::*`, `!Ref`) are opaque values."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from fclint.config import Settings
from fclint.diagnostic import Pointer, Span, Target
from fclint.formats.yaml_config import Translated, context, is_opaque, name_part, stand_in
from fclint.formats.yaml_events import INTERPOLATION
from fclint.formats.yaml_nodes import Converted
from fclint.kinds import Kind

FC2_KEYS = {
    "Destination": "destinationConfig",
    "MaxAsyncEventAgeInSeconds": "maxAsyncEventAgeInSeconds",
    "MaxAsyncRetryAttempts": "maxAsyncRetryAttempts",
    "StatefulInvocation": "statefulInvocation",
}
FC3_KEYS = {
    "DestinationConfig": "destinationConfig",
    "MaxAsyncEventAgeInSeconds": "maxAsyncEventAgeInSeconds",
    "MaxAsyncRetryAttempts": "maxAsyncRetryAttempts",
    "AsyncTask": "asyncTask",
}
WHICH = {"OnSuccess": "onSuccess", "OnFailure": "onFailure"}
FUNCTION_TYPES = ("ALIYUN::FC::Function", "Aliyun::Serverless::Function")
FC3_TYPE = "ALIYUN::FC3::AsyncInvokeConfig"
FUN_SERVICE = "Aliyun::Serverless::Service"
DESTINATION_MAX = 512  # ROS's MaxLength for an FC3 destination


def is_template(data: dict[str, Any]) -> bool:
    resources = data.get("Resources")
    if not isinstance(resources, dict):
        return False
    return "ROSTemplateFormatVersion" in data or "Transform" in data or any(
        isinstance(r, dict) and str(r.get("Type", "")).lower().startswith("aliyun::")
        for r in resources.values())


def is_snippet(data: dict[str, Any]) -> bool:
    """A bare `AsyncConfiguration:` block, as Fun's documentation prints it."""
    block = data.get("AsyncConfiguration")
    return len(data) == 1 and isinstance(block, dict) and any(k in FC2_KEYS for k in block)


def snippet(converted: Converted, settings: Settings) -> Translated:
    return _fc2(converted, (), None, True, settings)


def configs(converted: Converted, settings: Settings) -> Iterator[Translated]:
    data = converted.data
    fun = "Transform" in data
    for name, resource in data["Resources"].items():
        if not isinstance(resource, dict):
            continue
        kind = resource.get("Type")
        base: Pointer = ("Resources", name)
        if kind in FUNCTION_TYPES and _has(resource, "AsyncConfiguration"):
            is_fun = fun or kind == "Aliyun::Serverless::Function"
            yield _fc2(converted, base, None, is_fun, settings)
        elif kind == FC3_TYPE and isinstance(resource.get("Properties"), dict):
            yield _fc3(converted, base, settings)
        elif kind == FUN_SERVICE:
            for child, inner in resource.items():
                if (isinstance(inner, dict) and inner.get("Type") == "Aliyun::Serverless::Function"
                        and _has(inner, "AsyncConfiguration")):
                    yield _fc2(converted, base + (child,), name, True, settings)


def _has(resource: dict[str, Any], key: str) -> bool:
    properties = resource.get("Properties")
    return isinstance(properties, dict) and isinstance(properties.get(key), dict)


def _intrinsic(value: Any) -> bool:
    return isinstance(value, dict) and len(value) == 1 and (
        "Ref" in value or next(iter(value)).startswith("Fn::"))


def _plain(t: Translated, value: Any, source: Pointer) -> Any:
    """`value`, with an intrinsic function replaced by an opaque stand-in."""
    return stand_in(t, value, source, _intrinsic)


def _new(tool: str, kind: Kind, converted: Converted, base: Pointer, fun: bool) -> Translated:
    return Translated(tool, kind, base, converted, shorthand_allowed=fun, interpolation=INTERPOLATION)


def _fc2(converted: Converted, resource: Pointer, service: str | None, fun: bool,
         settings: Settings) -> Translated:
    properties = resource + ("Properties",) if resource else ()
    base = properties + ("AsyncConfiguration",)
    t = _new("fun" if fun else "ros-fc2", Kind.FC2_REQUEST, converted, base, fun)
    block = _get(converted.data, base)
    for key, value in block.items():
        _property(t, FC2_KEYS.get(key, key), value, base + (key,), nested=False)
    if not resource:
        return t
    names: dict[str, tuple[str | None, Span | None]]
    if fun:  # Fun names services and functions by their logical ids
        names = {"service": (service, None), "function": (str(resource[-1]), None)}
    else:
        names = {"service": name_part(t, properties + ("ServiceName",)),
                 "function": name_part(t, properties + ("FunctionName",))}
    t.context = context(t, None, "", settings.region, settings.account_id, **names)
    return t


def _property(t: Translated, api: str, value: Any, source: Pointer, nested: bool) -> None:
    """One template property, translated to its API key; FC 3.0 nests each destination in an
    object of its own (`nested`), FC 2.0 templates give the ARN string directly."""
    t.map((api,), source)
    value = _plain(t, value, source)
    if api == "destinationConfig" and isinstance(value, dict):
        value = _destinations(t, value, source, nested=nested)
    t.data[api] = value


def _destinations(t: Translated, value: dict[str, Any], source: Pointer, nested: bool) -> dict[str, Any]:
    """`{OnSuccess: ARN}` (FC2) or `{OnSuccess: {Destination: ARN}}` (FC3) in API spelling."""
    config: dict[str, Any] = {}
    for key, item in value.items():
        which = WHICH.get(key, key)
        where = source + (key,)
        t.map(("destinationConfig", which), where)
        item = _plain(t, item, where)
        if not nested:
            config[which] = {"destination": item} if which != key else item
            if which != key:
                t.map(("destinationConfig", which, "destination"), where)
            continue
        if isinstance(item, dict) and "Destination" in item:
            arn = _plain(t, item["Destination"], where + ("Destination",))
            item = {**{k: v for k, v in item.items() if k != "Destination"}, "destination": arn}
            t.map(("destinationConfig", which, "destination"), where + ("Destination",))
            if isinstance(arn, str) and len(arn) > DESTINATION_MAX and not is_opaque(arn):
                t.problem("FC038", where + ("Destination",), f"{arn[:40]!r}... has {len(arn)} "
                          f"characters; ROS takes at most {DESTINATION_MAX}")
        config[which] = item
    return config


def _fc3(converted: Converted, resource: Pointer, settings: Settings) -> Translated:
    base = resource + ("Properties",)
    t = _new("ros-fc3", Kind.FC3_REQUEST, converted, base, False)
    function: tuple[str | None, Any] = (None, None)
    for key, value in _get(converted.data, base).items():
        source = base + (key,)
        if key == "FunctionName":
            function = name_part(t, source)
            continue
        if key == "Qualifier":
            t.problem("FC037", source, f"{key!r}: ALIYUN::FC3::AsyncInvokeConfig has no "
                      "Qualifier property, and ROS rejects properties it does not know; remove it", Target.KEY)
            continue
        _property(t, FC3_KEYS.get(key, key), value, source, nested=True)
    t.context = context(t, None, "", settings.region, settings.account_id, function=function)
    return t


def _get(data: Any, path: Pointer) -> Any:
    for part in path:
        data = data[part]
    return data
