"""Where the comments of a Python text are, for inline suppression: `# fclint: ignore[...]`
counts in a comment, not in a string or a docstring that shows how to write one."""

from __future__ import annotations

import io
import tokenize


def comment_starts(text: str) -> dict[int, int] | None:
    """Line -> column (0-based, in characters) where the line's comment starts; None when the
    text cannot be tokenized, and then every line is searched, as in the formats that have no
    tokenizer here."""
    starts: dict[int, int] = {}
    try:
        for token in tokenize.generate_tokens(io.StringIO(text).readline):
            if token.type == tokenize.COMMENT:
                starts[token.start[0]] = token.start[1]
    except (tokenize.TokenError, SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    return starts
