"""The project of a Serverless Devs `s.yaml`: every FC function its `services` (FC 2.0) or
`resources` (FC 3.0) deploy, their HTTP triggers, and the destinations between them.
`${vars.a.b}` is resolved when the var is a literal; any other interpolation leaves a name unknown."""

from __future__ import annotations

import re
from typing import Any

from fclint.diagnostic import Pointer, Span
from fclint.formats.devs_layout import fc_entries
from fclint.formats.yaml_nodes import Converted
from fclint.project import Edge, FunctionDef, Project, known, node, qualifier, target

_VARS = re.compile(r"\$\{\s*vars\.([A-Za-z0-9_.-]+)\s*\}")
_WHICH = ("onSuccess", "onFailure")


def build(converted: Converted, path: str) -> Project:
    project = Project()
    variables = converted.get(("vars",))
    if not isinstance(variables, dict):
        variables = {}
    for base, generation in fc_entries(converted):
        _entry(project, converted, path, variables, base, generation)
    return project


def _entry(project: Project, converted: Converted, path: str, variables: dict[str, Any],
           base: Pointer, generation: int) -> None:
    """One FC entry, whose `props` map is at `base`: only the values read here are converted."""
    def text(value: Any) -> str | None:
        value = resolve(value, variables)
        return known(value) if isinstance(value, str) else None

    def get(*parts: str | int) -> Any:
        return converted.get(base + parts)

    region = text(get("region"))
    own_service: str | None = None
    has_function = False
    if generation == 2:
        if converted.shape(base + ("service",)) == "map":
            own_service = text(get("service", "name"))
        else:
            service = resolve(get("service"), variables)
            own_service = text(service.get("name")) if isinstance(service, dict) else None
        has_function = bool(converted.keys(base + ("function",)))
        own = node(2, own_service, text(get("function", "name")))
        config, where = get("function", "asyncConfiguration"), base + ("function", "asyncConfiguration")
        holders, key = (config.get("destination") if isinstance(config, dict) else None), "destination"
        http_key, defined_at = "type", base + ("function", "name")
    else:
        own = node(3, None, text(get("functionName")))
        config, where = get("asyncInvokeConfig"), base + ("asyncInvokeConfig",)
        holders, key = (config.get("destinationConfig") if isinstance(config, dict) else None), "destinationConfig"
        http_key, defined_at = "triggerType", base + ("functionName",)
    own_qualifier = qualifier(resolve(config.get("qualifier"), variables)
                              if isinstance(config, dict) else None)
    http = any(converted.shape(base + ("triggers", i)) == "map"
               and str(resolve(get("triggers", i, http_key), variables)).lower() == "http"
               for i in range(converted.length(base + ("triggers",)) or 0))
    if own is not None:
        project.functions.append(FunctionDef(own, http, path, _span(converted, defined_at), region))
    elif generation == 3 or has_function:  # a function whose name is not known
        project.partial.append((generation, own_service))
    if isinstance(holders, dict):
        for which in _WHICH:
            value, source = holders.get(which), where + (key, which)
            if isinstance(value, dict):
                value, source = value.get("destination"), source + ("destination",)
            if isinstance(value, str) and source in converted.spans:
                to = target(value, lambda v: str(resolve(v, variables)))
                elsewhere = to.region and region and to.region != region
                project.edges.append(Edge(  # a function of another region is not this project's
                    own, None if elsewhere else to.node, value, path, converted.spans[source][1],
                    to.region or region, own_qualifier, to.qualifier))


def resolve(value: Any, variables: dict[str, Any]) -> Any:
    """`value` with `${vars.a.b}` replaced by literal vars; a whole `${vars.x}` may be an object."""
    if not isinstance(value, str) or "${" not in value:
        return value
    whole = _VARS.fullmatch(value.strip())
    if whole is not None:
        return _lookup(variables, whole.group(1), value)

    def replace(match: re.Match[str]) -> str:
        found = _lookup(variables, match.group(1), match.group(0))
        return found if isinstance(found, str) else match.group(0)

    return _VARS.sub(replace, value)


def _lookup(variables: dict[str, Any], dotted: str, default: Any) -> Any:
    value: Any = variables
    for part in dotted.split("."):
        if not isinstance(value, dict) or part not in value:
            return default
        value = value[part]
    if isinstance(value, bool) or value is None:
        return default
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, str) and "${" in value:  # vars that use vars: not followed
        return default
    return value


def _span(converted: Converted, source: Pointer) -> Span:
    while source not in converted.spans and source:
        source = source[:-1]
    return converted.spans[source][1]
