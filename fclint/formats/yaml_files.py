"""YAML files: Serverless Devs `s.yaml`, ROS and Funcraft templates, and API bodies written as
YAML. Each document of the stream is read on its own; every config found in it becomes a
Document whose findings point at the text as written."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from fclint.config import Settings
from fclint.diagnostic import Finding, Pointer, Span
from fclint.document import Document, FunctionContext, empty_locator
from fclint.formats import Comment, devs_layout, yaml_comments, yaml_devs, yaml_pulumi, yaml_ros
from fclint.formats.yaml_config import Translated
from fclint.formats.yaml_events import INTERPOLATION
from fclint.formats.yaml_nodes import Converted, YamlLocator, documents_of, render
from fclint.formats.yaml_tree import target_of
from fclint.jsondoc import MAX_DEPTH
from fclint.kinds import Kind, detect
from fclint.source import LineIndex

COMMENTS = True
# Words without which a YAML file holds no async config; anything else is not parsed at all.
# ("destination" keeps a misspelled `destinationConfg:` in view.)
SNIFF = re.compile(
    r"async(?:Configuration|InvokeConfig|Task)|destination|maxAsync|statefulInvocation", re.IGNORECASE
)
_FLOW = re.compile(r"[\[\]{}]")
REFUSE_AT = 4 * MAX_DEPTH  # flow depth refused before parsing


def documents(text: str, path: str, settings: Settings, kind: Kind | None) -> Iterator[Document]:
    if kind is None and not SNIFF.search(text):
        return
    deep = _flow_too_deep(text)
    if deep is not None:
        message = (f"nesting deeper than {MAX_DEPTH} levels; fclint does not check this file "
                   "(an FC config is at most 4 levels deep)")
        yield _problems_only(path, settings, kind, [Finding((), message, code="FC090", span=deep)])
        return
    for converted, problems in documents_of(text):
        if converted is None:
            yield _problems_only(path, settings, kind, problems)
            continue
        for translated in _configs(converted, settings, kind):
            yield _document(translated, path, settings, text)


def comments(text: str, marker: str) -> Iterator[Comment]:
    """The comments that hold `marker`, as the YAML scanner leaves them
    (fclint.formats.yaml_comments); none in a file refused for its nesting, never scanned."""
    if marker not in text or _flow_too_deep(text) is not None:
        return iter(())
    return yaml_comments.comments(text, marker)


def _flow_too_deep(text: str) -> Span | None:
    """Where `[[[...` or `{{{...` nesting passes the limit, when it passes it by far: libyaml
    slows down sharply on deep flow collections (31 s for 100,000 levels), so those are refused
    before parsing. The span is the one the node builder reports for shallower excess (the
    bracket at the limit under a top-level key). Brackets in quoted strings count too; no
    config has hundreds of them open at once."""
    if text.count("[") + text.count("{") <= REFUSE_AT:
        return None
    depth, at_limit = 0, None
    for match in _FLOW.finditer(text):
        depth = depth + 1 if match.group() in "[{" else max(depth - 1, 0)
        if depth == MAX_DEPTH and at_limit is None:
            at_limit = match.start()
        elif depth < MAX_DEPTH:
            at_limit = None
        if depth > REFUSE_AT and at_limit is not None:
            line = text.count("\n", 0, at_limit) + 1
            column = at_limit - (text.rfind("\n", 0, at_limit) + 1) + 1
            return Span(line, column, line, column + 1)
    return None


def _configs(converted: Converted, settings: Settings, kind: Kind | None) -> Iterator[Translated]:
    if kind is None and devs_layout.is_devs(converted):  # reads only the parts it needs
        yield from yaml_devs.configs(converted, settings)
        return
    if kind is None and yaml_pulumi.is_program(converted):
        yield from yaml_pulumi.configs(converted, settings)
        return
    data = converted.data
    if kind is None and isinstance(data, dict):
        if yaml_ros.is_template(data):
            yield from yaml_ros.configs(converted, settings)
            return
        if yaml_ros.is_snippet(data):
            yield yaml_ros.snippet(converted, settings)
            return
        fragments = list(yaml_devs.fragments(converted, settings))
        if fragments:
            yield from fragments
            return
    found = kind or detect(data, settings.api_generation)
    if found is not None:
        yield _body(converted, found, settings)


def template_documents(text: str, path: str, settings: Settings) -> Iterator[Document]:
    """A ROS or Fun template written in JSON. JSON is YAML's flow syntax: the YAML reader gives
    it the same nodes, spans and translation as the template written in YAML."""
    for converted, _problems in documents_of(text):
        if converted is not None and isinstance(converted.data, dict) and yaml_ros.is_template(
                converted.data):
            for translated in yaml_ros.configs(converted, settings):
                yield _document(translated, path, settings, text)


def _body(converted: Converted, kind: Kind, settings: Settings) -> Translated:
    data: Any = converted.data
    body = Translated("body", kind, (), converted, interpolation=INTERPOLATION)
    body.data = data
    body.context = FunctionContext(region=settings.region, account=settings.account_id)
    return body


class _Locator(YamlLocator):
    """The spans of a document, and its numbers as written: a message says `.nan` and `1e3`,
    not Python's `nan` and `1000.0` (`Document.written`)."""

    def __init__(self, converted: Converted, text: str) -> None:
        super().__init__(converted)
        self._converted, self._text = converted, text

    def written(self, path: Pointer) -> str | None:
        entry = self._converted.entry(path)
        node = target_of(entry[1]) if entry is not None else None
        if node is None or node.kind != "scalar":
            return None
        span = node.span  # read for a message that starts with a number: a few per file
        lines = LineIndex(self._text)
        return self._text[lines.offset(span.line, span.column):
                          lines.offset(span.end_line, span.end_column)]


def _document(t: Translated, path: str, settings: Settings, text: str) -> Document:
    locator = _Locator(t.converted, text)
    opaque = [span for pointer, span in t.converted.opaque.items() if pointer[: len(t.base)] == t.base]
    return Document.from_data(
        t.data, path=path, kind=t.kind, settings=settings, locator_factory=lambda: locator,
        context=t.context, duplicates=t.duplicates(), shorthand_allowed=t.shorthand_allowed,
        interpolation=t.interpolation, origin=t, problems=t.problems, source_path=t.source_path,
        renderer=render,
        opaque_starts=frozenset((s.line, s.column) for s in [*opaque, *t.opaque]),
    )


def _problems_only(path: str, settings: Settings, kind: Kind | None,
                   problems: list[Finding]) -> Document:
    generation = kind.generation if kind else settings.api_generation
    return Document(path=path, kind=Kind.FC3_REQUEST if generation == 3 else Kind.FC2_REQUEST,
                    data=None, settings=settings, locator_factory=empty_locator, problems=problems)
