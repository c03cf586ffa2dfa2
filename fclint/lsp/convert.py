"""fclint values as LSP values: spans as UTF-16 ranges, diagnostics, and fixes as quick fixes."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from lsprotocol import types as lsp

from fclint import suppression
from fclint.diagnostic import Diagnostic, Fix, Severity, Span
from fclint.formats import Comment
from fclint.lsp.text import code_points, utf16_units
from fclint.source import BOM, normalize_breaks, requote

SOURCE = "fclint"
SEVERITIES = {
    Severity.ERROR: lsp.DiagnosticSeverity.Error,
    Severity.WARNING: lsp.DiagnosticSeverity.Warning,
    Severity.INFO: lsp.DiagnosticSeverity.Information,
}


class Lines:
    """The lines of a document as the editor holds it, for moving between fclint's 1-based
    code-point columns and LSP's 0-based UTF-16 ones."""

    def __init__(self, text: str) -> None:
        # The engine drops a leading BOM; the editor counts it as a character of line 1.
        self.bom = text.startswith(BOM)
        self.lines = normalize_breaks(text).split("\n")  # a lone CR ends a line, as in LSP

    def text(self, line: int) -> str:
        return self.lines[line - 1] if 0 < line <= len(self.lines) else ""

    def slice(self, span: Span) -> str:
        """The text of a span within one line ("" across lines)."""
        if span.line != span.end_line:
            return ""
        return self.text(span.line)[span.column - 1:span.end_column - 1]

    def position(self, line: int, column: int) -> lsp.Position:
        if self.bom and line == 1:
            column += 1
        text = self.text(line)
        if column > len(text) + 1 and line < len(self.lines):
            # Past the line's break (a span that covers it, as a syntax error at a break in
            # a string does): the next line's start, where `fclint check`'s column points.
            return lsp.Position(line=line, character=0)
        if text.isascii():
            return lsp.Position(line=max(line - 1, 0), character=min(column - 1, len(text)))
        # Counted in C: a Python walk of the prefix, once per finding on a 100 kB line, made
        # a body of 5,000 unknown keys on one line take 10 s to convert.
        return lsp.Position(line=max(line - 1, 0), character=utf16_units(text[:column - 1]))

    def range(self, span: Span) -> lsp.Range:
        return lsp.Range(start=self.position(span.line, span.column),
                         end=self.position(span.end_line, span.end_column))

    def column(self, position: lsp.Position) -> tuple[int, int]:
        """The 1-based line and code-point column of an LSP position."""
        line = position.line + 1
        column = code_points(self.text(line), position.character) + 1
        if self.bom and line == 1:
            column = max(column - 1, 1)
        return line, column


def diagnostic(found: Diagnostic, lines: Lines) -> lsp.Diagnostic:
    """An LSP diagnostic; `data` carries the fix, so a code action needs no second lint."""
    return lsp.Diagnostic(
        range=lines.range(found.span),
        message=found.message,
        severity=SEVERITIES[found.severity],
        code=found.code,
        source=SOURCE,
        data={"fix": fix_data(found.fix, lines)} if found.fix is not None else None,
    )


def fix_data(fix: Fix, lines: Lines) -> dict[str, Any]:
    """A fix as plain JSON: its title and its edits, ranges already in UTF-16."""
    edits = []
    for edit in fix.edits:
        found = lines.range(edit.span)
        edits.append({
            "range": {"start": {"line": found.start.line, "character": found.start.character},
                      "end": {"line": found.end.line, "character": found.end.character}},
            "newText": requote(lines.slice(edit.span), edit.text),
        })
    return {"title": fix.title, "edits": edits, "certain": fix.certain}


def quick_fixes(uri: str, diagnostics: Sequence[lsp.Diagnostic]) -> list[lsp.CodeAction]:
    """A quick fix for each of our diagnostics whose `data` holds a fix."""
    actions = []
    for found in diagnostics:
        if found.source != SOURCE or not isinstance(found.data, dict):
            continue
        fix = found.data.get("fix")
        edits = _text_edits(fix.get("edits")) if isinstance(fix, dict) else None
        if not edits or not isinstance(fix, dict):
            continue
        actions.append(lsp.CodeAction(
            title=str(fix.get("title") or "Fix"),
            kind=lsp.CodeActionKind.QuickFix,
            diagnostics=[found],
            edit=lsp.WorkspaceEdit(changes={uri: edits}),
            # Only a certain fix is the one to apply without reading (a choice names itself).
            is_preferred=fix.get("certain") is True,
        ))
    return actions


def _text_edits(edits: Any) -> list[lsp.TextEdit] | None:
    """Edits read back from a client's copy of `data`; None when it is not what we wrote."""
    if not isinstance(edits, list):
        return None
    try:
        return [
            lsp.TextEdit(
                range=lsp.Range(start=_position(edit["range"]["start"]),
                                end=_position(edit["range"]["end"])),
                new_text=str(edit["newText"]),
            )
            for edit in edits
        ]
    except (KeyError, TypeError, ValueError):
        return None


def _position(value: dict[str, Any]) -> lsp.Position:
    line, character = value["line"], value["character"]
    if not isinstance(line, int) or not isinstance(character, int) or min(line, character) < 0:
        raise ValueError("not a position")
    return lsp.Position(line=line, character=character)


