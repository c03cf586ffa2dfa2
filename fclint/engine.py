"""The lint core: text in, graded and located diagnostics out. Every front end calls this."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from fclint import fastpath, guard, reading, suppression, wording
from fclint.config import Settings
from fclint.diagnostic import (
    RAW_SPAN, Diagnostic, Edit, FileResult, Finding, Fix, Severity, Span, Target, pointer_text,
)
from fclint.document import Document, empty_locator
from fclint.formats import Comment, front_end
from fclint.formats.json_body import SNIFF
from fclint.kinds import Kind
from fclint.rules import RULES, Rule
from fclint.source import (
    DecodeError, LineIndex, binary, decode, lone_surrogate, normalize_breaks,
)


def lint_bytes(data: bytes, path: str, settings: Settings, kind: Kind | None = None,
               size: int | None = None) -> FileResult:
    """Lint the raw bytes of a file. `size` is the file's size when it is known to be larger
    than `data` (a read stops one byte past the limit)."""
    try:
        if len(data) > settings.max_file_size:
            return too_large(data, path, settings, kind, size)
        text = decode(data)
        if isinstance(text, DecodeError):
            return _not_text(text, data, path, settings, kind)
        return lint_text(text, path, settings, kind)
    except Exception as error:  # noqa: BLE001 - one file's failure is that file's finding
        return problem_only(path, settings, "FC090", guard.absorb(error))


def too_large(data: bytes, path: str, settings: Settings, kind: Kind | None,
              size: int | None = None) -> FileResult:
    """The one FC090 of a file over max-file-size, unless it plainly holds no config; `size`
    is its size when known (a stream's is not)."""
    limit = f"the max-file-size limit of {settings.max_file_size / 1e6:.1f} MB"
    what = (f"the file is {size / 1e6:.1f} MB, above {limit}" if size is not None
            else f"the file is larger than {limit}")
    message = f"{what}; fclint does not check it"
    if kind is None and not might_hold_config(path, data):
        return FileResult(path, note="1:1: " + _PASSED_OVER.format(what))
    return problem_only(path, settings, "FC090", message)


_PASSED_OVER = "{}, and nothing in it looks like an FC config; not checked"


def _not_text(error: DecodeError, data: bytes | str, path: str, settings: Settings,
              kind: Kind | None) -> FileResult:
    """The one FC000 of a file that is not text (a NUL byte, invalid UTF-8), or, when nothing
    in it looks like a config, a note saying it was passed over: never a silent skip."""
    if kind is None and not might_hold_config(path, data):
        where = f"{error.span.line}:{error.span.column}: "
        reason = error.message.partition("; fclint does not check")[0]
        return FileResult(path, note=where + _PASSED_OVER.format(reason))
    return problem_only(path, settings, "FC000", error.message, error.span)


def might_hold_config(path: str, data: bytes | str) -> bool:
    """Whether a file that cannot be linted (too big, not text) looks like its format's FC
    configs, so that it gets a finding rather than being passed over as unrelated (a 10 MB
    package-lock.json is not ours; a 10 MB main.tf with an async-invoke resource is). All of
    what was read is searched, without its NULs and invalid bytes, so that neither a resource
    past the first kilobytes nor a stray byte inside a key's name hides a config."""
    sniff = getattr(front_end(path), "SNIFF", SNIFF)
    text = data.decode("utf-8", "ignore") if isinstance(data, bytes) else data
    text = text.replace("\x00", "")
    folded = _folded(sniff) if isinstance(sniff, re.Pattern) else None
    if folded is not None:
        return folded.search(text.lower()) is not None
    return sniff.search(text) is not None


@lru_cache(maxsize=16)
def _folded(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """A case-blind `pattern` for lowercased text: over 5 MB, seven times faster than
    IGNORECASE (0.15 s against 1 s). None when lowercasing could change what it means."""
    if not pattern.flags & re.IGNORECASE or re.search(r"\\[A-Z]", pattern.pattern):
        return None
    return re.compile(pattern.pattern.lower(), pattern.flags & ~re.IGNORECASE)


def lint_text(text: str, path: str, settings: Settings, kind: Kind | None = None) -> FileResult:
    """Lint the text of a file; `path` picks the format and is reported."""
    try:
        if text.startswith("\ufeff"):
            text = text[1:]
        nul = binary(text)
        if nul is not None:  # what an editor sent, judged as `fclint check` judges the file
            return _not_text(nul, text, path, settings, kind)
        surrogate = lone_surrogate(text)
        if surrogate is not None:
            return problem_only(path, settings, "FC000", _surrogate_message(text, surrogate),
                                LineIndex(text).span(surrogate, surrogate + 1))
        return _lint_text(normalize_breaks(text), path, settings, kind)
    except Exception as error:  # noqa: BLE001 - one file's failure is that file's finding
        return problem_only(path, settings, "FC090", guard.absorb(error))


def _surrogate_message(text: str, offset: int) -> str:
    return (f"{text[offset]!r} is a lone surrogate: not a character, so the text cannot be "
            "read (an escape such as \\ud800 with no partner, decoded); fclint does not check it")


def _lint_text(text: str, path: str, settings: Settings, kind: Kind | None) -> FileResult:
    module = front_end(path)
    documents = list(module.documents(text, path, settings, kind))
    result = FileResult(path, is_config=bool(documents))
    for doc in documents:
        result.diagnostics.extend(lint_document(doc))
    if module.COMMENTS and suppression.MARKER in text:  # tokenized only when it may tell
        comments = module.comments(text, suppression.MARKER)
        result.diagnostics = _suppress(text, comments, path, result.diagnostics, settings)
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
        fix = Fix(finding.fix.title, (Edit(span, text, _replaced(doc, finding)),),
                  finding.fix.kind)
    return Diagnostic(
        path=doc.path, span=span, code=code,
        severity=settings.severity_of(code, RULES[code].severity),
        message=wording.in_users_words(doc, finding),
        pointer=pointer_text(doc.original(finding.path)), cell=doc.cell,
        keyword=finding.keyword, expected=finding.expected, fix=fix,
        extra={RAW_SPAN: doc.raw_span(span)} if doc.raw_span is not None else {},
    )


def _replaced(doc: Document, finding: Finding) -> Any:
    """What the text under a fix holds: the key as written, or the value."""
    assert finding.fix is not None
    if finding.span is not None:
        return finding.fix.old
    if finding.target is Target.KEY:
        written = doc.original(finding.path)
        return written[-1] if written and isinstance(written[-1], str) else None
    return doc.get(finding.path)


def _suppress(text: str, comments: Iterable[Comment], path: str, diagnostics: list[Diagnostic],
              settings: Settings) -> list[Diagnostic]:
    protected = [d for d in diagnostics if not settings.suppressible(d.code)]
    kept, suppressions = suppression.apply(
        text, comments, [d for d in diagnostics if settings.suppressible(d.code)])
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
                 span: Span | None = None, cell: int | None = None) -> FileResult:
    """The result of a file (or a notebook cell) that has one finding and nothing else."""
    finding = Finding((), message, code=code, span=span or Span(1, 1, 1, 2))
    doc = Document(path=path, kind=Kind.FC2_REQUEST, data=None, settings=settings,
                   locator_factory=empty_locator, problems=[finding], cell=cell)
    return FileResult(path, lint_document(doc), is_config=True)


def lint_path(path: str | os.PathLike[str], settings: Settings,
              kind: Kind | None = None) -> FileResult:
    """Lint a file on disk. Raises OSError when it cannot be read (NotRegularFile when it is
    a device, FIFO or socket)."""
    data, size = reading.read_file(path, settings.max_file_size)
    return lint_bytes(data, os.fspath(path), settings, kind, size)


def worst(diagnostics: list[Diagnostic]) -> Severity | None:
    return max((d.severity for d in diagnostics), default=None)

