"""The pre-commit hook with the real `pre-commit`, and the GitHub Action's install step for
real: both pip-install this checkout into a fresh environment, so they need PyPI (or the
configured index) and take a while the first time. Skipped without `pre-commit` or git, or when
pip cannot reach the index (what it says is the reason given).

The hook repository is a copy of this checkout's working tree committed into a temporary
repository and tagged as a release is (`v` and fclint/version.py's version): `pre-commit
try-repo` on the checkout itself would only see committed and tracked files, and the files under
review are often neither. The README's snippets are run as a reader copies them, with only the
repository URL replaced by the temporary repository's path.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

pytest.importorskip("pre_commit", reason="pre-commit is not installed")
if shutil.which("git") is None:
    pytest.skip("git is not installed", allow_module_level=True)

from clihelp import clean_env
from fclint.version import __version__
from snippets import snippet

CHECKOUT = Path(__file__).resolve().parents[1]
URL = tomllib.loads((CHECKOUT / "pyproject.toml").read_text(encoding="utf-8"))[
    "project"]["urls"]["Repository"]
TAG = f"v{__version__}"  # the README's tag scheme
# What pip says (through pre-commit) when the package index cannot be reached: the network
# error, or with retries off only that the build backend, the first package fetched, is not there.
OFFLINE = re.compile(r"Failed to establish a new connection|Temporary failure in name resolution|"
                     r"Name or service not known|Network is unreachable|"
                     r"No matching distribution found for hatchling")
INSTALL_TIMEOUT = 900  # seconds: the first run builds an environment from the index
BAD = '{"maxAsyncRetryAttempts": 9}\n'
GOOD = '{"maxAsyncRetryAttempts": 3, "maxAsyncEventAgeInSeconds": 3600}\n'
UNRELATED = {
    "package.json": '{"name": "web", "version": "1.0.0", "scripts": {"test": "jest"}}\n',
    "tsconfig.json": '{"compilerOptions": {"strict": true}}\n',
    ".github/workflows/ci.yml": "on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n",
    "docker-compose.yaml": "services:\n  web:\n    image: nginx\n",
    "setup.py": "from setuptools import setup\nsetup(name='x')\n",
    "notes.http": "GET https://example.com/\n",
}


def env(home: Path) -> dict[str, str]:
    return clean_env() | {
        "PRE_COMMIT_HOME": str(home),
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com",
        "GIT_CONFIG_NOSYSTEM": "1", "HOME": str(home),
    }


def sh(*args: str, cwd: Path, home: Path, check: bool = True,
       timeout: float = INSTALL_TIMEOUT) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(list(args), cwd=cwd, env=env(home), capture_output=True, text=True,
                          timeout=timeout, check=False)
    skip_when_offline(done.returncode, done.stdout + done.stderr)
    if check and done.returncode:
        raise AssertionError(f"{args} exited {done.returncode}:\n{done.stdout}\n{done.stderr}")
    return done


def skip_when_offline(status: int, output: str) -> None:
    if status and (offline := OFFLINE.search(output)):
        pytest.skip(f"pip cannot reach the package index to build fclint's environment ({offline.group()})")


def copy_checkout(target: Path) -> None:
    """The checkout's working tree (tracked and untracked, not ignored), without the tests and
    benchmarks, which the package does not need."""
    listing = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=CHECKOUT, capture_output=True, check=True, timeout=60, env=clean_env()).stdout
    for name in listing.decode("utf-8").split("\0"):
        if not name or name.startswith(("tests/", "benchmarks/")):
            continue
        source = CHECKOUT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """PRE_COMMIT_HOME (and HOME) shared by the module, so the hook is installed once."""
    return tmp_path_factory.mktemp("pre-commit-home")


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory, home: Path) -> tuple[Path, str]:
    source = tmp_path_factory.mktemp("hook-source")
    copy_checkout(source)
    sh("git", "init", "-q", ".", cwd=source, home=home)
    sh("git", "add", "-A", cwd=source, home=home)
    sh("git", "commit", "-q", "--no-verify", "-m", "fclint under test", cwd=source, home=home)
    sh("git", "tag", "-a", TAG, "-m", f"fclint {__version__}", cwd=source, home=home)
    return source, TAG


@pytest.fixture
def project(tmp_path: Path, hook_repo: tuple[Path, str], home: Path) -> Path:
    source, rev = hook_repo
    sh("git", "init", "-q", ".", cwd=tmp_path, home=home)
    (tmp_path / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {source}\n    rev: {rev}\n    hooks:\n      - id: fclint\n",
        encoding="utf-8")
    sh(sys.executable, "-m", "pre_commit", "install", cwd=tmp_path, home=home)
    sh("git", "add", ".pre-commit-config.yaml", cwd=tmp_path, home=home)
    return tmp_path


def commit(project: Path, home: Path, files: dict[str, str]) -> subprocess.CompletedProcess[str]:
    for name, text in files.items():
        (project / name).parent.mkdir(parents=True, exist_ok=True)
        (project / name).write_text(text, encoding="utf-8")
        sh("git", "add", name, cwd=project, home=home)
    return sh("git", "commit", "-m", "change", cwd=project, home=home, check=False)


def committed(project: Path, home: Path) -> bool:
    return sh("git", "rev-parse", "-q", "--verify", "HEAD", cwd=project, home=home,
              check=False).returncode == 0


def test_bad_config_blocks_the_commit(project: Path, home: Path) -> None:
    done = commit(project, home, {"configs/put.json": BAD})
    assert done.returncode != 0
    output = done.stdout + done.stderr
    assert "fclint" in output and "Failed" in output
    assert "configs/put.json:1:27: FC006 9 is greater than the maximum of 8" in output
    assert not committed(project, home)


def test_bad_http_request_blocks_the_commit(project: Path, home: Path) -> None:
    request = ("PUT https://1234567890123456.cn-hangzhou.fc.aliyuncs.com/2016-08-15/services/svc/"
               "functions/fn/async-invoke-config\nContent-Type: application/json\n\n" + BAD)
    done = commit(project, home, {"api/async.http": request})
    assert done.returncode != 0
    assert "api/async.http:4:27: FC006" in done.stdout + done.stderr


def test_good_config_and_unrelated_files_pass(project: Path, home: Path) -> None:
    done = commit(project, home, {"configs/put.json": GOOD, **UNRELATED})
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    assert "fclint" in output and "Passed" in output
    assert committed(project, home)


def test_only_staged_content_is_checked(project: Path, home: Path) -> None:
    (project / "untracked.json").write_text(BAD, encoding="utf-8")  # never staged
    done = commit(project, home, {"configs/put.json": GOOD})
    assert done.returncode == 0, done.stdout + done.stderr
    # a bad edit left unstaged: pre-commit checks the staged (good) version
    (project / "configs" / "put.json").write_text(BAD, encoding="utf-8")
    (project / "other.json").write_text(GOOD, encoding="utf-8")
    done = commit(project, home, {"other.json": GOOD.replace("3600", "7200")})
    assert done.returncode == 0, done.stdout + done.stderr
    assert (project / "configs" / "put.json").read_text(encoding="utf-8") == BAD  # restored


def test_action_install_step_installs_fclint(tmp_path: Path, hook_repo: tuple[Path, str],
                                             home: Path) -> None:
    """The action's install step for real, from a copy of this checkout as its path."""
    from test_gate import run_action

    source, _ = hook_repo
    (tmp_path / "bad.json").write_text(BAD, encoding="utf-8")
    status, outputs = run_action(tmp_path, {"paths": "bad.json"}, install=True,
                                 action_path=source)
    if "log:Run fclint" not in outputs:  # the install step failed: its status is no finding
        skip_when_offline(status, outputs["log:Install fclint"])
        raise AssertionError(f"the install step exited {status}:\n{outputs['log:Install fclint']}")
    assert status == 1, outputs
    venv_fclint = tmp_path / "runner-temp" / "fclint-venv" / "bin" / "fclint"
    assert venv_fclint.exists()
    assert (tmp_path / "gh-path").read_text(encoding="utf-8").strip() == str(venv_fclint.parent)
    assert "::error file=bad.json,line=1,col=27" in outputs["log:Run fclint"]


