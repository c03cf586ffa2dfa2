"""HCL text as blocks and attributes with their spans, and its comments, read from
tree-sitter-hcl's tree.

Only what a linter can know without running Terraform is evaluated: literals (numbers, booleans,
strings with their escapes) are values; references (`var.x`), function calls and templates with
`${...}` are kept as opaque expressions with their text, never guessed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from fclint import treesitter
from fclint.diagnostic import Span
from fclint.formats import Comment

MAX_DEPTH = 6  # resource > destination_config > on_failure is 3; deeper blocks are not read
LITERAL = "literal"
TEMPLATE = "template"  # a string with ${...} or %{...}: its text, interpolations kept
OPAQUE = "opaque"  # anything Terraform works out: references, calls, heredocs...
_ESCAPE = re.compile(r"\\(?:u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)|\$\$\{|%%\{", re.DOTALL)
_CLOSERS = ("}", "]", ")", '"')
_SIMPLE = {"n": "\n", "r": "\r", "t": "\t", '"': '"', "\\": "\\"}


@dataclass(frozen=True)
class Value:
    """An attribute's value: `kind` says how much of it is known."""

    kind: str
    value: Any  # the Python value of a literal, the text of a template, or of an expression
    span: Span  # the whole expression, quotes included
    inner: Span  # a string's content without its quotes; else the same as `span`


@dataclass(frozen=True)
class Attribute:
    name: str
    name_span: Span
    value: Value


@dataclass
class Block:
    type: str
    labels: tuple[str, ...]
    type_span: Span
    label_spans: tuple[Span, ...]
    span: Span  # the whole block, to its closing brace
    attributes: list[Attribute] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)

    def contains(self, span: Span) -> bool:
        return (self.span.line, self.span.column) <= (span.line, span.column) <= (
            self.span.end_line, self.span.end_column)

    def attribute(self, name: str) -> Attribute | None:
        """The first attribute called `name` (HCL rejects a second one)."""
        return next((a for a in self.attributes if a.name == name), None)

    def children(self, type_: str) -> list[Block]:
        return [b for b in self.blocks if b.type == type_]

    @property
    def header_span(self) -> Span:
        last = self.label_spans[-1] if self.label_spans else self.type_span
        return Span(self.type_span.line, self.type_span.column, last.end_line, last.end_column)


@dataclass
class HclFile:
    blocks: list[Block]
    error: tuple[Span, str] | None  # the first syntax error: where, and what


def read(text: str) -> HclFile:
    """The blocks of an HCL text, and its first syntax error if any."""
    source = text.encode("utf-8")
    tree = _parse(source)
    reader = _Reader(source, text.isascii())
    body = next((c for c in tree.root_node.named_children if c.type == "body"), None)
    blocks = reader.body(body, 0)[1] if body is not None else []
    error = reader.first_error(tree.root_node) if tree.root_node.has_error else None
    unterminated = reader.multiline_string
    if unterminated is not None and (error is None or (unterminated.line, unterminated.column) < (
            error[0].line, error[0].column)):
        message = "syntax error: unterminated string (a quoted string cannot span lines)"
        error = (unterminated, message)
    return HclFile(blocks, error)


def comments(text: str, marker: str) -> Iterator[Comment]:
    """The comments (`#`, `//`, `/* */`) that hold `marker`, as tree-sitter-hcl reads them:
    in a quoted string or a heredoc the same text is a template literal. Each place the marker
    is written is looked up in the tree rather than the tree walked, so a big file costs a
    parse and a few lookups."""
    source = text.encode("utf-8")
    needle = marker.encode("utf-8")
    at = source.find(needle)
    if at < 0:
        return
    root = _parse(source).root_node
    reader = _Reader(source, text.isascii())
    seen: set[int] = set()
    while at >= 0:
        node = root.descendant_for_byte_range(at, at + len(needle))
        if node is not None and node.type == "comment" and node.start_byte not in seen:
            seen.add(node.start_byte)
            yield Comment(reader.span(node), reader.text(node))
        at = source.find(needle, at + len(needle))


@lru_cache(maxsize=1)
def _parse(source: bytes) -> Any:
    """The tree of `source`, kept for the file being linted: its comments are read (for its
    suppressions) after its blocks, from the same tree."""
    return treesitter.parse("hcl", source)


