"""A pytest plugin: fclint as a new user gets it. Once per test run, `python -m build` makes the
wheel and the sdist from this checkout, and a fresh virtualenv gets the wheel by a plain
`pip install` (no extras; its dependencies from the package index pip is set up for).

The build and the virtualenv are shared by all of a run's xdist workers (a lock on a folder
beside their temporary folders). Tests that use it are skipped, with the reason, only when the
package index cannot be reached; any other failure to build or install fails them.
"""

from __future__ import annotations

import fcntl
import json
import os
import subprocess
import sys
import urllib.error
import urllib.request
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

CHECKOUT = Path(__file__).resolve().parent.parent
BUILD_TIMEOUT = 300  # seconds; the first build fetches hatchling into an isolated environment
INSTALL_TIMEOUT = 300
INDEX = os.environ.get("PIP_INDEX_URL", "https://pypi.org/simple/").rstrip("/") + "/"


@dataclass(frozen=True)
class FreshInstall:
    venv: Path
    wheel: Path
    sdist: Path

    @property
    def fclint(self) -> Path:
        return self.venv / "bin" / "fclint"

    @property
    def python(self) -> Path:
        return self.venv / "bin" / "python"


def index_unreachable() -> str | None:
    """Why the package index cannot be reached, or None when it answers."""
    try:
        with urllib.request.urlopen(INDEX + "pip/", timeout=15) as answer:
            answer.read(1)
    except (urllib.error.URLError, OSError) as error:
        return f"the package index {INDEX} cannot be reached ({error}): no fresh install"
    return None


def _run(command: list[str | Path], log: Path, timeout: int, **kwargs: object) -> None:
    with log.open("ab") as out:
        out.write(f"$ {' '.join(map(str, command))}\n".encode())
        out.flush()
        done = subprocess.run([str(c) for c in command], stdout=out, stderr=subprocess.STDOUT,
                              stdin=subprocess.DEVNULL, timeout=timeout, check=False,
                              **kwargs)  # type: ignore[call-overload]
    if done.returncode != 0:
        pytest.fail(f"{command[:4]} exited {done.returncode}:\n"
                    + log.read_text(errors="replace")[-4000:])


def _make(root: Path) -> FreshInstall:
    log = root / "log.txt"
    dist = root / "dist"
    _run([sys.executable, "-m", "build", "--outdir", dist, CHECKOUT], log, BUILD_TIMEOUT)
    [wheel] = dist.glob("fclint-*.whl")
    [sdist] = dist.glob("fclint-*.tar.gz")
    missing = sorted({f"fclint/schemas/{p.name}" for p in (CHECKOUT / "schemas").glob("*.json")}
                     - wheel_names(wheel))
    if missing:
        pytest.fail(f"the wheel {wheel.name} lacks the schemas {missing}")
    venv = root / "venv"
    # No pip of its own (ensurepip costs seconds): this run's pip installs into it, and skips
    # compiling the dependencies' bytecode, which the tests never read twice.
    _run([sys.executable, "-m", "venv", "--without-pip", venv], log, 120)
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH")}
    _run([sys.executable, "-m", "pip", "--python", venv / "bin" / "python", "install",
          "--quiet", "--no-compile", wheel], log, INSTALL_TIMEOUT, env=env, cwd=root)
    return FreshInstall(venv, wheel, sdist)


@pytest.fixture(scope="session")
def fresh_install(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FreshInstall]:
    """The fresh virtualenv with fclint's wheel in it (built and installed once per run)."""
    reason = index_unreachable()
    if reason is not None:
        pytest.skip(reason)
    shared = tmp_path_factory.getbasetemp().parent  # the workers' common folder under xdist
    if os.environ.get("PYTEST_XDIST_WORKER") is None:
        shared = tmp_path_factory.getbasetemp()
    root = shared / "fclint-fresh-install"
    root.mkdir(exist_ok=True)
    done = root / "done.json"
    with (shared / "fclint-fresh-install.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # the other workers wait for the one that builds
        if not done.exists():
            made = _make(root)
            done.write_text(json.dumps({"wheel": str(made.wheel), "sdist": str(made.sdist)}))
        paths = json.loads(done.read_text())
    yield FreshInstall(root / "venv", Path(paths["wheel"]), Path(paths["sdist"]))


def wheel_names(wheel: Path) -> set[str]:
    with zipfile.ZipFile(wheel) as archive:
        return set(archive.namelist())


def fresh_env(install: FreshInstall) -> dict[str, str]:
    """The environment a user's shell gives the fresh install: its bin first on PATH, no
    PYTHONPATH or virtualenv of the test run leaking in."""
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH")}
    env["PATH"] = f"{install.venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    env["VIRTUAL_ENV"] = str(install.venv)
    return env
