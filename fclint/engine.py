"""The lint core: text in, graded and located diagnostics out. Every front end calls this."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import lru_cache
from fclint import fastpath, suppression
from fclint.config import Settings
from fclint.diagnostic import RAW_SPAN, Diagnostic, Edit, Finding, Fix, Severity, Span, pointer_text
from fclint.document import Document, empty_locator
from fclint.formats import front_end
from fclint.formats.json_body import SNIFF
from fclint.kinds import Kind
from fclint.rules import RULES, Rule
from fclint.source import DecodeError, decode


@dataclass
class FileResult:
    """The outcome for one file: its diagnostics, and whether it held an FC config at all."""

    path: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    is_config: bool = False


def lint_bytes(data: bytes, path: str, settings: Settings, kind: Kind | None = None) -> FileResult:
    """Lint the raw bytes of a file."""
    if len(data) > settings.max_file_size:
        if kind is None and not _sniff(data):
            return FileResult(path)
        message = (f"the file is {len(data) / 1e6:.1f} MB, above the max-file-size limit of "
                   f"{settings.max_file_size / 1e6:.1f} MB; fclint does not check it")
        return problem_only(path, settings, "FC090", message)
    text = decode(data)
    if isinstance(text, DecodeError):
        if kind is None and not _sniff(data):
            return FileResult(path)
        return problem_only(path, settings, "FC000", text.message, text.span)
    return lint_text(text, path, settings, kind)


def _sniff(data: bytes) -> bool:
    return SNIFF.search(data[:65536].decode("utf-8", "replace")) is not None


def lint_text(text: str, path: str, settings: Settings, kind: Kind | None = None) -> FileResult:
    """Lint the text of a file; `path` picks the format and is reported."""
    if text.startswith("\ufeff"):
        text = text[1:]
    module = front_end(path)
    documents = list(module.documents(text, path, settings, kind))
    result = FileResult(path, is_config=bool(documents))
    for doc in documents:
        result.diagnostics.extend(lint_document(doc))
    if module.COMMENTS and suppression.MARKER in text:
        result.diagnostics = _suppress(text, path, result.diagnostics, settings)
    result.diagnostics.sort(key=lambda d: d.sort_key)
    return result


def lint_document(doc: Document) -> list[Diagnostic]:
    """Run every enabled rule over one document and locate what they find."""
    if fastpath.certainly_clean(doc):
        return []
    diagnostics = []
    settings = doc.settings
    rules = enabled_rules(settings, settings.file_ignores(doc.path), doc.traits)
    dirty = fastpath.dirty_keys(doc)
    if dirty is not None:
        rules = rules_reading(rules, dirty)
    for rule in rules:
        for finding in rule.check(doc):
            code = finding.code or rule.code
            if code != rule.code and not settings.enabled(code, doc.path):
                continue
            diagnostic = _diagnostic(doc, finding, code, settings)
            if (diagnostic.span.line, diagnostic.span.column) not in doc.opaque_starts:
                diagnostics.append(diagnostic)
    return diagnostics


@lru_cache(maxsize=256)
def enabled_rules(settings: Settings, file_ignores: tuple[str, ...],
                  traits: frozenset[str] = frozenset()) -> tuple[Rule, ...]:
    """The rules to run on a document with `traits`, worked out once per settings and kind of
    document rather than once per file."""
    return tuple(
        rule for rule in RULES.values()
        if settings.enabled(rule.code) and not any(rule.code.startswith(p) for p in file_ignores)
        and (rule.needs is None or rule.needs in traits)
    )


@lru_cache(maxsize=256)
def rules_reading(rules: tuple[Rule, ...], dirty: frozenset[str]) -> tuple[Rule, ...]:
    """Of `rules`, those that read the whole document or one of the `dirty` keys."""
    return tuple(rule for rule in rules if rule.reads is None or dirty.intersection(rule.reads))


def _diagnostic(doc: Document, finding: Finding, code: str, settings: Settings) -> Diagnostic:
    span = doc.locate(finding)
    fix = None
    if finding.fix is not None:
        text = (str(finding.fix.replacement) if finding.span is not None
                else doc.render(finding.fix.replacement))
        fix = Fix(finding.fix.title, (Edit(span, text),))
    return Diagnostic(
        path=doc.path, span=span, code=code,
        severity=settings.severity_of(code, RULES[code].severity), message=finding.message,
        pointer=pointer_text(doc.original(finding.path)), cell=doc.cell,
        keyword=finding.keyword, expected=finding.expected, fix=fix,
        extra={RAW_SPAN: doc.raw_span(span)} if doc.raw_span is not None else {},
    )


def _suppress(text: str, path: str, diagnostics: list[Diagnostic], settings: Settings) -> list[Diagnostic]:
    protected = [d for d in diagnostics if not settings.suppressible(d.code)]
    kept, suppressions = suppression.apply(
        text, [d for d in diagnostics if settings.suppressible(d.code)])
    kept.extend(protected)
    if not settings.enabled("FC091", path):
        return kept
    for item in suppressions:
        for code in item.codes:
            if code in item.used:
                continue
            known = code in RULES
            why = ("cannot hide it: the configuration marks it not-suppressible"
                   if known and not settings.suppressible(code)
                   else "suppresses nothing here" if known else "is not a rule code")
            kept.append(Diagnostic(
                path=path, span=item.span, code="FC091",
                severity=settings.severity_of("FC091", RULES["FC091"].severity),
                message=f"{code!r}: this `fclint: ignore` {why}; remove it",
            ))
    return kept


def limit_exceeded(path: str, settings: Settings, message: str) -> FileResult:
    """The one FC090 finding for a file beyond a documented limit."""
    return problem_only(path, settings, "FC090", message)


def problem_only(path: str, settings: Settings, code: str, message: str,
                 span: Span | None = None) -> FileResult:
    finding = Finding((), message, code=code, span=span or Span(1, 1, 1, 2))
    doc = Document(path=path, kind=Kind.FC2_REQUEST, data=None, settings=settings,
                   locator_factory=empty_locator, problems=[finding])
    return FileResult(path, lint_document(doc), is_config=True)


def lint_path(path: str | os.PathLike[str], settings: Settings,
              kind: Kind | None = None) -> FileResult:
    """Lint a file on disk. Raises OSError when it cannot be read."""
    return lint_bytes(read_file(path), os.fspath(path), settings, kind)


def read_file(path: str | os.PathLike[str]) -> bytes:
    """The bytes of a file, read with two system calls (a buffered file object costs more than
    the read itself on a small file)."""
    fd = os.open(path, os.O_RDONLY)
    try:
        size = os.fstat(fd).st_size
        first = os.read(fd, size + 1)
        if 0 < len(first) <= size:  # all of it: a regular file that did not grow
            return first
        chunks = [first]
        while chunks[-1]:  # a file that grew, or one fstat cannot size (/proc, a pipe)
            chunks.append(os.read(fd, 1 << 20))
        return b"".join(chunks)
    finally:
        os.close(fd)


def worst(diagnostics: list[Diagnostic]) -> Severity | None:
    return max((d.severity for d in diagnostics), default=None)

