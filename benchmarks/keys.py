"""Time `fclint check` on one body with many unknown keys (issue 18): the cost must grow
linearly with the keys, and 10,000 must take under a second, whole process.

    python benchmarks/keys.py [--sizes 1000,5000,10000] [--runs 5] [--formats json,http]

Each body is `{"maxAsyncRetryAttempts": 1, "k0": 0, ...}` on one line (a `.json` file, and the
same body in a `.http` request), so every key but one is an FC001 finding with its message and
span. Each time is the median wall-clock time of `--runs` runs of the whole process (start-up
included, `--no-cache`, `--format json` read back to count the findings), after one untimed
warm-up, with the CPU time (user + system) beside it: on a shared machine the wall-clock time
waits for other processes. The report is a markdown table: both times, CPU microseconds per key
above the smallest size (the slope: flat when the cost is linear), and the one-second bar: PASS
on wall-clock time, "PASS (CPU)" when only the CPU time is under it (a busy machine), or MISS.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BAR = 1.0  # seconds for the largest body, whole process
REQUEST = "PUT /2023-03-30/functions/f/async-invoke-config\nContent-Type: application/json\n\n"


def body(keys: int) -> str:
    data: dict[str, int] = {"maxAsyncRetryAttempts": 1}
    data.update({f"k{i}": i for i in range(keys)})
    return json.dumps(data)


def write(folder: Path, keys: int, fmt: str) -> Path:
    path = folder / f"keys{keys}.{fmt}"
    text = body(keys) + "\n"
    path.write_text(REQUEST + text if fmt == "http" else text, encoding="utf-8")
    return path


def timed(path: Path) -> tuple[float, float, int]:
    """Wall-clock and CPU seconds (user + system) of one `fclint check` of `path`, and the
    findings it reported."""
    command = [sys.executable, "-m", "fclint", "check", "--no-cache", "--format", "json",
               "--exit-zero", path.name]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(command, cwd=path.parent, capture_output=True, check=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return wall, cpu, len(json.loads(done.stdout))


def measure(path: Path, keys: int, runs: int) -> tuple[float, float]:
    """The medians of wall-clock and CPU time over `runs` runs."""
    timed(path)  # warm-up: the page cache, Python's bytecode
    walls, cpus = [], []
    for _ in range(runs):
        wall, cpu, found = timed(path)
        if found != keys:
            raise SystemExit(f"{path.name}: {found} findings, expected {keys} (one per key)")
        walls.append(wall)
        cpus.append(cpu)
    return statistics.median(walls), statistics.median(cpus)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,5000,10000")
    parser.add_argument("--formats", default="json,http")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    rows = ["| body | keys | wall s | CPU s | CPU µs per key above the smallest | under 1 s |",
            "| --- | ---: | ---: | ---: | ---: | --- |"]
    misses = 0
    with tempfile.TemporaryDirectory() as folder:
        for fmt in args.formats.split(","):
            first: tuple[int, float] | None = None
            for keys in sizes:
                wall, cpu = measure(write(Path(folder), keys, fmt), keys, args.runs)
                slope = "" if first is None else f"{(cpu - first[1]) / (keys - first[0]) * 1e6:.0f}"
                first = first or (keys, cpu)
                bar = ""
                if keys == max(sizes):  # judged on wall time when the machine is idle enough
                    bar = "PASS" if wall < BAR else ("MISS" if cpu >= BAR else "PASS (CPU)")
                    misses += bar == "MISS"
                rows.append(f"| .{fmt} | {keys:,} | {wall:.2f} | {cpu:.2f} | {slope} | {bar} |")
    print("\n".join(rows))
    print(f"\nload average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    sys.exit(1 if misses else 0)


if __name__ == "__main__":
    main()
