"""Python's own parser on a user's code, quietly, and its syntax errors where they are.

Parsing warns about what the code would do when run: an invalid escape such as `"a\\|b"` is a
DeprecationWarning on Python 3.11 and a SyntaxWarning that 3.12 prints on stderr (an error
under `-W error`). fclint reads the code, it does not run it: those warnings are not its to
print, and not its user's to see in the middle of a report.
"""

from __future__ import annotations

import ast
import warnings
from typing import Any

from fclint.diagnostic import Span
from fclint.source import LineIndex


def parse(source: str) -> ast.Module:
    """`ast.parse(source)`, its warnings silenced; raises as ast.parse does."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return ast.parse(source)


def literal_eval(text: str) -> Any:
    """`ast.literal_eval(text)`, its warnings silenced; raises as literal_eval does."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return ast.literal_eval(text)


def syntax_error_span(source: str, error: SyntaxError, line_offset: int = 0) -> Span:
    """Where a SyntaxError of `source` is, kept inside the text (LineIndex.point): Python
    places an error at the end of a line or of the text after its last character, where the
    span is empty."""
    span = LineIndex(source).point(error.lineno or 1, max(error.offset or 1, 1))
    return Span(span.line + line_offset, span.column, span.end_line + line_offset,
                span.end_column)
