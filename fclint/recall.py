"""Answer a run from the result cache before anything is linted.

On a tree that barely changed, most files are answered from the cache: each costs a read, a
hash and a look-up, far less than handing it to a lint worker and its result back. So every
file is looked up first, here; only the files the cache does not answer are linted. From
`PARALLEL_FROM` files the look-ups are shared with forked processes, one slice of the files
each, and each sends back the entries it found (plain data, cheap to send); the findings are
built from them in this process.
"""

from __future__ import annotations

import os
import pickle

from fclint.cache import Entry, ResultCache
from fclint.config import SettingsResolver
from fclint.diagnostic import FileResult
from fclint.kinds import Kind
from fclint.progress import Progress

PARALLEL_FROM = 2000  # a fork and its message back cost 2-5 ms: from here they save more


def recalled(files: list[str], cache: ResultCache, resolver: SettingsResolver,
             kind: Kind | None, jobs: int, progress: Progress | None = None,
             ) -> list[FileResult | None]:
    """The stored result of each file as it reads now, None where the cache has none;
    counted on the progress line."""
    results = _recalled(files, cache, resolver, kind, jobs)
    if progress is not None:
        found = [result for result in results if result is not None]
        progress.advance(len(found), sum(len(result.diagnostics) for result in found))
    return results


def _recalled(files: list[str], cache: ResultCache, resolver: SettingsResolver,
              kind: Kind | None, jobs: int) -> list[FileResult | None]:
    if jobs == 1 or len(files) < PARALLEL_FROM or not hasattr(os, "fork"):
        return cache.results(files, cache.find(files, resolver.for_path, kind))
    resolver.for_path(files[0])  # the configuration found and read once, not by each process
    # This process builds every finding, its own slice's while the others still read theirs,
    # so it takes a smaller share of the reading: nine tenths of an even one.
    share = len(files) * 9 // (10 * jobs)
    bounds = [0, *(share + (len(files) - share) * part // (jobs - 1) for part in range(jobs))]
    slices = list(zip(bounds[1:], bounds[2:]))
    children = [_fork(files[start:end], cache, resolver, kind) for start, end in slices]
    own = files[:share]
    results = cache.results(own, cache.find(own, resolver.for_path, kind))
    for (start, end), child in zip(slices, children):
        entries: list[Entry | None] = [None] * (end - start)
        for index, entry in _found(*child):
            entries[index] = entry
        results.extend(cache.results(files[start:end], entries))
    return results


def _fork(files: list[str], cache: ResultCache, resolver: SettingsResolver,
          kind: Kind | None) -> tuple[int, int]:
    """A process that looks up `files` and sends back the (index, entry) pairs it found;
    it leaves with os._exit, as the lint workers do (fclint.runner)."""
    readable, writable = os.pipe()
    pid = os.fork()
    if pid:
        os.close(writable)
        return pid, readable
    status = 0
    try:
        os.close(readable)
        entries = cache.find(files, resolver.for_path, kind)
        found = [(index, entry) for index, entry in enumerate(entries) if entry is not None]
        with os.fdopen(writable, "wb") as pipe:
            pipe.write(pickle.dumps(found, pickle.HIGHEST_PROTOCOL))
    except BaseException:  # noqa: BLE001 - what it did not send is linted instead
        status = 1
    os._exit(status)


def _found(pid: int, readable: int) -> list[tuple[int, Entry]]:
    """What a look-up process sent; nothing when it failed (its files are linted)."""
    with os.fdopen(readable, "rb") as pipe:
        data = pipe.read()
    _, status = os.waitpid(pid, 0)
    if status != 0:
        return []
    try:
        found = pickle.loads(data)  # our own child's message, not a file from the project
    except Exception:  # noqa: BLE001 - cut short
        return []
    return found if isinstance(found, list) else []
