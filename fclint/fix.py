"""`fclint check --fix`: apply the certain fixes the diagnostics carry to the original text, round
after round, each edit only where the text is still what its finding saw (fclint.writing writes
the result). A fix that is a choice (fclint.diagnostic.FixKind) is the editor's to offer, never
applied here.

Edits are spliced into the text as read: nothing is re-serialised, so formatting, comments,
key order, line endings, a BOM and a missing final newline all stay as they were.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from fclint import guard
from fclint.config import Settings
from fclint.diagnostic import Diagnostic, Edit
from fclint.diagnostic import FileResult
from fclint.engine import lint_text, problem_only
from fclint.fix_notebook import NotebookText
from fclint.formats.py_parse import literal_eval
from fclint.kinds import Kind
from fclint.source import BOM, LineIndex, decode, requote

_BREAK = re.compile(r"\r\n|\r|\n")
MAX_ROUNDS = 10  # a fix never undoes another, so this is a guard, not a budget
Keep = Callable[[list[Diagnostic]], list[Diagnostic]]


@dataclass
class Fixed:
    """The outcome of fixing one text: the new text, how many fixes went in, the findings
    that remain, and why nothing was tried (a syntax error), if so."""

    text: str
    fixes: int = 0
    codes: list[str] = field(default_factory=list)  # the rule codes of the fixes applied
    result: FileResult = field(default_factory=lambda: FileResult(""))
    refused: str | None = None
    unplaced: int = 0  # fixes not applied: where they go in the raw text is not certain


def fix_text(text: str, path: str, settings: Settings, kind: Kind | None = None,
             keep: Keep | None = None) -> Fixed:
    """Lint, apply the fixes of non-overlapping edits, and lint again until nothing applies.

    `text` has no BOM; `keep` picks the diagnostics whose fixes may be applied (the baseline
    hides some); all remaining diagnostics are returned either way.
    """
    fixed = Fixed(text, result=lint_text(text, path, settings, kind))
    if any(d.code == "FC000" for d in fixed.result.diagnostics):
        fixed.refused = "it has a syntax error (FC000)"
        return fixed
    rejected: set[tuple[object, ...]] = set()
    for _ in range(MAX_ROUNDS):
        found = fixed.result.diagnostics
        candidates = [d for d in (keep(found) if keep else found)
                      if d.fix and d.fix.certain and _key(d) not in rejected]
        if not candidates:
            break
        text, applied, skipped = _apply_round(fixed.text, candidates)
        fixed.unplaced = max(fixed.unplaced, skipped)
        if not applied or text == fixed.text:
            break
        result = lint_text(text, path, settings, kind)
        if _damaged(fixed.result, result):
            text, applied, result = _without_damage(fixed, candidates, rejected, path, settings,
                                                    kind)
            if not applied:
                break
        fixed.text, fixed.result = text, result
        fixed.fixes += len(applied)
        fixed.codes.extend(applied)
    return fixed


def _key(diagnostic: Diagnostic) -> tuple[object, ...]:
    assert diagnostic.fix is not None
    return diagnostic.code, diagnostic.pointer, diagnostic.cell, diagnostic.fix.title


def _damaged(before: FileResult, after: FileResult) -> bool:
    """A fix that breaks the syntax, or renames a key onto one that exists (`asyncTask` to
    `statefulInvocation` beside a `statefulInvocation`), is not certain after all."""
    def count(result: FileResult) -> int:
        return sum(d.code in ("FC000", "FC042") for d in result.diagnostics)
    return count(after) > count(before)


def _without_damage(fixed: Fixed, candidates: list[Diagnostic], rejected: set[tuple[object, ...]],
                    path: str, settings: Settings,
                    kind: Kind | None) -> tuple[str, list[str], FileResult]:
    """Find the fixes that do damage on their own, reject them, and apply the others; if they
    still do damage together, apply only the first one."""
    safe = []
    for diagnostic in candidates:
        text, applied, _ = _apply_round(fixed.text, [diagnostic])
        if applied and not _damaged(fixed.result, lint_text(text, path, settings, kind)):
            safe.append(diagnostic)
        else:
            rejected.add(_key(diagnostic))
    for batch in (safe, safe[:1]):
        text, applied, _ = _apply_round(fixed.text, batch)
        result = lint_text(text, path, settings, kind)
        if applied and not _damaged(fixed.result, result):
            return text, applied, result
    return fixed.text, [], fixed.result


def _apply_round(text: str, diagnostics: list[Diagnostic]) -> tuple[str, list[str], int]:
    """Apply every fix whose edits overlap no edit of an earlier fix of this round; returns
    the new text, the codes of the fixes applied, and how many could not be placed."""
    index = LineIndex(text)
    raw = NotebookText(text) if any(d.cell is not None for d in diagnostics) else None
    first_break = _BREAK.search(text)
    newline = first_break.group() if first_break and first_break.group() != "\n" else None
    taken: list[tuple[int, int]] = []
    chosen: list[tuple[int, int, str]] = []
    applied: list[str] = []
    skipped = 0
    for diagnostic in diagnostics:
        assert diagnostic.fix is not None
        ranges = []
        for edit in diagnostic.fix.edits:
            in_cell = raw is not None and diagnostic.cell is not None
            if raw is not None and diagnostic.cell is not None:
                found = raw.edit(diagnostic.cell, edit)
            else:
                found = _plain(index, edit, newline)
            if found is None or not _still_there(text[found[0]:found[1]], edit, in_cell):
                break
            start, end, new = found
            ranges.append((start, end, new if in_cell else requote(text[start:end], new)))
        else:
            if all(text[start:end] == new for start, end, new in ranges):
                continue  # already so: nothing to apply
            if not any(_overlap(a, b) for a in ranges for b in taken):
                taken.extend((start, end) for start, end, _ in ranges)
                chosen.extend(ranges)
                applied.append(diagnostic.code)
            continue
        skipped += 1
    for start, end, replacement in sorted(chosen, reverse=True):
        text = text[:start] + replacement + text[end:]
    return text, applied, skipped


def _still_there(written: str, edit: Edit, in_json_string: bool) -> bool:
    """Whether the text an edit replaces is what the finding was about: a check before every
    write, so that a position found wrongly (a parser and the line index disagreeing about a
    line break) costs a fix, never the file."""
    if edit.expect is None:
        return True
    if in_json_string:  # a notebook cell's text, as its JSON string holds it
        try:
            written = json.loads(f'"{written}"')
        except ValueError:
            return False
    return spells(written, edit.expect)


def spells(written: str, value: object) -> bool:
    """Whether source text `written` spells `value` in one of the formats fclint reads: as it
    is, quoted (JSON, YAML, HCL, Python), or as a number or boolean literal."""
    text = written.strip()
    quoted = len(text) >= 2 and text[0] == text[-1] and text[0] in "\"'"
    bare = text[1:-1] if quoted else text
    if isinstance(value, bool):
        return bare.lower() == str(value).lower()
    if isinstance(value, str):
        return value in (text, bare) or _literal(text) == value
    if isinstance(value, (int, float)):
        number = _literal(bare.replace("_", ""))
        return isinstance(number, (int, float)) and not isinstance(number, bool) and number == value
    return True  # a value with no one spelling (null, a list): nothing to compare


def _literal(text: str) -> object:
    for read in (json.loads, literal_eval):
        try:
            return read(text)
        except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
            continue
    return None


def _overlap(a: tuple[int, int] | tuple[int, int, str], b: tuple[int, int]) -> bool:
    """Ranges that share a character, or two insertions at the same place."""
    return a[0] < b[1] and b[0] < a[1] or a[0] == a[1] == b[0] == b[1]


def _plain(index: LineIndex, edit: Edit, newline: str | None) -> tuple[int, int, str] | None:
    start = _offset(index, edit.span.line, edit.span.column)
    end = _offset(index, edit.span.end_line, edit.span.end_column)
    if start is None or end is None or end < start:
        return None
    replacement = edit.text
    if newline:  # keep a CRLF (or CR) file so
        replacement = replacement.replace("\r\n", "\n").replace("\n", newline)
    return start, end, replacement


def _offset(index: LineIndex, line: int, column: int) -> int | None:
    """The offset of a position, or None when it is not inside the text (a stale span)."""
    if not 1 <= line <= len(index.starts) or column < 1:
        return None
    text = index.line_text(line)
    if column - 1 > len(text.removesuffix("\r")):
        return None
    return index.starts[line - 1] + column - 1


@dataclass
class FileFix:
    """`fix_text` over a file's bytes: the original bytes, and the new ones if anything changed."""

    original: bytes
    new: bytes | None
    fixed: Fixed


def fix_bytes(data: bytes, path: str, settings: Settings, kind: Kind | None = None,
              keep: Keep | None = None) -> FileFix:
    """Fix a file's bytes; a failure while fixing leaves them as they are, with its FC090."""
    try:
        return _fix_bytes(data, path, settings, kind, keep)
    except Exception as error:  # noqa: BLE001 - one file's failure is that file's finding
        message = guard.absorb(error)
        result = problem_only(path, settings, "FC090", message)
        return FileFix(data, None, Fixed("", result=result, refused=message))


def _fix_bytes(data: bytes, path: str, settings: Settings, kind: Kind | None,
               keep: Keep | None) -> FileFix:
    text = decode(data)
    if not isinstance(text, str) or len(data) > settings.max_file_size:
        return FileFix(data, None, Fixed("", refused="it is not UTF-8 text (FC000)"))
    bom = BOM if data.startswith(BOM.encode("utf-8")) else ""
    fixed = fix_text(text, path, settings, kind, keep)
    if fixed.fixes == 0 or fixed.text == text:
        return FileFix(data, None, fixed)
    return FileFix(data, (bom + fixed.text).encode("utf-8"), fixed)


