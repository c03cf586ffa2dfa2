"""Serverless Devs `s.yaml`: the FC 2.0 component's `asyncConfiguration` (destinations as plain
strings) and the FC 3.0 component's `asyncInvokeConfig` (destinations as objects), translated to
the API model, with each component's own shape mistakes as findings (FC032, FC033)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import cache
from typing import Any

from fclint.config import Settings
from fclint.diagnostic import Pointer, Target
from fclint.formats import devs_project
from fclint.formats.devs_layout import fc_entries
from fclint.formats.yaml_config import (
    Translated,
    context,
    is_opaque,
    name_part,
    region_at,
    whole_interpolation,
)
from fclint.formats.yaml_events import OPAQUE_MARK
from fclint.formats.yaml_nodes import Converted
from fclint.kinds import Kind
from fclint.project import Project

INTERPOLATION = re.compile(r"\$\{[^{}]*\}|" + re.escape(OPAQUE_MARK))
_WHICH = {"onsuccess": "onSuccess", "onfailure": "onFailure"}
REGION_SOURCE = "the s.yaml's props.region"


def configs(converted: Converted, settings: Settings) -> Iterator[Translated]:
    """Each async config of the file, in the order written."""
    project = cache(lambda: devs_project.build(converted, ""))  # read only when a rule asks
    for base, _generation in fc_entries(converted):
        if converted.shape(base + ("function", "asyncConfiguration")) == "map":
            yield _with_project(_fc2(converted, base, settings), project)
        if converted.shape(base + ("asyncInvokeConfig",)) == "map":
            yield _with_project(_fc3(converted, base, settings), project)


# Keys of a component's async block; a block with one of them, and none of JSON Schema's
# words (the components' own schemas describe `asyncConfiguration` too), is a config.
CONFIG_KEYS = frozenset({"destination", "destinationConfig", "maxAsyncEventAgeInSeconds",
                         "maxAsyncRetryAttempts", "statefulInvocation", "asyncTask", "qualifier"})
SCHEMA_WORDS = frozenset({"type", "properties", "additionalProperties", "$ref", "title"})


def fragments(converted: Converted, settings: Settings) -> Iterator[Translated]:
    """The async blocks of a `props` excerpt, as the components' documentation prints them:
    a bare `asyncInvokeConfig:` (FC 3.0) or `asyncConfiguration:` (FC 2.0), alone at the top of
    the file or beside the other props they belong with (`region`, `functionName`), or an FC
    2.0 `function:` holding one."""
    if _async_block(converted, ("asyncInvokeConfig",)):
        yield _fc3(converted, (), settings)
    if _async_block(converted, ("asyncConfiguration",)):
        yield _fc2(converted, (), settings, block=("asyncConfiguration",))
    elif _async_block(converted, ("function", "asyncConfiguration")):
        yield _fc2(converted, (), settings)


def _async_block(converted: Converted, path: Pointer) -> bool:
    if converted.shape(path) != "map":
        return False
    keys = set(converted.keys(path) or ())
    return bool(keys & CONFIG_KEYS) and not keys & SCHEMA_WORDS


def _with_project(t: Translated, project: Callable[[], Project]) -> Translated:
    t.project = project
    return t


def _new(tool: str, kind: Kind, converted: Converted, base: Pointer) -> Translated:
    return Translated(tool, kind, base, converted, shorthand_allowed=True, interpolation=INTERPOLATION)


def _fc2(converted: Converted, props: Pointer, settings: Settings,
         block: Pointer = ("function", "asyncConfiguration")) -> Translated:
    base = props + block
    t = _new("devs-fc2", Kind.FC2_REQUEST, converted, base)
    config = converted.get(base)
    for key, value in config.items():
        source = base + (key,)
        if key == "destination":
            _fc2_destinations(t, value, source)
        elif key == "destinationConfig" and "destination" in config:
            t.problem("FC032", source, f"{key!r} beside 'destination': the FC 2.0 component "
                      "takes one of them; keep 'destination'", Target.KEY)
        else:
            t.data[key] = value
    t.context = context(
        t, region_at(t, props + ("region",)), REGION_SOURCE, settings.region, settings.account_id,
        service=name_part(t, props + ("service", "name")),
        function=name_part(t, props + ("function", "name")),
    )
    return t


def _fc2_destinations(t: Translated, value: Any, source: Pointer, report: bool = True) -> None:
    """Translate `destination: {onSuccess: ARN}`; `report` is False where FC033 already said
    that the whole shape belongs to the other component."""
    problem = t.problem if report else _ignore
    if not isinstance(value, dict):
        if not whole_interpolation(value) and not is_opaque(value):
            problem("FC032", source, f"{value!r}: the FC 2.0 component wants 'destination' as "
                    "an object: {onSuccess: ARN, onFailure: ARN}")
        return
    config: dict[str, Any] = {}
    t.data["destinationConfig"] = config
    t.map(("destinationConfig",), source)
    for key, item in value.items():
        which = _WHICH.get(key.lower())
        if which is None:
            config[key] = item  # an unknown key, reported as the API's unknown key
            continue
        if key != which:
            problem("FC032", source + (key,), f"{key!r}: the FC 2.0 component reads {which!r} "
                    "only (its keys are case-sensitive) and drops this destination", Target.KEY)
            if which in value:
                continue
        if isinstance(item, dict):
            problem("FC032", source + (key,), f"{_short(item)}: the FC 2.0 component wants the "
                    f"destination ARN as a string here ({which}: acs:...), not an object")
            inner = item.get("destination")
            if isinstance(inner, str):  # the ARN itself is still worth checking
                config[which] = {"destination": inner}
                t.map(("destinationConfig", which), source + (key,))
            continue
        config[which] = {"destination": item}
        t.map(("destinationConfig", which), source + (key,))
        t.map(("destinationConfig", which, "destination"), source + (key,))


def _fc3(converted: Converted, props: Pointer, settings: Settings) -> Translated:
    base = props + ("asyncInvokeConfig",)
    t = _new("devs-fc3", Kind.FC3_REQUEST, converted, base)
    config = converted.get(base)
    qualifier: tuple[str | None, Any] = (None, None)
    for key, value in config.items():
        source = base + (key,)
        if key == "qualifier":  # the API takes it in the query, not the body
            qualifier = name_part(t, source)
        elif key == "destination":
            t.problem("FC033", source, f"{key!r} is the FC 2.0 component's key; the FC 3.0 "
                      "component wants destinationConfig: {onSuccess: {destination: ARN}}",
                      Target.KEY)
            if "destinationConfig" not in config:
                _fc2_destinations(t, value, source, report=False)
        elif key == "destinationConfig" and isinstance(value, dict):
            t.data[key] = _fc3_destinations(t, value, source)
        else:
            t.data[key] = value
    t.context = context(
        t, region_at(t, props + ("region",)), REGION_SOURCE, settings.region, settings.account_id,
        function=name_part(t, props + ("functionName",)), qualifier=qualifier,
    )
    return t


def _fc3_destinations(t: Translated, value: dict[str, Any], source: Pointer) -> dict[str, Any]:
    config: dict[str, Any] = {}
    for key, item in value.items():
        if key in ("onSuccess", "onFailure") and isinstance(item, str) and not (
                whole_interpolation(item) or is_opaque(item)):
            t.problem("FC033", source + (key,), f"{item!r}: the FC 3.0 component wants an object "
                      f"here ({key}: {{destination: ARN}}), not the ARN string")
            config[key] = {"destination": item}
            t.map(("destinationConfig", key, "destination"), source + (key,))
            t.map(("destinationConfig", key), source + (key,))
        else:
            config[key] = item
    return config


def _ignore(*_args: Any, **_kwargs: Any) -> None:
    pass


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."
