"""`fclint check`: pick the inputs, lint them, render the report, choose the exit status."""

from __future__ import annotations

import argparse
import io
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from fclint.errors import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, UsageError
from fclint.config import SettingsResolver
from fclint.options import overrides
from fclint.diagnostic import Diagnostic, Severity
from fclint.discovery import files_under
from fclint.diagnostic import FileResult
from fclint.reading import read_file, read_stream
from fclint.kinds import Kind
from fclint.report import Run, reporter
from fclint.rules import codes
from fclint.runner import lint_files

if TYPE_CHECKING:
    from fclint.cache import ResultCache
    from fclint.progress import Progress


def run_check(args: argparse.Namespace) -> int:
    resolver = SettingsResolver(
        codes(), overrides(args, codes()),
        config_file=Path(args.config) if args.config else None, isolated=args.isolated,
    )
    kind = Kind(args.kind) if args.kind else None
    results: list[FileResult] = []
    problems: list[str] = []
    paths = [p for p in args.paths if p != "-"]
    if "-" in args.paths:
        name = args.stdin_filename or "-"
        settings = resolver.for_path(Path(name))
        data = read_stream(sys.stdin.buffer, settings.max_file_size)
        from fclint.engine import lint_bytes

        results.append(lint_bytes(data, name, settings, kind))
    if "-" in args.paths and (args.fix or args.diff):
        raise UsageError("--fix and --diff work on files, not standard input")
    missing = [p for p in paths if not Path(p).exists() and not Path(p).is_symlink()]
    if missing:
        raise UsageError(f"{missing[0]}: no such file or directory")
    if kind is None:  # --kind reads any file as a body, as it says
        paths = _readable(paths)
    walk = files_under(paths)  # git lists the ignored files while the cache is read
    results_cache = _cache(args)
    files = list(walk)
    shown = _progress(args, len(files))
    try:
        outcome = lint_files(files, resolver, kind, args.jobs, results_cache, shown)
    finally:
        if shown is not None:
            shown.finish()
    if results_cache is not None:
        results_cache.save()
    results.extend(outcome.results)
    problems.extend(f"{u.path}: cannot read: {u.reason}" for u in outcome.unreadable)
    applied = None
    if args.fix or args.diff:
        applied = _fix(results, resolver, kind, args, problems)
        if args.diff:
            return _diff_status(applied, problems)

    diagnostics = sorted((d for r in results for d in r.diagnostics), key=lambda d: d.sort_key)
    diagnostics = _baseline(diagnostics, resolver, args, [r.path for r in results])
    threshold = Severity.parse(args.fail_on)
    run = Run(diagnostics, files_checked=len(results), configs_found=sum(r.is_config for r in results),
              configs=[r.path for r in results if r.is_config], fail_on=threshold)
    _write(run, args, applied.summary() if applied is not None else None)
    for result in results:  # files not text or too large, with nothing of a config in them
        if result.note:
            print(f"fclint: note: {result.path}:{result.note}", file=sys.stderr)
    for problem in problems:
        print(f"fclint: error: {problem}", file=sys.stderr)
    if problems:
        return EXIT_ERROR
    if not args.exit_zero and any(d.severity >= threshold for d in diagnostics):
        return EXIT_FINDINGS
    return EXIT_OK


def _cache(args: argparse.Namespace) -> ResultCache | None:
    """The result cache of the project, unless --no-cache."""
    if args.no_cache:
        return None
    from fclint.cache import ResultCache, cache_dir

    start = Path(args.config).resolve().parent if args.config else None
    return ResultCache(cache_dir(args.cache_dir, start))


def _progress(args: argparse.Namespace, total: int) -> Progress | None:
    from fclint.progress import Progress, wanted

    return Progress(total, sys.stderr) if wanted(sys.stderr, args.quiet) else None


def _readable(paths: list[str]) -> list[str]:
    """The paths to lint: folders, and files of a format fclint reads. A file named on the
    command line in another format gets a note and is skipped, as a folder walk skips it,
    rather than being read as JSON and reported as a syntax error."""
    from fclint import formats

    kept = []
    for path in paths:
        if os.path.isdir(path) or formats.reads(path):
            kept.append(path)
        else:
            print(f"fclint: note: {path}: not a format fclint reads; skipped", file=sys.stderr)
    return kept


@dataclass
class _Applied:
    """What --fix (or --diff) did over the run: fixes applied and files changed."""

    fixes: int = 0
    files: int = 0

    def summary(self) -> str:
        if not self.fixes:
            return "No fixes applied."
        return (f"Applied {self.fixes} fix{'es' if self.fixes != 1 else ''} to {self.files} "
                f"file{'s' if self.files != 1 else ''}.")