def test_the_fix_hook_fixes_the_file_and_fails_the_commit(tmp_path: Path,
                                                         hook_repo: tuple[Path, str],
                                                         home: Path) -> None:
    """`fclint-fix` rewrites what it can fix; pre-commit fails a hook that changed files, so
    the commit stops with the file fixed, and the next commit of the fixed file passes."""
    source, rev = hook_repo
    sh("git", "init", "-q", ".", cwd=tmp_path, home=home)
    (tmp_path / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {source}\n    rev: {rev}\n    hooks:\n      - id: fclint-fix\n",
        encoding="utf-8")
    sh(sys.executable, "-m", "pre_commit", "install", cwd=tmp_path, home=home)
    sh("git", "add", ".pre-commit-config.yaml", cwd=tmp_path, home=home)
    done = commit(tmp_path, home, {"put.json": '{"maxAsyncRetryAttempts": "3",\n "DestinationConfig": {}}\n'})
    assert done.returncode != 0 and not committed(tmp_path, home)
    assert "files were modified by this hook" in done.stdout + done.stderr
    assert (tmp_path / "put.json").read_text(encoding="utf-8") == (
        '{"maxAsyncRetryAttempts": 3,\n "destinationConfig": {}}\n')
    sh("git", "add", "put.json", cwd=tmp_path, home=home)
    again = sh("git", "commit", "-m", "fixed", cwd=tmp_path, home=home, check=False)
    # What the fixer cannot fix (an empty destinationConfig is a warning) does not block.
    assert again.returncode == 0, again.stdout + again.stderr


