"""The README stays true: its rules table is the registry's, its first commands are the real ones."""

from __future__ import annotations

import re
from pathlib import Path

from fclint.commands.info import rules_table

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_rules_table_is_generated_from_the_registry() -> None:
    table = re.search(r"<!-- rules:start -->\n(.*?)\n<!-- rules:end -->", README, re.S)
    assert table is not None
    assert table.group(1) == rules_table()


def test_first_lines_give_install_and_test_commands() -> None:
    block = re.search(r"```sh\n(.*?)```", README, re.S)
    assert block is not None
    lines = [line.split("#")[0].strip() for line in block.group(1).splitlines()]
    assert lines[0] == "pip install '.[test]' && fclint check examples/"
    assert lines[1] == "python -m pytest -q -n auto"
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert ci.rstrip("\n").splitlines()[-1] == lines[1]  # CI runs exactly the README's command
