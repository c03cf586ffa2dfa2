"""Lint many files: settings per file, every core when there are enough files to pay for it.

A big run forks `jobs - 1` workers and the main process lints beside them. Work is handed out
the way GNU make's jobserver hands out job slots: a pipe holds one byte per chunk of files,
and whoever is free reads the next byte. Chunks shrink towards the end of the list, so the
processes finish together. Each worker sends back, once, only what is not a clean config:
its diagnostics, files that were not configs, files it could not read.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field

from fclint import guard, timelimit
from fclint.config import SettingsResolver
from fclint.engine import FileResult, limit_exceeded, lint_path
from fclint.kinds import Kind
from fclint.startup import NoCycleCollection

PARALLEL_FROM = 200  # below this many files a second process costs more than it saves
MIN_CHUNK = 32  # files per chunk at the end of the list: small enough to even out the finish
MAX_CHUNKS = 255  # one byte names a chunk


@dataclass
class Unreadable:
    """A file that could not be read, and why (the OS's words)."""

    path: str
    reason: str


@dataclass
class Outcome:
    """The results of a run, in the order of the files, and the files that could not be read."""

    results: list[FileResult] = field(default_factory=list)
    unreadable: list[Unreadable] = field(default_factory=list)


class WorkerFailed(Exception):
    """A worker process died or broke; its files are linted again in the main process."""


def lint_files(files: list[str], resolver: SettingsResolver, kind: Kind | None = None,
               jobs: int | None = None) -> Outcome:
    """Lint `files` (paths as text) in order; results come back in the same order."""
    jobs = max(1, jobs or os.cpu_count() or 1)
    outcome = Outcome()
    with NoCycleCollection():
        if jobs == 1 or len(files) < PARALLEL_FROM or not hasattr(os, "fork"):
            with timelimit.Budget(timelimit.SECONDS_PER_FILE) as budget:
                slots: list[FileResult | Unreadable] = [
                    _lint_one(path, resolver, kind, budget) for path in files]
        else:
            slots = _lint_in_parallel(files, resolver, kind, jobs)
    for slot in slots:
        if isinstance(slot, Unreadable):
            outcome.unreadable.append(slot)
        else:
            outcome.results.append(slot)
    return outcome


def _lint_one(path: str, resolver: SettingsResolver, kind: Kind | None,
              budget: timelimit.Budget) -> FileResult | Unreadable:
    """One file, within its time budget."""
    settings = resolver.for_path(path)
    try:
        budget.arm()
        return lint_path(path, settings, kind)
    except OSError as error:
        return Unreadable(path, error.strerror or str(error))
    except timelimit.FileTimeout:
        return limit_exceeded(path, settings, f"checking the file took longer than "
                              f"{timelimit.SECONDS_PER_FILE:g} s; fclint stopped and does not "
                              "check it")
    except Exception as error:  # noqa: BLE001 - reading it failed (MemoryError...): its finding
        return limit_exceeded(path, settings, guard.absorb(error))
    finally:
        budget.disarm()


def chunk_bounds(count: int, jobs: int) -> list[tuple[int, int]]:
    """Half-open ranges over `count` files, shrinking as they go (guided scheduling): each
    takes a share of what is left, so early chunks are few and big and the last are small."""
    smallest = max(MIN_CHUNK, -(-count // MAX_CHUNKS))
    bounds, start = [], 0
    while start < count:
        size = max(smallest, (count - start) // (jobs * 4))
        bounds.append((start, min(start + size, count)))
        start += size
    return bounds


def _lint_in_parallel(files: list[str], resolver: SettingsResolver, kind: Kind | None,
                      jobs: int) -> list[FileResult | Unreadable]:
    slots: list[FileResult | Unreadable | None] = [None] * len(files)
    # The first file is linted here before forking, so that the workers start with its
    # imports, compiled validators and parsers in hand instead of each making their own.
    with timelimit.Budget(timelimit.SECONDS_PER_FILE) as budget:
        slots[0] = _lint_one(files[0], resolver, kind, budget)
    bounds = chunk_bounds(len(files) - 1, jobs)
    bounds = [(start + 1, end + 1) for start, end in bounds]
    tickets_read, tickets_write = os.pipe()
    os.write(tickets_write, bytes(range(len(bounds))))  # < 64 KiB: never blocks
    os.close(tickets_write)  # an empty pipe then reads as the end of the work
    workers = []
    try:
        for _ in range(jobs - 1):
            results_read, results_write = os.pipe()
            pid = os.fork()
            if pid == 0:  # the worker
                os.close(results_read)
                _work_and_exit(files, resolver, kind, bounds, tickets_read, results_write)
            os.close(results_write)
            workers.append((pid, results_read))
        for index, slot in _take_tickets(files, resolver, kind, bounds, tickets_read):
            slots[index] = slot
    finally:
        os.close(tickets_read)
    failures = []
    for pid, results_read in workers:
        try:
            chunks, exceptions = _receive(results_read, pid)
        except WorkerFailed as error:
            failures.append(str(error))
            continue
        for chunk in chunks:
            start, end = bounds[chunk]
            for index in range(start, end):
                slots[index] = FileResult(files[index], is_config=True)
        for index, slot in exceptions:
            slots[index] = slot
    if failures:  # lint what the dead worker had taken, here; a crash here is reported as usual
        print(f"fclint: warning: {failures[0]}; linting its files again", file=sys.stderr)
        with timelimit.Budget(timelimit.SECONDS_PER_FILE) as budget:
            for index in range(len(slots)):
                if slots[index] is None:
                    slots[index] = _lint_one(files[index], resolver, kind, budget)
    return slots  # type: ignore[return-value]


def _take_tickets(files: list[str], resolver: SettingsResolver, kind: Kind | None,
                  bounds: list[tuple[int, int]],
                  tickets: int) -> list[tuple[int, FileResult | Unreadable]]:
    """Lint chunk after chunk until the ticket pipe is empty."""
    linted = []
    with timelimit.Budget(timelimit.SECONDS_PER_FILE) as budget:
        while ticket := os.read(tickets, 1):
            start, end = bounds[ticket[0]]
            for index in range(start, end):
                linted.append((index, _lint_one(files[index], resolver, kind, budget)))
    return linted


def _work_and_exit(files: list[str], resolver: SettingsResolver, kind: Kind | None,
                   bounds: list[tuple[int, int]], tickets: int, results: int) -> None:
    """A worker: lint chunks, then send which chunks it did and every result that is not a
    clean config, in one message. Each chunk's results are pickled as soon as it is done, so
    that the main process, which waits for this message, does not also wait for the pickling.
    The worker leaves with os._exit: the main process's buffered output, atexit handlers and
    open files are not its own to flush or close."""
    import pickle

    status = 0
    try:
        taken: list[int] = []
        pickled: list[bytes] = []
        with timelimit.Budget(timelimit.SECONDS_PER_FILE) as budget:
            while ticket := os.read(tickets, 1):
                chunk = ticket[0]
                taken.append(chunk)
                start, end = bounds[chunk]
                exceptions = []
                for index in range(start, end):
                    slot = _lint_one(files[index], resolver, kind, budget)
                    if isinstance(slot, Unreadable) or slot.diagnostics or not slot.is_config:
                        exceptions.append((index, slot))
                pickled.append(pickle.dumps(exceptions, pickle.HIGHEST_PROTOCOL))
        message = pickle.dumps(("ok", taken, pickled), pickle.HIGHEST_PROTOCOL)
    except BaseException as error:  # noqa: BLE001 - reported by the main process
        message = pickle.dumps(("error", f"{type(error).__name__}: {error}"))
        status = 1
    try:
        with os.fdopen(results, "wb") as pipe:
            pipe.write(message)
    except BaseException:  # noqa: BLE001 - the main process sees a broken message
        status = 1
    os._exit(status)


def _receive(results: int, pid: int) -> tuple[list[int], list[tuple[int, FileResult | Unreadable]]]:
    import pickle

    with os.fdopen(results, "rb") as pipe:
        data = pipe.read()
    _, status = os.waitpid(pid, 0)
    try:
        outcome = pickle.loads(data)
    except Exception:  # noqa: BLE001 - cut short: the worker died
        outcome = None
    if not isinstance(outcome, tuple) or outcome[0] != "ok":
        why = outcome[1] if isinstance(outcome, tuple) else _death(status)
        raise WorkerFailed(f"a worker process failed ({why})")
    return outcome[1], [slot for chunk in outcome[2] for slot in pickle.loads(chunk)]


def _death(status: int) -> str:
    if os.WIFSIGNALED(status):
        return f"killed by signal {os.WTERMSIG(status)}"
    return f"exit status {os.waitstatus_to_exitcode(status)}"
