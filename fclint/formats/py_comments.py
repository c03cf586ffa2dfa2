"""A Python file's comments as its tokenizer sees them, for inline suppressions: text in a
string, an f-string or a docstring is no comment."""

from __future__ import annotations

import io
import tokenize
from collections.abc import Iterator

from fclint.diagnostic import Span
from fclint.formats import Comment


def comments(text: str, marker: str) -> Iterator[Comment]:
    """The comments holding `marker`, as Python's tokenizer finds them: text in a string, an
    f-string or a docstring is no comment. Of a file that does not tokenize to the end, the
    comments before the first error: the tokenizer reads left to right, so those are certain,
    while after an unterminated string nothing is known to be code (Python 3.11 reads on, past
    an error token; 3.12 raises)."""
    try:
        for token in tokenize.generate_tokens(io.StringIO(text).readline):
            if token.type == tokenize.ERRORTOKEN:
                return
            if token.type == tokenize.COMMENT and marker in token.string:
                (line, column), (end_line, end_column) = token.start, token.end
                yield Comment(Span(line, column + 1, end_line, end_column + 1), token.string)
    except (tokenize.TokenError, SyntaxError):  # IndentationError too; 3.12: NUL, nesting
        return
