"""Lint many files: settings per file, every core when there are enough files to pay for it.

A big run forks `jobs - 1` workers and the main process lints beside them. Work is handed out
the way GNU make's jobserver hands out job slots: a pipe holds one byte per chunk of files,
and whoever is free reads the next byte. Chunks shrink towards the end of the list, so the
processes finish together. Each worker sends back, once, only what is not a clean config (its
diagnostics, files that were not configs, files it could not read) and what it added to the
result cache; after each chunk it says how far it got, for the progress line. Before any of
this, the files the result cache answers are taken from it (fclint.recall): only the others
are linted.
"""

from __future__ import annotations

import copyreg
import os
import sys
from dataclasses import dataclass, field, fields
from operator import attrgetter
from typing import Any

from fclint import guard, timelimit
from fclint.cache import ResultCache, lint_path
from fclint.config import SettingsResolver
from fclint.diagnostic import Diagnostic, Edit, FileResult, Fix, Span
from fclint.kinds import Kind
from fclint.progress import Progress
from fclint.recall import recalled
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


@dataclass
class Job:
    """What every file of a run is linted with: its settings, `--kind`, the result cache and
    the progress line (each None when the run has none)."""

    resolver: SettingsResolver
    kind: Kind | None = None
    cache: ResultCache | None = None
    progress: Progress | None = None


class WorkerFailed(Exception):
    """A worker process died or broke; its files are linted again in the main process."""


Slot = FileResult | Unreadable


def lint_files(files: list[str], resolver: SettingsResolver, kind: Kind | None = None,
               jobs: int | None = None, cache: ResultCache | None = None,
               progress: Progress | None = None) -> Outcome:
    """Lint `files` (paths as text) in order; results come back in the same order. With a
    cache, what it answers is taken from it first and only the rest is linted."""
    job = Job(resolver, kind, cache, progress)
    jobs = max(1, jobs or os.cpu_count() or 1)
    with NoCycleCollection():
        slots: list[Slot | None] = (
            recalled(files, cache, resolver, kind, jobs, progress)  # type: ignore[assignment]
            if cache is not None and cache.entries else [None] * len(files))
        todo = [index for index, slot in enumerate(slots) if slot is None]
        for index, slot in zip(todo, _lint([files[index] for index in todo], job, jobs)):
            slots[index] = slot
    return Outcome([slot for slot in slots if not isinstance(slot, Unreadable)],  # type: ignore[misc]
                   [slot for slot in slots if isinstance(slot, Unreadable)])


def _lint(files: list[str], job: Job, jobs: int) -> list[Slot]:
    """Lint `files` in order, in parallel when there are enough of them."""
    if jobs == 1 or len(files) < PARALLEL_FROM or not hasattr(os, "fork"):
        with timelimit.Budget(timelimit.SECONDS_PER_FILE) as budget:
            return [_counted(_lint_one(path, job, budget), job) for path in files]
    return _lint_in_parallel(files, job, jobs)


def _counted(slot: Slot, job: Job) -> Slot:
    if job.progress is not None:
        job.progress.advance(1, len(slot.diagnostics) if isinstance(slot, FileResult) else 0)
    return slot


def _lint_one(path: str, job: Job, budget: timelimit.Budget) -> Slot:
    """One file, within its time budget; from the result cache when it holds the file as it
    reads now."""
    settings = job.resolver.for_path(path)
    try:
        budget.arm()
        return lint_path(path, settings, job.kind, job.cache)
    except OSError as error:
        return Unreadable(path, error.strerror or str(error))
    except timelimit.FileTimeout:
        from fclint.engine import limit_exceeded

        return limit_exceeded(path, settings, timelimit.exceeded())
    except Exception as error:  # noqa: BLE001 - reading it failed (MemoryError...): its finding
        from fclint.engine import limit_exceeded

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


def _lint_in_parallel(files: list[str], job: Job, jobs: int) -> list[Slot]:
    slots: list[Slot | None] = [None] * len(files)
    # The first file is linted here before forking, so that the workers start with its
    # imports, compiled validators and parsers in hand instead of each making their own.
    with timelimit.Budget(timelimit.SECONDS_PER_FILE) as budget:
        slots[0] = _counted(_lint_one(files[0], job, budget), job)
    bounds = chunk_bounds(len(files) - 1, jobs)
    bounds = [(start + 1, end + 1) for start, end in bounds]
    tickets_read, tickets_write = os.pipe()
    os.write(tickets_write, bytes(range(len(bounds))))  # < 64 KiB: never blocks
    os.close(tickets_write)  # an empty pipe then reads as the end of the work
    news_read, news_write = os.pipe()  # each worker's "a chunk done, so many findings"
    os.set_blocking(news_read, False)
    workers = []
    try:
        for _ in range(jobs - 1):
            results_read, results_write = os.pipe()
            pid = os.fork()
            if pid == 0:  # the worker
                os.close(results_read)
                os.close(news_read)
                _work_and_exit(files, job, bounds, tickets_read, results_write, news_write)
            os.close(results_write)
            workers.append((pid, results_read))
        os.close(news_write)
        for index, slot in _take_tickets(files, job, bounds, tickets_read, news_read):
            slots[index] = slot
    finally:
        os.close(tickets_read)
    failures = []
    for pid, results_read in workers:
        try:
            chunks, exceptions, added = _receive(results_read, pid)
        except WorkerFailed as error:
            failures.append(str(error))
            continue
        for chunk in chunks:
            start, end = bounds[chunk]
            for index in range(start, end):
                slots[index] = FileResult(files[index], is_config=True)
        for index, slot in exceptions:
            slots[index] = slot
        if job.cache is not None:
            job.cache.added.update(added)
    _news(news_read, job)
    os.close(news_read)
    if failures:  # lint what the dead worker had taken, here; a crash here is reported as usual
        print(f"fclint: warning: {failures[0]}; linting its files again", file=sys.stderr)
        with timelimit.Budget(timelimit.SECONDS_PER_FILE) as budget:
            for index in range(len(slots)):
                if slots[index] is None:
                    slots[index] = _counted(_lint_one(files[index], job, budget), job)
    return slots  # type: ignore[return-value]


