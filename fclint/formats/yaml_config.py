"""One async-invoke config found in a YAML document, translated to the API model: the data with
the API's keys, and the way back from an API pointer to the pointer of the text as written."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from fclint.diagnostic import Finding, Pointer, Span, Target
from fclint.document import FunctionContext
from fclint.formats.yaml_events import OPAQUE_MARK
from fclint.formats.yaml_nodes import Converted
from fclint.kinds import Kind

REGION = re.compile(r"[a-z]{2}(?:-[a-z0-9]+)+")
# A value the deploy tool fills in as a whole (`${vars.dest}` may stand for an object).
WHOLE_INTERPOLATION = re.compile(r"\$\{[^{}]*\}")


@dataclass
class Translated:
    """`tool` names the format: body, devs-fc2, devs-fc3, fun, ros-fc2 or ros-fc3."""

    tool: str
    kind: Kind
    base: Pointer
    converted: Converted
    data: dict[str, Any] = field(default_factory=dict)
    table: dict[Pointer, Pointer] = field(default_factory=dict)
    context: FunctionContext = field(default_factory=FunctionContext)
    problems: list[Finding] = field(default_factory=list)
    opaque: list[Span] = field(default_factory=list)
    shorthand_allowed: bool = False
    interpolation: re.Pattern[str] | None = None
    # The file's project (fclint.project), built on the first call: the cross-config rules'.
    project: Callable[[], Any] | None = None

    def __post_init__(self) -> None:
        self.table.setdefault((), self.base)

    @property
    def fastpath_ok(self) -> bool:
        """A plain API body in YAML has no rules of its own: fclint.fastpath may clear it."""
        return self.tool == "body"

    def map(self, api: Pointer, source: Pointer) -> None:
        """The value at API pointer `api` (and below it) is written at `source`."""
        self.table[api] = source

    def source_path(self, path: Pointer) -> Pointer:
        for cut in range(len(path), -1, -1):
            source = self.table.get(path[:cut])
            if source is not None:
                return source + path[cut:]
        return self.base + path

    def to_api(self, source: Pointer) -> Pointer | None:
        """The API pointer of a source pointer inside this config, or None outside it."""
        best: tuple[int, Pointer] | None = None
        for api, where in self.table.items():
            if source[: len(where)] == where and (best is None or len(where) > best[0]):
                best = (len(where), api + source[len(where):])
        return best[1] if best else None

    def value_span(self, source: Pointer) -> Span | None:
        entry = self.converted.spans.get(source)
        return entry[1] if entry else None

    def key_span(self, source: Pointer) -> Span | None:
        entry = self.converted.spans.get(source)
        return entry[0] if entry else None

    def problem(self, code: str, source: Pointer, message: str, target: Target = Target.VALUE) -> None:
        span = self.key_span(source) if target is Target.KEY else self.value_span(source)
        self.problems.append(Finding((), message, code=code, span=span or self.value_span(self.base)))

    def duplicates(self) -> list[Pointer]:
        found = []
        for source in self.converted.duplicates:
            api = self.to_api(source)
            if api is not None:
                found.append(api)
        return sorted(found, key=str)


def is_opaque(value: Any) -> bool:
    """A custom-tag value (`!Ref x`), already a stand-in string."""
    return isinstance(value, str) and value.startswith(OPAQUE_MARK)


def stand_in(t: Translated, value: Any, source: Pointer, is_expression: Callable[[Any], bool]) -> Any:
    """`value`, or when `is_expression` says the deploy tool computes it (a ROS intrinsic, a
    Pulumi `fn::` call), an opaque stand-in: its result is unknown here, so neither it nor the
    arguments are judged, and findings starting at its span are dropped."""
    if not is_expression(value):
        return value
    span = t.value_span(source)
    if span is not None:
        t.opaque.append(span)
    return f"{OPAQUE_MARK}{next(iter(value))}{OPAQUE_MARK}"


def whole_interpolation(value: Any) -> bool:
    return isinstance(value, str) and WHOLE_INTERPOLATION.fullmatch(value.strip()) is not None


def name_part(t: Translated, source: Pointer) -> tuple[str | None, Span | None]:
    """A name read at `source` when it is a plain string, with its span; a name the deploy
    tool fills in (`${vars.name}`) is not known."""
    value = t.converted.get(source)
    if isinstance(value, str) and value and not is_opaque(value) and "${" not in value:
        return value, t.value_span(source)
    return None, None


def region_at(t: Translated, source: Pointer) -> str | None:
    value = t.converted.get(source)
    if isinstance(value, str) and REGION.fullmatch(value):
        return value
    return None


def context(t: Translated, region: str | None, region_source: str, settings_region: str | None,
            account: str | None, **parts: tuple[str | None, Span | None]) -> FunctionContext:
    values = {name: value for name, (value, _span) in parts.items()}
    spans = tuple((name, span) for name, (value, span) in parts.items() if value and span)
    return FunctionContext(
        service=values.get("service"), function=values.get("function"),
        qualifier=values.get("qualifier"), region=region or settings_region, account=account,
        region_source=region_source if region else "configuration", spans=spans,
    )
