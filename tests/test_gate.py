"""The CI gate: GitHub annotations within budget, JUnit XML, SARIF that code scanning accepts,
the composite action's shell steps, and the pre-commit hook's file selection."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
from clihelp import DATA, clean_env
from clihelp import fclint as run

from fclint.diagnostic import Diagnostic, Severity, Span
from fclint.formats import FRONT_ENDS
from fclint.report import Reporter, Run, github, junit, sarif

ROOT = Path(__file__).resolve().parents[1]
GATE = DATA / "gate"
SARIF_SCHEMA = DATA / "sarif" / "sarif-schema-2.1.0.json"


def diag(line: int, severity: Severity, code: str = "FC006", path: str = "a.json",
         **extra: object) -> Diagnostic:
    return Diagnostic(path=path, span=Span(line, 3, line, 9), code=code, severity=severity,
                      message=f"{line} | finding", pointer=f"/k{line}", **extra)  # type: ignore[arg-type]


def many(errors: int, warnings: int, infos: int) -> list[Diagnostic]:
    levels = [Severity.ERROR] * errors + [Severity.WARNING] * warnings + [Severity.INFO] * infos
    return [diag(i + 1, level) for i, level in enumerate(levels)]


def render(reporter: Reporter, diagnostics: list[Diagnostic]) -> str:
    out = io.StringIO()
    reporter(Run(diagnostics), out)
    return out.getvalue()


def annotated_levels(text: str) -> list[str]:
    """The level of each annotation line (`::error file=...`), in order."""
    return [m.group(1) for m in re.finditer(r"^::(error|warning|notice) file=", text, re.MULTILINE)]


# --- --format github --------------------------------------------------------------------------

def test_github_within_budget_prints_everything_most_severe_first(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    text = render(github.report, list(reversed(many(10, 10, 10))))
    assert annotated_levels(text) == ["error"] * 10 + ["warning"] * 10 + ["notice"] * 10
    assert "not annotated" not in text


def test_github_over_budget_annotates_ten_per_level_and_lists_the_rest(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    text = render(github.report, many(13, 11, 12))
    # one notice slot goes to the line that says how many were left out
    assert annotated_levels(text) == ["error"] * 10 + ["warning"] * 10 + ["notice"] * 9
    notices = [line for line in text.splitlines() if line.startswith("::notice title=fclint::")]
    assert notices == [("::notice title=fclint::7 more findings not annotated (GitHub shows 10 "
                        "per level and step); listed below")]
    rest = text.split(notices[0])[1].strip().splitlines()
    assert [line.split(": ")[1] for line in rest] == ["error"] * 3 + ["warning"] + ["info"] * 3
    assert rest[0] == "a.json:11:3: error: FC006 11 | finding"
    assert len(annotated_levels(text)) + len(rest) == 36  # nothing dropped


def test_github_rest_goes_to_the_step_summary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    text = render(github.report, many(12, 0, 0))
    assert annotated_levels(text) == ["error"] * 10
    assert "listed in the job summary and below" in text
    markdown = summary.read_text(encoding="utf-8")
    assert markdown.startswith("earlier step\n### fclint: 2 findings not annotated\n")
    rows = [line for line in markdown.splitlines() if line.startswith("| error")]
    # the message's `|` is escaped so the table keeps four columns
    assert rows == ["| error | `a.json:11:3` | FC006 | 11 \\| finding |",
                    "| error | `a.json:12:3` | FC006 | 12 \\| finding |"]


def test_github_end_to_end_writes_the_summary(tmp_path: Path) -> None:
    body = ",\n".join(f'  "bad{i}": {i}' for i in range(12))
    (tmp_path / "a.json").write_text('{\n  "maxAsyncRetryAttempts": 3,\n' + body + "\n}\n",
                                     encoding="utf-8")
    summary = tmp_path / "summary.md"
    done = subprocess.run(
        [sys.executable, "-m", "fclint", "check", "--format", "github", "a.json"],
        cwd=tmp_path, capture_output=True, text=True, timeout=60, check=False,
        env=clean_env() | {"GITHUB_STEP_SUMMARY": str(summary)},
    )
    assert done.returncode == 1, done.stderr
    assert annotated_levels(done.stdout) == ["error"] * 10
    assert "| error | `a.json:13:3` | FC001 | 'bad10' is not a key" in summary.read_text("utf-8")


# --- --format junit ---------------------------------------------------------------------------

def test_junit_is_xml_with_a_suite_per_file_and_a_case_per_finding(tmp_path: Path) -> None:
    shutil.copytree(GATE / "tree", tmp_path / "tree")
    result = run("check", "--format", "junit", "tree", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    root = ET.fromstring(result.stdout.encode("utf-8"))
    assert root.tag == "testsuites"
    suites = {s.get("name"): s for s in root.findall("testsuite")}
    # unrelated JSON is not a suite; a clean config is, with one passing case
    assert sorted(str(name) for name in suites) == ["tree/bad.json", "tree/clean.json", "tree/warn.json"]
    clean = suites["tree/clean.json"]
    assert (clean.get("tests"), clean.get("failures")) == ("1", "0")
    assert clean.find("testcase/failure") is None
    bad = suites["tree/bad.json"]
    cases = bad.findall("testcase")
    assert [c.get("name") for c in cases] == ["FC006 tree/bad.json:2:28", "FC001 tree/bad.json:3:3"]
    assert [c.get("line") for c in cases] == ["2", "3"]
    failure = cases[0].find("failure")
    assert failure is not None and failure.get("type") == "error"
    assert failure.get("message") == "9 is greater than the maximum of 8 for maxAsyncRetryAttempts"
    # a warning below --fail-on is shown but does not fail
    warn = suites["tree/warn.json"]
    assert warn.get("failures") == "0" and warn.find("testcase/system-out") is not None
    assert root.get("tests") == "4" and root.get("failures") == "2"


def test_junit_failures_follow_fail_on(tmp_path: Path) -> None:
    shutil.copytree(GATE / "tree", tmp_path / "tree")
    result = run("check", "--format", "junit", "--fail-on", "warning", "tree/warn.json", cwd=tmp_path)
    assert result.returncode == 1
    root = ET.fromstring(result.stdout.encode("utf-8"))
    assert root.get("failures") == "1"
    assert root.find("testsuite/testcase/failure").get("type") == "warning"  # type: ignore[union-attr]


def test_junit_survives_control_characters() -> None:
    d = Diagnostic(path="a&<b>.json", span=Span(1, 1, 1, 2), code="FC000", severity=Severity.ERROR,
                   message="'\x01\x1b' is \"odd\" & <bad>")
    root = ET.fromstring(render(junit.report, [d]).encode("utf-8"))
    failure = root.find("testsuite/testcase/failure")
    assert failure is not None and failure.get("message") == "'\\x01\\x1b' is \"odd\" & <bad>"
    assert root.find("testsuite").get("name") == "a&<b>.json"  # type: ignore[union-attr]


# --- SARIF ------------------------------------------------------------------------------------

def sarif_log(diagnostics: list[Diagnostic]) -> dict:
    return json.loads(render(sarif.report, diagnostics))


def validate(log: dict) -> None:
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema).validate(log)


def test_sarif_rule_metadata_is_valid_and_complete() -> None:
    log = sarif_log(many(1, 1, 1))
    validate(log)
    run_ = log["runs"][0]
    assert run_["columnKind"] == "unicodeCodePoints"
    rule = next(r for r in run_["tool"]["driver"]["rules"] if r["id"] == "FC006")
    assert rule["name"] == "RetryAttemptsOutOfRange"
    assert rule["properties"]["name"] == "retry-attempts-out-of-range"
    assert rule["shortDescription"]["text"].endswith(".")
    assert rule["fullDescription"]["text"] and "## Why is this bad?" in rule["help"]["markdown"]
    assert rule["defaultConfiguration"]["level"] == "error"


def test_sarif_fingerprints_are_stable_and_unique(tmp_path: Path) -> None:
    (tmp_path / "a b.json").write_text(
        (GATE / "fingerprint-before.json").read_text(encoding="utf-8"), encoding="utf-8")
    before = json.loads(run("check", "--format", "sarif", "a b.json", cwd=tmp_path).stdout)
    (tmp_path / "a b.json").write_text(
        (GATE / "fingerprint-after.json").read_text(encoding="utf-8"), encoding="utf-8")
    after = json.loads(run("check", "--format", "sarif", "a b.json", cwd=tmp_path).stdout)
    validate(before)
    validate(after)

    def prints(log: dict) -> dict[str, int]:
        return {r["partialFingerprints"]["fclint/v1"]: r["locations"][0]["physicalLocation"]
                ["region"]["startLine"] for r in log["runs"][0]["results"]}

    first, second = prints(before), prints(after)
    assert len(first) == len(before["runs"][0]["results"]) == 3  # unique within a run
    assert set(first) == set(second)  # same alerts...
    assert first != second  # ...on other lines
    assert "FC006:a%20b.json:/maxAsyncRetryAttempts" in first
    assert before["runs"][0]["results"][0]["locations"][0]["physicalLocation"][
        "artifactLocation"]["uri"] == "a%20b.json"


def test_sarif_same_place_twice_gets_distinct_fingerprints() -> None:
    twice = [diag(1, Severity.ERROR), diag(1, Severity.ERROR)]
    prints = [r["partialFingerprints"]["fclint/v1"] for r in sarif_log(twice)["runs"][0]["results"]]
    assert prints == ["FC006:a.json:/k1", "FC006:a.json:/k1#1"]


def test_sarif_notebook_finding_uses_the_raw_span_and_names_the_cell() -> None:
    located = diag(2, Severity.ERROR, path="nb.ipynb", cell=3,
                   extra={sarif.RAW_SPAN: Span(41, 10, 41, 11)})
    unlocated = diag(2, Severity.ERROR, path="nb.ipynb", cell=4)
    log = sarif_log([located, unlocated])
    validate(log)
    first, second = log["runs"][0]["results"]
    assert first["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 41, "startColumn": 10, "endLine": 41, "endColumn": 11}
    assert first["locations"][0]["logicalLocations"] == [{"name": "cell 3"}]
    assert first["message"]["text"] == "2 | finding (cell 3, line 2, column 3)"
    assert first["properties"] == {"cell": 3, "cellLine": 2, "cellColumn": 3}
    # without the raw span, never the cell's line number in the raw file: the file's start
    assert second["locations"][0]["physicalLocation"]["region"] == {"startLine": 1}
    assert first["partialFingerprints"] != second["partialFingerprints"]


MULTITOOL_CACHE = Path.home() / ".cache" / "fclint-tests" / "sarif-multitool"


def _multitool() -> list[str] | None:
    """Microsoft's SARIF validator (npm `@microsoft/sarif-multitool`): FCLINT_SARIF_MULTITOOL,
    or `sarif-multitool` on PATH, or installed with npm into a cache folder on first use."""
    configured = os.environ.get("FCLINT_SARIF_MULTITOOL")
    if configured:
        return [configured]
    found = shutil.which("sarif-multitool")
    if found:
        return [found]
    # The platform package's own binary: the npm shim in .bin loses the path the tool needs.
    binary = MULTITOOL_CACHE / "node_modules" / "@microsoft" / "sarif-multitool-linux" / "Sarif.Multitool"
    npm = shutil.which("npm")
    if not binary.exists() and npm is not None:
        MULTITOOL_CACHE.mkdir(parents=True, exist_ok=True)
        subprocess.run([npm, "install", "--no-audit", "--no-fund", "--prefix", str(MULTITOOL_CACHE),
                        "@microsoft/sarif-multitool@5"], capture_output=True, timeout=300,
                       check=False)
    return [str(binary)] if binary.exists() else None


def test_sarif_passes_microsofts_validator_with_github_rules(tmp_path: Path) -> None:
    tool = _multitool()
    if tool is None:
        pytest.skip("sarif-multitool could not be had: no npm, or its install failed (set "
                    "FCLINT_SARIF_MULTITOOL to the binary)")
    shutil.copytree(GATE / "tree", tmp_path / "tree")
    log = tmp_path / "fclint.sarif"
    run("check", "--format", "sarif", "-o", str(log), "tree", cwd=tmp_path)
    out = tmp_path / "validation.sarif"
    done = subprocess.run([*tool, "validate", str(log), "-o", str(out), "--rule-kind", "Gh;Sarif",
                           "--level", "Error;Warning", "--log", "ForceOverwrite"],
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    found = json.loads(out.read_text(encoding="utf-8-sig"))["runs"][0]["results"]
    assert [(r["ruleId"], r["message"]) for r in found] == []


# --- the composite action ---------------------------------------------------------------------

def action() -> dict:
    yaml = pytest.importorskip("yaml")
    return yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))


def test_action_is_a_composite_action() -> None:
    spec = action()
    assert spec["name"] and spec["description"]
    assert set(spec["inputs"]) >= {"paths", "args", "sarif-file", "upload-sarif"}
    assert spec["runs"]["using"] == "composite"
    for step in spec["runs"]["steps"]:
        assert ("run" in step) != ("uses" in step), step
        if "run" in step:
            assert step["shell"] == "bash"
            # inputs reach scripts through env:, so a path cannot inject shell code
            assert "${{" not in step["run"], step["name"]
    upload = next(s for s in spec["runs"]["steps"] if "uses" in s)
    assert upload["uses"].startswith("github/codeql-action/upload-sarif@")
    assert upload["if"] == "${{ inputs.upload-sarif == 'true' }}"


def _expand(value: str, context: dict[str, str]) -> str:
    def one(match: re.Match[str]) -> str:
        return context[match.group(1)]
    return re.sub(r"\$\{\{\s*([\w.-]+)\s*\}\}", one, value)


def run_action(workdir: Path, inputs: dict[str, str], install: bool = False,
               action_path: Path = ROOT) -> tuple[int, dict[str, str]]:
    """Run the action's `run:` steps with bash as a runner would: `${{ }}` expanded from the
    inputs and step outputs, GITHUB_OUTPUT/GITHUB_PATH files; `uses:` steps are skipped.
    Returns the exit status of the first failing step (0 if none) and the outputs. Unless
    `install`, the `fclint` of the running tests is used, as with `install: false`."""
    spec = action()
    values = {f"inputs.{k}": str(v.get("default", "")) for k, v in spec["inputs"].items()}
    values |= {f"inputs.{k}": v for k, v in inputs.items()}
    if not install:
        values["inputs.install"] = "false"
    values |= {"github.action_path": str(action_path), "runner.temp": str(workdir / "runner-temp")}
    (workdir / "runner-temp").mkdir(exist_ok=True)
    outputs: dict[str, str] = {}
    env = clean_env() | {"PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}"}
    for step in spec["runs"]["steps"]:
        if "uses" in step:
            continue
        output_file, path_file = workdir / "gh-output", workdir / "gh-path"
        output_file.write_text("", encoding="utf-8")
        step_env = env | {k: _expand(str(v), values) for k, v in step.get("env", {}).items()}
        step_env |= {"GITHUB_OUTPUT": str(output_file), "GITHUB_PATH": str(path_file)}
        script = workdir / "step.sh"
        script.write_text(_expand(step["run"], values), encoding="utf-8")
        # exactly how a runner runs `shell: bash`
        done = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
                              cwd=workdir, env=step_env, capture_output=True, text=True, timeout=600,
                              check=False)
        step_outputs = dict(line.split("=", 1) for line in
                            output_file.read_text(encoding="utf-8").splitlines() if "=" in line)
        values |= {f"steps.{step.get('id')}.outputs.{k}": v for k, v in step_outputs.items()}
        outputs |= step_outputs
        outputs[f"log:{step['name']}"] = done.stdout + done.stderr
        if done.returncode:
            return done.returncode, outputs
    return 0, outputs


def test_action_steps_run_and_fail_on_findings(tmp_path: Path) -> None:
    shutil.copytree(GATE / "tree", tmp_path / "tree")
    status, outputs = run_action(tmp_path, {"paths": "tree/bad.json tree/clean.json",
                                            "upload-sarif": "true"})
    assert status == 1
    assert outputs["exit-code"] == "1" and outputs["sarif-file"] == "fclint.sarif"
    assert "::error file=tree/bad.json,line=2,col=28" in outputs["log:Run fclint"]
    log = json.loads((tmp_path / "fclint.sarif").read_text(encoding="utf-8"))
    validate(log)
    assert {r["ruleId"] for r in log["runs"][0]["results"]} == {"FC006", "FC001"}


def test_action_passes_args_and_never_globs(tmp_path: Path) -> None:
    shutil.copytree(GATE / "tree", tmp_path / "tree")
    status, outputs = run_action(tmp_path, {"paths": "tree/warn.json\ntree/clean.json",
                                            "args": "--fail-on warning", "format": "text",
                                            "sarif-file": "out/x.sarif"})
    assert status == 2  # out/ does not exist: the SARIF run says so, the lint run still runs
    assert "out/x.sarif: cannot write the report" in outputs["log:Run fclint"]
    status, outputs = run_action(tmp_path, {"paths": "tree/warn.json", "args": "--fail-on warning",
                                            "format": "text", "sarif-file": "x.sarif"})
    assert (status, outputs["exit-code"]) == (1, "1")
    assert "tree/warn.json:2:32: FC007" in outputs["log:Run fclint"]
    status, outputs = run_action(tmp_path, {"paths": "tree/*.json"})
    assert status == 2 and "tree/*.json: no such file or directory" in outputs["log:Run fclint"]


def test_action_clean_run_succeeds(tmp_path: Path) -> None:
    shutil.copytree(GATE / "tree", tmp_path / "tree")
    status, outputs = run_action(tmp_path, {"paths": "tree/clean.json tree/package.json"})
    assert (status, outputs["exit-code"], outputs["sarif-file"]) == (0, "0", "")


# --- the pre-commit hook's definition (the real pre-commit runs in test_precommit.py) --------

def test_hook_covers_every_format_fclint_reads() -> None:
    yaml = pytest.importorskip("yaml")
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    hook = next(h for h in hooks if h["id"] == "fclint")
    assert hook["entry"] == "fclint check" and hook["language"] == "python"
    assert hook["require_serial"] is True
    pattern = re.compile(hook["files"])
    for suffix in FRONT_ENDS:
        assert pattern.search(f"dir/config{suffix}"), suffix
        assert pattern.search(f"dir/CONFIG{suffix.upper()}"), suffix
    for other in ("notes.txt", "main.go", "a.json.bak", "data.csv", "x.pyc", "run.shx"):
        assert not pattern.search(other), other