class _Reader:
    def __init__(self, source: bytes, ascii_only: bool) -> None:
        self.source = source
        self.lines = [] if ascii_only else source.split(b"\n")
        self.multiline_string: Span | None = None

    def text(self, node: Any) -> str:
        return self.source[node.start_byte : node.end_byte].decode("utf-8", errors="replace")

    def span(self, node: Any) -> Span:
        (row, col), (end_row, end_col) = node.start_point, node.end_point
        if self.lines:
            col, end_col = self._column(row, col), self._column(end_row, end_col)
        return Span(row + 1, col + 1, end_row + 1, end_col + 1)

    def _column(self, row: int, byte_column: int) -> int:
        if row >= len(self.lines):
            return byte_column
        return len(self.lines[row][:byte_column].decode("utf-8", errors="replace"))

    def body(self, node: Any, depth: int) -> tuple[list[Attribute], list[Block]]:
        attributes: list[Attribute] = []
        blocks: list[Block] = []
        for child in node.named_children:
            if child.type == "attribute":
                if child.has_error:  # a broken attribute is left out; the rest is still read
                    continue
                name, expression = child.named_children[0], child.named_children[-1]
                attributes.append(Attribute(self.text(name), self.span(name), self.value(expression)))
            elif child.type == "block" and depth < MAX_DEPTH:
                blocks.append(self.block(child, depth))
        return attributes, blocks

    def block(self, node: Any, depth: int) -> Block:
        parts = node.named_children
        labels = [p for p in parts[1:] if p.type in ("string_lit", "identifier")]
        block = Block(self.text(parts[0]), tuple(self.label(p) for p in labels),
                      self.span(parts[0]), tuple(self.span(p) for p in labels), self.span(node))
        body = next((p for p in parts if p.type == "body"), None)
        if body is not None:
            block.attributes, block.blocks = self.body(body, depth + 1)
        return block

    def label(self, node: Any) -> str:
        if node.type == "identifier":
            return self.text(node)
        return "".join(unescape(self.text(p)) for p in node.named_children
                       if p.type == "template_literal")

    def value(self, node: Any) -> Value:
        span = self.span(node)
        inner = _unwrap(node)
        if inner is not None and inner.type == "literal_value":
            literal = inner.named_children[0]
            if literal.type == "string_lit":
                return self.string(literal)
            return Value(LITERAL, _literal(literal.type, self.text(literal)), span, span)
        if inner is not None and inner.type == "operation":
            number = _negative_number(inner)
            if number is not None:
                return Value(LITERAL, -_literal("numeric_lit", self.text(number)), span, span)
        if inner is not None and inner.type == "template_expr":
            quoted = inner.named_children[0]
            if quoted.type == "quoted_template":
                return self.template(quoted, span)
        return Value(OPAQUE, self.text(node), span, span)

    def string(self, node: Any) -> Value:
        span = self.span(node)
        parts = [p for p in node.named_children if p.type == "template_literal"]
        raw = "".join(self.text(p) for p in parts)
        if "\n" in raw:  # not HCL: the string ran on, so its value is not known
            if self.multiline_string is None:
                self.multiline_string = Span(span.line, span.column, span.line, span.column + 1)
            return Value(OPAQUE, self.text(node), span, span)
        inner = Span(span.line, span.column + 1, span.end_line, max(span.end_column - 1, 1))
        return Value(LITERAL, unescape(raw), span, inner)

    def template(self, node: Any, span: Span) -> Value:
        pieces = []
        for part in node.named_children:
            if part.type == "template_literal":
                pieces.append(unescape(self.text(part)))
            elif part.type in ("template_interpolation", "template_directive"):
                # Braces inside (`${f({})}`) would hide the end of the interpolation from the
                # interpolation pattern, which is what lets rules skip the value.
                body = self.text(part)[2:-1].replace("{", "(").replace("}", ")")
                pieces.append("${" + body + "}")
        text = "".join(pieces)
        inner = Span(span.line, span.column + 1, span.end_line, max(span.end_column - 1, 1))
        return Value(TEMPLATE, text, span, inner)

    def first_error(self, root: Any) -> tuple[Span, str] | None:
        """The first ERROR or MISSING node, by position, found without recursion."""
        node = root
        while True:
            broken = next((c for c in node.children
                           if c.type == "ERROR" or c.is_missing or c.has_error), None)
            if broken is None:
                break
            if broken.type == "ERROR" or broken.is_missing:
                node = broken
                break
            node = broken
        span = self.span(node)
        at = self.source[node.start_byte:node.start_byte + 1]  # none where a line ends: empty
        start = Span(span.line, span.column, span.line, span.column + (at not in b"\r\n"))
        if node.is_missing and node.type in _CLOSERS:
            return start, f"syntax error: missing {node.type!r}"
        # Where tree-sitter invents some other missing token to recover, the text there is
        # what the reader needs to see.
        found = self.source[node.start_byte : node.start_byte + 120].decode("utf-8", "replace")
        found = (found.strip().split("\n")[0].split() or [""])[0][:30]
        return start, f"syntax error: unexpected {found!r}" if found else "syntax error: unexpected end of file"


def _unwrap(node: Any) -> Any:
    """The expression inside `expression` nodes and parentheses."""
    while node is not None and node.type == "expression":
        named = node.named_children
        if len(named) != 1:
            return None
        node = named[0]
    return node


def _negative_number(node: Any) -> Any:
    unary = node.named_children[0] if node.named_children else None
    if unary is None or unary.type != "unary_operation" or unary.children[0].type != "-":
        return None
    operand = _unwrap(unary.named_children[-1])
    if operand is not None and operand.type == "literal_value":
        literal = operand.named_children[0]
        if literal.type == "numeric_lit":
            return literal
    return None


def _literal(kind: str, text: str) -> Any:
    if kind == "bool_lit":
        return text == "true"
    if kind == "null_lit":
        return None
    return number(text)


def number(text: str) -> int | float:
    """An HCL number; Terraform's numbers are exact, so a whole `3.0` or `1e3` is an integer."""
    if text.isdigit():
        return int(text) if len(text) <= 4000 else float("inf")
    value = float(text)
    return int(value) if value.is_integer() and abs(value) < 1e18 else value


def unescape(raw: str) -> str:
    """The text of a quoted HCL string: backslash escapes, `$${` and `%%{`."""

    def replace(match: re.Match[str]) -> str:
        escape = match.group(0)
        if escape in ("$${", "%%{"):
            return escape[1:]
        if escape[1] in "uU":
            digits = escape[2:]  # after \u or \U, not 0x: base 16 is right
            code = int(digits, 16)
            return chr(code) if code <= 0x10FFFF else escape
        return _SIMPLE.get(escape[1], escape)

    return _ESCAPE.sub(replace, raw) if ("\\" in raw or "$${" in raw or "%%{" in raw) else raw
