"""End-to-end tests of the `fclint` command: golden outputs per format, exit statuses,
configuration files, standard input and the info commands, run as a real subprocess."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest

import fclint
from clihelp import DATA, assert_clean_failure, assert_golden, fclint as run, git

TREE = DATA / "cli" / "tree"
SARIF_SCHEMA = DATA / "sarif" / "sarif-schema-2.1.0.json"
JSON_KEYS = ["path", "line", "column", "end_line", "end_column", "code", "severity", "message",
             "cell", "pointer", "keyword", "expected", "fix"]
# An FC config with mistakes in places that `fclint check .` must never look.
HIDDEN_CONFIG = '{\n  "maxAsyncRetryAttempts": 99\n}\n'

# Single-file bodies for the exit-status table.
CLEAN = '{"maxAsyncRetryAttempts": 3, "maxAsyncEventAgeInSeconds": 3600}\n'
WARNING_ONLY = '{"maxAsyncEventAgeInSeconds": 1209600}\n'  # FC007, a warning
INFO_ONLY = '{"maxAsyncEventAgeInSeconds": 30, "maxAsyncRetryAttempts": 2}\n'  # FC040, info
ERROR = '{"maxAsyncRetryAttempts": 9}\n'  # FC006, an error


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture tree in a fresh git repository, plus what must be skipped: a dependency in
    node_modules, a virtualenv, a VCS folder and a git-ignored folder."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    root = tmp_path_factory.mktemp("cli") / "project"
    shutil.copytree(TREE, root)
    git("init", "-q", ".", cwd=root)
    (root / ".gitignore").write_text("generated/\n*.local.json\n", encoding="utf-8")
    hidden = ["node_modules/dep/async.json", "generated/out.json", "configs/dev.local.json",
              "myenv/lib/async.json", ".hg/async.json"]
    for relative in hidden:
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / relative).write_text(HIDDEN_CONFIG, encoding="utf-8")
    (root / "myenv" / "pyvenv.cfg").write_text("home = /usr/bin\n", encoding="utf-8")
    return root


# --- golden outputs ---------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["text", "json", "github"])
def test_golden_output(project: Path, fmt: str) -> None:
    result = run("check", "--format", fmt, ".", cwd=project)
    assert result.returncode == 1, result.stderr
    assert result.stderr == ""
    assert_golden(f"tree.{fmt}", result.stdout)


def test_golden_sarif_results(project: Path) -> None:
    """The results are golden; the rule metadata follows the registry, so it is checked by
    shape (test_sarif_*), not frozen here."""
    result = run("check", "--format", "sarif", ".", cwd=project)
    assert result.returncode == 1, result.stderr
    log = json.loads(result.stdout)
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    results = log["runs"][0]["results"]
    for item in results:
        assert rules[item.pop("ruleIndex")]["id"] == item["ruleId"]
    assert_golden("tree.sarif-results.json", json.dumps(results, indent=2, ensure_ascii=False) + "\n")


def test_skipped_places_are_skipped_but_lint_when_named(project: Path) -> None:
    everything = run("check", "--format", "json", ".", cwd=project)
    paths = {d["path"] for d in json.loads(everything.stdout)}
    assert paths == {"configs/put-config.json", "requests.http"}
    # Each skipped file is a real finding when named explicitly: the walk, not the file, skips it.
    for relative in ("node_modules/dep/async.json", "generated/out.json", "configs/dev.local.json"):
        named = run("check", "--format", "json", relative, cwd=project)
        assert [(d["path"], d["line"], d["column"], d["code"]) for d in json.loads(named.stdout)] == [
            (relative, 2, 28, "FC006")
        ]


@pytest.mark.parametrize("name", ["package.json", "tsconfig.json"])
def test_unrelated_json_is_never_flagged(project: Path, name: str) -> None:
    result = run("check", name, cwd=project)
    assert result.returncode == 0
    assert result.stdout == "No problems found in 0 FC config files (1 file checked).\n"


def test_kind_forces_a_kind(project: Path) -> None:
    result = run("check", "--kind", "fc2-request", "--format", "json", "package.json", cwd=project)
    assert result.returncode == 1
    found = [(d["line"], d["column"], d["code"]) for d in json.loads(result.stdout)]
    assert (2, 3, "FC001") in found  # "name" is not a key of the request body


def test_output_file(project: Path, tmp_path: Path) -> None:
    target = tmp_path / "report.txt"
    result = run("check", "-o", str(target), ".", cwd=project)
    assert result.returncode == 1
    assert result.stdout == ""
    assert target.read_text(encoding="utf-8") == run("check", ".", cwd=project).stdout


# --- JSON -------------------------------------------------------------------------------------

def test_json_keys_exactly(project: Path) -> None:
    findings = json.loads(run("check", "--format", "json", ".", cwd=project).stdout)
    assert findings
    for finding in findings:
        assert list(finding) == JSON_KEYS
        assert finding["severity"] in ("error", "warning", "info")
        assert finding["cell"] is None
        assert finding["line"] >= 1 and finding["column"] >= 1
        assert (finding["end_line"], finding["end_column"]) > (finding["line"], finding["column"])


def test_json_of_a_clean_run_is_an_empty_array(tmp_path: Path) -> None:
    (tmp_path / "ok.json").write_text(CLEAN, encoding="utf-8")
    result = run("check", "--format", "json", "ok.json", cwd=tmp_path)
    assert (result.returncode, json.loads(result.stdout)) == (0, [])


# --- SARIF ------------------------------------------------------------------------------------

def test_sarif_is_valid_sarif_2_1_0(project: Path) -> None:
    """Validated against the OASIS SARIF 2.1.0 schema (vendored: see tests/data/sarif/)."""
    log = json.loads(run("check", "--format", "sarif", ".", cwd=project).stdout)
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema).validate(log)


def test_sarif_has_what_github_code_scanning_reads(project: Path) -> None:
    log = json.loads(run("check", "--format", "sarif", ".", cwd=project).stdout)
    assert log["version"] == "2.1.0"
    driver = log["runs"][0]["tool"]["driver"]
    assert driver["name"] == "fclint"
    assert driver["version"] == fclint.__version__
    ids = [r["id"] for r in driver["rules"]]
    assert "FC006" in ids and len(ids) == len(set(ids))
    for rule in driver["rules"]:
        assert rule["shortDescription"]["text"]
        assert rule["fullDescription"]["text"]
        assert rule["help"]["text"]
        assert rule["defaultConfiguration"]["level"] in ("error", "warning", "note")
    results = log["runs"][0]["results"]
    assert len(results) == 5
    for result in results:
        assert result["ruleId"] in ids
        assert result["level"] in ("error", "warning", "note")
        assert result["message"]["text"]
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uri"] in ("configs/put-config.json", "requests.http")
        assert location["region"]["startLine"] >= 1 and location["region"]["startColumn"] >= 1
        assert result["partialFingerprints"]


def test_sarif_fingerprints_survive_reformatting(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text('{"maxAsyncRetryAttempts": 9}', encoding="utf-8")
    before = json.loads(run("check", "--format", "sarif", "a.json", cwd=tmp_path).stdout)
    (tmp_path / "a.json").write_text('{\n\n    "maxAsyncRetryAttempts":   9\n}\n', encoding="utf-8")
    after = json.loads(run("check", "--format", "sarif", "a.json", cwd=tmp_path).stdout)
    first, second = before["runs"][0]["results"][0], after["runs"][0]["results"][0]
    assert first["locations"] != second["locations"]
    assert first["partialFingerprints"] == second["partialFingerprints"]


# --- exit status ------------------------------------------------------------------------------

EXIT_CASES = {
    "clean": (CLEAN, [], 0),
    "error": (ERROR, [], 1),
    "error, --exit-zero": (ERROR, ["--exit-zero"], 0),
    "warning": (WARNING_ONLY, [], 0),
    "warning, --fail-on warning": (WARNING_ONLY, ["--fail-on", "warning"], 1),
    "warning, --fail-on warning --exit-zero": (WARNING_ONLY, ["--fail-on", "warning", "--exit-zero"], 0),
    "info, --fail-on warning": (INFO_ONLY, ["--fail-on", "warning"], 0),
    "info, --fail-on info": (INFO_ONLY, ["--fail-on", "info"], 1),
    "error made a warning": (ERROR, ["--severity", "FC006=warning"], 0),
    "warning made an error": (WARNING_ONLY, ["--severity", "FC007=error"], 1),
    "error ignored": (ERROR, ["--ignore", "FC006"], 0),
}


@pytest.mark.parametrize("body, options, status", EXIT_CASES.values(), ids=EXIT_CASES.keys())
def test_exit_status(tmp_path: Path, body: str, options: list[str], status: int) -> None:
    (tmp_path / "config.json").write_text(body, encoding="utf-8")
    result = run("check", *options, "config.json", cwd=tmp_path)
    assert result.returncode == status, result.stdout + result.stderr
    assert result.stderr == ""


USAGE_ERRORS = {
    "unknown option": (["check", "--frobnicate", "."], "unrecognized arguments: --frobnicate"),
    "missing path": (["check", "no-such-file.json"], "no-such-file.json: no such file or directory"),
    "bad --format": (["check", "--format", "xml", "."], "--format"),
    "bad --severity": (["check", "--severity", "FC006", "."], "expected CODE=LEVEL"),
    "bad severity level": (["check", "--severity", "FC006=fatal", "."], "'fatal' is not a severity"),
    "unknown rule code": (["check", "--select", "FC999", "."], "'FC999' is not a rule code"),
    "bad --max-event-age": (["check", "--max-event-age", "100", "."], "--max-event-age"),
    "unknown command": (["lint", "."], "invalid choice: 'lint'"),
}


@pytest.mark.parametrize("args, expected", USAGE_ERRORS.values(), ids=USAGE_ERRORS.keys())
def test_usage_errors_exit_2_with_one_line(tmp_path: Path, args: list[str], expected: str) -> None:
    (tmp_path / "config.json").write_text(ERROR, encoding="utf-8")
    line = assert_clean_failure(run(*args, cwd=tmp_path))
    assert expected in line


def test_no_command_prints_help_and_exits_2(tmp_path: Path) -> None:
    result = run(cwd=tmp_path)
    assert result.returncode == 2
    assert "usage: fclint" in result.stdout


# --- configuration ----------------------------------------------------------------------------

def write(root: Path, files: dict[str, str]) -> None:
    for relative, text in files.items():
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / relative).write_text(text, encoding="utf-8")


def codes(result: object) -> list[str]:
    return [d["code"] for d in json.loads(result.stdout)]  # type: ignore[attr-defined]


BAD_CONFIGS = {
    "pyproject.toml": ('[tool.fclint]\nselect = ["FC0"\nignore = 3\n', "line 3, column 1"),
    ".fclint.toml": ('ignore = ["FC006"]\nseverity = {FC006 = \n', "line 2, column 21"),
}


@pytest.mark.parametrize("name", BAD_CONFIGS)
def test_invalid_toml_names_file_and_position(tmp_path: Path, name: str) -> None:
    text, position = BAD_CONFIGS[name]
    write(tmp_path, {name: text, "sub/config.json": ERROR})
    line = assert_clean_failure(run("check", "sub", cwd=tmp_path))
    assert str(tmp_path / name) in line
    assert "invalid TOML" in line and position in line


@pytest.mark.parametrize("setting, expected", [
    ('ignor = ["FC006"]', "unknown setting 'ignor'; did you mean 'ignore'?"),
    ('select = ["FC9999"]', "'FC9999' is not a rule code or prefix"),
    ("max-event-age = 100", "100 is not 604800 or 2592000"),
    ('severity = {FC006 = "fatal"}', "'fatal' is not a severity"),
    ('account-id = "abc"', "'abc' is not an account id"),
    ('api-version = "2020-01-01"', "'2020-01-01' is not one of"),
])
def test_bad_setting_is_one_line(tmp_path: Path, setting: str, expected: str) -> None:
    write(tmp_path, {".fclint.toml": setting + "\n", "config.json": ERROR})
    line = assert_clean_failure(run("check", "config.json", cwd=tmp_path))
    assert str(tmp_path / ".fclint.toml") in line and expected in line


def test_config_found_upward_and_nearest_wins(tmp_path: Path) -> None:
    body = '{"maxAsyncRetryAttempts": 9, "maxAsyncEventAgeInSeconds": 1209600}\n'
    write(tmp_path, {
        "pyproject.toml": '[tool.fclint]\nignore = ["FC006"]\n',
        "a/b/c/deep.json": body,
        # a pyproject.toml without [tool.fclint] is no configuration: the search goes on upward
        "a/b/pyproject.toml": '[project]\nname = "x"\n',
        "other/.fclint.toml": 'ignore = ["FC007"]\n',
        "other/near.json": body,
    })
    deep = run("check", "--format", "json", "a/b/c/deep.json", cwd=tmp_path)
    assert codes(deep) == ["FC007"]
    near = run("check", "--format", "json", "other/near.json", cwd=tmp_path)
    assert codes(near) == ["FC006"]  # .fclint.toml is nearer than the root pyproject.toml
    # the configuration is found from the file, wherever fclint runs
    assert codes(run("check", "--format", "json", "c/deep.json", cwd=tmp_path / "a" / "b")) == ["FC007"]


def test_config_applies_settings(tmp_path: Path) -> None:
    write(tmp_path, {
        ".fclint.toml": ('max-event-age = 604800\nregion = "cn-hangzhou"\n'
                         'severity = {FC018 = "error"}\n'
                         'per-file-ignores = {"legacy/*.json" = ["FC006"]}\n'),
        "config.json": ('{"maxAsyncEventAgeInSeconds": 1209600, "destinationConfig": {"onFailure": '
                        '{"destination": "acs:mns:cn-beijing:1234567890123456:/queues/q/messages"}}}\n'),
        "legacy/old.json": ERROR,
    })
    result = run("check", "--format", "json", ".", cwd=tmp_path)
    found = [(d["path"], d["code"], d["severity"]) for d in json.loads(result.stdout)]
    assert found == [("config.json", "FC005", "error"), ("config.json", "FC018", "error")]


CLI_OVER_CONFIG = {
    "--severity over severity": ('severity = {FC006 = "warning"}', ERROR, [], 0,
                                 ["--severity", "FC006=error"], 1),
    "--region over region": ('region = "cn-hangzhou"',
                             '{"destinationConfig": {"onFailure": {"destination": '
                             '"acs:mns:cn-beijing:1234567890123456:/queues/q/messages"}}}\n',
                             ["--fail-on", "warning"], 1, ["--region", "cn-beijing"], 0),
    "--max-event-age over max-event-age": ("max-event-age = 604800", WARNING_ONLY, [], 1,
                                           ["--max-event-age", "2592000"], 0),
    "--select over ignore": ('ignore = ["FC006"]', ERROR, [], 0, ["--select", "FC006"], 1),
    "--config replaces the search": ('ignore = ["FC006"]', ERROR, [], 0,
                                     ["--config", "strict.toml"], 1),
    "--isolated ignores configuration": ('ignore = ["FC006"]', ERROR, [], 0, ["--isolated"], 1),
}


@pytest.mark.parametrize("setting, body, base, base_status, options, status",
                         CLI_OVER_CONFIG.values(), ids=CLI_OVER_CONFIG.keys())
def test_command_line_overrides_config(tmp_path: Path, setting: str, body: str, base: list[str],
                                       base_status: int, options: list[str], status: int) -> None:
    write(tmp_path, {".fclint.toml": setting + "\n", "config.json": body,
                     "strict.toml": 'severity = {FC006 = "error"}\n'})
    assert run("check", *base, "config.json", cwd=tmp_path).returncode == base_status
    result = run("check", *base, *options, "config.json", cwd=tmp_path)
    assert result.returncode == status, result.stdout + result.stderr


# --- standard input ---------------------------------------------------------------------------

def test_stdin_is_named_by_stdin_filename(tmp_path: Path) -> None:
    result = run("check", "-", "--stdin-filename", "conf/put.json", cwd=tmp_path,
                 stdin=ERROR.encode())
    assert result.returncode == 1
    assert result.stdout.splitlines()[0] == (
        "conf/put.json:1:27: FC006 9 is greater than the maximum of 8 for maxAsyncRetryAttempts")


def test_stdin_without_a_name_is_dash(tmp_path: Path) -> None:
    result = run("check", "-", "--format", "json", cwd=tmp_path, stdin=ERROR.encode())
    assert [(d["path"], d["line"], d["column"]) for d in json.loads(result.stdout)] == [("-", 1, 27)]


def test_stdin_filename_picks_format_and_config(tmp_path: Path) -> None:
    write(tmp_path, {"conf/.fclint.toml": 'ignore = ["FC062"]\n'})
    request = ("GET /2023-03-30/functions/f/async-invoke-config\n\n"
               '{"maxAsyncRetryAttempts": 3}\n').encode()
    named = run("check", "-", "--stdin-filename", "conf/r.http", "--format", "json",
                cwd=tmp_path, stdin=request)
    assert codes(named) == []  # FC062 (a body on GET) ignored by conf/.fclint.toml
    elsewhere = run("check", "-", "--stdin-filename", "r.http", "--format", "json",
                    cwd=tmp_path, stdin=request)
    assert [(d["line"], d["column"], d["code"]) for d in json.loads(elsewhere.stdout)] == [
        (1, 1, "FC062")]


def test_stdin_unrelated_json_is_not_flagged(tmp_path: Path) -> None:
    result = run("check", "-", "--stdin-filename", "package.json", cwd=tmp_path,
                 stdin=b'{"name": "app", "version": "1.0.0"}')
    assert (result.returncode, result.stderr) == (0, "")


# --- rules, rule, schema, version -------------------------------------------------------------

def test_rules_lists_every_rule(tmp_path: Path) -> None:
    result = run("rules", cwd=tmp_path)
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert any(line.startswith("FC006  retry-attempts-out-of-range") for line in lines)
    as_json = json.loads(run("rules", "--format", "json", cwd=tmp_path).stdout)
    assert len(as_json) == len(lines)
    assert {"code", "name", "severity", "fixable", "summary", "docs"} <= set(as_json[0])


@pytest.mark.parametrize("code", ["FC006", "retry-attempts-out-of-range"])
def test_rule_explains(tmp_path: Path, code: str) -> None:
    result = run("rule", code, cwd=tmp_path)
    assert result.returncode == 0
    assert result.stdout.startswith("# retry-attempts-out-of-range (FC006)\n")
    for section in ("## What it does", "## Why is this bad?", "## Example", "## Use instead"):
        assert section in result.stdout


def test_rule_unknown_exits_2(tmp_path: Path) -> None:
    line = assert_clean_failure(run("rule", "nope", cwd=tmp_path))
    assert "no rule 'nope'" in line


def test_schema_lists_the_schemas(tmp_path: Path) -> None:
    result = run("schema", cwd=tmp_path)
    assert result.returncode == 0
    names = [line.split("\t")[0] for line in result.stdout.splitlines()]
    assert names == ["fc2-config", "fc2-invocation", "fc2-invocations", "fc2-list", "fc2-request",
                     "fc3-config", "fc3-list", "fc3-request", "fc3-task", "fc3-tasks"]


@pytest.mark.parametrize("name", ["fc2-request", "fc3-request", "fc2-list"])
def test_schema_prints_a_draft_2020_12_schema(tmp_path: Path, name: str) -> None:
    result = run("schema", name, cwd=tmp_path)
    assert result.returncode == 0
    schema = json.loads(result.stdout)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)
    assert run("schema", f"{name}.schema.json", cwd=tmp_path).stdout == result.stdout


def test_schema_validates_like_fclint(tmp_path: Path) -> None:
    schema = json.loads(run("schema", "fc2-request", cwd=tmp_path).stdout)
    validator = jsonschema.Draft202012Validator(schema)
    assert validator.is_valid(json.loads(CLEAN))
    assert not validator.is_valid(json.loads(ERROR))


def test_schema_unknown_exits_2(tmp_path: Path) -> None:
    assert "no schema 'nope'" in assert_clean_failure(run("schema", "nope", cwd=tmp_path))


def test_version(tmp_path: Path) -> None:
    result = run("--version", cwd=tmp_path)
    assert (result.returncode, result.stdout) == (0, f"fclint {fclint.__version__}\n")
