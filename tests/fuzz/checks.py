"""The properties of the fuzz suite, as functions that return the problems they find (an empty
list when the input passes), so that the tests assert on them and the collector (`collect.py`)
groups them. Each Problem has a `kind`, the failure class it belongs to, and a `detail`.

Positions are checked against the lines as the Language Server Protocol counts them: a line
ends at `\\n`, `\\r\\n` or `\\r` (not at U+2028, a form feed or NEL). Columns are fclint's own:
1-based code points, end exclusive, so a span may end one past the line's last character.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import subprocess
import sys
import traceback
import warnings
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from fclint.config import Settings
from fclint.diagnostic import RAW_SPAN, Span
from fclint.engine import FileResult, lint_bytes
from fclint.fix import _apply_round, fix_bytes
from fclint.source import BOM, DecodeError, decode

SETTINGS = Settings()  # what `fclint check --isolated` uses: no configuration file
ROOT = Path(__file__).resolve().parents[2]
SARIF_SCHEMA = ROOT / "tests" / "data" / "sarif" / "sarif-schema-2.1.0.json"
LSP_BREAK = re.compile(r"\r\n|\r|\n")
_VARYING = re.compile(r"[0-9]+|'.*'")  # the parts of a warning's message that name the input


@dataclass(frozen=True)
class Problem:
    kind: str  # the failure class: the same for every input that shows the same bug
    detail: str

    def __str__(self) -> str:
        return f"{self.kind}: {self.detail}"


# --- texts and their lines ----------------------------------------------------------------


def lsp_lines(text: str) -> list[str]:
    return LSP_BREAK.split(text)


def lf_lines(text: str) -> list[str]:
    """Lines as fclint's own LineIndex counts them: at `\\n` only."""
    return text.split("\n")


def file_text(data: bytes) -> str:
    """The text fclint's positions count in: the UTF-8 text without its BOM (one more BOM is
    dropped by the engine), or, for bytes that are not text, what a lenient decoder reads."""
    text = decode(data)
    if isinstance(text, DecodeError):
        return data.decode("utf-8", "replace")
    return text[1:] if text.startswith(BOM) else text


def notebook_cells(text: str) -> list[str] | None:
    """Each cell's source as fclint reads it (nbformat 4, `source` joined), or None."""
    import nbformat

    try:
        data = json.loads(text)
        notebook = nbformat.from_dict(data)
        if data.get("nbformat", 4) < 4:
            notebook = nbformat.convert(notebook, 4)
        cells = list(notebook.cells)
    except Exception:  # noqa: BLE001 - not a notebook: no cell may be named
        return None
    sources = []
    for cell in cells:
        source = cell.get("source", "")
        sources.append("".join(source) if isinstance(source, list) else str(source))
    return sources


def span_fault(
    line: int, column: int, end_line: int, end_column: int, lines: list[str]
) -> str | None:
    """Why a span is not inside `lines`, or None."""
    for what, (row, col) in (("start", (line, column)), ("end", (end_line, end_column))):
        if row < 1:
            return f"{what} line {row} < 1"
        if row > len(lines):
            return f"{what} line {row} past the last line ({len(lines)})"
        if col < 1:
            return f"{what} column {col} < 1"
        if col > len(lines[row - 1]) + 1:
            return (
                f"{what} column {col} past the end of line {row} ({len(lines[row - 1])} characters)"
            )
    if (end_line, end_column) < (line, column):
        return "end before start"
    return None


