"""The VS Code extension's own checks (type-check, bundle, its Node tests, a Node LSP client
against the real `fclint lsp`, the packaged .vsix), run with npm in a copy of vscode-extension/
so the work tree stays clean; skipped, saying why, where npm is missing or neither the npm registry
nor npm's cache can supply the extension's dependencies."""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

EXTENSION = Path(__file__).resolve().parent.parent / "vscode-extension"
NPM = shutil.which("npm")
# What npm prints when it cannot reach the registry (or a proxy on the way).
OFFLINE = re.compile(r"ECONNREFUSED|ENOTFOUND|ETIMEDOUT|EAI_AGAIN|ECONNRESET|ENETUNREACH|EHOSTUNREACH")
PING_TIMEOUT = 20  # seconds: `npm ping` answers in one, or the registry is out of reach
CI_TIMEOUT = 180

if NPM is None:
    pytest.skip("npm is not on PATH", allow_module_level=True)
pytest.importorskip("pygls", reason="the server needs pygls, part of fclint's install")


def npm(cwd: Path, *args: str, timeout: float,
        env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, FCLINT_SERVER=json.dumps([sys.executable, "-m", "fclint", "lsp"]),
               npm_config_fund="false", npm_config_audit="false", npm_config_update_notifier="false",
               **(env or {}))
    return subprocess.run([str(NPM), *args], cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                          capture_output=True, text=True, timeout=timeout, check=False)


def check(done: subprocess.CompletedProcess[str]) -> None:
    command = " ".join(str(part) for part in done.args[1:])
    assert done.returncode == 0, f"npm {command}:\n{done.stdout[-6000:]}\n{done.stderr[-4000:]}"


def ping(cwd: Path, env: dict[str, str] | None) -> str | None:
    """Why `npm ping` says the registry cannot be reached, or None when it answers."""
    try:
        done = npm(cwd, "ping", "--fetch-retries=0", "--fetch-timeout=10000",
                   timeout=PING_TIMEOUT, env=env)
    except subprocess.TimeoutExpired:
        return f"npm ping did not answer in {PING_TIMEOUT} s"
    if done.returncode == 0:
        return None
    code = OFFLINE.search(done.stderr) or re.search(r"code (E\w+)", done.stderr)
    return f"npm ping: {code.group() if code else done.stderr.strip().splitlines()[-1:]}"


def install_dependencies(copy: Path, env: dict[str, str] | None = None) -> str | None:
    """`npm ci` in `copy`: from npm's cache where it holds the packages, else from the registry,
    or from the cache alone when `npm ping` finds the registry out of reach. None when the
    dependencies are installed, else why they cannot be (a skip, not a failure)."""
    unreachable = ping(copy, env)
    args = ["ci", "--no-audit", "--no-fund", "--fetch-retries=0", "--fetch-timeout=20000",
            "--offline" if unreachable else "--prefer-offline"]
    try:
        done = npm(copy, *args, timeout=CI_TIMEOUT, env=env)
    except subprocess.TimeoutExpired:
        return f"npm ci did not finish in {CI_TIMEOUT} s: is the npm registry reachable?"
    output = done.stdout + done.stderr
    if done.returncode == 0:
        return None
    if unreachable and "ENOTCACHED" in output:
        return (f"the npm registry cannot be reached ({unreachable}) and npm's cache does not "
                "hold the extension's dependencies")
    if offline := OFFLINE.search(output):
        return f"the npm registry cannot be reached (npm ci: {offline.group()})"
    check(done)
    return None


@pytest.fixture(scope="module")
def extension(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """vscode-extension/ copied without what npm builds there, with its dependencies installed."""
    copy = tmp_path_factory.mktemp("vscode") / "vscode-extension"
    shutil.copytree(EXTENSION, copy, ignore=shutil.ignore_patterns("node_modules", "dist", "*.vsix"))
    if (reason := install_dependencies(copy)) is not None:
        pytest.skip(reason)
    return copy


def test_an_unreachable_registry_is_a_skip_with_the_reason(tmp_path: Path) -> None:
    """A registry that refuses connections and an empty npm cache: a reason to skip, within
    seconds, naming what npm said; nothing installed."""
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    copy = tmp_path / "vscode-extension"
    copy.mkdir()
    for name in ("package.json", "package-lock.json"):
        shutil.copy2(EXTENSION / name, copy / name)
    env = {"npm_config_registry": f"http://127.0.0.1:{port}/",
           "npm_config_cache": str(tmp_path / "empty-cache")}
    started = time.monotonic()
    reason = install_dependencies(copy, env)
    assert reason == ("the npm registry cannot be reached (npm ping: ECONNREFUSED) and npm's "
                      "cache does not hold the extension's dependencies")
    assert time.monotonic() - started < PING_TIMEOUT + 30
    assert not (copy / "node_modules").exists()


def test_extension_checks(extension: Path) -> None:
    # tsc --noEmit, esbuild, the unit tests, and test/lsp.test.mjs against the real server
    check(npm(extension, "test", timeout=120))


def test_extension_packages(extension: Path) -> None:
    manifest = json.loads((extension / "package.json").read_text(encoding="utf-8"))
    check(npm(extension, "run", "package", timeout=120))  # vsce package, then test/vsix.test.mjs
    vsix = extension / f"{manifest['name']}-{manifest['version']}.vsix"
    with zipfile.ZipFile(vsix) as packed:
        assert "extension/dist/extension.js" in packed.namelist()
