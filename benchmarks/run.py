"""Time `fclint check DIR` against `check-jsonschema --schemafile ... FILES...` on one corpus.

    python benchmarks/make_corpus.py && python benchmarks/run.py [--corpora json,yaml,notebooks]

Three corpora (make_corpus.py): JSON request bodies (n1, n1000, n10000; `--sizes`), the same
10,000 bodies as YAML (yaml10000; `--yaml-sizes`), compared with check-jsonschema in the same
way, and 1,000 Jupyter notebooks (nb1000; `--notebook-sizes`), timed with fclint alone
(median of 3, notebooks per second; fclint must flag exactly the manifest's notebooks).

For each corpus size (benchmarks/corpus/n1, n1000, n10000 by default) both commands run on
the same files, alternately, several times (median of 5 runs for up to 1,000 files, of 3 for
10,000), after one untimed warm-up run each. Each time is the wall-clock time of the whole
process, start-up included, as `time` would show it. fclint runs three ways (MODES): without a
cache, with an empty cache it fills (cold), and again on the unchanged tree (warm). The report
is a markdown table with the medians and fclint's share of check-jsonschema's time (below 1:
fclint is faster), then each target with PASS or MISS.

Both tools write JSON reports (`fclint check --format json --exit-zero`,
`check-jsonschema -o json`); every timed run's report is read back to count the files each tool
flags, as a sanity check that both did the work: fclint must flag exactly the erroneous files
listed in the corpus manifest, and check-jsonschema the erroneous files its schema can see. The
FC 2.0 request schema has no pattern for destination ARNs, so check-jsonschema cannot see the
malformed MNS ARN (`.../message`), one error kind in five: it flags about 4/5 of the erroneous
files, fclint all of them.

The executables are looked up next to sys.executable (the same virtualenv) first, then on
PATH. check-jsonschema takes the files as arguments, all of them in one invocation: 10,000
paths of ~40 bytes are ~0.4 MB, far under Linux's ARG_MAX (2 MB with the default 8 MB stack;
`getconf ARG_MAX`). Should the command line not fit (another OS, a very long corpus path), the
files are split into as few invocations as fit, run one after another, and their times added:
the table then says so, since each extra invocation pays check-jsonschema's start-up again.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DEFAULT_CORPUS = HERE / "corpus"
SCHEMA = ROOT / "schemas" / "fc2-request.schema.json"
DEFAULT_SIZES = (1, 1_000, 10_000)        # JSON: corpus/n1, n1000, n10000
DEFAULT_YAML_SIZES = (10_000,)            # corpus/yaml10000
DEFAULT_NOTEBOOK_SIZES = (1_000,)         # corpus/nb1000
CORPORA = ("json", "yaml", "notebooks")
TARGET_SPEEDUP_LARGE = 3.0   # 10,000 files, no cache: fclint at least 3x faster (issue 2)
TARGET_ONE_FILE = 0.5        # one file: fclint at most 0.5x check-jsonschema's time
TARGET_COLD = 0.20           # 10,000 files, empty cache: at most 0.20x check-jsonschema (issue 15)
TARGET_WARM = 0.05           # 10,000 files, unchanged tree: at most 0.05x check-jsonschema
# fclint's three ways to run a tree: with no cache at all, with an empty cache it fills (the
# first run on a checkout, every CI job without a saved cache), and again on the unchanged tree.
MODES = ("no-cache", "cold", "warm")


def find_tool(name: str) -> str:
    """`name` next to the running interpreter (same virtualenv), else on PATH."""
    bindir = Path(sys.executable).parent
    for candidate in (bindir / name, bindir / f"{name}.exe"):
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    found = shutil.which(name)
    if found is None:
        sys.exit(f"run.py: cannot find {name!r} next to {sys.executable} or on PATH")
    return found


def arg_budget() -> int:
    """Bytes available for command-line arguments (ARG_MAX less the environment, with margin)."""
    try:
        arg_max = os.sysconf("SC_ARG_MAX")
    except (AttributeError, ValueError, OSError):
        arg_max = 32_767 if os.name == "nt" else 131_072  # Windows' CreateProcess limit
    if os.name == "nt":
        arg_max = min(arg_max, 32_767)
    env = sum(len(k) + len(v) + 2 + 8 for k, v in os.environ.items())
    return max(arg_max - env - 4096, 4096)


def chunk_args(fixed: list[str], files: list[str]) -> list[list[str]]:
    """Split `files` into as few command lines `fixed + chunk` as fit in arg_budget()."""
    budget = arg_budget()
    # Each argument costs its bytes, a NUL, and (on Linux) a pointer in argv.
    cost = lambda arg: len(os.fsencode(arg)) + 1 + 8  # noqa: E731
    base = sum(cost(a) for a in fixed)
    chunks: list[list[str]] = [[]]
    used = base
    for f in files:
        c = cost(f)
        if chunks[-1] and used + c > budget:
            chunks.append([])
            used = base
        chunks[-1].append(f)
        used += c
    return [fixed + chunk for chunk in chunks]


ENV = dict(os.environ)


def bytecode_cache_env(folder: Path) -> None:
    """Let both tools cache their bytecode, in `folder` (inside the git-ignored corpus).

    A wheel install of fclint ships compiled bytecode, as check-jsonschema's site-packages do;
    an editable install under PYTHONDONTWRITEBYTECODE=1 recompiles fclint's ~40 modules on
    every run (~45 ms), which would time the environment rather than fclint.
    PYTHONPYCACHEPREFIX keeps the .pyc files out of the source tree.
    """
    ENV.pop("PYTHONDONTWRITEBYTECODE", None)
    ENV["PYTHONPYCACHEPREFIX"] = str(folder)


def run_timed(commands: list[list[str]], ok_codes: set[int],
              prepare=None) -> tuple[float, list[str]]:
    """Run `commands` one after another; return total wall-clock seconds and their stdouts.

    `prepare`, when given, runs (untimed) before the commands: it empties or fills a cache.
    """
    if prepare is not None:
        prepare()
    outputs = []
    total = 0.0
    for cmd in commands:
        start = time.perf_counter()
        proc = subprocess.run(cmd, cwd=ROOT, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True, encoding="utf-8")
        total += time.perf_counter() - start
        if proc.returncode not in ok_codes:
            sys.exit(f"run.py: {cmd[0]} exited {proc.returncode}:\n{proc.stderr[-2000:]}")
        outputs.append(proc.stdout)
    return total, outputs


def fclint_flagged(outputs: list[str]) -> set[str]:
    return {Path(d["path"]).name for out in outputs for d in json.loads(out)}


def cjs_flagged(outputs: list[str]) -> set[str]:
    names: set[str] = set()
    for out in outputs:
        report = json.loads(out)
        names |= {Path(e["filename"]).name for e in report.get("errors", [])}
        names |= {Path(e["filename"]).name for e in report.get("parse_errors", [])}
    return names


def rel(path: Path) -> str:
    try:
        return str(path.relative_to(ROOT))
    except ValueError:
        return str(path)


def read_manifest(path: Path) -> set[str] | None:
    return set(json.loads(path.read_text("utf-8"))["errors"]) if path.exists() else None


def fclint_command(fclint: str, jobs: int | None, folder: Path,
                   cache: str | Path | None = None) -> list[list[str]]:
    """`fclint check` on the folder; `cache` is a --cache-dir, or None for --no-cache."""
    cmd = [fclint, "check", "--format", "json", "--exit-zero"]
    if jobs is not None:
        cmd += ["--jobs", str(jobs)]
    cmd += ["--no-cache"] if cache is None else ["--cache-dir", str(cache)]
    return [cmd + [rel(folder)]]


def fclint_modes(fclint: str, jobs: int | None, folder: Path, cache: Path) -> dict:
    """Each of MODES as (commands, prepare): `cold` empties its cache before every run, `warm`
    runs on a cache that the warm-up filled and that every run leaves full."""
    return {
        "no-cache": (fclint_command(fclint, jobs, folder), None),
        "cold": (fclint_command(fclint, jobs, folder, cache / "cold"),
                 lambda: shutil.rmtree(cache / "cold", ignore_errors=True)),
        "warm": (fclint_command(fclint, jobs, folder, cache / "warm"), None),
    }


def corpus_files(corpus: Path, prefix: str, size: int,
                 patterns: tuple[str, ...]) -> tuple[Path, list[Path]]:
    folder = corpus / f"{prefix}{size}"
    files = sorted(f for pattern in patterns for f in folder.glob(pattern))
    if len(files) != size:
        sys.exit(f"run.py: {folder} holds {len(files)} files, not {size}; "
                 "run benchmarks/make_corpus.py first")
    return folder, files


def bench_size(size: int, corpus: Path, fclint: str, cjs: str, repeats: int,
               jobs: int | None, prefix: str = "n",
               patterns: tuple[str, ...] = ("*.json",)) -> dict:
    """fclint on the folder (each of MODES) against check-jsonschema on its files."""
    folder, files = corpus_files(corpus, prefix, size, patterns)
    expected = read_manifest(corpus / f"{prefix}{size}.manifest.json")

    cache = corpus / ".fclint-caches" / f"{prefix}{size}"
    shutil.rmtree(cache, ignore_errors=True)
    modes = fclint_modes(fclint, jobs, folder, cache)
    cjs_cmds = chunk_args([cjs, "--schemafile", rel(SCHEMA), "-o", "json", "--color", "never"],
                          [rel(f) for f in files])

    # Warm-up (page cache, bytecode caches, the warm mode's cache), untimed.
    for cmds, prepare in modes.values():
        run_timed(cmds, {0}, prepare)
    run_timed(cjs_cmds, {0, 1})

    times: dict[str, list[float]] = {name: [] for name in (*MODES, "cjs")}
    flagged: dict[str, list[set[str]]] = {name: [] for name in times}
    for _ in range(repeats):  # alternate, so drifts in machine load hit every command alike
        for name, (cmds, prepare) in modes.items():
            t, out = run_timed(cmds, {0}, prepare)
            times[name].append(t)
            flagged[name].append(fclint_flagged(out))
        t, out = run_timed(cjs_cmds, {0, 1})
        times["cjs"].append(t)
        flagged["cjs"].append(cjs_flagged(out))

    f_sets = [s for name in MODES for s in flagged[name]]
    if any(s != f_sets[0] for s in f_sets) or any(s != flagged["cjs"][0] for s in flagged["cjs"]):
        sys.exit(f"run.py: {prefix}{size}: a tool (or a cache mode) flagged different files "
                 "in different runs")
    f_flagged, c_flagged = f_sets[0], flagged["cjs"][0]
    problems = []
    if expected is not None:
        if f_flagged != expected:
            problems.append(f"fclint flagged {len(f_flagged)} files, the manifest lists "
                            f"{len(expected)} ({len(f_flagged - expected)} unexpected, "
                            f"{len(expected - f_flagged)} missed)")
        if not c_flagged <= expected:
            problems.append(f"check-jsonschema flagged {len(c_flagged - expected)} files "
                            "the manifest calls valid")
        if expected and len(c_flagged) < 0.7 * len(expected):
            problems.append(f"check-jsonschema flagged only {len(c_flagged)} of "
                            f"{len(expected)} erroneous files")
    shutil.rmtree(cache, ignore_errors=True)
    return {
        "name": f"{prefix}{size}",
        "size": size,
        "repeats": repeats,
        **{name: statistics.median(runs) for name, runs in times.items()},
        "runs": times,
        "cjs_invocations": len(cjs_cmds),
        "fclint_flagged": len(f_flagged),
        "cjs_flagged": len(c_flagged),
        "expected": None if expected is None else len(expected),
        "problems": problems,
    }


def bench_notebooks(size: int, corpus: Path, fclint: str, repeats: int, jobs: int | None) -> dict:
    """fclint alone on a folder of notebooks: median wall-clock time, notebooks per second."""
    folder, _files = corpus_files(corpus, "nb", size, ("*.ipynb",))
    expected = read_manifest(corpus / f"nb{size}.manifest.json")
    cmds = fclint_command(fclint, jobs, folder)
    run_timed(cmds, {0})  # warm-up
    times, sets = [], []
    for _ in range(repeats):
        t, out = run_timed(cmds, {0})
        times.append(t)
        sets.append(fclint_flagged(out))
    if any(s != sets[0] for s in sets):
        sys.exit(f"run.py: nb{size}: fclint flagged different notebooks in different runs")
    problems = []
    if expected is not None and sets[0] != expected:
        problems.append(f"fclint flagged {len(sets[0])} notebooks, the manifest lists "
                        f"{len(expected)} ({len(sets[0] - expected)} unexpected, "
                        f"{len(expected - sets[0])} missed)")
    median = statistics.median(times)
    return {
        "name": f"nb{size}",
        "size": size,
        "repeats": repeats,
        "fclint": median,
        "fclint_runs": times,
        "per_second": size / median,
        "fclint_flagged": len(sets[0]),
        "expected": None if expected is None else len(expected),
        "problems": problems,
    }


def print_comparison(results: list[dict], what: str) -> None:
    """Medians of every command, and fclint's time as a share of check-jsonschema's."""
    print(f"| {what} | runs | check-jsonschema (s) | fclint --no-cache (s) | fclint cold (s) "
          "| fclint warm (s) | share of check-jsonschema: no cache / cold / warm "
          "| flagged: fclint / check-jsonschema / manifest |")
    print("|---:|---:|---:|---:|---:|---:|---|---|")
    for r in results:
        invoc = "" if r["cjs_invocations"] == 1 else f" ({r['cjs_invocations']} invocations)"
        expected = "-" if r["expected"] is None else r["expected"]
        shares = " / ".join(f"{r[m] / r['cjs']:.3f}x" for m in MODES)
        print(f"| {r['size']:,} | {r['repeats']} | {r['cjs']:.3f}{invoc} | "
              + " | ".join(f"{r[m]:.3f}" for m in MODES)
              + f" | {shares} | {r['fclint_flagged']} / {r['cjs_flagged']} / {expected} |")
    print()
    for r in results:
        print(f"{r['name']} runs: " + "; ".join(
            f"{name} " + ", ".join(f"{t:.3f}" for t in runs) for name, runs in r["runs"].items()))
    print()


def verdict(what: str, fclint: float, cjs: float, target: float) -> str:
    """One target's line: fclint's wall time as a share of check-jsonschema's, PASS or MISS."""
    share = fclint / cjs
    return (f"{what}: fclint {fclint:.3f} s, check-jsonschema {cjs:.3f} s, fclint takes "
            f"{share:.3f}x its time (target <= {target:.2f}x): "
            f"{'PASS' if share <= target else 'MISS'}")