def _fix(results: list[FileResult], resolver: SettingsResolver, kind: Kind | None,
         args: argparse.Namespace, problems: list[str]) -> _Applied:
    """Fix the files that have fixes, replacing their results by what remains; with --diff,
    print the diffs instead of writing."""
    from fclint import fix, writing

    applied = _Applied()
    keep = _baseline_filter(resolver, args)
    for position, result in enumerate(results):
        if not any(d.fix is not None or d.code == "FC000" for d in result.diagnostics):
            continue
        path = Path(result.path)
        settings = resolver.for_path(path)
        try:
            data, size = read_file(path, settings.max_file_size)
        except OSError as error:
            problems.append(f"{result.path}: cannot read: {error.strerror or error}")
            continue
        if size is not None or len(data) > settings.max_file_size:
            continue  # it grew past the limit since it was linted: its FC090 stands
        outcome = fix.fix_bytes(data, result.path, settings, kind, keep)
        if outcome.fixed.refused:
            print(f"fclint: note: {result.path}: no fixes applied: {outcome.fixed.refused}",
                  file=sys.stderr)
        if outcome.fixed.unplaced:
            print(f"fclint: note: {result.path}: {outcome.fixed.unplaced} fix(es) not applied: "
                  "where they go in the file is not certain (a notebook fix across two of a cell's "
                  "source items, or text that is no longer what the finding was about)",
                  file=sys.stderr)
        if outcome.new is None:
            continue
        if args.diff:
            _print_bytes("".join(writing.unified_diff(result.path, data, outcome.new)))
        else:
            try:
                writing.write_atomically(path, outcome.new, data)
            except writing.FileChanged:
                print(f"fclint: warning: {result.path}: changed while fclint was fixing it; "
                      "left alone", file=sys.stderr)
                continue
            except writing.WriteError as error:
                problems.append(str(error))
                continue
            results[position] = outcome.fixed.result
        applied.fixes += outcome.fixed.fixes
        applied.files += 1
    return applied


def _baseline_filter(resolver: SettingsResolver,
                     args: argparse.Namespace) -> Callable[[list[Diagnostic]], list[Diagnostic]] | None:
    """Findings the baseline hides are left as they are: --fix changes only what is reported."""
    if not args.baseline or args.write_baseline:
        return None
    from fclint import baseline  # only a run with a baseline reads one

    target = Path(args.baseline)

    def keep(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
        def suppressible(d: Diagnostic) -> bool:
            return resolver.for_path(Path(d.path)).suppressible(d.code)
        try:
            return baseline.apply(target, diagnostics, suppressible).kept
        except baseline.BaselineError as error:
            raise UsageError(str(error)) from None
    return keep


def _diff_status(applied: _Applied, problems: list[str]) -> int:
    sys.stdout.flush()
    for problem in problems:
        print(f"fclint: error: {problem}", file=sys.stderr)
    if problems:
        return EXIT_ERROR
    if not applied.fixes:
        print("fclint: nothing to fix", file=sys.stderr)
        return EXIT_OK
    print(f"fclint: would apply {applied.fixes} fix{'es' if applied.fixes != 1 else ''} to "
          f"{applied.files} file{'s' if applied.files != 1 else ''}", file=sys.stderr)
    return EXIT_FINDINGS


def _baseline(diagnostics: list[Diagnostic], resolver: SettingsResolver,
              args: argparse.Namespace, checked: list[str]) -> list[Diagnostic]:
    """Write the baseline when asked, then hide what the baseline records: never the findings
    of rules the configuration marks not-suppressible."""
    if not (args.baseline or args.write_baseline):
        return diagnostics
    from fclint import baseline  # only a run with a baseline reads or writes one


    def suppressible(d: Diagnostic) -> bool:
        return resolver.for_path(Path(d.path)).suppressible(d.code)

    try:
        if args.write_baseline:
            target = Path(args.write_baseline)
            entries = baseline.write(target, [d for d in diagnostics if suppressible(d)])
            print(f"fclint: wrote {entries} baseline entr{'y' if entries == 1 else 'ies'} to "
                  f"{target}", file=sys.stderr)
        filtered = baseline.apply(Path(args.write_baseline or args.baseline), diagnostics,
                                  suppressible, checked)
    except baseline.BaselineError as error:
        raise UsageError(str(error)) from None
    if filtered.stale:
        print(f"fclint: note: {filtered.stale} baselined finding"
              f"{'s are' if filtered.stale != 1 else ' is'} fixed; rewrite the baseline with "
              "--write-baseline to keep it from hiding them if they come back", file=sys.stderr)
    return filtered.kept


def _write(run: Run, args: argparse.Namespace, trailer: str | None = None) -> None:
    """Render the report; `trailer` (what --fix did) ends a text report, and goes to stderr
    beside a machine-readable one."""
    report = reporter(args.format)
    buffer = io.StringIO()
    report(run, buffer)
    if trailer is not None:
        if args.format == "text":
            buffer.write(trailer + "\n")
        else:
            print(f"fclint: {trailer[0].lower()}{trailer[1:]}", file=sys.stderr)
    # Always UTF-8; a lone surrogate (from a JSON escape such as "\ud800", or an undecodable
    # file name) becomes the escape `\udXXX`, which is still valid inside a JSON string.
    data = buffer.getvalue().encode("utf-8", errors="backslashreplace")
    if args.output:
        try:
            Path(args.output).write_bytes(data)
        except OSError as error:
            raise UsageError(f"{args.output}: cannot write the report: {error.strerror}") from None
        return
    _print_bytes(data)


def _print_bytes(text: str | bytes) -> None:
    """Write to standard output as UTF-8 whatever its encoding, and as is (a CRLF stays)."""
    data = text.encode("utf-8", errors="backslashreplace") if isinstance(text, str) else text
    out: TextIO = sys.stdout
    binary = getattr(out, "buffer", None)
    if binary is None:  # replaced by a text-only stream, as in an in-process test
        out.write(data.decode("utf-8"))
        out.flush()
        return
    out.flush()
    binary.write(data)
    binary.flush()
