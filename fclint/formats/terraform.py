"""Terraform `.tf` files: each `alicloud_fc_function_async_invoke_config` (FC 2.0) and
`alicloud_fcv3_async_invoke_config` (FC 3.0) resource becomes a document in the API's model,
every value located at its attribute in the file."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from fclint.config import Settings
from fclint.diagnostic import Finding, Pointer, Span, Target
from fclint.document import Document, FunctionContext, closest_span
from fclint.formats import hcl_tree, tf_project, tf_schema
from fclint.formats.fcv3_provider import drop_unsent
from fclint.formats.tf_schema import BLOCKS, FIELDS
from fclint.formats.hcl_tree import Block, HclFile, Value
from fclint.kinds import Kind
from fclint.project import Project

COMMENTS = True
comments = hcl_tree.comments  # the comments that hold a marker, as tree-sitter-hcl reads them
FC2_TYPE = "alicloud_fc_function_async_invoke_config"
FC3_TYPE = "alicloud_fcv3_async_invoke_config"
RESOURCE_KINDS = {FC2_TYPE: Kind.FC2_REQUEST, FC3_TYPE: Kind.FC3_REQUEST}
# Cheap test before parsing: most .tf files configure something else entirely.
SNIFF = re.compile(r'resource\s+"?alicloud_(?:fc_function|fcv3)_async_invoke_config\b')
# `${...}` and `%{...}`; hcl_tree turns braces inside them into parentheses, so this matches all.
INTERPOLATION = re.compile(r"\$\{[^{}]*\}|%\{[^{}]*\}")
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?")
_SKIP = object()

@dataclass(frozen=True)
class TfResource:
    """A resource as written, for the rules that know the provider (`doc.origin`)."""

    block: Block
    kind: Kind
    present: frozenset[str]  # attributes given a value other than null
    broken: bool = False  # a syntax error inside: what seems absent may be in the broken part
    # The module (fclint.project) of the file, read on the first call: the cross-file rules'.
    project: Callable[[], Project] | None = field(default=None, compare=False)

    rule_traits = ("terraform",)  # what fclint.rules.terraform needs (Document.traits)
    retry_name = "maximum_retry_attempts"

    @property
    def type(self) -> str:
        return self.block.labels[0]

    @property
    def provider_resource(self) -> str:
        """The provider's resource type, which fclint.rules.terraform judges."""
        return self.block.labels[0]

    @property
    def type_span(self) -> Span:
        return self.block.label_spans[0]


def documents(text: str, path: str, settings: Settings, kind: Kind | None) -> Iterator[Document]:
    """One document per async-invoke-config resource; none for other Terraform files."""
    if not SNIFF.search(text):
        return
    parsed = hcl_tree.read(text)
    resources = [b for b in parsed.blocks
                 if b.type == "resource" and b.labels and b.labels[0] in RESOURCE_KINDS]
    problems = _syntax_problems(parsed) + [
        Finding((), f"{b.labels[0]!r}: a resource block takes two labels, its type and a name",
                code="FC000", span=b.header_span)
        for b in resources if len(b.labels) != 2
    ]
    if not resources and problems:  # the resource is there, but broken beyond reading
        yield Document(path=path, kind=Kind.FC2_REQUEST, data=None, settings=settings,
                       locator_factory=lambda: TfLocator(None), problems=problems)
    regions = _provider_regions(parsed)
    project = cache(lambda: tf_project.build(path, parsed))
    for block in resources:
        broken = parsed.error is not None and block.contains(parsed.error[0])
        yield _document(block, path, settings, regions, problems, broken, project)
        problems = []  # the file's syntax error is reported once, with the first resource


def _syntax_problems(parsed: HclFile) -> list[Finding]:
    if parsed.error is None:
        return []
    span, message = parsed.error
    return [Finding((), message, code="FC000", span=span)]


