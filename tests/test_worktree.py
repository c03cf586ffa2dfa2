"""The session check of tests/conftest.py, for real: pytest run in a temporary git repository
holding this suite's conftest, with tests that leave files in the checkout as a careless build
would. The run fails, naming each; a run that writes only to its temporary folders passes."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from clihelp import clean_env, git

TESTS = Path(__file__).resolve().parent
CARELESS = '''
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_builds_in_the_checkout():
    (ROOT / "vscode-extension" / "node_modules" / "x").mkdir(parents=True)
    (ROOT / "vscode-extension" / "node_modules" / "x" / "index.js").write_text("")
    (ROOT / "vscode-extension" / "dist").mkdir()
    (ROOT / "vscode-extension" / "dist" / "extension.js").write_text("")
    (ROOT / "vscode-extension" / "fclint-0.1.0.vsix").write_bytes(b"PK")
    (ROOT / ".fclint_cache").mkdir()
    (ROOT / ".fclint_cache" / "CACHEDIR.TAG").write_text("Signature: 8a477f597d28d172789f06886806bc55\\n")
    (ROOT / "notes.txt").write_text("left behind\\n")
    (ROOT / "README.md").write_text("changed\\n")
'''
CAREFUL = '''
def test_writes_in_its_own_folder(tmp_path):
    (tmp_path / "node_modules").mkdir()
'''


def run(tmp_path: Path, test: str) -> subprocess.CompletedProcess[str]:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    (tmp_path / "tests").mkdir()
    (tmp_path / "vscode-extension").mkdir()
    for helper in TESTS.glob("*.py"):  # the conftest and the modules it loads (plugins too)
        if not helper.name.startswith("test_"):
            shutil.copy2(helper, tmp_path / "tests" / helper.name)
    shutil.copy2(TESTS.parent / ".gitignore", tmp_path / ".gitignore")
    (tmp_path / "README.md").write_text("# a checkout\n", encoding="utf-8")
    (tmp_path / "vscode-extension" / "package.json").write_text("{}\n", encoding="utf-8")
    (tmp_path / "leftover.txt").write_text("there before the run\n", encoding="utf-8")
    git("init", "-q", ".", cwd=tmp_path)
    git("add", "README.md", ".gitignore", "tests", "vscode-extension", cwd=tmp_path)
    git("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "a checkout",
        cwd=tmp_path)
    (tmp_path / "tests" / "test_it.py").write_text(test, encoding="utf-8")
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:randomly", "tests"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=120,
                          env=clean_env(), check=False)


def test_a_run_that_leaves_files_in_the_checkout_fails(tmp_path: Path) -> None:
    done = run(tmp_path, CARELESS)
    assert done.returncode == pytest.ExitCode.TESTS_FAILED, done.stdout + done.stderr
    assert "1 passed" in done.stdout
    left = [line.split("git status: ", 1)[1] for line in done.stdout.splitlines()
            if "git status: " in line]
    # leftover.txt and the test itself were there before the run: not the run's doing
    assert left == [" M README.md", "!! .fclint_cache/", "!! vscode-extension/dist/",
                    "!! vscode-extension/fclint-0.1.0.vsix", "!! vscode-extension/node_modules/",
                    "?? notes.txt"], done.stdout


def test_a_run_that_writes_in_its_own_folders_passes(tmp_path: Path) -> None:
    done = run(tmp_path, CAREFUL)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "left files in the checkout" not in done.stdout
