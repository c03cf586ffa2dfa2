"""`fclint check --fix` and `--diff`: every fixable rule fixed in each format it applies to, with
the exact text that results; formatting, line endings and BOMs kept; idempotence; and the file
safety rules (atomic writes, files changed meanwhile, read-only files, syntax errors)."""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
import subprocess
from pathlib import Path

import pytest
from clihelp import DATA, assert_clean_failure
from clihelp import fclint as run

import fclint.rules.terraform  # registers FC034, FC035 (the Terraform rules)
import fclint.rules.yaml_formats  # noqa: F401  (registers FC032, FC033, FC037, FC038)
from fclint import fix, fix_notebook, writing
from fclint.cli import main
from fclint.config import Settings
from fclint.diagnostic import Diagnostic, Edit, Fix, FixKind, Severity, Span
from fclint.kinds import Kind
from fclint.rules import RULES

BEFORE = DATA / "fix" / "before"
AFTER = DATA / "fix" / "after"
ROOT = Path(__file__).resolve().parents[1]

# file in before/ (its fixed text is after/FILE): the kind to lint it as, the codes of the fixes
# applied (over all rounds: FC006 often follows FC004's "9" -> 9), and the findings that remain.
CASES: dict[str, tuple[str | None, set[str], list[str]]] = {
    "fc2-body.json": (None, {"FC001", "FC003", "FC004", "FC011", "FC023"}, ["6:28 FC006"]),
    "fc2-age.json": (None, set(), ["1:31 FC007", "1:93 FC006"]),  # choices only: nothing applied
    "fc3-body.json": (None, {"FC004", "FC012"}, ["3:34 FC013", "5:32 FC007"]),
    "fc2-request-kind.json": ("fc2-request", {"FC002"}, ["1:87 FC005"]),
    "request.http": (None, {"FC001", "FC002", "FC003", "FC004", "FC011", "FC012", "FC023"},
                     ["6:28 FC006", "15:31 FC005", "23:32 FC005"]),  # FC023 in two request lines
    "body.yaml": (None, {"FC003", "FC004", "FC011"}, ["2:24 FC006", "3:28 FC005"]),
    "devs-fc2.s.yaml": (None, {"FC001", "FC011"}, ["11:38 FC007", "13:31 FC004"]),  # 'yes': no fix
    "devs-fc3.s.yaml": (None, {"FC002", "FC003", "FC012", "FC023"}, ["10:36 FC005", "11:32 FC006"]),
    "main.tf": (None, {"FC011", "FC012", "FC023"},
                ["6:34 FC005", "7:34 FC006", "21:34 FC007", "27:36 FC035", "28:36 FC006"]),
    "calls.py": (None, {"FC001", "FC004", "FC011", "FC012"},
                 ["6:30 FC006", "14:88 FC007", "15:88 FC005"]),
    "notebook.ipynb": (None, {"FC001", "FC003", "FC004", "FC011"},
                       ["3:28 FC006", "5:32 FC005", "2:73 FC006"]),  # escaped quotes before most edits
}
# Where each rule with a certain fix can occur, and so is fixed in the cases above. Not there:
# Terraform has no FC001/FC003/FC004 (the provider's schema, and HCL's conversions, come first)
# and no FC002 (one resource per generation); the SDKs report the other generation's field as
# FC001; a Python `qualifier=` argument's FC023 carries no fix (a gap in the Python front end).
# The range rules (FC005, FC006, FC007, FC035) offer choices, which --fix never applies.
WHERE = {
    "FC001": {".json", ".http", ".yaml", ".py", ".ipynb"},
    "FC002": {".json", ".http", ".yaml"},
    "FC003": {".json", ".http", ".yaml", ".ipynb"},
    "FC004": {".json", ".http", ".yaml", ".py", ".ipynb"},
    "FC011": {".json", ".http", ".yaml", ".tf", ".py", ".ipynb"},
    "FC012": {".json", ".http", ".yaml", ".tf", ".py"},
    "FC023": {".json", ".http", ".yaml", ".tf"},
}


def located(diagnostics: list[Diagnostic]) -> list[str]:
    return [f"{d.span.line}:{d.span.column} {d.code}" for d in diagnostics]


