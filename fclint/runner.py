"""Lint many files: settings per file, both cores when there are enough files to pay for it."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from fclint.config import SettingsResolver
from fclint import timelimit
from fclint.engine import FileResult, limit_exceeded, lint_path
from fclint.startup import NoCycleCollection
from fclint.kinds import Kind

PARALLEL_FROM = 200  # below this many files a second process costs more than it saves
CHUNK = 64


@dataclass
class Unreadable:
    path: str
    reason: str


@dataclass
class Outcome:
    results: list[FileResult] = field(default_factory=list)
    unreadable: list[Unreadable] = field(default_factory=list)


# What the forked workers lint: set before the pool forks, so each worker inherits the file
# list and the settings cache instead of receiving them pickled, chunk by chunk.
_JOB: tuple[list[Path], SettingsResolver, Kind | None] | None = None


def _lint_range(start: int, end: int) -> tuple[list[FileResult], list[Unreadable]]:
    assert _JOB is not None
    files, resolver, kind = _JOB
    results, unreadable = [], []
    with NoCycleCollection():
        _lint_each(files[start:end], resolver, kind, results, unreadable)
    return results, unreadable


def _lint_each(files: list[Path], resolver: SettingsResolver, kind: Kind | None,
               results: list[FileResult], unreadable: list[Unreadable]) -> None:
    with timelimit.Budget(timelimit.SECONDS_PER_FILE) as budget:
        for path in files:
            settings = resolver.for_path(path)
            try:
                budget.arm()
                results.append(lint_path(path, settings, kind))
            except OSError as error:
                unreadable.append(Unreadable(str(path), error.strerror or str(error)))
            except timelimit.FileTimeout:
                results.append(limit_exceeded(
                    str(path), settings, f"checking the file took longer than "
                    f"{timelimit.SECONDS_PER_FILE:g} s; fclint stopped and does not check it"))


def lint_files(files: list[Path], resolver: SettingsResolver, kind: Kind | None = None,
               jobs: int | None = None) -> Outcome:
    global _JOB
    jobs = jobs or os.cpu_count() or 1
    outcome = Outcome()
    _JOB = (files, resolver, kind)
    try:
        if jobs > 1 and len(files) >= PARALLEL_FROM:
            from concurrent.futures import ProcessPoolExecutor  # only big runs pay for it
            from multiprocessing import get_context

            # The first file is linted here, so that the workers fork with its imports, compiled
            # validators and parsers in hand instead of each making their own.
            outcome.results, outcome.unreadable = _lint_range(0, 1)
            chunk = max(CHUNK, len(files) // (jobs * 8))  # few round trips, still balanced
            starts = range(1, len(files), chunk)
            ends = [min(start + chunk, len(files)) for start in starts]
            with ProcessPoolExecutor(max_workers=jobs, mp_context=get_context("fork")) as pool:
                for results, unreadable in pool.map(_lint_range, starts, ends):
                    outcome.results.extend(results)
                    outcome.unreadable.extend(unreadable)
        else:
            outcome.results, outcome.unreadable = _lint_range(0, len(files))
    finally:
        _JOB = None
    return outcome
