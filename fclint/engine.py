"""The lint core: text in, graded and located diagnostics out. Every front end calls this."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fclint.config import Settings
from fclint.diagnostic import Diagnostic, Edit, Finding, Fix, Severity, pointer_text
from fclint.document import Document, FunctionContext
from fclint.formats import http as http_format
from fclint.jsondoc import parse_json
from fclint.kinds import STRONG_KEYS, Kind, detect
from fclint.rules import RULES
from fclint.source import DecodeError, decode

HTTP_SUFFIXES = (".http", ".rest")
# Bytes that mark a file as probably ours even when it cannot be parsed.
_SNIFF = re.compile("|".join(k[3:] for k in STRONG_KEYS).encode() + rb"|async-invoke-config", re.I)


@dataclass
class FileResult:
    """The outcome for one file: its diagnostics, and whether it held an FC config at all."""

    path: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    is_config: bool = False


def lint_bytes(data: bytes, path: str, settings: Settings, kind: Kind | None = None) -> FileResult:
    """Lint the raw bytes of a file."""
    if len(data) > settings.max_file_size:
        if kind is None and not _SNIFF.search(data[:65536]):
            return FileResult(path)
        size = f"{len(data) / 1e6:.1f} MB"
        message = (f"the file is {size}, above the max-file-size limit of "
                   f"{settings.max_file_size / 1e6:.1f} MB; fclint does not check it")
        return _problem_only(path, settings, "FC090", message)
    text = decode(data)
    if isinstance(text, DecodeError):
        if kind is None and not _SNIFF.search(data[:65536]):
            return FileResult(path)
        return _problem_only(path, settings, "FC000", text.message, text.span)
    return lint_text(text, path, settings, kind)


def lint_text(text: str, path: str, settings: Settings, kind: Kind | None = None) -> FileResult:
    """Lint the text of a file; `path` picks the format and is reported."""
    if text.startswith("\ufeff"):
        text = text[1:]
    documents = list(_documents(text, path, settings, kind))
    result = FileResult(path, is_config=bool(documents))
    for doc in documents:
        result.diagnostics.extend(lint_document(doc))
    result.diagnostics.sort(key=lambda d: d.sort_key)
    return result


def lint_document(doc: Document) -> list[Diagnostic]:
    """Run every enabled rule over one document and locate what they find."""
    diagnostics = []
    settings = doc.settings
    for rule in RULES.values():
        if not settings.enabled(rule.code, doc.path):
            continue
        for finding in rule.check(doc):
            code = finding.code or rule.code
            if code != rule.code and not settings.enabled(code, doc.path):
                continue
            diagnostic = _diagnostic(doc, finding, code, settings)
            if (diagnostic.span.line, diagnostic.span.column) not in doc.opaque_starts:
                diagnostics.append(diagnostic)
    return diagnostics


def _diagnostic(doc: Document, finding: Finding, code: str, settings: Settings) -> Diagnostic:
    span = doc.locate(finding)
    fix = None
    if finding.fix is not None:
        text = (str(finding.fix.replacement) if finding.span is not None
                else json.dumps(finding.fix.replacement, ensure_ascii=False))
        fix = Fix(finding.fix.title, (Edit(span, text),))
    return Diagnostic(
        path=doc.path, span=span, code=code,
        severity=settings.severity_of(code, RULES[code].severity), message=finding.message,
        pointer=pointer_text(doc.original(finding.path)), cell=doc.cell,
        keyword=finding.keyword, expected=finding.expected, fix=fix,
    )


def _problem_only(path: str, settings: Settings, code: str, message: str,
                  span: Any = None) -> FileResult:
    from fclint.diagnostic import Span

    finding = Finding((), message, code=code, span=span or Span(1, 1, 1, 2))
    doc = _bare_document(path, settings, [finding])
    return FileResult(path, lint_document(doc), is_config=True)


def _bare_document(path: str, settings: Settings, problems: list[Finding]) -> Document:
    return Document(path=path, kind=Kind.FC2_REQUEST, data=None, settings=settings,
                    locator_factory=_no_locator, problems=problems)


def _no_locator() -> Any:
    from fclint.jsondoc import JsonLocator

    return JsonLocator("")


def _documents(text: str, path: str, settings: Settings, kind: Kind | None) -> Iterator[Document]:
    if path.lower().endswith(HTTP_SUFFIXES):
        yield from _http_documents(text, path, settings, kind)
        return
    doc = _json_document(text, path, settings, kind, FunctionContext(
        region=settings.region, account=settings.account_id))
    if doc is not None:
        yield doc


def _json_document(
    text: str, path: str, settings: Settings, kind: Kind | None, context: FunctionContext,
    line_offset: int = 0, **extra: Any,
) -> Document | None:
    parsed = parse_json(text, line_offset)
    found = kind or detect(parsed.data, settings.api_generation)
    if found is None:
        if not parsed.problems or not _SNIFF.search(text[:65536].encode("utf-8", "replace")):
            return None
        found = Kind.FC2_REQUEST if settings.api_generation != 3 else Kind.FC3_REQUEST
        parsed.data = None
    return Document.from_data(
        parsed.data, path=path, kind=found, settings=settings,
        locator_factory=lambda: parsed.locator, context=context,
        duplicates=parsed.duplicates, problems=parsed.problems, **extra,
    )


def _http_documents(text: str, path: str, settings: Settings, kind: Kind | None) -> Iterator[Document]:
    for request in http_format.requests(text):
        fc = request.fc
        context = _request_context(request, settings)
        body_kind = kind
        if fc is not None and body_kind is None:
            if fc.sends_config:
                body_kind = Kind.FC3_REQUEST if fc.generation == 3 else Kind.FC2_REQUEST
            elif fc.operation and "List" in fc.operation and fc.receives_config:
                body_kind = Kind.FC3_LIST if fc.generation == 3 else Kind.FC2_LIST
        extra = {"origin": request, "interpolation": http_format.TEMPLATE}
        doc = None
        if request.has_body:
            body, starts = http_format.mask_templates(request.body)
            line_offset = request.body_line - 1
            doc = _json_document(body, path, settings, body_kind, context, line_offset, **extra)
            if doc is not None:
                doc.opaque_starts = frozenset((line + line_offset, col) for line, col in starts)
        if doc is None:
            fallback = Kind.FC3_REQUEST if fc is not None and fc.generation == 3 else Kind.FC2_REQUEST
            doc = Document(path=path, kind=body_kind or fallback, data=None, settings=settings,
                           locator_factory=_no_locator, context=context, **extra)
        yield doc


def _request_context(request: http_format.HttpRequest, settings: Settings) -> FunctionContext:
    fc = request.fc
    if fc is None:
        return FunctionContext(region=settings.region, account=settings.account_id)
    spans = tuple((part, span) for part in ("service", "function", "qualifier", "query-qualifier")
                  if (span := request.part_span(part)) is not None)
    return FunctionContext(
        service=fc.service, function=fc.function, qualifier=fc.qualifier,
        region=fc.region or settings.region, account=fc.account or settings.account_id,
        region_source="the request's host" if fc.region else "configuration",
        account_source="the request's host" if fc.account else "configuration",
        spans=spans,
    )


def lint_path(path: Path, settings: Settings, kind: Kind | None = None) -> FileResult:
    """Lint a file on disk. Raises OSError when it cannot be read."""
    with open(path, "rb") as handle:
        data = handle.read()
    return lint_bytes(data, str(path), settings, kind)


def worst(diagnostics: list[Diagnostic]) -> Severity | None:
    return max((d.severity for d in diagnostics), default=None)
