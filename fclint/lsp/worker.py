"""Lints off the request path: one thread lints while the event loop answers hover and
completion. A document's newer text replaces its lint that has not started (the latest version
wins), and each lint has the command line's per-file time budget, after which it ends in one
FC090 finding. Plain asyncio and threads: no pygls here."""

from __future__ import annotations

import asyncio
import ctypes
import sys
import threading
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Any

from fclint.startup import NoCycleCollection
from fclint.timelimit import FileTimeout


@dataclass(eq=False)
class Job:
    key: str
    version: Hashable
    work: Callable[[], Any]
    timed_out: Callable[[], Any]  # the result when the budget runs out
    future: asyncio.Future[Any]
    expired: bool = False


@dataclass(eq=False)
class Linter:
    """The lint thread of one server, started on first use."""

    loop: asyncio.AbstractEventLoop
    seconds: float  # the per-file time budget
    waiting: dict[str, Job] = field(default_factory=dict)  # key -> its one job not yet started
    running: Job | None = None

    def __post_init__(self) -> None:
        self._lock = threading.Condition()
        self._thread: threading.Thread | None = None

    def submit(self, key: str, version: Hashable, work: Callable[[], Any],
               timed_out: Callable[[], Any]) -> asyncio.Future[Any]:
        """A future of `work()`, run on the lint thread. The same key and version share one
        job; a new version cancels the key's job that has not started."""
        with self._lock:
            for job in (self.running, self.waiting.get(key)):
                if job is not None and job.key == key and job.version == version \
                        and not job.future.done():
                    return job.future
            old = self.waiting.pop(key, None)
            if old is not None:
                old.future.cancel()
            job = Job(key, version, work, timed_out, self.loop.create_future())
            self.waiting[key] = job
            self._lock.notify()
        if self._thread is None:
            self._thread = threading.Thread(target=self._serve, name="fclint-lint", daemon=True)
            self._thread.start()
        return job.future

    def drop(self, key: str) -> None:
        """Forget the key's job that has not started (its document closed)."""
        with self._lock:
            old = self.waiting.pop(key, None)
        if old is not None:
            old.future.cancel()

    def _serve(self) -> None:
        while True:
            with self._lock:
                while not self.waiting:
                    self._lock.wait()
                job = self.waiting.pop(next(iter(self.waiting)))
                self.running = job
            self.loop.call_soon_threadsafe(self._watch, job)
            outcome = self._run(job)
            self.loop.call_soon_threadsafe(_settle, job.future, outcome)

    def _run(self, job: Job) -> tuple[bool, Any]:
        outcome: tuple[bool, Any] = (True, None)
        try:
            try:
                with NoCycleCollection():  # collected after the lint, not amid it
                    outcome = (True, job.work())
            except FileTimeout:
                pass
            except BaseException as error:  # noqa: BLE001 - the caller's to report
                outcome = (False, error)
        except FileTimeout:  # it landed in the handler above
            pass
        finally:
            self._finish(job)
        if job.expired:  # whatever the work made of the interruption, it is a timeout
            return True, job.timed_out()
        return outcome

    def _finish(self, job: Job) -> None:
        """The job is over: no timeout may land in the thread after this."""
        while True:
            try:
                with self._lock:
                    self.running = None
                    _raise_in(threading.get_ident(), None)  # one already sent: withdrawn
                return
            except FileTimeout:  # it landed between the work and the lock
                continue

    def _watch(self, job: Job) -> None:
        self.loop.call_later(self.seconds, self._expire, job)

    def _expire(self, job: Job) -> None:
        with self._lock:
            if self.running is job and self._thread is not None:
                job.expired = True
                _raise_in(self._thread.ident, FileTimeout)


def _settle(future: asyncio.Future[Any], outcome: tuple[bool, Any]) -> None:
    if future.done():
        return
    ok, value = outcome
    if ok:
        future.set_result(value)
    else:
        future.set_exception(value)


def _raise_in(thread_id: int | None, error: type[BaseException] | None) -> None:
    """Raise `error` in the thread at its next bytecode (None: withdraw a pending one).
    CPython only; elsewhere a lint runs to its end."""
    if thread_id is None or sys.implementation.name != "cpython":
        return
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id),
                                               ctypes.py_object(error) if error else None)
