"""The VS Code extension's own checks (type-check, bundle, a Node LSP client against the real
`fclint lsp`, the packaged .vsix), run with npm from pytest; skipped where npm is missing."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

EXTENSION = Path(__file__).resolve().parent.parent / "vscode-extension"
NPM = shutil.which("npm")

if NPM is None:
    pytest.skip("npm is not on PATH", allow_module_level=True)
pytest.importorskip("pygls", reason="the server needs fclint[lsp]")


def npm(*args: str, timeout: float) -> None:
    env = dict(os.environ, FCLINT_SERVER=json.dumps([sys.executable, "-m", "fclint", "lsp"]),
               npm_config_fund="false", npm_config_audit="false", npm_config_update_notifier="false")
    done = subprocess.run([str(NPM), *args], cwd=EXTENSION, env=env, stdin=subprocess.DEVNULL,
                          capture_output=True, text=True, timeout=timeout, check=False)
    assert done.returncode == 0, f"npm {' '.join(args)}:\n{done.stdout[-6000:]}\n{done.stderr[-4000:]}"


def test_extension_checks_and_packages() -> None:
    """One test, not three: the steps share node_modules and dist/, so they must not run in
    parallel (pytest -n)."""
    if not (EXTENSION / "node_modules").is_dir():  # as on CI, which starts without them
        npm("ci", "--no-audit", "--no-fund", timeout=150)
    npm("test", timeout=90)  # tsc --noEmit, esbuild, test/lsp.test.mjs against the real server
    manifest = json.loads((EXTENSION / "package.json").read_text(encoding="utf-8"))
    vsix = EXTENSION / f"{manifest['name']}-{manifest['version']}.vsix"
    vsix.unlink(missing_ok=True)
    npm("run", "package", timeout=90)  # vsce package, then test/vsix.test.mjs
    with zipfile.ZipFile(vsix) as packed:
        assert "extension/dist/extension.js" in packed.namelist()
