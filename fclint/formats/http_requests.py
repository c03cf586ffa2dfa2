"""`.http` / `.rest` request files (VS Code REST Client, JetBrains HTTP Client): each request to an
FC async-invocation path becomes a document, its request line checked and its JSON body linted."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from fclint.config import Settings
from fclint.diagnostic import Span
from fclint.document import Document, FunctionContext, empty_locator
from fclint.fcpath import FcRequest, authority_span, host_problem, is_fc_url, parse_request
from fclint.formats import Comment
from fclint.formats.json_body import json_document
from fclint.kinds import Kind

METHODS = ("GET", "PUT", "POST", "DELETE", "PATCH", "HEAD", "OPTIONS")
_REQUEST_LINE = re.compile(
    rf"(?:(?P<method>{'|'.join(METHODS)})\s+)?(?P<url>\S+)(?:\s+HTTP/[\d.]+)?\s*", re.I
)
# Matched against a stripped line, so no trailing `\s*`: a lazy `(.*?)\s*` is quadratic in a
# run of inner spaces.
_VARIABLE = re.compile(r"@([A-Za-z_][\w.-]*)\s*=\s*(.*)")
_HEADER = re.compile(r"[A-Za-z0-9-]+\s*:.*")
TEMPLATE = re.compile(r"\{\{[^{}\n]*\}\}")


@dataclass(frozen=True)
class HttpRequest:
    """One request of a `.http` file, with the positions of its parts (1-based lines)."""

    method: str
    url: str  # with file variables resolved
    raw_url: str  # as written
    line: int
    url_column: int
    body: str
    body_line: int
    fc: FcRequest | None
    # Where the URL goes on, on the lines after the request line that start with `?` or `&`
    # (REST Client joins them to the URL): (offset in raw_url, line, column) of each piece.
    continued: tuple[tuple[int, int, int], ...] = ()

    rule_traits = ("http",)  # what fclint.rules.http needs (Document.traits)

    def _place(self, offset: int, end: bool = False) -> tuple[int, int]:
        """The line and column of `raw_url[offset]`, or, for an end, of the place just after
        `raw_url[offset - 1]`: the end of a piece, not the start of the next."""
        line, column, start = self.line, self.url_column, 0
        for piece, piece_line, piece_column in self.continued:
            if offset > piece or offset == piece and not end:
                line, column, start = piece_line, piece_column, piece
        return line, column + offset - start

    def _span(self, start: int, end: int) -> Span:
        return Span(*self._place(start), *self._place(end, end=end > start))

    @property
    def url_span(self) -> Span:
        return self._span(0, len(self.raw_url))

    @property
    def host_problem(self) -> str | None:
        """Why the host (variables resolved) is no host a client can connect to, if so."""
        return host_problem(self.url)

    def host_text(self, resolved: bool = True) -> str:
        """The authority (host and port) of the URL, variables resolved or as written."""
        url = self.url if resolved else self.raw_url
        span = authority_span(url)
        return url[span[0]:span[1]] if span is not None else ""

    @property
    def host_span(self) -> Span:
        """Where the host is written: in the URL as written (a `{{host}}` variable's name)."""
        span = authority_span(self.raw_url)
        if span is None or span[0] == span[1]:
            return self.url_span
        return self._span(*span)

    @property
    def method_span(self) -> Span:
        return Span(self.line, 1, self.line, 1 + len(self.method))

    def part_span(self, part: str) -> Span | None:
        if self.fc is None or part not in self.fc.offsets:
            return None
        start, end = self.fc.offsets[part]
        if self.raw_url != self.url:  # variables resolved: the offsets hold if only the host was
            shift = len(self.url) - len(self.raw_url)
            if self.raw_url[start - shift : end - shift] != self.url[start:end] or start < shift:
                return self.url_span
            start, end = start - shift, end - shift
        return self._span(start, end)

    @property
    def has_body(self) -> bool:
        return bool(self.body.strip())


def requests(text: str) -> Iterator[HttpRequest]:
    """The requests to FC async-invocation paths in a `.http` file, file variables resolved."""
    lines = text.split("\n")
    variables: dict[str, str] = {}
    block: list[tuple[int, str]] = []
    for number, line in enumerate(lines, start=1):
        if line.startswith("###"):
            yield from _request(block, variables)
            block = []
            continue
        match = _VARIABLE.fullmatch(line.strip())
        if match and not any(row.strip() and not _is_comment(row) for _, row in block):
            variables[match.group(1)] = match.group(2)
            continue
        block.append((number, line.rstrip("\r")))
    yield from _request(block, variables)


def _request(block: list[tuple[int, str]], variables: dict[str, str]) -> Iterator[HttpRequest]:
    rows = [(n, line) for n, line in block if not _is_comment(line)]
    while rows and not rows[0][1].strip():
        rows.pop(0)
    if not rows:
        return
    number, first = rows[0]
    match = _REQUEST_LINE.fullmatch(first)
    if match is None:
        return
    method = (match.group("method") or "GET").upper()
    url = match.group("url")
    rest = rows[1:]
    continued = []
    while rest and rest[0][1].lstrip().startswith(("?", "&")):
        line_number, line = rest.pop(0)
        continued.append((len(url), line_number, len(line) - len(line.lstrip()) + 1))
        url += line.strip()
    index = 0
    while index < len(rest) and rest[index][1].strip() and _HEADER.fullmatch(rest[index][1].strip()):
        index += 1
    skipped = _not_body(rest[index:])
    body_rows = [(n, line) for n, line in rest[index:] if n not in skipped]
    while body_rows and not body_rows[0][1].strip():
        body_rows.pop(0)
    resolved = _resolve(url, variables)
    if not is_fc_url(resolved):
        return
    body_line = body_rows[0][0] if body_rows else number + 1
    # Lines that were comments inside the body are blanked, so line numbers stay true.
    body_lines = {n: line for n, line in block}
    last = body_rows[-1][0] + 1 if body_rows else body_line
    body = "\n".join(
        "" if n in skipped else _blank_comment(body_lines[n]) for n in range(body_line, last)
    )
    column = first.find(match.group("url")) + 1
    fc = parse_request(method, resolved)
    yield HttpRequest(method, resolved, url, number, column, body, body_line, fc,
                      tuple(continued))


def _is_comment(line: str) -> bool:
    stripped = line.lstrip()
    return stripped.startswith("#") or stripped.startswith("//")


def _not_body(rows: list[tuple[int, str]]) -> set[int]:
    """Lines after the headers that are no part of the JSON body: response handlers
    (`> file.js`, or a `> {% ... %}` script over several lines), response references (`<> file`)
    and a body read from a file (`< file`)."""
    skipped: set[int] = set()
    in_script = False
    for number, line in rows:
        if in_script:
            skipped.add(number)
            in_script = "%}" not in line
        elif line.startswith((">", "<")):
            skipped.add(number)
            script = line.partition("{%")[2]
            in_script = line.startswith(">") and "{%" in line and "%}" not in script
    return skipped


def _blank_comment(line: str) -> str:
    return "" if _is_comment(line) else line


def _resolve(text: str, variables: dict[str, str]) -> str:
    for _ in range(5):  # variables may refer to variables, but never forever
        replaced = TEMPLATE.sub(lambda m: variables.get(m.group(0)[2:-2].strip(), m.group(0)), text)
        if replaced == text:
            break
        text = replaced
    return text


def mask_templates(body: str) -> tuple[str, list[tuple[int, int]]]:
    """Replace `{{var}}` outside strings by `null` padded to the same width, so the body parses
    with unchanged positions; returns the (line, column) where each one was."""
    starts: list[tuple[int, int]] = []
    out = []
    for line_no, line in enumerate(body.split("\n"), start=1):
        pieces, last, in_string = [], 0, False
        i = 0
        while i < len(line):
            ch = line[i]
            if ch == '"' and (i == 0 or line[i - 1] != "\\"):
                in_string = not in_string
            elif not in_string and line.startswith("{{", i):
                end = line.find("}}", i)
                if end < 0:  # no later `{{` can close either; searching again is quadratic
                    break
                if end > 0:
                    width = end + 2 - i
                    pieces.append(line[last:i] + "null".ljust(width))
                    starts.append((line_no, i + 1))
                    last = i = end + 2
                    continue
            i += 1
        out.append("".join(pieces) + line[last:])
    return "\n".join(out), starts


COMMENTS = True


def comments(text: str, marker: str) -> Iterator[Comment]:
    """The comment lines holding `marker`: lines whose first non-blank characters are `#` or
    `//`, as REST Client and the JetBrains HTTP Client read them, in a body too (REST Client
    drops them from it, as `requests` does). A `###` line separates requests, and JetBrains
    takes its text for the next request's name. Text after a request line, a header or a body
    line is part of it: REST Client reads `PUT /path  # note` as a URL ending in `  # note`."""
    for number, line in enumerate(text.split("\n"), start=1):
        if marker in line and _is_comment(line) and not line.startswith("###"):
            line = line.rstrip("\r")
            column = len(line) - len(line.lstrip()) + 1
            yield Comment(Span(number, column, number, len(line) + 1), line[column - 1:])


def documents(text: str, path: str, settings: Settings, kind: Kind | None) -> Iterator[Document]:
    """One document per FC request; a request without a body is a document without data, so
    the request line is still checked."""
    for request in requests(text):
        fc = request.fc
        context = _request_context(request, settings)
        body_kind = kind
        if fc is not None and body_kind is None:
            if fc.sends_config:
                body_kind = Kind.FC3_REQUEST if fc.generation == 3 else Kind.FC2_REQUEST
            elif fc.operation and "List" in fc.operation and fc.receives_config:
                body_kind = Kind.FC3_LIST if fc.generation == 3 else Kind.FC2_LIST
        extra: dict[str, Any] = {"origin": request, "interpolation": TEMPLATE}
        doc = None
        if request.has_body:
            body, starts = mask_templates(request.body)
            line_offset = request.body_line - 1
            doc = json_document(body, path, settings, body_kind, context, line_offset, **extra)
            if doc is not None:
                doc.opaque_starts = frozenset((line + line_offset, col) for line, col in starts)
        if doc is None:
            fallback = Kind.FC3_REQUEST if fc is not None and fc.generation == 3 else Kind.FC2_REQUEST
            doc = Document(path=path, kind=body_kind or fallback, data=None, settings=settings,
                           locator_factory=empty_locator, context=context, **extra)
        yield doc


def _request_context(request: HttpRequest, settings: Settings) -> FunctionContext:
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
