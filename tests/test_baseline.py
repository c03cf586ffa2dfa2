"""Baselines (`--write-baseline`, `--baseline`) and rules marked not-suppressible."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from clihelp import DATA, assert_clean_failure
from clihelp import fclint as run

from fclint import baseline
from fclint.config import ConfigError, Settings, settings_from_table
from fclint.diagnostic import Diagnostic, Severity, Span
from fclint.engine import lint_text
from fclint.rules import RULES

GATE = DATA / "gate"
BEFORE = (GATE / "fingerprint-before.json").read_text(encoding="utf-8")  # FC006, FC005, FC010
AFTER = (GATE / "fingerprint-after.json").read_text(encoding="utf-8")  # the same, reformatted


def codes(result_stdout: str) -> list[str]:
    return [f"{f['line']}:{f['column']} {f['code']}" for f in json.loads(result_stdout)]


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    (tmp_path / "configs").mkdir()
    (tmp_path / "configs" / "a.json").write_text(BEFORE, encoding="utf-8")
    return tmp_path


def test_write_then_check_hides_everything(repo: Path) -> None:
    written = run("check", "--write-baseline", "fclint-baseline.json", ".", cwd=repo)
    assert written.returncode == 0, written.stdout + written.stderr
    assert written.stderr == "fclint: wrote 3 baseline entries to fclint-baseline.json\n"
    entries = json.loads((repo / "fclint-baseline.json").read_text(encoding="utf-8"))["entries"]
    assert entries == [
        {"path": "configs/a.json", "code": "FC005", "pointer": "/maxAsyncEventAgeInSeconds", "count": 1},
        {"path": "configs/a.json", "code": "FC006", "pointer": "/maxAsyncRetryAttempts", "count": 1},
        {"path": "configs/a.json", "code": "FC010", "pointer": "/destinationConfig/onFailure/destination",
         "count": 1},
    ]
    checked = run("check", "--baseline", "fclint-baseline.json", "--format", "json", ".", cwd=repo)
    assert (checked.returncode, codes(checked.stdout), checked.stderr) == (0, [], "")


def test_reformatted_and_moved_text_stays_matched(repo: Path) -> None:
    run("check", "--write-baseline", "base.json", ".", cwd=repo)
    (repo / "configs" / "a.json").write_text(AFTER, encoding="utf-8")
    checked = run("check", "--baseline", "base.json", "--format", "json", ".", cwd=repo)
    assert (checked.returncode, codes(checked.stdout)) == (0, [])


def test_new_findings_are_reported(repo: Path) -> None:
    run("check", "--write-baseline", "base.json", ".", cwd=repo)
    changed = AFTER.replace('"destination": "acs:mns:cn-hangzhou:1234567890123456:/queues/q/messages"',
                            '"destination": "acs:mns:cn-hangzhou:1234567890123456:/queues/q/message"')
    (repo / "configs" / "a.json").write_text(changed, encoding="utf-8")
    (repo / "configs" / "b.json").write_text('{"maxAsyncRetryAttempts": 9}\n', encoding="utf-8")
    checked = run("check", "--baseline", "base.json", "--format", "json", ".", cwd=repo)
    assert checked.returncode == 1
    found = json.loads(checked.stdout)
    assert [(f["path"], f["line"], f["column"], f["code"]) for f in found] == [
        ("configs/a.json", 7, 28, "FC011"), ("configs/b.json", 1, 27, "FC006")]


def test_paths_are_relative_to_the_baseline_file(repo: Path) -> None:
    run("check", "--write-baseline", "base.json", "configs", cwd=repo)
    checked = run("check", "--baseline", "../base.json", "--format", "json", "a.json",
                  cwd=repo / "configs")
    assert (checked.returncode, codes(checked.stdout)) == (0, [])


def test_fixed_findings_are_noted_for_linted_files_only(repo: Path) -> None:
    (repo / "configs" / "b.json").write_text('{"maxAsyncRetryAttempts": 9}\n', encoding="utf-8")
    run("check", "--write-baseline", "base.json", ".", cwd=repo)
    (repo / "configs" / "a.json").write_text('{"maxAsyncRetryAttempts": 9}\n', encoding="utf-8")
    checked = run("check", "--baseline", "base.json", "configs/a.json", cwd=repo)
    assert checked.returncode == 0
    assert checked.stderr.startswith("fclint: note: 2 baselined findings are fixed;")
    # only b.json linted (as pre-commit does with staged files): a.json's entries are not stale
    checked = run("check", "--baseline", "base.json", "configs/b.json", cwd=repo)
    assert (checked.returncode, checked.stderr) == (0, "")


@pytest.mark.parametrize("content, expected", [
    (None, "no-such.json: cannot read the baseline"),
    ("[1, 2]", "not a fclint baseline"),
    ('{"fclint-baseline": 1, "entries": [{"path": "a"}]}', "malformed entry"),
])
def test_bad_baseline_is_a_clean_usage_error(repo: Path, content: str | None, expected: str) -> None:
    name = "no-such.json"
    if content is not None:
        name = "bad.json"
        (repo / name).write_text(content, encoding="utf-8")
    line = assert_clean_failure(run("check", "--baseline", name, ".", cwd=repo))
    assert expected in line


def test_counts_hide_only_as_many_as_recorded(tmp_path: Path) -> None:
    def at(line: int) -> Diagnostic:
        return Diagnostic(path=str(tmp_path / "a.json"), span=Span(line, 1, line, 2), code="FC042",
                          severity=Severity.WARNING, message="dup", pointer="/x")

    target = tmp_path / "base.json"
    assert baseline.write(target, [at(1)]) == 1
    filtered = baseline.apply(target, [at(1), at(5)], lambda d: True)
    assert ([d.span.line for d in filtered.kept], filtered.hidden, filtered.stale) == ([5], 1, 0)


# --- not-suppressible -------------------------------------------------------------------------

def test_not_suppressible_setting() -> None:
    settings = settings_from_table({"not-suppressible": ["FC016", "FC06"]}, "t", frozenset(RULES))
    assert settings.not_suppressible == ("FC016", "FC06")
    assert not settings.suppressible("FC016") and not settings.suppressible("FC061")
    assert settings.suppressible("FC006")
    with pytest.raises(ConfigError, match="'FC999' is not a rule code"):
        settings_from_table({"not-suppressible": ["FC999"]}, "t", frozenset(RULES))


def test_baseline_never_hides_a_not_suppressible_rule(repo: Path) -> None:
    (repo / ".fclint.toml").write_text('not-suppressible = ["FC006"]\n', encoding="utf-8")
    written = run("check", "--write-baseline", "base.json", "--format", "json", ".", cwd=repo)
    # FC006 is not recorded, and is reported at once
    assert written.returncode == 1
    assert codes(written.stdout) == ["1:27 FC006"]
    entries = json.loads((repo / "base.json").read_text(encoding="utf-8"))["entries"]
    assert "FC006" not in {e["code"] for e in entries}
    # a baseline edited (or written before the policy) to hold FC006 does not hide it either
    entries.append({"path": "configs/a.json", "code": "FC006", "pointer": "/maxAsyncRetryAttempts",
                    "count": 1})
    (repo / "base.json").write_text(json.dumps({"fclint-baseline": 1, "entries": entries}),
                                    encoding="utf-8")
    checked = run("check", "--baseline", "base.json", "--format", "json", ".", cwd=repo)
    assert (checked.returncode, codes(checked.stdout)) == (1, ["1:27 FC006"])


POST = ("# fclint: ignore[FC061] our gateway takes POST\n"
        "POST /2016-08-15/services/svc/functions/fn/async-invoke-config\n")


def test_inline_ignore_works_for_ordinary_rules() -> None:
    assert lint_text(POST, "a.http", Settings()).diagnostics == []


def test_inline_ignore_never_hides_a_not_suppressible_rule() -> None:
    settings = Settings(not_suppressible=("FC061",))
    found = [f"{d.span.line}:{d.span.column} {d.code}"
             for d in lint_text(POST, "a.http", settings).diagnostics]
    assert found == ["1:1 FC091", "2:1 FC061"]


def test_cli_help_documents_the_baseline_options(tmp_path: Path) -> None:
    text = run("check", "--help", cwd=tmp_path).stdout
    assert "--baseline FILE" in text and "--write-baseline FILE" in text
    assert "junit" in text

