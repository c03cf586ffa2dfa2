"""The README's YAML snippets (pre-commit, GitHub Actions) as a reader copies them, for the tests
that run them: a fenced block, indented under its list item, taken out and dedented."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

README = Path(__file__).resolve().parents[1] / "README.md"
FENCE = re.compile(r"^(?P<indent>[ \t]*)```yaml\n(?P<body>.*?)^(?P=indent)```$", re.M | re.S)


def yaml_blocks(text: str | None = None) -> list[str]:
    """Every ```yaml block of the README (or `text`), dedented."""
    source = README.read_text(encoding="utf-8") if text is None else text
    return [textwrap.dedent(match.group("body")) for match in FENCE.finditer(source)]


def snippet(containing: str, text: str | None = None) -> str:
    """The one ```yaml block holding `containing`; an AssertionError names what is missing."""
    found = [block for block in yaml_blocks(text) if containing in block]
    assert len(found) == 1, f"{len(found)} yaml blocks in README.md hold {containing!r}"
    return found[0]