def fixed(name: str, data: bytes | None = None, kind: str | None = None) -> fix.FileFix:
    data = (BEFORE / name).read_bytes() if data is None else data
    return fix.fix_bytes(data, name, Settings(), Kind(kind) if kind else None)


# --- each rule, each format -------------------------------------------------------------------

@pytest.mark.parametrize("name", CASES)
def test_fixes_give_the_exact_text(name: str) -> None:
    kind, codes, remaining = CASES[name]
    outcome = fixed(name, kind=kind)
    assert set(outcome.fixed.codes) == codes
    new = outcome.new if codes else (BEFORE / name).read_bytes()
    assert outcome.new is not None or not codes
    assert new.decode("utf-8") == (AFTER / name).read_text(encoding="utf-8")
    assert located(outcome.fixed.result.diagnostics) == remaining
    assert outcome.fixed.unplaced == 0


@pytest.mark.parametrize("name", CASES)
def test_a_second_fix_changes_nothing(name: str) -> None:
    outcome = fixed(name, (AFTER / name).read_bytes(), CASES[name][0])
    assert outcome.new is None and outcome.fixed.fixes == 0
    assert located(outcome.fixed.result.diagnostics) == CASES[name][2]


def test_every_fixable_rule_has_a_case() -> None:
    fixable = {code for code, rule in RULES.items() if rule.fixable}
    covered = set().union(*(offered for _, offered, _ in CASES.values()))
    assert fixable <= covered, f"add a case to tests/data/fix for {sorted(fixable - covered)}"


def test_each_rules_fix_kind_is_what_its_findings_carry_and_what_fix_does() -> None:
    """`fclint rule CODE` says certain or choice from the registry; the findings carry that
    kind; --fix applies the certain ones and leaves every choice to the user."""
    carried: dict[str, set[str]] = {}
    for name, (kind, _, remaining) in CASES.items():
        result = fix.lint_text((BEFORE / name).read_text(encoding="utf-8"), name, Settings(),
                               Kind(kind) if kind else None)
        for diagnostic in result.diagnostics:
            if diagnostic.fix is not None:
                carried.setdefault(diagnostic.code, set()).add(diagnostic.fix.kind.value)
        outcome = fixed(name, kind=kind)
        assert {RULES[code].fix for code in outcome.fixed.codes} <= {FixKind.CERTAIN}
        left = {d.code for d in outcome.fixed.result.diagnostics if d.fix is not None}
        assert all(RULES[code].fix is FixKind.CHOICE for code in left), (name, left)
    declared = {code: {rule.fix.value} for code, rule in RULES.items() if rule.fix is not None}
    assert carried == declared


def test_choices_are_offered_with_their_reason_in_the_title() -> None:
    result = fix.lint_text('{"maxAsyncEventAgeInSeconds": 1209600, "maxAsyncRetryAttempts": 9}',
                           "a.json", Settings())
    titles = {d.code: (d.fix.title, d.fix.kind) for d in result.diagnostics if d.fix}
    assert titles == {
        "FC007": ("Change to 604800, the Chinese document's 7-day cap (or set max-event-age = "
                  "2592000 to keep the value)", FixKind.CHOICE),
        "FC006": ("Change to 8, the largest value maxAsyncRetryAttempts takes", FixKind.CHOICE),
    }


def test_each_fixable_rule_is_fixed_in_every_format_where_it_applies() -> None:
    formats: dict[str, set[str]] = {}
    for name, (_, offered, _) in CASES.items():
        for code in offered:
            formats.setdefault(code, set()).add(Path(name).suffix)
    assert formats == WHERE


# --- what is kept -----------------------------------------------------------------------------

HTTP_CRLF = (b"PUT https://1234567890123456.cn-hangzhou.fc.aliyuncs.com/2016-08-15/services/"
             b"svc.latest/functions/fn/async-invoke-config\r\n\r\n{\"maxAsyncRetryAttempts\": 3}\r\n")
