"""Lint many files: settings per file, both cores when there are enough files to pay for it."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from fclint.config import Settings, SettingsResolver
from fclint.engine import FileResult, lint_path
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


def _lint_chunk(chunk: list[tuple[Path, Settings]], kind: Kind | None) -> tuple[list[FileResult], list[Unreadable]]:
    results, unreadable = [], []
    for path, settings in chunk:
        try:
            results.append(lint_path(path, settings, kind))
        except OSError as error:
            unreadable.append(Unreadable(str(path), error.strerror or str(error)))
    return results, unreadable


def lint_files(files: list[Path], resolver: SettingsResolver, kind: Kind | None = None,
               jobs: int | None = None) -> Outcome:
    work = [(path, resolver.for_path(path)) for path in files]
    jobs = jobs or os.cpu_count() or 1
    outcome = Outcome()
    if jobs > 1 and len(work) >= PARALLEL_FROM:
        from concurrent.futures import ProcessPoolExecutor  # only runs big enough to use it pay
        from multiprocessing import get_context

        chunks = [work[i : i + CHUNK] for i in range(0, len(work), CHUNK)]
        with ProcessPoolExecutor(max_workers=jobs, mp_context=get_context("fork")) as pool:
            for results, unreadable in pool.map(_lint_chunk, chunks, [kind] * len(chunks)):
                outcome.results.extend(results)
                outcome.unreadable.extend(unreadable)
    else:
        outcome.results, outcome.unreadable = _lint_chunk(work, kind)
    return outcome
