"""The one door to tree-sitter: parsers for the grammars fclint uses, loaded on first use.

Tree-sitter parses text that is broken while the user types, never recurses in Python and
gives every node a position, which is what an editor-grade linter needs.
"""

from __future__ import annotations

from functools import cache
from typing import Any


@cache
def parser(grammar: str) -> Any:
    """A tree-sitter parser for `grammar`: 'json', 'hcl' (Terraform), 'bash' (shell scripts)
    or 'markdown' (its block structure: fenced code blocks and their containers)."""
    import tree_sitter

    if grammar == "json":
        import tree_sitter_json

        language = tree_sitter_json.language()
    elif grammar == "hcl":
        import tree_sitter_hcl

        language = tree_sitter_hcl.language()
    elif grammar == "bash":
        import tree_sitter_bash

        language = tree_sitter_bash.language()
    elif grammar == "markdown":
        import tree_sitter_markdown

        language = tree_sitter_markdown.language()
    else:  # pragma: no cover - guarded by callers
        raise ValueError(f"no tree-sitter grammar {grammar!r}")
    return tree_sitter.Parser(tree_sitter.Language(language))


def parse(grammar: str, source: bytes) -> Any:
    """The syntax tree of `source`."""
    return parser(grammar).parse(source)