KEPT = {
    "CRLF, BOM, no final newline": (
        "a.json", b'\xef\xbb\xbf{\r\n  "MaxAsyncRetryAttempts": "3"\r\n}',
        b'\xef\xbb\xbf{\r\n  "maxAsyncRetryAttempts": 3\r\n}'),
    "CRLF YAML with comments": (
        "a.yaml", b"# keep me\r\nmaxAsyncRetryAttempt: 3 # and me\r\nqualifier: x\r\n",
        b"# keep me\r\nmaxAsyncRetryAttempts: 3 # and me\r\nqualifier: x\r\n"),
    "non-ASCII before the edit": (
        "a.json", '{"x-注释": "😀", "maxAsyncRetryAttempts": "3"}\n'.encode(),
        '{"x-注释": "😀", "maxAsyncRetryAttempts": 3}\n'.encode()),
    "CRLF .http request line": (
        "a.http", HTTP_CRLF, HTTP_CRLF.replace(b"svc.latest", b"svc.LATEST")),
}


@pytest.mark.parametrize("name, before, after", KEPT.values(), ids=KEPT.keys())
def test_formatting_line_endings_and_bom_are_kept(name: str, before: bytes, after: bytes) -> None:
    outcome = fixed(name, before)
    assert outcome.new == after
    assert fixed(name, after).new is None


def test_overlapping_edits_wait_for_the_next_round() -> None:
    text = '{"maxAsyncRetryAttempts": 9}'

    def diagnostic(span: Span, new: str) -> Diagnostic:
        return Diagnostic("a.json", span, "FC006", Severity.ERROR, "m",
                          fix=Fix("f", (Edit(span, new),)))

    first = diagnostic(Span(1, 27, 1, 28), "8")
    overlapping = diagnostic(Span(1, 26, 1, 28), " 7")
    elsewhere = diagnostic(Span(1, 2, 1, 2), " ")  # an insertion
    new, applied, unplaced = fix._apply_round(text, [first, overlapping, elsewhere])
    assert (new, applied, unplaced) == ('{ "maxAsyncRetryAttempts": 8}', ["FC006", "FC006"], 0)


def test_a_fix_that_would_duplicate_a_key_is_not_applied() -> None:
    # FC002 offers asyncTask -> statefulInvocation, which is there already.
    data = b'{"asyncTask": true, "statefulInvocation": false, "maxAsyncRetryAttempts": "3"}\n'
    outcome = fixed("a.json", data, "fc2-request")
    assert outcome.new == b'{"asyncTask": true, "statefulInvocation": false, "maxAsyncRetryAttempts": 3}\n'
    assert located(outcome.fixed.result.diagnostics) == ["1:2 FC002"]


# --- notebooks --------------------------------------------------------------------------------

@pytest.mark.parametrize("content, offsets", [
    ("ab", [0, 1, 2]),
    (r"a\"b", [0, 1, 3, 4]),
    (r"\\\n", [0, 2, 4]),
    (r"\u00e9x", [0, 6, 7]),
    (r"\ud83d\ude00!", [0, 12, 13]),  # a surrogate pair is one code point
    ("注😀", [0, 1, 2]),
])
def test_string_offsets(content: str, offsets: list[int]) -> None:
    assert fix_notebook.string_offsets(content) == offsets
    assert len(json.loads(f'"{content}"')) == len(offsets) - 1


def notebook(source: object) -> bytes:
    cell = {"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [],
            "source": source}
    return json.dumps({"nbformat": 4, "nbformat_minor": 4, "metadata": {}, "cells": [cell]},
                      indent=1).encode()


# A cell's source as one string, or as items that each hold any part of it: the fix goes into
# the item that holds the text, the others as they were (fuzz finding S6).
# name: (source before, source after, fixes that could not be placed)
NOTEBOOK_SOURCES = {
    "one string": ('%%fclint\n{"maxAsyncRetryAttempts": "3"}\n',
                   '%%fclint\n{"maxAsyncRetryAttempts": 3}\n', 0),
    "a line over two items": (['%%fclint\n{"maxAsyncRetry', 'Attempts": "3"}\n'],
                              ['%%fclint\n{"maxAsyncRetry', 'Attempts": 3}\n'], 0),
    "two lines in one item, escapes before": (  # the tabs are written \\t in the .ipynb
        ['%%fclint\n{\t"statefulInvocation": true,\n\t"maxAsyncRetryAttempts": "3"}'],
        ['%%fclint\n{\t"statefulInvocation": true,\n\t"maxAsyncRetryAttempts": 3}'], 0),
    "the value over two items: left with a note": (
        ['%%fclint\n{"maxAsyncRetryAttempts": "', '3"}\n'], None, 1),
}


