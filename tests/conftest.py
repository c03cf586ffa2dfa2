"""Every test runs with a result cache of its own: a run's cached results never answer
another test's run (tests patch rules and settings in process), and no test writes a
`.fclint_cache` into the checkout. The cache's own tests (test_cache.py) say where theirs is."""

from __future__ import annotations

import pytest

pytest_plugins = ["freshenv"]  # the `fresh_install` fixture: the wheel in a fresh virtualenv


@pytest.fixture(autouse=True)
def _own_result_cache(tmp_path_factory: pytest.TempPathFactory,
                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FCLINT_CACHE_DIR", str(tmp_path_factory.mktemp("fclint-cache")))
