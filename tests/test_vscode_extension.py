"""The VS Code extension's own checks (type-check, bundle, its Node tests, a Node LSP client
against the real `fclint lsp`, the packaged .vsix), run with npm in a copy of vscode-extension/
so the work tree stays clean; skipped where npm is missing or the npm registry cannot be reached."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

EXTENSION = Path(__file__).resolve().parent.parent / "vscode-extension"
NPM = shutil.which("npm")
# What npm prints when it cannot reach the registry (or a proxy on the way).
OFFLINE = re.compile(r"ECONNREFUSED|ENOTFOUND|ETIMEDOUT|EAI_AGAIN|ECONNRESET|ENETUNREACH|EHOSTUNREACH")

if NPM is None:
    pytest.skip("npm is not on PATH", allow_module_level=True)
pytest.importorskip("pygls", reason="the server needs fclint[lsp]")


def npm(cwd: Path, *args: str, timeout: float) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, FCLINT_SERVER=json.dumps([sys.executable, "-m", "fclint", "lsp"]),
               npm_config_fund="false", npm_config_audit="false", npm_config_update_notifier="false")
    return subprocess.run([str(NPM), *args], cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                          capture_output=True, text=True, timeout=timeout, check=False)


def check(done: subprocess.CompletedProcess[str]) -> None:
    command = " ".join(str(part) for part in done.args[1:])
    assert done.returncode == 0, f"npm {command}:\n{done.stdout[-6000:]}\n{done.stderr[-4000:]}"


@pytest.fixture(scope="module")
def extension(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """vscode-extension/ copied without what npm builds there, with its dependencies installed:
    from npm's cache where it holds them (`--prefer-offline`), else from the registry."""
    copy = tmp_path_factory.mktemp("vscode") / "vscode-extension"
    shutil.copytree(EXTENSION, copy, ignore=shutil.ignore_patterns("node_modules", "dist", "*.vsix"))
    try:
        done = npm(copy, "ci", "--prefer-offline", "--no-audit", "--no-fund", "--fetch-retries=0",
                   "--fetch-timeout=20000", timeout=180)
    except subprocess.TimeoutExpired:
        pytest.skip("npm ci did not finish in 180 s: is the npm registry reachable?")
    offline = OFFLINE.search(done.stdout + done.stderr)
    if done.returncode != 0 and offline:
        pytest.skip(f"the npm registry cannot be reached ({offline.group()})")
    check(done)
    return copy


def test_extension_checks(extension: Path) -> None:
    # tsc --noEmit, esbuild, the unit tests, and test/lsp.test.mjs against the real server
    check(npm(extension, "test", timeout=120))


def test_extension_packages(extension: Path) -> None:
    manifest = json.loads((extension / "package.json").read_text(encoding="utf-8"))
    check(npm(extension, "run", "package", timeout=120))  # vsce package, then test/vsix.test.mjs
    vsix = extension / f"{manifest['name']}-{manifest['version']}.vsix"
    with zipfile.ZipFile(vsix) as packed:
        assert "extension/dist/extension.js" in packed.namelist()
