"""The least a warm run can cost: what reading and hashing every file of a corpus takes, with
nothing of fclint's around it.

A warm run must read every file again (the cache is keyed by content: a file's size and time
are never trusted alone), so no warm run can be faster than the interpreter's start plus these
reads. This times, on one corpus folder:

- `python -S -c pass` and `python -c pass`: the interpreter's start, without and with `site`;
- one Python process doing only what fclint's lookup does per file (open, fstat, read, close,
  a 16-byte BLAKE2 digest), best of `--repeats`; then the same split between two processes
  (a fork takes half), as a warm run of 2,000 files or more splits it;
- GNU `b2sum -l 128` over the same files in one process, in C, when it is installed.

    python benchmarks/floor.py                       # benchmarks/corpus/n10000
    python benchmarks/floor.py benchmarks/corpus/yaml10000
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def best(run, repeats: int) -> float:
    """The fastest of `repeats` timings of `run()`, after one untimed run (the page cache)."""
    run()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def read_and_hash(names: list[str]) -> None:
    for name in names:
        fd = os.open(name, os.O_RDONLY)
        try:
            data = os.read(fd, os.fstat(fd).st_size + 1)
        finally:
            os.close(fd)
        hashlib.blake2b(data, digest_size=16).digest()


def read_and_hash_in_two(names: list[str]) -> None:
    half = len(names) // 2
    child = os.fork()
    if child == 0:
        read_and_hash(names[half:])
        os._exit(0)
    read_and_hash(names[:half])
    os.waitpid(child, 0)


def command(argv: list[str]) -> None:
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", nargs="?", default=str(HERE / "corpus" / "n10000"))
    parser.add_argument("--repeats", type=int, default=10)
    args = parser.parse_args()
    folder = Path(args.folder)
    if not folder.is_dir():
        sys.exit(f"floor.py: {folder}: no such folder (python benchmarks/make_corpus.py writes it)")
    names = sorted(str(path) for path in folder.iterdir() if path.is_file())
    print(f"{folder}: {len(names):,} files, best of {args.repeats}")
    rows = [
        ("python -S -c pass", best(lambda: command([sys.executable, "-S", "-c", "pass"]),
                                   args.repeats)),
        ("python -c pass", best(lambda: command([sys.executable, "-c", "pass"]), args.repeats)),
        ("read and hash every file, one Python process (no start-up)",
         best(lambda: read_and_hash(names), args.repeats)),
    ]
    if hasattr(os, "fork"):
        rows.append(("the same, half of the files in a forked second process",
                     best(lambda: read_and_hash_in_two(names), args.repeats)))
    b2sum = shutil.which("b2sum")
    if b2sum is not None:
        rows.append(("b2sum -l 128 on every file, one process in C (with its start-up)",
                     best(lambda: command([b2sum, "-l", "128", *names]), args.repeats)))
    for what, seconds in rows:
        print(f"  {seconds * 1000:7.1f} ms  {what}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