def test_a_notebook_fix_it_cannot_place_is_named_and_the_file_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "n.ipynb"
    data = notebook(['%%fclint\n{"maxAsyncRetryAttempts": "', '3"}\n'])
    path.write_bytes(data)
    done = run("check", "--no-cache", "--fix", "n.ipynb", cwd=tmp_path)
    assert done.returncode == 1
    assert "n.ipynb:cell 1:2:27: FC004" in done.stdout
    assert done.stderr == (
        "fclint: note: n.ipynb: 1 fix(es) not applied: where they go in the file is not "
        "certain (a notebook fix across two of a cell's source items, or text that is no "
        "longer what the finding was about)\n")
    assert path.read_bytes() == data


@pytest.mark.parametrize("before, after, unplaced", NOTEBOOK_SOURCES.values(),
                         ids=NOTEBOOK_SOURCES.keys())
def test_a_notebook_fix_goes_into_the_source_item_that_holds_the_text(
        before: object, after: object, unplaced: int) -> None:
    outcome = fixed("n.ipynb", notebook(before))
    assert outcome.fixed.unplaced == unplaced
    if after is None:
        assert outcome.new is None
        assert [d.code for d in outcome.fixed.result.diagnostics] == ["FC004"]
    else:
        assert outcome.new is not None
        assert json.loads(outcome.new)["cells"][0]["source"] == after
        assert outcome.fixed.result.diagnostics == []


# --- the command ------------------------------------------------------------------------------

def tree(tmp_path: Path) -> Path:
    root = tmp_path / "configs"
    shutil.copytree(BEFORE, root)
    (root / "fc2-request-kind.json").unlink()  # needs --kind
    (root / "notebook.ipynb").unlink()  # covered in process: nbformat costs seconds to load
    return root


def stats(root: Path) -> dict[str, tuple[int, int]]:
    return {p.name: (p.stat().st_mtime_ns, p.stat().st_ino) for p in root.iterdir()}


def test_check_fix_writes_the_fixed_files_and_reports_what_remains(tmp_path: Path) -> None:
    root = tree(tmp_path)
    (root / "clean.json").write_text('{"maxAsyncRetryAttempts": 3}\n', encoding="utf-8")
    (root / "main.tf").chmod(0o640)
    untouched = stats(root)
    result = run("check", "--fix", "--isolated", ".", cwd=root)
    assert result.returncode == 1, result.stderr  # the range errors are left to the user
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    assert [re.sub(r"(: FC\d+) .*|(\.) .*", r"\1\2", line) for line in lines[:-1]] == [
        # what is left is what needs a choice (the range rules) or cannot be fixed
        "body.yaml:2:24: FC006", "body.yaml:3:28: FC005", "calls.py:6:30: FC006",
        "calls.py:14:88: FC007", "calls.py:15:88: FC005", "devs-fc2.s.yaml:11:38: FC007",
        "devs-fc2.s.yaml:13:31: FC004", "devs-fc3.s.yaml:10:36: FC005",
        "devs-fc3.s.yaml:11:32: FC006", "fc2-age.json:1:31: FC007", "fc2-age.json:1:93: FC006",
        "fc2-body.json:6:28: FC006", "fc3-body.json:3:34: FC013", "fc3-body.json:5:32: FC007",
        "main.tf:6:34: FC005", "main.tf:7:34: FC006", "main.tf:21:34: FC007",
        "main.tf:27:36: FC035", "main.tf:28:36: FC006", "request.http:6:28: FC006",
        "request.http:15:31: FC005", "request.http:23:32: FC005",
        "Found 16 errors, 6 warnings in 10 FC config files (10 files checked)."]
    assert lines[-1] == "Applied 34 fixes to 8 files."
    for name in stats(root):
        if name != "clean.json":
            assert (root / name).read_bytes() == (AFTER / name).read_bytes(), name
    assert stat.S_IMODE((root / "main.tf").stat().st_mode) == 0o640
    now = stats(root)
    assert now["clean.json"] == untouched["clean.json"]
    assert sorted(p.name for p in root.iterdir()) == sorted(untouched)  # no temporary file left

    again = run("check", "--fix", "--isolated", ".", cwd=root)
    assert again.returncode == 1
    assert again.stdout.splitlines()[:-1] == lines[:-1]
    assert again.stdout.splitlines()[-1] == "No fixes applied."
    assert stats(root) == now  # nothing rewritten


