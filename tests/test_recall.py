"""A warm run looks every file up in the result cache first (fclint.recall), from 2,000 files
in forked processes that share the look-ups: it must answer exactly what linting answers,
for the files that changed as for those that did not, and survive a look-up process that
dies."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from clihelp import fclint as run

from fclint import recall, runner
from fclint.cache import ResultCache
from fclint.config import SettingsResolver
from fclint.rules import codes
from test_cache import CLEAN, ERROR, POISON, poison
from test_cache import _tree as tree

COUNT = recall.PARALLEL_FROM + 100  # enough for the look-ups to be shared


def _tree(root: Path) -> list[Path]:
    return tree(root, COUNT)  # a third of them with an error


def test_a_warm_run_of_thousands_of_files_answers_what_linting_answers(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FCLINT_CACHE_DIR", str(tmp_path / "cache"))
    paths = _tree(tmp_path / "tree")
    assert run("check", "--jobs", "2", "tree", cwd=tmp_path).returncode == 1  # fills the cache
    poison(tmp_path / "cache")  # what the cache answers now shows
    changed = {0: CLEAN, 1: ERROR, COUNT - 3: CLEAN, COUNT - 2: ERROR}  # in both slices
    for number, text in changed.items():
        paths[number].write_text(text, encoding="utf-8")
    paths[5].unlink()
    paths[5].symlink_to(tmp_path / "gone.json")  # unreadable now
    warm = run("check", "--jobs", "2", "tree", cwd=tmp_path)
    uncached = run("check", "--no-cache", "--jobs", "2", "tree", cwd=tmp_path)

    assert warm.returncode == uncached.returncode == 2  # the file that cannot be read
    assert warm.stderr == uncached.stderr == \
        f"fclint: error: {Path('tree', 'c005.json')}: cannot read: No such file or directory\n"
    flagged = [line for line in warm.stdout.splitlines() if ": FC006 " in line]
    fresh = {line.split(":")[0] for line in flagged if POISON not in line}
    assert fresh == {str(Path("tree", f"c{number:03}.json")) for number in (1, COUNT - 2)}
    assert len(flagged) == len(
        [line for line in uncached.stdout.splitlines() if ": FC006 " in line])
    assert warm.stdout.replace(POISON, "") == uncached.stdout


def test_a_look_up_process_that_dies_leaves_its_files_to_be_linted(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    files = [str(path) for path in _tree(tmp_path / "tree")]
    resolver = SettingsResolver(codes(), isolated=True)
    expected = runner.lint_files(files, resolver, jobs=1)
    filled = ResultCache(tmp_path / "cache")
    runner.lint_files(files, resolver, jobs=1, cache=filled)
    filled.save()

    parent, find = os.getpid(), ResultCache.find

    def dying_find(self: ResultCache, *args: object) -> object:
        if os.getpid() != parent:
            os._exit(3)
        return find(self, *args)

    monkeypatch.setattr(ResultCache, "find", dying_find)
    cache = ResultCache(tmp_path / "cache")
    answered = recall.recalled(files, cache, resolver, None, jobs=2)
    own = COUNT * 9 // 20  # this process's share: the rest was the dead process's
    assert all(result is not None for result in answered[:own])
    assert answered[own:] == [None] * (COUNT - own)

    outcome = runner.lint_files(files, resolver, jobs=2, cache=ResultCache(tmp_path / "cache"))
    assert outcome.results == expected.results
    assert outcome.unreadable == expected.unreadable == []
