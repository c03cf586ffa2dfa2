"""`fclint check` on a repository that mixes FC configs of every format with files that only
look alike (a README and a build script among them): exactly the FC configs are flagged, each
with its own finding."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

MIXED = Path(__file__).parent / "data" / "mixed"

EXPECTED = {  # every FC config of the tree, each with one deliberate mistake
    "api/put.json": ["1:27 FC006"],
    "api/requests.http": ["3:31 FC005"],
    "deploy/s.yaml": ["13:34 FC006"],
    "infra/main.tf": ["4:28 FC006"],
    "scripts/configure.py": ["3:72 FC006"],
    "notebooks/configure.ipynb": ["cell 2:2:27 FC006"],
    "docs/async.md": ["6:24 FC006"],
    "scripts/configure-async.sh": ["3:37 FC006"],
}
# Beside them, files that only look alike: the README (prose saying "destination", shell and
# YAML blocks) and scripts/build.sh (aliyun and terraform commands of other kinds) give
# nothing, as package.json, tsconfig.json, a Kubernetes manifest or a notebook without FC do.


def test_only_the_fc_configs_are_flagged(tmp_path: Path) -> None:
    tree = tmp_path / "repo"
    shutil.copytree(MIXED, tree)
    done = subprocess.run([sys.executable, "-m", "fclint", "check", "--format", "json", "."],
                          cwd=tree, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 1, done.stderr
    found: dict[str, list[str]] = {}
    for row in json.loads(done.stdout):
        cell = f"cell {row['cell']}:" if row["cell"] else ""
        found.setdefault(row["path"], []).append(f"{cell}{row['line']}:{row['column']} {row['code']}")
    assert found == EXPECTED


def test_fclint_s_own_package_gives_nothing() -> None:
    """fclint's source, run as a user would from the repository (its rule docs show mistakes
    on purpose and are marked so in pyproject.toml): no false finding in the code, such as a
    dict literal that shares a key with the API or a comment that quotes the suppression."""
    root = Path(__file__).resolve().parents[1]
    done = subprocess.run([sys.executable, "-m", "fclint", "check", "--no-cache", "--format",
                           "json", "fclint"], cwd=root, capture_output=True, text=True,
                          timeout=120, check=False)
    assert (done.returncode, json.loads(done.stdout or "null")) == (0, []), done.stderr