def _document(block: Block, path: str, settings: Settings, regions: dict[str | None, str],
              problems: list[Finding], broken: bool,
              project: Callable[[], Project] | None = None) -> Document:
    kind = RESOURCE_KINDS[block.labels[0]]
    data, found = _translate(block, kind)
    if kind is Kind.FC3_REQUEST:
        drop_unsent(data)
    present = frozenset(a.name for a in block.attributes
                        if not (a.value.kind == hcl_tree.LITERAL and a.value.value is None))
    return Document.from_data(
        data, path=path, kind=kind, settings=settings,
        locator_factory=lambda: TfLocator(block), context=_context(block, kind, settings, regions),
        source_path=_source_path(kind), renderer=render, interpolation=INTERPOLATION,
        problems=problems + found, origin=TfResource(block, kind, present, broken, project),
    )


def _translate(block: Block, kind: Kind) -> tuple[dict[str, Any], list[Finding]]:
    """The API body the provider sends, from the literal attributes; and the errors Terraform
    itself stops at (HCL's, the resource schema's, references to nothing)."""
    problems = [*tf_schema.redefined(block), *tf_schema.unsupported(block, kind),
                *tf_schema.bare_references(block)]
    data: dict[str, Any] = {}
    for name, (key, type_) in FIELDS[kind].items():
        attribute = block.attribute(name)
        if attribute is not None and (value := convert(attribute.value, type_)) is not _SKIP:
            data[key] = value
    if _dynamic(block, "destination_config"):
        return data, problems
    configs = block.children("destination_config")
    if configs:
        destination_config: dict[str, Any] = {}
        for which in ("on_success", "on_failure"):
            holders = configs[0].children(which)
            if _dynamic(configs[0], which):
                destination_config[BLOCKS[which]] = {"destination": "${dynamic " + which + "}"}
            elif holders:
                holder: dict[str, Any] = {}
                attribute = holders[0].attribute("destination")
                if attribute is not None:
                    value = convert(attribute.value, "string", opaque_text=True)
                    if value is not _SKIP:
                        holder["destination"] = value
                destination_config[BLOCKS[which]] = holder
        data["destinationConfig"] = destination_config
    return data, problems


def _dynamic(block: Block, label: str) -> bool:
    """A `dynamic "label"` block makes that part Terraform's business, not ours."""
    return any(b.labels[:1] == (label,) for b in block.children("dynamic"))


def convert(value: Value, type_: str, opaque_text: bool = False) -> Any:
    """The value the provider receives, as far as the file decides it; `_SKIP` when it does
    not (a reference, a call, null). Terraform converts "1" to a number and "true" to a bool,
    so those are legal and arrive converted; what it cannot convert is kept, for the type rule."""
    if value.kind == hcl_tree.OPAQUE:
        if not opaque_text:
            return _SKIP
        # Kept as an interpolation, so `destination` is there (FC009 stays quiet) but unjudged.
        return "${" + str(value.value).replace("{", "(").replace("}", ")") + "}"
    if value.kind == hcl_tree.TEMPLATE:
        return value.value if type_ == "string" else _SKIP
    literal = value.value
    if literal is None:
        return _SKIP
    if type_ == "number" and isinstance(literal, str) and _NUMBER.fullmatch(literal):
        return hcl_tree.number(literal)
    if type_ == "bool" and isinstance(literal, str) and literal in ("true", "false", "1", "0"):
        return literal in ("true", "1")
    if type_ == "string" and isinstance(literal, bool):
        return "true" if literal else "false"
    if type_ == "string" and isinstance(literal, (int, float)):
        return str(literal)
    return literal