def _take_tickets(files: list[str], job: Job, bounds: list[tuple[int, int]], tickets: int,
                  news: int) -> list[tuple[int, Slot]]:
    """Lint chunk after chunk until the ticket pipe is empty, telling the progress line of
    the workers' chunks between files."""
    linted = []
    with timelimit.Budget(timelimit.SECONDS_PER_FILE) as budget:
        while ticket := os.read(tickets, 1):
            start, end = bounds[ticket[0]]
            for index in range(start, end):
                linted.append((index, _counted(_lint_one(files[index], job, budget), job)))
                if job.progress is not None:
                    _news(news, job)
    return linted


def _news(news: int, job: Job) -> None:
    """What the workers said of the chunks they finished: `files findings` lines."""
    if job.progress is None:
        return
    try:
        data = os.read(news, 65536)
    except BlockingIOError:
        return
    except OSError:
        return
    for line in data.split(b"\n"):
        files, _, findings = line.partition(b" ")
        if files.isdigit() and findings.isdigit():
            job.progress.advance(int(files), int(findings))


def _work_and_exit(files: list[str], job: Job, bounds: list[tuple[int, int]], tickets: int,
                   results: int, news: int) -> None:
    """A worker: lint chunks, then send which chunks it did, every result that is not a clean
    config and what it added to the cache, in one message. Each chunk's results are pickled as
    soon as it is done, so that the main process, which waits for this message, does not also
    wait for the pickling. The worker leaves with os._exit: the main process's buffered
    output, atexit handlers and open files are not its own to flush or close."""
    import pickle

    job.progress = None  # the main process draws the line; this one says how far it got
    status = 0
    try:
        taken: list[int] = []
        pickled: list[bytes] = []
        with timelimit.Budget(timelimit.SECONDS_PER_FILE) as budget:
            while ticket := os.read(tickets, 1):
                chunk = ticket[0]
                taken.append(chunk)
                start, end = bounds[chunk]
                exceptions, findings = [], 0
                for index in range(start, end):
                    slot = _lint_one(files[index], job, budget)
                    if isinstance(slot, Unreadable) or slot.diagnostics or not slot.is_config:
                        exceptions.append((index, slot))
                        findings += len(getattr(slot, "diagnostics", ()))
                pickled.append(pickle.dumps(exceptions, pickle.HIGHEST_PROTOCOL))
                _tell(news, end - start, findings)
        added = job.cache.added if job.cache is not None else {}
        message = pickle.dumps(("ok", taken, pickled, added), pickle.HIGHEST_PROTOCOL)
    except BaseException as error:  # noqa: BLE001 - reported by the main process
        message = pickle.dumps(("error", f"{type(error).__name__}: {error}"))
        status = 1
    try:
        with os.fdopen(results, "wb") as pipe:
            pipe.write(message)
    except BaseException:  # noqa: BLE001 - the main process sees a broken message
        status = 1
    os._exit(status)


def _tell(news: int, files: int, findings: int) -> None:
    try:  # a line shorter than PIPE_BUF is written whole, never mixed with another worker's
        os.write(news, f"{files} {findings}\n".encode())
    except OSError:
        pass


def _receive(results: int, pid: int) -> tuple[list[int], list[tuple[int, Slot]], dict[str, Any]]:
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
    return outcome[1], [slot for chunk in outcome[2] for slot in pickle.loads(chunk)], outcome[3]


def _death(status: int) -> str:
    if os.WIFSIGNALED(status):
        return f"killed by signal {os.WTERMSIG(status)}"
    return f"exit status {os.waitstatus_to_exitcode(status)}"


def _by_fields(cls: type) -> Any:
    """Pickle an instance of the dataclass `cls` as the call `cls(*fields)`, not as the
    default's object rebuilt from its `__dict__`: a worker's message a third smaller and
    cheaper to make and to read."""
    values = attrgetter(*(f.name for f in fields(cls)))
    return lambda value: (cls, values(value))


for _cls in (Span, Edit, Fix, Diagnostic, FileResult):
    copyreg.pickle(_cls, _by_fields(_cls))
