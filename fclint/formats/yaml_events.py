"""PyYAML's door: one YAML document to a tree of nodes with their marks, composed from the
parser's events (libyaml's C parser when there is one) by a loop of our own, not `compose_all`,
whose recursion a deeply nested file exhausts; no tag ever constructs an object. A scalar stays
the parser's event until its collection is read, and becomes a Python value on first read."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml  # type: ignore[import-untyped]

from fclint.diagnostic import Finding, Span
from fclint.jsonlocator import MAX_DEPTH
from fclint.source import LineIndex

OPAQUE_MARK = "\u2063"  # wraps the stand-in string of an opaque value (invisible separator)
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_SIMPLE_KEY = "while scanning a simple key"  # its context mark is the key lacking its ':'
_STANDARD_TAG = "tag:yaml.org,2002:"
_STR_TAG = _STANDARD_TAG + "str"
_SCALAR_TAGS = frozenset(_STANDARD_TAG + t for t in ("str", "int", "float", "bool", "null"))
_RESOLVER = yaml.resolver.Resolver()
_CONSTRUCTOR = yaml.constructor.SafeConstructor()
# The resolver's patterns by first character (null, bool, int, float, merge...).
_IMPLICIT = _RESOLVER.yaml_implicit_resolvers
_RAW = object()


class Node:
    """A composed node: kind is map, seq, scalar, opaque (custom tag) or alias (`value` is the
    anchored node). A map's value is a list of (key node, value node). A scalar keeps the text as
    written and becomes a Python value on first read; `span` is made from the parser's marks
    when asked (most nodes of a big file are never read)."""

    __slots__ = ("_value", "end", "implicit", "index", "kind", "offset", "start", "tag")

    def __init__(self, kind: str, tag: str | None, start: Any, end: Any, offset: int,
                 value: Any = None, implicit: Any = None) -> None:
        self.kind = kind
        self.tag = tag
        self.start = start
        self.end = end
        self.offset = offset
        self._value = value
        # A scalar's (plain, quoted) flags until its value is made; _RAW while a collection
        # holds its children as parsed; None once `_value` is the value.
        self.implicit = implicit
        self.index: Any = None  # a map's entries by key (fclint.formats.yaml_tree), when read

    @property
    def value(self) -> Any:
        implicit = self.implicit
        if implicit is not None:
            if implicit is _RAW:  # a collection's children as parsed: scalars are still events
                offset = self.offset
                children = [child if type(child) is Node else _scalar_node(child, offset)
                            for child in self._value]
                self._value = (list(zip(children[::2], children[1::2])) if self.kind == "map"
                               else children)
            else:
                self._value = _scalar_value(self._value, self.tag, implicit)
            self.implicit = None
        return self._value

    @property
    def span(self) -> Span:
        start, end, offset = self.start, self.end, self.offset + 1
        return Span(start.line + offset, start.column + 1, end.line + offset, end.column + 1)


@dataclass
class YamlDocument:
    """One document of a stream: its root node (None when it could not be read) and problems;
    `aliases` tells whether the document uses any."""

    root: Node | None
    problems: list[Finding] = field(default_factory=list)
    aliases: bool = False


def _error_span(text: str, error: yaml.YAMLError, marks: _MarkLines | None,
                line_offset: int) -> Span:
    """Where a syntax error is, inside the text (LineIndex.point): libyaml reads a text with
    no final line break as if it had one, so the end of `{a` is its line 2, column 1."""
    index, line, column = LineIndex(text), 1, 1
    mark = isinstance(error, yaml.MarkedYAMLError) and (
        error.context == _SIMPLE_KEY and error.context_mark
        or error.problem_mark or error.context_mark)
    if mark:
        mark = marks.correct(mark) if marks is not None else mark
        line, column = mark.line + 1, mark.column + 1
    elif isinstance(error, yaml.reader.ReaderError):  # libyaml's offset is in UTF-8 bytes
        at = text.encode("utf-8", "surrogatepass")[:error.position].decode("utf-8", "ignore")
        line, column = index.position(len(at) if _LOADER is not yaml.SafeLoader else error.position)
    span = index.point(line, column)
    return Span(span.line + line_offset, span.column, span.end_line + line_offset, span.end_column)


def limit(message: str, span: Span) -> Finding:
    return Finding((), message, code="FC090", span=span)


def compose_from(text: str, line_offset: int, out: list[YamlDocument]) -> Finding | None:
    loader = None
    marks = _MarkLines(text) if _YAML_ONLY_BREAKS.search(text) else None
    try:
        loader = _LOADER(text)
        _build(loader.get_event if marks is None else marks.events(loader.get_event),
               line_offset, out)
    except yaml.YAMLError as error:
        why = str(error).splitlines()[0]
        if isinstance(error, yaml.MarkedYAMLError):
            why = error.problem or error.context or "not YAML"
            if error.context and error.problem:
                why = f"{error.problem} {error.context}"
        return Finding((), f"syntax error: {why}", code="FC000",
                       span=_error_span(text, error, marks, line_offset))
    finally:
        if loader is not None:
            loader.dispose()
    return None


def token_spans(text: str) -> tuple[list[tuple[int, int, bool]], int | None]:
    """The scanner's tokens of `text` as (start, end, block) character offsets in order, block
    true for a block scalar (`|`, `>`: its span holds its header's comment), and the offset
    where a scanner error stopped it (None: it read to the end). What lies between tokens is
    white space and comments (fclint.formats.yaml_comments)."""
    spans: list[tuple[int, int, bool]] = []
    scalar = yaml.ScalarToken
    loader = _LOADER(text)
    try:
        while True:
            token = loader.get_token()
            if token is None:
                return spans, None
            block = type(token) is scalar and token.style in ("|", ">")
            spans.append((token.start_mark.index, token.end_mark.index, block))
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        return spans, mark.index if mark is not None else 0
    except yaml.YAMLError:
        return spans, 0
    finally:
        loader.dispose()


# Line breaks to YAML 1.1 (and so PyYAML and libyaml) that are text on a line to LSP and
# editors. A lone CR is a break to both, and fclint.source.normalize_breaks has made it an LF.
_YAML_ONLY_BREAKS = re.compile("[\x85\u2028\u2029]")


class _MarkLines:
    """Rewrites the parser's marks to lines as the editor shows them: from a mark's character
    index, which both parsers count in code points, not from its line and column."""

    def __init__(self, text: str) -> None:
        self.index = LineIndex(text)

    def correct(self, mark: Any) -> Any:
        """The mark at the same place, its line and column as the editor counts them."""
        line, column = self.index.position(mark.index)
        return yaml.Mark(mark.name, mark.index, line - 1, column - 1, None, None)

    def events(self, next_event: Any) -> Any:
        def corrected() -> Any:
            event = next_event()
            if event is not None:
                event.start_mark = self.correct(event.start_mark)
                event.end_mark = self.correct(event.end_mark)
            return event
        return corrected


_COLLECTION_TAGS = frozenset((None, "", _STANDARD_TAG + "map", _STANDARD_TAG + "seq", _STANDARD_TAG + "omap"))


def _build(next_event: Any, line_offset: int, out: list[YamlDocument]) -> None:
    """Turns parser events into nodes without recursion, one loop over the events (this is the
    hot path of a big file: no call per event but the parser's and the node's); a document
    nested deeper than MAX_DEPTH is skipped to its end and reported once."""
    scalar_event, alias_event = yaml.ScalarEvent, yaml.AliasEvent
    map_start, seq_start = yaml.MappingStartEvent, yaml.SequenceStartEvent
    map_end, seq_end = yaml.MappingEndEvent, yaml.SequenceEndEvent
    document_start, document_end = yaml.DocumentStartEvent, yaml.DocumentEndEvent
    collection_tags = _COLLECTION_TAGS
    stack: list[tuple[Node, list[Node]]] = []
    items: list[Node] | None = None  # the children of the innermost open collection
    anchors: dict[str, Node] = {}
    root: Node | None = None
    problem: Finding | None = None
    skipping, aliases = 0, False
    while True:
        event = next_event()
        if event is None:
            return
        cls = type(event)
        if skipping:
            if cls is map_start or cls is seq_start:
                skipping += 1
                continue
            if cls is map_end or cls is seq_end:
                skipping -= 1
                continue
            if cls is not document_start and cls is not document_end:
                continue
        if cls is scalar_event:
            if items is not None and event.tag is None and event.anchor is None:
                items.append(event)  # the common case: a Node only when its collection is read
                continue
            node = _scalar_node(event, line_offset)
            if event.anchor:
                anchors[event.anchor] = node
        elif cls is map_end or cls is seq_end:
            node, children = stack.pop()
            node.end = event.end_mark
            if node.kind != "opaque":  # an opaque collection keeps only its span
                node._value = children
                node.implicit = _RAW
            items = stack[-1][1] if stack else None
        elif cls is map_start or cls is seq_start:
            if len(stack) >= MAX_DEPTH:
                problem = problem or limit(
                    f"nesting deeper than {MAX_DEPTH} levels; fclint does not check this document "
                    "(an FC config is at most 4 levels deep)",
                    Node("", None, event.start_mark, event.end_mark, line_offset).span)
                skipping = 1
                continue
            kind = ("map" if cls is map_start else "seq") if event.tag in collection_tags else "opaque"
            node = Node(kind, event.tag, event.start_mark, event.end_mark, line_offset)
            if event.anchor:
                anchors[event.anchor] = node
            items = []
            stack.append((node, items))
            continue
        elif cls is alias_event:
            target = anchors.get(event.anchor)
            if target is None:
                raise yaml.MarkedYAMLError(None, None, f"found undefined alias {event.anchor!r}",
                                           event.start_mark)
            node = Node("alias", None, event.start_mark, event.end_mark, line_offset, target)
            aliases = True
        elif cls is document_start:
            stack, items, anchors, root, problem, skipping, aliases = [], None, {}, None, None, 0, False
            continue
        elif cls is document_end:
            out.append(YamlDocument(None, [problem]) if problem is not None
                       else YamlDocument(root, aliases=aliases))
            continue
        else:
            continue
        if items is not None:
            items.append(node)
        else:
            root = node


def _scalar_node(event: Any, line_offset: int) -> Node:
    tag = event.tag
    if tag is None or tag == "!" or tag.startswith(_STANDARD_TAG):
        return Node("scalar", tag, event.start_mark, event.end_mark, line_offset, event.value,
                    event.implicit)
    return Node("opaque", tag, event.start_mark, event.end_mark, line_offset)


def _scalar_value(text: str, tag: str | None, implicit: Any) -> Any:
    """The Python value of a scalar written `text` with `tag`: a standard scalar type only;
    timestamps, binary and other standard tags stay the text as written."""
    if tag is None or tag == "!":
        if (not _RESOLVER.yaml_path_resolvers and None not in _IMPLICIT
                and (not implicit[0] or (text and text[0] not in _IMPLICIT))):
            return text  # the resolver has no pattern for it: a string, without asking
        tag = _RESOLVER.resolve(yaml.ScalarNode, text, implicit)
    if tag == _STR_TAG:
        return text
    if tag == _STANDARD_TAG + "merge":
        return "<<"
    if tag not in _SCALAR_TAGS:
        return text
    try:
        return _CONSTRUCTOR.yaml_constructors[tag](_CONSTRUCTOR, yaml.ScalarNode(tag, text))
    except (ValueError, yaml.YAMLError):
        return text


def opaque_text(node: Node) -> str:
    """The stand-in string of an opaque value, which `INTERPOLATION` below recognises."""
    return f"{OPAQUE_MARK}{node.tag}{OPAQUE_MARK}"


INTERPOLATION = re.compile(re.escape(OPAQUE_MARK))


def plain_safe(value: str) -> bool:
    if (not value or value != value.strip() or value[0] in "-?:,[]{}#&*!|>'\"%@`"
            or value.endswith(":") or ": " in value or " #" in value or "\n" in value):
        return False
    return _RESOLVER.resolve(yaml.ScalarNode, value, (True, False)) == _STANDARD_TAG + "str"
