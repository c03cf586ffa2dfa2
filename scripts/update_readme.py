"""Regenerate the README's rules table from the registry (tests/test_readme.py checks it)."""

from __future__ import annotations

import re
from pathlib import Path

from fclint.commands.info import rules_table

README = Path(__file__).resolve().parents[1] / "README.md"


def main() -> None:
    text = README.read_text(encoding="utf-8")
    updated = re.sub(r"(<!-- rules:start -->\n).*?(\n<!-- rules:end -->)",
                     lambda m: m.group(1) + rules_table() + m.group(2), text, flags=re.S)
    README.write_text(updated, encoding="utf-8")


if __name__ == "__main__":
    main()