def test_diff_prints_what_fix_would_do_and_writes_nothing(tmp_path: Path) -> None:
    root = tree(tmp_path)
    untouched = stats(root)
    result = run("check", "--diff", "--isolated", "main.tf", "body.yaml", cwd=root)
    assert result.returncode == 1
    assert result.stderr == "fclint: would apply 8 fixes to 2 files\n"
    assert result.stdout.startswith("--- a/main.tf\n+++ b/main.tf\n@@ -2,15 +2,15 @@\n")
    assert '\n-  qualifier     = "latest" # wrong case\n' in result.stdout
    assert '\n+  qualifier     = "LATEST" # wrong case\n' in result.stdout
    assert "--- a/body.yaml\n+++ b/body.yaml\n" in result.stdout
    assert stats(root) == untouched
    if shutil.which("git"):  # the diff is one `git apply` takes, and gives the fixed files
        (tmp_path / "fix.diff").write_text(result.stdout, encoding="utf-8")
        done = subprocess.run(["git", "apply", str(tmp_path / "fix.diff")],
                                            cwd=root, capture_output=True, check=False)
        assert done.returncode == 0, done.stderr
        for name in ("main.tf", "body.yaml"):
            assert (root / name).read_bytes() == (AFTER / name).read_bytes()
    clean = run("check", "--diff", "--isolated", str(AFTER / "main.tf"), cwd=tmp_path)
    assert (clean.returncode, clean.stdout, clean.stderr) == (0, "", "fclint: nothing to fix\n")