def version(cmd: list[str]) -> str:
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=60).stdout
    except (OSError, subprocess.SubprocessError):
        return "?"
    return out.strip().splitlines()[-1] if out.strip() else "?"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS,
                        help="folder holding n1/ ... n10000/, yaml10000/, nb1000/ "
                             "(default: benchmarks/corpus)")
    parser.add_argument("--corpora", default=",".join(CORPORA),
                        help="comma-separated, of json,yaml,notebooks (default: all three)")
    parser.add_argument("--sizes", default=",".join(map(str, DEFAULT_SIZES)),
                        help="JSON corpus sizes (default: 1,1000,10000)")
    parser.add_argument("--yaml-sizes", default=",".join(map(str, DEFAULT_YAML_SIZES)),
                        help="YAML corpus sizes (default: 10000)")
    parser.add_argument("--notebook-sizes", default=",".join(map(str, DEFAULT_NOTEBOOK_SIZES)),
                        help="notebook corpus sizes (default: 1000)")
    parser.add_argument("--repeats", type=int, default=None,
                        help="runs per command (default: 5; 3 for 10,000 YAML files)")
    parser.add_argument("--jobs", type=int, default=None,
                        help="pass --jobs N to fclint (default: fclint's own, one per core)")
    parser.add_argument("--check-jsonschema", type=Path, default=None, metavar="PATH",
                        help="the check-jsonschema executable to time (default: next to this "
                             "python, else on PATH); e.g. one in a venv of its own")
    parser.add_argument("--env-as-is", action="store_true",
                        help="keep PYTHONDONTWRITEBYTECODE as set (default: both tools may cache "
                             "bytecode, under the corpus folder's .pycache/)")
    args = parser.parse_args(argv)
    corpus = args.corpus.resolve()
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    yaml_sizes = [int(s) for s in args.yaml_sizes.split(",") if s.strip()]
    nb_sizes = [int(s) for s in args.notebook_sizes.split(",") if s.strip()]
    corpora = [c.strip() for c in args.corpora.split(",") if c.strip()]
    unknown = set(corpora) - set(CORPORA)
    if unknown:
        parser.error(f"unknown corpora {sorted(unknown)}; choose from {', '.join(CORPORA)}")

    fclint = find_tool("fclint")
    cjs = str(args.check_jsonschema) if args.check_jsonschema else find_tool("check-jsonschema")
    if not args.env_as_is:
        bytecode_cache_env(corpus / ".pycache")
    print(f"fclint:           {fclint} ({version([fclint, '--version'])})")
    print(f"check-jsonschema: {cjs} ({version([cjs, '--version'])})")
    print(f"python {platform.python_version()}, {platform.system()} {platform.release()}, "
          f"{os.cpu_count()} cores, ARG_MAX budget {arg_budget():,} bytes, "
          f"{datetime.date.today().isoformat()}")
    print("bytecode: " + ("as the environment says (PYTHONDONTWRITEBYTECODE="
                          f"{os.environ.get('PYTHONDONTWRITEBYTECODE', '')!r})" if args.env_as_is
                          else f"cached under {ENV['PYTHONPYCACHEPREFIX']}")
          + f"; fclint --jobs {args.jobs if args.jobs else 'default (one per core)'}")
    print()

    json_results: list[dict] = []
    yaml_results: list[dict] = []
    nb_results: list[dict] = []
    if "json" in corpora:
        for size in sizes:
            repeats = args.repeats or 5
            print(f"n{size}: {repeats} runs each ...", file=sys.stderr, flush=True)
            json_results.append(bench_size(size, corpus, fclint, cjs, repeats, args.jobs))
    if "yaml" in corpora:
        for size in yaml_sizes:
            repeats = args.repeats or (3 if size >= 10_000 else 5)
            print(f"yaml{size}: {repeats} runs each ...", file=sys.stderr, flush=True)
            yaml_results.append(bench_size(size, corpus, fclint, cjs, repeats, args.jobs,
                                           prefix="yaml", patterns=("*.yaml", "*.yml")))
    if "notebooks" in corpora:
        for size in nb_sizes:
            repeats = args.repeats or 3
            print(f"nb{size}: {repeats} runs ...", file=sys.stderr, flush=True)
            nb_results.append(bench_notebooks(size, corpus, fclint, repeats, args.jobs))

    if json_results:
        print("JSON request bodies:")
        print()
        print_comparison(json_results, "files")
    if yaml_results:
        print("YAML request bodies:")
        print()
        print_comparison(yaml_results, "YAML files")
    if nb_results:
        print("Jupyter notebooks (fclint alone):")
        print()
        print("| notebooks | runs | fclint (s) | notebooks per second "
              "| flagged: fclint / manifest |")
        print("|---:|---:|---:|---:|---|")
        for r in nb_results:
            expected = "-" if r["expected"] is None else r["expected"]
            print(f"| {r['size']:,} | {r['repeats']} | {r['fclint']:.3f} | {r['per_second']:,.0f} "
                  f"| {r['fclint_flagged']} / {expected} |")
        print()
        for r in nb_results:
            print(f"{r['name']} runs: fclint " + ", ".join(f"{t:.3f}" for t in r["fclint_runs"]))
        print()

    failed = False
    for r in json_results + yaml_results:
        kind = "YAML files" if r["name"].startswith("yaml") else "JSON files"
        if r["size"] == 1:
            worst = max(MODES, key=lambda m: r[m])
            print(verdict(f"one JSON file, {worst} (the slowest mode)", r[worst], r["cjs"],
                          TARGET_ONE_FILE))
        if r["size"] >= 10_000:
            print(verdict(f"{r['size']:,} {kind}, cold", r["cold"], r["cjs"], TARGET_COLD))
            print(verdict(f"{r['size']:,} {kind}, warm", r["warm"], r["cjs"], TARGET_WARM))
            print(verdict(f"{r['size']:,} {kind}, --no-cache", r["no-cache"], r["cjs"],
                          1 / TARGET_SPEEDUP_LARGE))
    for r in nb_results:
        print(f"{r['size']:,} notebooks: fclint {r['fclint']:.3f} s, "
              f"{r['per_second']:,.0f} notebooks per second")
    for r in json_results + yaml_results + nb_results:
        for problem in r["problems"]:
            failed = True
            print(f"SANITY {r['name']}: {problem}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
