"""YAML comments as the scanner leaves them: a `#` outside every token, at the start of a line
or after white space, up to the end of its line. The same `#` in a quoted or plain scalar
(`a#b`) or on a block scalar's lines is text."""

from __future__ import annotations

import re
from collections.abc import Iterator

from fclint.formats import Comment
from fclint.formats.yaml_events import token_spans
from fclint.formats.yaml_stream import resume_after
from fclint.source import LineIndex

# Where YAML 1.1 ends a line, and so a comment (NEL, LS and PS too: fclint.formats.yaml_nodes).
_BREAK = re.compile("[\n\r\x85\u2028\u2029]")
_SPACE = frozenset(" \t\n\r\x85\u2028\u2029")


def comments(text: str, marker: str) -> Iterator[Comment]:
    """The comments of `text` that hold `marker`. After a scanner error nothing is known up to
    the next `---` line, where scanning starts again (as the documents are read): a comment in
    between is left out, for it may be text of a scalar the error left open."""
    index: LineIndex | None = None
    offset = 0
    while True:
        spans, error = token_spans(text[offset:])
        # After an error, up to the last token only: what follows it was not finished.
        known = len(text) if error is None else offset + (spans[-1][1] if spans else 0)
        for start, end in _gaps(text, offset, spans, known):
            for begin, stop in _comments_between(text, start, end):
                if marker in text[begin:stop]:
                    index = index or LineIndex(text)
                    yield Comment(index.span(begin, stop), text[begin:stop])
        if error is None:
            return
        resume = resume_after(text, offset, text.count("\n", 0, offset + error) + 1)
        if resume is None:
            return
        offset = resume


def _gaps(text: str, offset: int, spans: list[tuple[int, int, bool]],
          known: int) -> Iterator[tuple[int, int]]:
    """The stretches of `text` between the tokens `spans` (offsets counted from `offset`), up
    to `known`. A block scalar's header line counts as between tokens: its comment is a comment
    (`key: | # note`), though the scanner's span of the scalar starts at the `|`."""
    at = offset
    for start, end, block in spans:
        start, end = start + offset, end + offset
        if block:
            header_end = _BREAK.search(text, start, end)
            start = header_end.start() if header_end else end
        if start > at:
            yield at, min(start, known)
        at = max(at, end)
        if at >= known:
            return
    if known > at:
        yield at, known


def _comments_between(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """(start, end) of each comment in `text[start:end]`, a stretch between tokens. A `#` right
    after a token (`"a"#b`) starts no comment (YAML wants white space first; PyYAML would take
    it for one), nor does anything after it on its line."""
    at = text.find("#", start, end)
    while at >= 0:
        line_end = _BREAK.search(text, at, end)
        stop = line_end.start() if line_end else end
        if at == 0 or text[at - 1] in _SPACE:
            yield at, stop
        at = text.find("#", stop, end)