def test_diff_marks_a_missing_final_newline(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_bytes(b'{"maxAsyncRetryAttempts": "3"}')
    result = run("check", "--diff", "--isolated", "a.json", cwd=tmp_path)
    assert result.stdout == ('--- a/a.json\n+++ b/a.json\n@@ -1 +1 @@\n'
                             '-{"maxAsyncRetryAttempts": "3"}\n\\ No newline at end of file\n'
                             '+{"maxAsyncRetryAttempts": 3}\n\\ No newline at end of file\n')


def test_syntax_errors_are_refused(tmp_path: Path) -> None:
    # the first document does not parse; the second has a fixable finding
    data = b"maxAsyncRetryAttempts: [1,\n---\nmaxAsyncRetryAttempts: 10\n"
    (tmp_path / "a.yaml").write_bytes(data)
    before = stats(tmp_path)
    result = run("check", "--fix", "--isolated", "a.yaml", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr == ("fclint: note: a.yaml: no fixes applied: it has a syntax error "
                             "(FC000)\n")
    assert [line.split(" ")[:2] for line in result.stdout.splitlines()[:2]] == [
        ["a.yaml:2:1:", "FC000"], ["a.yaml:3:24:", "FC006"]]
    assert stats(tmp_path) == before and (tmp_path / "a.yaml").read_bytes() == data


def test_baselined_findings_are_not_fixed(tmp_path: Path) -> None:
    data = b'{"maxAsyncRetryAttemps": 3}\n'
    (tmp_path / "a.json").write_bytes(data)
    run("check", "--isolated", "--write-baseline", "base.json", "a.json", cwd=tmp_path)
    (tmp_path / "b.json").write_bytes(data)
    result = run("check", "--fix", "--isolated", "--baseline", "base.json", "a.json", "b.json",
                 cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "a.json").read_bytes() == data
    assert (tmp_path / "b.json").read_bytes() == b'{"maxAsyncRetryAttempts": 3}\n'


def test_standard_input_cannot_be_fixed(tmp_path: Path) -> None:
    result = run("check", "--fix", "-", cwd=tmp_path, stdin=b"{}")
    assert "--fix and --diff work on files" in assert_clean_failure(result)


# --- file safety (in process, so that the steps can be interfered with) -----------------------

def in_process(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["check", "--isolated", *args])
    out, err = capsys.readouterr()
    return code, out, err


BAD = b'{"maxAsyncRetryAttemps": 3}\n'


def test_a_file_changed_during_the_run_is_left_alone(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "a.json"
    target.write_bytes(BAD)
    theirs = b'{"maxAsyncRetryAttemps": 5}\n'
    real = writing.current_bytes

    def edited_meanwhile(path: Path) -> bytes | None:
        target.write_bytes(theirs)  # an editor saves just before fclint swaps the file in
        return real(path)

    monkeypatch.setattr(writing, "current_bytes", edited_meanwhile)
    monkeypatch.chdir(tmp_path)
    code, out, err = in_process(capsys, "--fix", "a.json")
    assert target.read_bytes() == theirs
    assert err == "fclint: warning: a.json: changed while fclint was fixing it; left alone\n"
    assert out.splitlines()[0].startswith("a.json:1:2: FC001")  # still reported: not fixed
    assert code == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.json"]


def test_a_read_only_file_gives_one_error_and_no_partial_write(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    target = folder / "a.json"
    target.write_bytes(BAD)
    target.chmod(0o444)
    folder.chmod(0o555)
    try:
        if os.geteuid() != 0:
            result = run("check", "--fix", "--isolated", "locked/a.json", cwd=tmp_path)
            line = assert_clean_failure(result)
        else:  # permissions do not stop root: make the swap itself fail
            def refuse(*_: object) -> None:
                raise PermissionError(13, "Permission denied")

            monkeypatch.setattr(os, "replace", refuse)
            monkeypatch.chdir(tmp_path)
            code, _, err = in_process(capsys, "--fix", "locked/a.json")
            line = assert_clean_failure(subprocess.CompletedProcess([], code, "", err))
        assert re.fullmatch(r"fclint: error: locked/a\.json: cannot write the fixes: "
                            r"(the file is read-only|Permission denied)", line), line
        assert target.read_bytes() == BAD
        assert [p.name for p in folder.iterdir()] == ["a.json"]
    finally:
        folder.chmod(0o755)


def test_a_read_only_file_in_a_writable_folder_is_not_replaced(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "a.json"
    target.write_bytes(BAD)
    target.chmod(0o444)
    monkeypatch.setattr(os, "access", lambda *_args, **_kw: False)  # as a non-root user sees it
    monkeypatch.chdir(tmp_path)
    code, _, err = in_process(capsys, "--fix", "a.json")
    assert code == 2
    assert err == "fclint: error: a.json: cannot write the fixes: the file is read-only\n"
    assert target.read_bytes() == BAD and [p.name for p in tmp_path.iterdir()] == ["a.json"]


def test_a_symlink_stays_a_symlink(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "real.json").write_bytes(BAD)
    (tmp_path / "link.json").symlink_to("real.json")
    monkeypatch.chdir(tmp_path)
    code, _, _ = in_process(capsys, "--fix", "link.json")
    assert code == 0
    assert (tmp_path / "link.json").is_symlink()
    assert (tmp_path / "real.json").read_bytes() == b'{"maxAsyncRetryAttempts": 3}\n'


def test_machine_formats_keep_the_fix_summary_off_stdout(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a.json").write_bytes(b'{"maxAsyncRetryAttemps": 3, "qualifier": 1}\n')
    monkeypatch.chdir(tmp_path)
    code, out, err = in_process(capsys, "--fix", "--format", "json", "a.json")
    assert [d["code"] for d in json.loads(out)] == ["FC004"]  # 1 is not a string: no fix
    assert err == "fclint: applied 1 fix to 1 file.\n"
    assert code == 1


# --- pre-commit -------------------------------------------------------------------------------

def test_the_fix_hook_runs_check_fix_on_the_same_files() -> None:
    yaml = pytest.importorskip("yaml")
    hooks = {h["id"]: h for h in yaml.safe_load(
        (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}
    assert hooks["fclint-fix"]["entry"] == "fclint check --fix"
    for key in ("language", "types", "files", "require_serial"):
        assert hooks["fclint-fix"][key] == hooks["fclint"][key], key
