"""The soak of issue 14, bounded: benchmarks/lsp_soak.py runs a few thousand random incremental
edits, garbage and out-of-range positions, with hover, completion and code actions among them,
against the real `fclint lsp` over stdio, and checks what it checks on the full 100,000 (every
1,000 edits a hover answered within 1 s and the diagnostics equal `fclint check`; at the end
every request answered without an error and VmRSS grown by at most 20 MB)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("pygls")

SCRIPT = Path(__file__).resolve().parent.parent / "benchmarks" / "lsp_soak.py"


@pytest.mark.parametrize("form, seed", [("json", 14), ("yaml", 18)])
def test_a_bounded_soak_passes_every_check(form: str, seed: int) -> None:
    done = subprocess.run([sys.executable, str(SCRIPT), "--edits", "3000", "--format", form,
                           "--seed", str(seed)], capture_output=True, text=True, timeout=120,
                          check=False)
    verdicts = [line for line in done.stdout.splitlines() if line.startswith(("PASS", "FAIL"))]
    assert done.returncode == 0, done.stdout + done.stderr
    assert len(verdicts) == 6 and all(line.startswith("PASS") for line in verdicts), verdicts
    assert "3,000 edits in" in done.stdout
