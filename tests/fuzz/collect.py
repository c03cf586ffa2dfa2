"""Long fuzz runs that collect failure classes instead of stopping at the first failure.

    python tests/fuzz/collect.py --minutes 20 --level engine --out findings.json
    python tests/fuzz/collect.py --minutes 10 --level cli --out findings-cli.json

Every generated file goes through the same properties as tests/test_fuzz.py (without its
known-failure filters: known classes are counted too). Failures are grouped by their class
(`Problem.kind`); for each class the smallest input seen is shrunk by deleting bytes (ddmin)
while the class still shows, and the result written as JSON: class, count, file name, the
minimal bytes as a Python literal, and the traceback's last lines.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/, for `import fuzz`

from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st

from fuzz import checks, formats, known


class TimeUp(Exception):
    pass


def problems_of(level: str) -> Callable[[bytes, str], list[checks.Problem]]:
    def engine(data: bytes, name: str) -> list[checks.Problem]:
        return checks.engine_problems(data, name)

    def cli(data: bytes, name: str) -> list[checks.Problem]:
        with tempfile.TemporaryDirectory() as tmp:
            return checks.cli_problems(data, name, Path(tmp), fresh_process=True)

    return engine if level == "engine" else cli


def ddmin(data: bytes, holds: Callable[[bytes], bool], budget: float) -> bytes:
    """Delete chunks of `data`, then single bytes, while `holds` stays true (time-bounded)."""
    deadline = time.monotonic() + budget
    n = 2
    while len(data) >= 2 and time.monotonic() < deadline:
        chunk = max(1, len(data) // n)
        reduced = False
        for start in range(0, len(data), chunk):
            if time.monotonic() > deadline:
                break
            candidate = data[:start] + data[start + chunk :]
            if holds(candidate):
                data, n, reduced = candidate, max(n - 1, 2), True
                break
        if not reduced:
            if chunk == 1:
                break
            n = min(n * 2, len(data))
    return data


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--minutes", type=float, default=5)
    parser.add_argument("--level", choices=("engine", "cli"), default="engine")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=int(time.time()))
    parser.add_argument("--formats", default=",".join(formats.FORMATS))
    parser.add_argument("--shrink-seconds", type=float, default=60)
    args = parser.parse_args()
    check = problems_of(args.level)
    wanted = args.formats.split(",")
    strategy = st.one_of(*(formats.files(f) for f in wanted), formats.crossed())
    found: dict[str, dict] = {}
    deadline = time.monotonic() + args.minutes * 60
    examples = 0

    @seed(args.seed)
    @settings(
        max_examples=10**9,
        deadline=None,
        database=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(strategy)
    def explore(case: formats.Case) -> None:
        nonlocal examples
        if time.monotonic() > deadline:
            raise TimeUp
        examples += 1
        name, data = case
        for problem in check(data, name):
            entry = found.setdefault(
                problem.kind, {"count": 0, "name": name, "data": data, "detail": problem.detail}
            )
            entry["count"] += 1
            if len(data) < len(entry["data"]):
                entry.update(name=name, data=data, detail=problem.detail)

    started = time.monotonic()
    try:
        explore()
    except TimeUp:
        pass
    except BaseException as error:  # hypothesis may re-raise TimeUp wrapped
        if "TimeUp" not in repr(error):
            raise
    print(
        f"{examples} examples in {time.monotonic() - started:.0f} s, {len(found)} classes",
        file=sys.stderr,
    )
    out = []
    for kind, entry in sorted(found.items()):
        name = entry["name"]

        def holds(candidate: bytes, kind: str = kind, name: str = name) -> bool:
            return any(p.kind == kind for p in check(candidate, name))

        small = ddmin(entry["data"], holds, args.shrink_seconds)
        problem = next(
            (p for p in check(small, name) if p.kind == kind), checks.Problem(kind, entry["detail"])
        )
        filtered = (
            known._known_crash(small, name)
            or known._known_bad_output(problem, small, name)
            or "NEW"
        )  # which known failure the suite's filters file it under
        out.append(
            {
                "kind": kind,
                "count": entry["count"],
                "name": name,
                "minimal": repr(small),
                "detail": problem.detail,
                "known": filtered,
                "seen_smallest": repr(entry["data"][:2000]),
            }
        )
        print(
            f"{entry['count']:6d}  [{filtered}] {kind}\n        {name} {small[:200]!r}",
            file=sys.stderr,
        )
    args.out.write_text(
        json.dumps(
            {"examples": examples, "seed": args.seed, "level": args.level, "classes": out},
            indent=2,
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )


if __name__ == "__main__":
    main()
