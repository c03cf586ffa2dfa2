"""Every test runs with a result cache of its own: a run's cached results never answer
another test's run (tests patch rules and settings in process), and no test writes a
`.fclint_cache` into the checkout. The cache's own tests (test_cache.py) say where theirs is.

A run leaves the checkout as it found it: `git status`, ignored files included, is the same
after the session as before it, or the run fails naming what was left (tests/worktree.py)."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

pytest_plugins = ["freshenv"]  # the `fresh_install` fixture: the wheel in a fresh virtualenv


@pytest.fixture(autouse=True)
def _own_result_cache(tmp_path_factory: pytest.TempPathFactory,
                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FCLINT_CACHE_DIR", str(tmp_path_factory.mktemp("fclint-cache")))


ROOT = Path(__file__).resolve().parents[1]
BEFORE = pytest.StashKey[frozenset[str]]()
LEFT = pytest.StashKey[list[str]]()


def pytest_configure(config: pytest.Config) -> None:
    # Hypothesis keeps its example database and constants cache in ./.hypothesis by default.
    try:
        from hypothesis.configuration import set_hypothesis_home_dir
    except ImportError:
        return
    set_hypothesis_home_dir(Path(tempfile.gettempdir()) / "fclint-tests-hypothesis")


def pytest_sessionstart(session: pytest.Session) -> None:
    import worktree

    if not hasattr(session.config, "workerinput"):  # xdist's workers share the controller's tree
        before = worktree.status(ROOT)
        if before is not None:
            session.config.stash[BEFORE] = before


def pytest_sessionfinish(session: pytest.Session) -> None:
    import worktree

    before = session.config.stash.get(BEFORE, None)
    after = worktree.status(ROOT) if before is not None else None
    if before is not None and after is not None and (left := worktree.left_behind(before, after)):
        session.config.stash[LEFT] = left
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter, config: pytest.Config) -> None:  # type: ignore[no-untyped-def]
    if left := config.stash.get(LEFT, None):
        terminalreporter.section("the tests left files in the checkout", sep="=", red=True)
        for entry in left:
            terminalreporter.line(f"{ROOT.name}: git status: {entry}")