def run_all(project: Path, home: Path, files: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """`pre-commit run --all-files` over `files`, added to the index as a user's files are."""
    for name, text in files.items():
        (project / name).parent.mkdir(parents=True, exist_ok=True)
        (project / name).write_text(text, encoding="utf-8")
    sh("git", "add", "-A", cwd=project, home=home)
    return sh(sys.executable, "-m", "pre_commit", "run", "--all-files", cwd=project, home=home,
              check=False)


@pytest.mark.parametrize("kind", ["release", "local"])
def test_the_readme_snippet_finds_the_bad_file_and_passes_the_good(
        kind: str, tmp_path: Path, hook_repo: tuple[Path, str], home: Path) -> None:
    """The README's .pre-commit-config.yaml, verbatim: the hook repository at its release tag,
    and the local hook, which runs the `fclint` on PATH (the one under test)."""
    source, _ = hook_repo
    if kind == "release":
        config = snippet(f"repo: {URL}")
        assert f"rev: {TAG}\n" in config
        config = config.replace(URL, str(source))
    else:
        config = snippet("repo: local")
    sh("git", "init", "-q", ".", cwd=tmp_path, home=home)
    (tmp_path / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
    done = run_all(tmp_path, home, {"configs/put.json": BAD})
    output = done.stdout + done.stderr
    assert done.returncode == 1, output
    assert "configs/put.json:1:27: FC006 9 is greater than the maximum of 8" in output
    done = run_all(tmp_path, home, {"configs/put.json": GOOD, **UNRELATED})
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Passed" in done.stdout


def test_the_local_hook_reads_the_files_the_published_hook_reads() -> None:
    yaml = pytest.importorskip("yaml")
    local = yaml.safe_load(snippet("repo: local"))["repos"][0]["hooks"][0]
    published = yaml.safe_load((CHECKOUT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    hook = next(hook for hook in published if hook["id"] == local["id"])
    for key in ("entry", "files", "require_serial"):
        assert local[key] == hook[key], key


def test_the_readme_git_line_builds_fclint_at_the_tag(tmp_path: Path, hook_repo: tuple[Path, str],
                                                      home: Path) -> None:
    """The README's `pip install "fclint @ git+URL"`, at the release tag as the README says to
    name one, with the URL replaced by the tagged repository's: pip clones it, checks the tag out
    and builds a wheel of that version with the schemas in it."""
    source, _ = hook_repo
    readme = (CHECKOUT / "README.md").read_text(encoding="utf-8")
    line = f'pip install "fclint @ git+{URL}"'
    assert line in readme and f"git+{URL}@{TAG}" in readme
    # `file://localhost/...`: the pip a new virtualenv brings (23.2) rejects a file URL
    # without a host; git reads both forms.
    spec = f"fclint @ git+file://localhost{source}@{TAG}"
    done = sh(sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(tmp_path),
              spec, cwd=tmp_path, home=home)
    wheels = sorted(path.name for path in tmp_path.glob("*.whl"))
    assert wheels == [f"fclint-{__version__}-py3-none-any.whl"], done.stdout + done.stderr
    with zipfile.ZipFile(tmp_path / wheels[0]) as wheel:
        packed = {name for name in wheel.namelist() if name.startswith("fclint/schemas/")}
    schemas = {f"fclint/schemas/{path.name}" for path in (CHECKOUT / "schemas").glob("*.json")}
    assert schemas and schemas <= packed
