"""A real editor on the fresh install: headless Neovim, with the init.lua the README gives
(tests/data/neovim/init.lua), starts `fclint lsp` from the virtualenv that has only the wheel
(tests/freshenv.py), shows fclint's diagnostic on the right line and column of a bad body,
applies fclint's quick fix to the buffer and sees the diagnostic clear.

Needs `nvim` (Debian's `neovim`; skipped, saying so, without it)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from freshenv import CHECKOUT, FreshInstall, fresh_env

NVIM = shutil.which("nvim")
DATA = Path(__file__).parent / "data" / "neovim"
BODY = '{\n  "maxAsyncRetryAtempts": 2,\n  "maxAsyncEventAgeInSeconds": 300\n}\n'
TIMEOUT_MS = 30000  # for each wait inside Neovim, on a loaded 2-core machine

pytestmark = pytest.mark.skipif(NVIM is None, reason="nvim is not installed (apt-get install "
                                                     "neovim)")


def test_neovim_shows_the_diagnostic_and_clears_it_after_the_fix(
        fresh_install: FreshInstall, tmp_path: Path) -> None:
    assert NVIM is not None
    path = tmp_path / "put-async-config.json"
    path.write_text(BODY, encoding="utf-8")
    env = fresh_env(fresh_install)  # `fclint` on PATH is the fresh install's
    for name in ("CONFIG", "DATA", "STATE", "CACHE"):  # none of the user's Neovim setup
        env[f"XDG_{name}_HOME"] = str(tmp_path / name.lower())
    out = tmp_path / "seen.json"
    env.update(FCLINT_TEST_FILE=str(path), FCLINT_TEST_OUT=str(out),
               FCLINT_TEST_TIMEOUT=str(TIMEOUT_MS))
    done = subprocess.run(
        [NVIM, "--headless", "-n", "-i", "NONE", "-u", DATA / "init.lua",
         "-c", f"luafile {DATA / 'drive.lua'}"],
        cwd=tmp_path, env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True,
        timeout=3 * TIMEOUT_MS / 1000, check=False)
    assert out.exists(), f"Neovim wrote nothing (exit {done.returncode}): {done.stderr[-2000:]}"
    seen = json.loads(out.read_text(encoding="utf-8"))
    assert "error" not in seen, seen
    assert (seen["filetype"], seen["server"]) == ("json", "fclint")
    # Neovim counts from 0: line 2, column 3 of the file.
    assert [(d["code"], d["line"] + 1, d["col"] + 1, d["source"]) for d in seen["before"]] == [
        ("FC001", 2, 3, "fclint")]
    assert seen["before"][0]["message"].startswith("'maxAsyncRetryAtempts' is not a key")
    assert seen["fix"] == "Rename to 'maxAsyncRetryAttempts'"
    assert seen["fixed_line"] == '  "maxAsyncRetryAttempts": 2,'
    assert (seen["cleared"], seen["after"]) == (True, [])
    assert path.read_text(encoding="utf-8") == BODY  # the buffer was fixed, not the file


def test_readme_gives_the_init_lua_the_test_uses() -> None:
    readme = (CHECKOUT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```lua\n(.*?)```", readme, re.DOTALL)
    assert (DATA / "init.lua").read_text(encoding="utf-8") in blocks