def _context(block: Block, kind: Kind, settings: Settings,
             regions: dict[str | None, str]) -> FunctionContext:
    names: dict[str, str] = {}
    spans = []
    parts = {"function": "function_name", "qualifier": "qualifier"}
    if kind is Kind.FC2_REQUEST:
        parts["service"] = "service_name"
    for part, attribute_name in parts.items():
        attribute = block.attribute(attribute_name)
        if attribute is None or attribute.value.kind != hcl_tree.LITERAL:
            continue
        value = convert(attribute.value, "string")
        if value == "" and kind is Kind.FC3_REQUEST and part == "qualifier":
            continue  # the fcv3 resource sends no qualifier for "": not set
        if isinstance(value, str):
            names[part] = value
            # Inside the quotes, so that a fix (`latest` -> `LATEST`) keeps them.
            spans.append((part, attribute.value.inner))
    alias = _provider_alias(block)
    region = regions.get(alias)
    return FunctionContext.read(names, spans, settings, region, "the alicloud provider block")


def _provider_alias(block: Block) -> str | None:
    """`provider = alicloud.hz` picks the provider block with `alias = "hz"`."""
    attribute = block.attribute("provider")
    if attribute is None:
        return None
    text = str(attribute.value.value).strip()
    return text.partition(".")[2] or None


def _provider_regions(parsed: HclFile) -> dict[str | None, str]:
    """Each alicloud provider block's literal region, by its alias (None: the default)."""
    regions: dict[str | None, str] = {}
    for block in parsed.blocks:
        if block.type != "provider" or block.labels[:1] != ("alicloud",):
            continue
        region, alias = block.attribute("region"), block.attribute("alias")
        name = alias.value.value if alias is not None and alias.value.kind == hcl_tree.LITERAL else None
        if region is not None and region.value.kind == hcl_tree.LITERAL and isinstance(region.value.value, str):
            regions.setdefault(name if isinstance(name, str) else None, region.value.value)
    return regions


_TF_NAMES = {
    kind: {api: tf for tf, (api, _type) in fields.items()} | {api: tf for tf, api in BLOCKS.items()}
    for kind, fields in FIELDS.items()
}


def _source_path(kind: Kind) -> Callable[[Pointer], Pointer]:
    """API pointers as the resource spells them: maxAsyncRetryAttempts -> maximum_retry_attempts."""
    names = _TF_NAMES[kind]

    def translate(path: Pointer) -> Pointer:
        return tuple(names.get(part, part) if isinstance(part, str) else part for part in path)

    return translate


def render(value: Any) -> str:
    """`value` written in HCL, for fixes."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    text = json.dumps(value, ensure_ascii=False)
    if isinstance(value, str):  # a literal `${` or `%{` must not start a template
        text = text.replace("${", "$${").replace("%{", "%%{")
    return text


class TfLocator:
    """Spans of a resource's attributes and nested blocks, by their Terraform pointer."""

    def __init__(self, block: Block | None) -> None:
        self.spans: dict[Pointer, tuple[Span, Span]] = {}
        self.numbers: dict[Pointer, str] = {}  # numbers as written, for messages
        if block is None:
            return
        header = block.label_spans[0] if block.label_spans else block.type_span
        self.spans[()] = (header, header)
        stack: list[tuple[Block, Pointer]] = [(block, ())]
        while stack:
            current, base = stack.pop()
            for attribute in current.attributes:
                self.spans.setdefault(base + (attribute.name,),
                                      (attribute.name_span, attribute.value.span))
                if attribute.value.written is not None:
                    self.numbers.setdefault(base + (attribute.name,), attribute.value.written)
            for child in current.blocks:
                if child.type in BLOCKS and base + (child.type,) not in self.spans:
                    self.spans[base + (child.type,)] = (child.type_span, child.type_span)
                    stack.append((child, base + (child.type,)))

    def locate(self, path: Pointer, target: Target = Target.VALUE, occurrence: int = 0) -> Span:
        """The span of `path`, or the key of its closest existing ancestor."""
        return closest_span(self.spans, {}, path, target, occurrence, Span(1, 1, 1, 2))

    def written(self, path: Pointer) -> str | None:
        """The number at `path` as written (`-1e999`, not its thousand digits), or None."""
        return self.numbers.get(path)
