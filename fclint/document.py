"""A parsed config as the rules see it: plain data with canonical keys, what is known about the
function it configures, and a way back from any JSON pointer to the source text."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from typing import Any, Protocol

from fclint.config import Settings
from fclint.diagnostic import Finding, Pointer, Span, Target
from fclint.kinds import CANONICAL_KEYS, Kind


class Locator(Protocol):
    def locate(self, path: Pointer, target: Target = Target.VALUE, occurrence: int = 0) -> Span: ...


def closest_span(
    spans: Any, duplicate_spans: Any, path: Pointer, target: Target, occurrence: int,
    missing: Span,
) -> Span:
    """What every locator answers, from its maps of pointer -> (key span, value span) and
    pointer -> the key spans of each occurrence: the span of `path`, or, when the path does
    not exist (a missing key), the key of its closest existing ancestor; `missing` when
    nothing of it exists."""
    while path not in spans and path:
        path, target = path[:-1], Target.KEY
    entry = spans.get(path)
    if entry is None:
        return missing
    key_span, value_span = entry
    if target is Target.KEY:
        if occurrence and path in duplicate_spans:
            spans_of_key = duplicate_spans[path]
            return spans_of_key[min(occurrence, len(spans_of_key) - 1)]
        if key_span is not None:
            return key_span
        return Span(value_span.line, value_span.column, value_span.line, value_span.column + 1)
    return value_span


@dataclass(frozen=True)
class FunctionContext:
    """What is known of the configured function, and where each fact came from."""

    service: str | None = None
    function: str | None = None
    qualifier: str | None = None
    region: str | None = None
    account: str | None = None
    region_source: str = "configuration"
    account_source: str = "configuration"
    spans: tuple[tuple[str, Span], ...] = ()

    @classmethod
    def read(cls, names: dict[str, str], spans: Iterable[tuple[str, Span]], settings: Settings,
             region: str | None = None, region_source: str = "") -> FunctionContext:
        """What a front end read of the function (its names, each where it is written, and the
        region it runs in, from `region_source`), on top of the settings' home region and
        account."""
        return cls(service=names.get("service"), function=names.get("function"),
                   qualifier=names.get("qualifier"), region=region or settings.region,
                   account=settings.account_id,
                   region_source=region_source if region else "configuration",
                   spans=tuple(spans))

    def span_of(self, part: str) -> Span | None:
        """Where the front end read `part` (service, function, qualifier...), if from the text."""
        return dict(self.spans).get(part)


# A trait (`Document.traits`) of a body that reaches the FC 2.0 server as it is written, as the
# dict given to aliyun-fc2's client does: the server matches keys in any case.
SENT_AS_WRITTEN = "sent-as-written"


@dataclass
class Document:
    """One body to lint. `data` has canonical key spellings; `renames` remembers the originals."""

    path: str
    kind: Kind
    data: Any
    settings: Settings
    locator_factory: Callable[[], Locator]
    context: FunctionContext = field(default_factory=FunctionContext)
    duplicates: list[Pointer] = field(default_factory=list)
    renames: dict[Pointer, str] = field(default_factory=dict)
    case_duplicates: list[tuple[Pointer, str]] = field(default_factory=list)
    shorthand_allowed: bool = False
    interpolation: re.Pattern[str] | None = None
    origin: Any = None
    problems: list[Finding] = field(default_factory=list)
    source_path: Callable[[Pointer], Pointer] | None = None
    # The keys of an API pointer as the file spells them, for messages (Terraform's
    # maximum_retry_attempts, a Python model's max_async_retry_attempts): `source_path` when
    # not given. Case renames of a body's own keys are left out: FC003 reports those.
    spelling: Callable[[Pointer], Pointer] | None = None
    renderer: Callable[[Any], str] | None = None
    opaque_starts: frozenset[tuple[int, int]] = frozenset()
    # What the fast path already found: True (nothing to report), False (it looked and could
    # not prove it), None (it has not looked).
    known_clean: bool | None = None
    raw_span: Callable[[Span], Span] | None = None  # a notebook cell's span in the raw file
    cell: int | None = None
    _memo: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_data(cls, raw: Any, **fields: Any) -> Document:
        data, renames, case_duplicates = canonicalize(raw)
        return cls(data=data, renames=renames, case_duplicates=case_duplicates, **fields)

    @property
    def traits(self) -> frozenset[str]:
        """What rules with `needs` look for: "problems" when the front end found some, the
        origin's own traits ("http", "terraform"), and "project" when the file belongs to
        one the cross-config rules can read."""
        traits = getattr(self.origin, "rule_traits", ())
        if self.problems:
            traits = (*traits, "problems")
        if getattr(self.origin, "project", None) is not None:
            traits = (*traits, "project")
        return frozenset(traits)

    @cached_property
    def locator(self) -> Locator:
        return self.locator_factory()

    def locate(self, finding: Finding) -> Span:
        if finding.span is not None:
            return finding.span
        return self.locator.locate(self.original(finding.path), finding.target, finding.occurrence)

    def written(self, path: Pointer) -> str | None:
        """The number at `path` as the text writes it (`1e3` for 1000.0, YAML's `.inf`, HCL's
        exact `-1e999`) where the format can tell; None when not, or not that number."""
        value = self.get(path)
        written = getattr(self.locator, "written", None)
        if written is None or not isinstance(value, (int, float)) or isinstance(value, bool):
            return None
        text = written(self.original(path))
        try:  # Python reads YAML's `-.inf` without its dot; NaN equals nothing; ints are exact
            plain = re.sub(r"^([-+]?)\.(?=(?:inf|nan)$)", r"\1", text or "x", flags=re.I)
            number = Decimal(plain) if isinstance(value, int) else float(plain)
            return text if number == value or (number != number and value != value) else None
        except (ValueError, OverflowError, ArithmeticError):
            return None

    def original(self, path: Pointer) -> Pointer:
        """The pointer as written in the source: keys as spelled there, then translated to the
        format's own structure (an s.yaml's `asyncConfiguration`, a Terraform block...)."""
        if self.renames:
            path = tuple(self.renames.get(path[: i + 1], part) for i, part in enumerate(path))
        return self.source_path(path) if self.source_path is not None else path

    def spelled(self, path: Pointer) -> Pointer:
        """`path` with its keys as the user wrote them (see `spelling`)."""
        spell = self.spelling or self.source_path
        return spell(path) if spell is not None else path

    def render(self, value: Any) -> str:
        """`value` as this document's format writes it (JSON unless the front end says)."""
        if self.renderer is not None:
            return self.renderer(value)
        import json

        return json.dumps(value, ensure_ascii=False)

    def is_interpolated(self, value: str) -> bool:
        """True when the format fills `value` in later (`${vars.x}`, `{{var}}`): not ours to judge."""
        return self.interpolation is not None and self.interpolation.search(value) is not None

    def get(self, path: Pointer) -> Any:
        return value_at(self.data, path)

    def configs(self) -> Iterator[tuple[Pointer, dict[str, Any]]]:
        """Each async-invoke config in the document: the root, or every item of a list."""
        if not isinstance(self.data, dict):
            return
        if self.kind.is_list or self.kind.items:
            items = self.data.get(self.kind.items or "configs")
            if isinstance(items, list):
                for i, item in enumerate(items):
                    if isinstance(item, dict):
                        yield ("configs", i), item
        else:
            yield (), self.data

    def destinations(self) -> Iterator[tuple[Pointer, str, str]]:
        """(pointer, value, 'onSuccess' or 'onFailure') for every destination string."""
        for base, config in self.configs():
            dest_config = config.get("destinationConfig")
            if not isinstance(dest_config, dict):
                continue
            for which in ("onSuccess", "onFailure"):
                holder = dest_config.get(which)
                if isinstance(holder, dict) and isinstance(holder.get("destination"), str):
                    path = base + ("destinationConfig", which, "destination")
                    yield path, holder["destination"], which

    def function_context(self, config_path: Pointer) -> FunctionContext:
        """The configured function: from a response body's own fields, else from the context."""
        config = self.get(config_path)
        if not isinstance(config, dict) or self.kind.is_request:
            return self.context
        service = config.get("service") or config.get("serviceName")
        function = config.get("function") or config.get("functionName")
        qualifier = config.get("qualifier")
        return FunctionContext(
            service=service if isinstance(service, str) else self.context.service,
            function=function if isinstance(function, str) else self.context.function,
            qualifier=qualifier if isinstance(qualifier, str) else self.context.qualifier,
            region=self.context.region, account=self.context.account,
            region_source=self.context.region_source, account_source=self.context.account_source,
            spans=self.context.spans,
        )

    def memo(self, key: str, compute: Callable[[], Any]) -> Any:
        """Work shared by several rules (schema errors), done once per document."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]


def value_at(data: Any, path: Pointer) -> Any:
    """The value at `path` in plain data, or None where nothing is there."""
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


class _NoText:
    """The locator of a document with no text of its own (a request without a body): every
    finding goes on the first character, where the front end's own spans are not given."""

    def locate(self, path: Pointer, target: Target = Target.VALUE, occurrence: int = 0) -> Span:
        return Span(1, 1, 1, 2)