def _fmt(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower()


def _where(text: str, span: tuple[int, int, int, int], kind: str, name: str) -> Problem | None:
    """A Problem when `span` is not inside `text` as LSP counts lines; its class says how."""
    lines = lsp_lines(text)
    fault = span_fault(*span, lines)
    if fault is None:
        return None
    line, column, end_line, end_column = span
    if (
        line == end_line
        and 1 <= line <= len(lines)
        and column == len(lines[line - 1]) + 1
        and end_column == column + 1
    ):
        shape = "a 1-character span starting just past the end of its line"
    elif span_fault(*span, lf_lines(text)) is None:
        shape = "inside LF-only lines: a lone CR counted as no line break"
    else:
        shape = "outside LF-only lines too"
    return Problem(f"span outside the file ({kind}, .{_fmt(name)}; {shape})", f"{span} {fault}")


# --- the engine ------------------------------------------------------------------------------


def crash(where: str, error: BaseException) -> Problem:
    frames = traceback.extract_tb(error.__traceback__)
    ours = [f for f in frames if "/fclint/" in f.filename.replace(os.sep, "/")]

    def name(frame: traceback.FrameSummary) -> str:
        path = frame.filename.replace(os.sep, "/")
        short = (
            path[path.rfind("/fclint/") + 1 :] if "/fclint/" in path else path.rsplit("/", 2)[-1]
        )
        return f"{short}:{frame.name}"

    inner = name(ours[-1]) if ours else "?"
    last = name(frames[-1]) if frames else "?"
    tail = "".join(traceback.format_exception(type(error), error, error.__traceback__)[-4:])
    return Problem(
        f"crash in {where}: {type(error).__name__} in {inner} (raised in {last})",
        tail.strip()[-1500:],
    )


def rows(result: FileResult) -> list[tuple[Any, ...]]:
    return [
        (
            d.code,
            d.span,
            d.message,
            d.pointer,
            d.cell,
            str(d.severity),
            d.keyword,
            repr(d.expected),
            d.fix,
            d.extra.get(RAW_SPAN),
        )
        for d in result.diagnostics
    ]


def lint(data: bytes, name: str) -> FileResult | Problem:
    try:
        return lint_bytes(data, name, SETTINGS)
    except Exception as error:  # noqa: BLE001 - the property under test (RecursionError too)
        return crash("lint_bytes", error)


def span_problems(result: FileResult, data: bytes, name: str) -> list[Problem]:
    """Every finding's span, and its fix's edits, inside the file (a notebook finding: inside
    its cell, and its raw span inside the notebook's text)."""
    text = file_text(data)
    problems: list[Problem] = []
    cells: list[str] | None | bool = False
    for d in result.diagnostics:
        spans = [("finding", d.span)] + [
            ("fix edit", e.span) for e in (d.fix.edits if d.fix else ())
        ]
        base, suffix = text, ""
        if d.cell is not None:
            if cells is False:
                cells = notebook_cells(text)
            if not isinstance(cells, list) or not 1 <= d.cell <= len(cells):
                problems.append(
                    Problem(
                        "finding names a cell the notebook does not have", f"cell {d.cell} {d.code}"
                    )
                )
                continue
            base, suffix = cells[d.cell - 1], " in a cell"
            raw = d.extra.get(RAW_SPAN)
            if isinstance(raw, Span):
                found = _where(
                    text,
                    (raw.line, raw.column, raw.end_line, raw.end_column),
                    "raw span of a cell finding",
                    name,
                )
                if found:
                    problems.append(Problem(found.kind, f"{d.code} {found.detail}"))
        for what, span in spans:
            found = _where(
                base, (span.line, span.column, span.end_line, span.end_column), what + suffix, name
            )
            if found:
                problems.append(Problem(found.kind, f"{d.code} {found.detail}"))
    return problems


def fix_problems(data: bytes, name: str, before: FileResult) -> list[Problem]:
    """`--fix`: the output lints without a new syntax error, holds no new duplicate key, is still
    a config, and fixing it again changes nothing; no fixed finding stays where its fix went."""
    if not any(d.fix for d in before.diagnostics):
        return []
    try:
        outcome = fix_bytes(data, name, SETTINGS)
    except Exception as error:  # noqa: BLE001
        return [crash("fix_bytes", error)]
    if outcome.new is None:
        return _misplaced(data, name, before) if outcome.fixed.refused is None else []
    problems = []
    after = lint(outcome.new, name)
    if isinstance(after, Problem):
        return [
            Problem(
                "crash linting the --fix output: "
                + after.kind.removeprefix("crash in lint_bytes: "),
                after.detail,
            )
        ]

    def count(result: FileResult, *codes: str) -> int:
        return sum(d.code in codes for d in result.diagnostics)

    if count(after, "FC000") > count(before, "FC000"):
        problems.append(
            Problem(f"--fix output does not parse (.{_fmt(name)})", _first(after, "FC000"))
        )
    if count(after, "FC042") > count(before, "FC042"):
        problems.append(
            Problem(f"--fix makes a duplicate key (.{_fmt(name)})", _first(after, "FC042"))
        )
    if before.is_config and not after.is_config:
        problems.append(Problem(f"--fix output is no longer a config (.{_fmt(name)})", ""))
    if rows(after) != rows(outcome.fixed.result):
        problems.append(
            Problem(
                f"--fix reports other findings than a lint of its output (.{_fmt(name)})",
                f"{rows(outcome.fixed.result)[:3]} != {rows(after)[:3]}",
            )
        )
    try:
        again = fix_bytes(outcome.new, name, SETTINGS)
    except Exception as error:  # noqa: BLE001
        return problems + [crash("second fix_bytes", error)]
    if again.new is not None:
        problems.append(
            Problem(
                f"a second --fix changes the file again (.{_fmt(name)})",
                f"{outcome.new[:300]!r} -> {again.new[:300]!r}",
            )
        )
    problems += _misplaced(outcome.new, name, after)
    return problems


def _first(result: FileResult, code: str) -> str:
    return next((f"{d.span} {d.message}" for d in result.diagnostics if d.code == code), "")


def _misplaced(data: bytes, name: str, result: FileResult) -> list[Problem]:
    """A finding that survives --fix although its fix, applied alone, changes nothing: the text
    at the edit's place already is the fix's text, so the edit points somewhere else than the
    finding (a line counted differently by the parser and the fixer)."""
    text = file_text(data)
    problems = []
    for d in result.diagnostics:
        if d.fix is None:
            continue
        _, applied, skipped = _apply_round(text, [d])
        if not applied and not skipped:
            problems.append(
                Problem(
                    f"--fix edits the wrong place: its finding stays (.{_fmt(name)})",
                    f"{d.code} at {d.span}: {d.fix.title}",
                )
            )
    return problems


def engine_problems(data: bytes, name: str, fix: bool = True) -> list[Problem]:
    """Every engine-level property for one file. A Python warning counts too: the command line
    prints it on stderr (Python 3.12 prints a SyntaxWarning where 3.11 has a silent
    DeprecationWarning)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        problems = _engine_problems(data, name, fix)
    noise = {
        f"a Python warning while linting: {w.category.__name__}: "
        f"{_VARYING.sub('#', str(w.message))[:60]}": f"{w.filename}:{w.lineno}: {w.message}"
        for w in caught
    }
    return [Problem(kind, detail) for kind, detail in noise.items()] + problems


def _engine_problems(data: bytes, name: str, fix: bool) -> list[Problem]:
    first = lint(data, name)
    if isinstance(first, Problem):
        return [first]
    second = lint(data, name)
    if isinstance(second, Problem) or rows(first) != rows(second):
        return [
            Problem(
                "non-deterministic: a second lint in the same process differs", str(second)[:500]
            )
        ]
    problems = span_problems(first, data, name)
    if fix:
        problems += fix_problems(data, name, first)
    return problems


# --- the command line ----------------------------------------------------------------------


@dataclass
class Run:
    status: int
    stdout: bytes
    stderr: str


def run_in_process(args: list[str], cwd: Path) -> Run:
    """`fclint ARGS` through `fclint.cli.main`, in this process, output captured."""
    from fclint import cli

    out = io.BytesIO()
    stdout = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)
    err = io.StringIO()
    with contextlib.chdir(cwd), contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(err):
        status = cli.main(list(args))
    stdout.flush()
    return Run(status, out.getvalue(), err.getvalue())


def run_subprocess(args: list[str], cwd: Path, hash_seed: str = "random") -> Run:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env |= {"PYTHONIOENCODING": "utf-8", "NO_COLOR": "1", "PYTHONHASHSEED": hash_seed}
    done = subprocess.run(
        [sys.executable, "-m", "fclint", *args],
        cwd=cwd,
        input=b"",
        capture_output=True,
        timeout=60,
        env=env,
        check=False,
    )
    return Run(done.returncode, done.stdout, done.stderr.decode("utf-8", "replace"))


@cache
def _sarif_validator() -> Any:
    import jsonschema

    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    return jsonschema.validators.validator_for(schema)(schema)


def _run_problems(run: Run, what: str, cwd: Path, args: list[str]) -> list[Problem]:
    problems = []
    if "Traceback" in run.stderr or "internal error" in run.stderr:
        line = next(
            (l for l in run.stderr.splitlines() if "internal error" in l or "Error" in l),
            run.stderr,
        )
        problems.append(Problem(f"{what}: internal error", line[:300]))
        debug = _debug_crash(args, cwd)
        if debug is not None:
            problems.append(debug)
    elif run.status not in (0, 1):
        problems.append(Problem(f"{what}: exit status {run.status}", run.stderr[:300]))
    elif run.stderr and "--fix" not in args and not _passed_over(run.stderr):
        # --fix notes what it leaves; a check says nothing but which files it passed over
        problems.append(Problem(f"{what}: output on stderr", run.stderr[:300]))
    return problems


def _passed_over(stderr: str) -> bool:
    """Only the notes of files not text or too large with nothing of a config in them."""
    return all(line.startswith("fclint: note: ") and line.endswith(
        "and nothing in it looks like an FC config; not checked") for line in stderr.splitlines())


def _debug_crash(args: list[str], cwd: Path) -> Problem | None:
    """The crash behind an internal error, with its traceback: the same run with --debug."""
    try:
        run_in_process(["--debug", *args], cwd)
    except Exception as error:  # noqa: BLE001
        return crash("the command line", error)
    return None


def check_output(fmt: str, run: Run, data: bytes, name: str) -> list[Problem]:
    """A `--format json|sarif` report parses, and its positions lie inside the file."""
    try:
        report = json.loads(run.stdout.decode("utf-8"))
    except ValueError as error:
        return [Problem(f"--format {fmt} output does not parse", f"{error}: {run.stdout[:300]!r}")]
    text = file_text(data)
    problems = []
    if fmt == "json":
        cells: list[str] | None | bool = False
        for item in report:
            base = text
            if item["cell"] is not None:
                cells = notebook_cells(text) if cells is False else cells
                if not isinstance(cells, list) or not 1 <= item["cell"] <= len(cells):
                    problems.append(
                        Problem("--format json: a cell the notebook does not have", str(item)[:200])
                    )
                    continue
                base = cells[item["cell"] - 1]
            found = _where(
                base,
                (item["line"], item["column"], item["end_line"], item["end_column"]),
                "--format json",
                name,
            )
            if found:
                problems.append(Problem(found.kind, f"{item['code']} {found.detail}"))
    elif fmt == "sarif":
        errors = sorted(_sarif_validator().iter_errors(report), key=lambda e: list(e.path))
        if errors:
            problems.append(
                Problem("--format sarif output is not valid SARIF 2.1.0", errors[0].message[:300])
            )
        for run_ in report.get("runs", []):
            for result in run_.get("results", []):
                for location in result.get("locations", []):
                    region = location.get("physicalLocation", {}).get("region", {})
                    if set(region) == {"startLine"}:
                        region = {
                            **region,
                            "startColumn": 1,
                            "endLine": region["startLine"],
                            "endColumn": 1,
                        }
                    span = (
                        region.get("startLine", 1),
                        region.get("startColumn", 1),
                        region.get("endLine", region.get("startLine", 1)),
                        region.get("endColumn", 1),
                    )
                    found = _where(text, span, "--format sarif region", name)
                    if found:
                        problems.append(
                            Problem(found.kind, f"{result.get('ruleId')} {found.detail}")
                        )
    return problems


def cli_problems(
    data: bytes, name: str, tmp: Path, fresh_process: bool = False, fix: bool = True
) -> list[Problem]:
    """`fclint check --format json|sarif` on the file (in this process; with `fresh_process`
    also in a new interpreter with another hash seed, which must print the same), then
    `--fix` twice on a copy."""
    path = tmp / name
    path.write_bytes(data)
    problems = []
    outputs = {}
    for fmt in ("json", "sarif"):
        args = ["check", "--isolated", "--format", fmt, name]
        try:
            run = run_in_process(args, tmp)
        except BaseException as error:  # noqa: BLE001 - main() must catch everything itself
            return [crash(f"the command line (escaped main, --format {fmt})", error)]
        found = _run_problems(run, f"fclint check --format {fmt}", tmp, args)
        problems += found
        if not found:
            problems += check_output(fmt, run, data, name)
        outputs[fmt] = run
    if path.read_bytes() != data:
        problems.append(Problem("fclint check (without --fix) changed the file", name))
        path.write_bytes(data)
    if fresh_process:
        run = run_subprocess(["check", "--isolated", "--format", "json", name], tmp)
        problems += _run_problems(
            run,
            "python -m fclint check --format json",
            tmp,
            ["check", "--isolated", "--format", "json", name],
        )
        warm = outputs["json"]
        if (run.status, run.stdout) != (warm.status, warm.stdout) and not problems:
            problems.append(
                Problem(
                    "non-deterministic: a fresh process prints another report",
                    f"fresh {run.status} {run.stdout[:300]!r} / in-process "
                    f"{warm.status} {warm.stdout[:300]!r}",
                )
            )
    if fix:
        problems += cli_fix_problems(data, name, tmp)
    return problems


def cli_fix_problems(data: bytes, name: str, tmp: Path) -> list[Problem]:
    folder = tmp / "fix"
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_bytes(data)
    args = ["check", "--isolated", "--fix", "--format", "json", name]
    run = run_in_process(args, folder)
    problems = _run_problems(run, "fclint check --fix", folder, args)
    if problems:
        return problems
    try:
        json.loads(run.stdout.decode("utf-8"))
    except ValueError as error:
        problems.append(
            Problem("fclint check --fix --format json output does not parse", str(error))
        )
    fixed = path.read_bytes()
    if fixed == data:
        return problems
    before, after = lint(data, name), lint(fixed, name)
    if isinstance(after, Problem):
        return problems + [after]

    def syntax_errors(result: FileResult) -> int:
        return sum(d.code == "FC000" for d in result.diagnostics)

    if isinstance(before, FileResult) and syntax_errors(after) > syntax_errors(before):
        problems.append(
            Problem(f"--fix output does not parse (.{_fmt(name)})", _first(after, "FC000"))
        )
    run = run_in_process(args, folder)
    problems += _run_problems(run, "fclint check --fix (second)", folder, args)
    if path.read_bytes() != fixed:
        problems.append(
            Problem(
                f"a second --fix changes the file again (.{_fmt(name)})",
                f"{fixed[:300]!r} -> {path.read_bytes()[:300]!r}",
            )
        )
    return problems


def describe(problems: list[Problem]) -> str:
    return "\n".join(str(p) for p in problems)