IGNORE = "# fclint: ignore[{codes}]"
Comments = Callable[[str, str], Iterable[Comment]]  # a front end's `comments`


def ignore_actions(uri: str, text: str, diagnostics: Sequence[lsp.Diagnostic],
                   comments: Comments) -> list[lsp.CodeAction]:
    """For each of our diagnostics, its code added to the `fclint: ignore` comment that applies
    to its line, or else `# fclint: ignore[CODE]` alone on the line before it (at the end of its
    line when the line before would fall inside a string). `comments` is the format's own: a
    code is added only to a real comment, and a new one is offered only where it is one."""
    ours = [found for found in diagnostics if found.source == SOURCE and found.code]
    if not ours:
        return []
    clean = normalize_breaks(text.removeprefix(BOM))
    lines = Lines(text)
    rows = clean.split("\n")
    existing = (suppression.find(clean, comments(clean, suppression.MARKER))
                if suppression.MARKER in clean else [])
    actions = []
    for found in ours:
        code, number = str(found.code), found.range.start.line + 1
        applying = [s for s in existing if s.line == number]
        if any(code in s.codes for s in applying):
            continue
        edit = (_add_code(applying[0], code, rows, lines) if applying
                else _new_comment(clean, rows, number, code, comments, lines))
        if edit is None:
            continue
        actions.append(lsp.CodeAction(
            title=f"Ignore {code} on this line (# fclint: ignore)",
            kind=lsp.CodeActionKind.QuickFix,
            diagnostics=[found],
            edit=lsp.WorkspaceEdit(changes={uri: [edit]}),
        ))
    return actions


def _add_code(existing: suppression.Suppression, code: str, rows: list[str],
              lines: Lines) -> lsp.TextEdit:
    """`, CODE` after the codes in the brackets, so the comment keeps its style and reason."""
    where = existing.codes_span  # on one line: the brackets hold no line break
    written = rows[where.line - 1][where.column - 1:where.end_column - 1].rstrip()
    at = lines.position(where.line, where.column + len(written))
    return lsp.TextEdit(range=lsp.Range(start=at, end=at),
                        new_text=f", {code}" if written.strip() else code)


def _new_comment(text: str, rows: list[str], number: int, code: str, comments: Comments,
                 lines: Lines) -> lsp.TextEdit | None:
    """An ignore comment alone on a new line before line `number`, else at the end of the line,
    whichever the format reads as a comment applying to the line; None when neither is."""
    if not 0 < number <= len(rows):
        return None
    target = rows[number - 1]
    comment = IGNORE.format(codes=code)
    indent = target[: len(target) - len(target.lstrip(" \t"))]
    above = f"{indent}{comment}" + ("\r\n" if target.endswith("\r") else "\n")
    start = sum(len(row) + 1 for row in rows[: number - 1])
    # No line can come between a line that ends in `\` and the line it continues on (Python).
    continued = number > 1 and rows[number - 2].rstrip().endswith("\\")
    if not continued and _applies(text[:start] + above + text[start:], number, number + 1,
                                  code, comments):
        at = lines.position(number, 1)
        return lsp.TextEdit(range=lsp.Range(start=at, end=at), new_text=above)
    end = start + len(target.rstrip())
    if _applies(text[:end] + "  " + comment + text[end:], number, number, code, comments):
        at = lines.position(number, len(target.rstrip()) + 1)
        return lsp.TextEdit(range=lsp.Range(start=at, end=at), new_text=f"  {comment}")
    return None


def _applies(text: str, written: int, line: int, code: str, comments: Comments) -> bool:
    """Whether `text` has a suppression of `code`, written on line `written`, for line `line`."""
    return any(s.span.line == written and s.line == line and code in s.codes
               for s in suppression.find(text, comments(text, suppression.MARKER)))


def contains(found: lsp.Range, position: lsp.Position) -> bool:
    """Whether `position` falls on `found` (an empty range: on its start)."""
    start, end = (found.start.line, found.start.character), (found.end.line, found.end.character)
    here = (position.line, position.character)
    return start <= here < end or here == start


def rule_markdown(rule: Any, message: str) -> str:
    """A rule's docs for a hover: code, name and severity, the finding, then the docs with their
    headings made smaller than the hover's own."""
    doc = re.sub(r"^## ", "#### ", rule.doc, flags=re.MULTILINE)
    return f"**{rule.code}** `{rule.name}` · {rule.severity.name.lower()}\n\n{message}\n\n{doc.strip()}"


COMPLETION_KINDS = {
    "property": lsp.CompletionItemKind.Property,
    "value": lsp.CompletionItemKind.Value,
    "arn": lsp.CompletionItemKind.Snippet,
}


def completion_item(item: Any, lines: Lines, snippets: bool) -> lsp.CompletionItem:
    """A `completion_items.Item` as an LSP item replacing its span."""
    return lsp.CompletionItem(
        label=item.label,
        kind=COMPLETION_KINDS.get(item.kind, lsp.CompletionItemKind.Text),
        detail=item.detail or None,
        documentation=item.documentation or None,
        filter_text=item.plain,
        insert_text_format=lsp.InsertTextFormat.Snippet if snippets
        else lsp.InsertTextFormat.PlainText,
        text_edit=lsp.TextEdit(range=lines.range(item.span),
                               new_text=item.snippet if snippets else item.plain),
    )