_NO_TEXT = _NoText()


def empty_locator() -> Locator:
    """The locator of a document with no text of its own (a request without a body)."""
    return _NO_TEXT


def canonicalize(raw: Any) -> tuple[Any, dict[Pointer, str], list[tuple[Pointer, str]]]:
    """Copy `raw` with keys in their canonical case, as the FC 2.0 server reads them."""
    renames: dict[Pointer, str] = {}
    case_duplicates: list[tuple[Pointer, str]] = []
    if not _needs_renaming(raw):
        return raw, renames, case_duplicates
    root: list[Any] = [None]
    stack: list[tuple[Any, Pointer, Any, Any]] = [(raw, (), root, 0)]
    while stack:
        value, path, parent, slot = stack.pop()
        if isinstance(value, dict):
            copy: dict[str, Any] = {}
            for key, item in value.items():
                canonical = CANONICAL_KEYS.get(key.lower(), key) if isinstance(key, str) else key
                if canonical != key:
                    if canonical in value:
                        case_duplicates.append((path + (key,), canonical))
                        continue
                    renames[path + (canonical,)] = key
                copy[canonical] = None
                stack.append((item, path + (canonical,), copy, canonical))
            parent[slot] = copy
        elif isinstance(value, list):
            items: list[Any] = [None] * len(value)
            stack.extend((item, path + (i,), items, i) for i, item in enumerate(value))
            parent[slot] = items
        else:
            parent[slot] = value
    return root[0], renames, case_duplicates


def _needs_renaming(raw: Any) -> bool:
    stack = [raw]
    while stack:
        value = stack.pop()
        if isinstance(value, dict):
            for key, item in value.items():
                if isinstance(key, str) and key not in _CANONICAL and key.lower() in CANONICAL_KEYS:
                    return True
                stack.append(item)
        elif isinstance(value, list):
            stack.extend(value)
    return False


_CANONICAL = frozenset(CANONICAL_KEYS.values())
