"""One bad file never ends the run or damages a file: the reproducers a fuzzing run found, each
a finding at its place; a failure injected into each format's front end is that file's FC090
while the other files are still reported; `--fix` places its edits by the line breaks the parser
saw (LF, CRLF, a lone CR) and refuses an edit whose text is not what the finding was about."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from clihelp import fclint

from fclint import engine, fix, formats
from fclint.cli import main
from fclint.config import Settings, SettingsResolver
from fclint.diagnostic import Diagnostic, Edit, Fix, Severity, Span
from fclint.rules import RULES
from fclint.runner import lint_files

DEEP = "[" * 1000 + "]" * 1000
PUT_FC3 = "https://1234567890123456.cn-hangzhou.fc.aliyuncs.com/2023-03-30/functions/fn/async-invoke-config"


def notebook(*cells: dict[str, object], metadata: str = "{}") -> bytes:
    """A notebook's text, written by hand so that it can hold what json.dumps would refuse
    (nesting past Python's recursion limit) or escape differently."""
    body = ",".join(json.dumps(cell) for cell in cells)
    return (f'{{"cells": [{body}], "metadata": {metadata}, "nbformat": 4, '
            f'"nbformat_minor": 5}}').encode()


def raw_cell(source: str) -> dict[str, object]:
    return {"cell_type": "raw", "metadata": {}, "source": source}


DEEP_METADATA = notebook(raw_cell('{"maxAsyncRetryAttempts": 9}'), metadata='{"x": ' + DEEP + "}")
# The first value past 200 levels, counted as for JSON bodies (the top-level object is level 0,
# the metadata object 1, the first '[' 2): the 200th '['.
DEEP_AT = DEEP_METADATA.index(b"[", DEEP_METADATA.index(b'"metadata"')) + 199 + 1

# name: (file name, bytes, findings as "line:column CODE" with the cell where there is one)
REPRODUCERS = {
    "an IPv6 host that is not one": (
        "ipv6.http", b"PUT https://[::-1]/2023-03-30/functions/fn/async-invoke-config\n\n{}\n",
        ["1:13 FC063"]),
    "a bracket inside a host": (
        "bracket.http", b"PUT https://a]b/2023-03-30/functions/fn/async-invoke-config\n",
        ["1:13 FC063"]),
    "a variable filling in an unclosed bracket": (
        "variable.http", b"@host = [x\nGET https://{{host}}/2023-03-30/functions/fn/async-invoke-config\n",
        ["2:13 FC063"]),
    "a cell nesting an array 1,000 deep": (
        "deep-cell.ipynb", notebook(raw_cell('{"maxAsyncRetryAttempts": 3, "x": ' + DEEP + "}")),
        ["cell 1 1:99 FC090"]),
    "metadata nesting an array 1,000 deep": (
        "deep-metadata.ipynb", DEEP_METADATA, [f"1:{DEEP_AT} FC090"]),
    "a lone surrogate escape in a cell": (
        "surrogate.ipynb",
        b'{"cells": [{"cell_type": "raw", "metadata": {}, "source": '
        b'"{\\"maxAsyncRetryAttempts\\": 9,\\n \\"a\\": \\"\\ud800\\"}"}], '
        b'"metadata": {}, "nbformat": 4, "nbformat_minor": 5}',
        ["cell 1 2:8 FC000"]),
}


def shown(item: dict[str, object]) -> str:
    cell = f"cell {item['cell']} " if item.get("cell") else ""
    return f"{cell}{item['line']}:{item['column']} {item['code']}"


def test_each_reproducer_is_a_finding_and_the_run_goes_on(tmp_path: Path) -> None:
    for name, data, _ in REPRODUCERS.values():
        (tmp_path / name).write_bytes(data)
    (tmp_path / "plain.json").write_text('{"maxAsyncRetryAttempts": 9}', encoding="utf-8")
    result = fclint("check", "--format", "json", ".", cwd=tmp_path)
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    assert (result.returncode, result.stderr) == (1, "")
    found: dict[str, list[str]] = {}
    for item in json.loads(result.stdout):
        found.setdefault(item["path"], []).append(shown(item))
    assert found == {name: expected for name, _, expected in REPRODUCERS.values()} | {
        "plain.json": ["1:27 FC006"]}


def test_the_messages_say_what_is_wrong(tmp_path: Path) -> None:
    for name, data, _ in REPRODUCERS.values():
        (tmp_path / name).write_bytes(data)
    messages = {item["path"]: item["message"] for item in json.loads(
        fclint("check", "--format", "json", ".", cwd=tmp_path).stdout)}
    assert messages["ipv6.http"] == "'[::-1]' is not a valid host: '::-1' in brackets is not an IPv6 address"
    assert messages["variable.http"] == ("'[x' (from {{host}}) is not a valid host: an IPv6 "
                                         "address needs its closing ']'")
    assert messages["deep-metadata.ipynb"].startswith("nesting deeper than 200 levels; ")
    assert messages["surrogate.ipynb"].startswith("'\\ud800' is a lone surrogate")


def test_text_holding_a_lone_surrogate_is_one_finding() -> None:
    """As the language server receives it: a JSON escape decoded into the document's text."""
    text = '{"maxAsyncRetryAttempts": 9,\n "a": "\ud800"}'
    for name in ("a.json", "a.yaml", "a.py", "a.http", "a.tf"):
        result = engine.lint_text(text, name, Settings())
        assert [(d.span.line, d.span.column, d.code) for d in result.diagnostics] == [
            (2, 8, "FC000")], name


# --- one guard for every front end -----------------------------------------------------------

SAMPLES = {  # a file of each format holding a config, and its one finding
    ".json": ('{"maxAsyncRetryAttempts": 9}', "1:27 FC006"),
    ".http": (f"PUT {PUT_FC3}\n\n" + '{"maxAsyncRetryAttempts": 9}\n', "3:27 FC006"),
    ".yaml": ("maxAsyncRetryAttempts: 9\n", "1:24 FC006"),
    ".tf": ('resource "alicloud_fc_function_async_invoke_config" "c" {\n  service_name = "s"\n'
            '  function_name = "f"\n  maximum_retry_attempts = 9\n}\n', "4:28 FC006"),
    ".py": ('body = {"maxAsyncRetryAttempts": 9, "maxAsyncEventAgeInSeconds": 300}\n',
            "1:34 FC006"),
    ".ipynb": (json.dumps({"cells": [{"cell_type": "raw", "metadata": {},
                                      "source": '{"maxAsyncRetryAttempts": 9}'}],
                           "metadata": {}, "nbformat": 4, "nbformat_minor": 5}), "1:27 FC006"),
    ".sh": ("aliyun fc PutAsyncInvokeConfig --functionName f --body '{\"maxAsyncRetryAttempts\": 9}'\n",
            "1:83 FC006"),
    ".md": ("# Retries\n\n```sh\naliyun fc PutAsyncInvokeConfig --functionName f \\\n"
            "  --body '{\"maxAsyncRetryAttempts\": 9}'\n```\n", "5:37 FC006"),
}


@pytest.mark.parametrize("error", [RuntimeError("boom"), MemoryError(), RecursionError("deep")],
                         ids=["RuntimeError", "MemoryError", "RecursionError"])
@pytest.mark.parametrize("suffix", sorted(SAMPLES))
def test_a_failing_front_end_costs_its_file_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                 suffix: str, error: Exception) -> None:
    for name, (text, _) in SAMPLES.items():
        (tmp_path / f"config{name}").write_text(text, encoding="utf-8")
    module = formats.front_end(f"x{suffix}")

    def fails(*args: object) -> None:
        raise error

    monkeypatch.setattr(module, "documents", fails)
    files = sorted(str(p) for p in tmp_path.iterdir())
    outcome = lint_files(files, SettingsResolver(frozenset(RULES)), jobs=1)
    assert not outcome.unreadable
    for result in outcome.results:
        found = [f"{d.span.line}:{d.span.column} {d.code}" for d in result.diagnostics]
        if result.path.endswith(suffix):
            assert found == ["1:1 FC090"]
            assert type(error).__name__ in result.diagnostics[0].message
            assert "run with --debug for the traceback" in result.diagnostics[0].message
        else:
            assert found == [SAMPLES[Path(result.path).suffix][1]], result.path


def test_the_command_reports_every_file_and_exits_1(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.yaml").write_text("maxAsyncRetryAttempts: 9\n", encoding="utf-8")
    (tmp_path / "b.json").write_text('{"maxAsyncRetryAttempts": 9}', encoding="utf-8")
    monkeypatch.setattr(formats.front_end("x.yaml"), "documents",
                        lambda *args: (_ for _ in ()).throw(ValueError("no way")))
    monkeypatch.chdir(tmp_path)
    assert main(["check", "."]) == 1
    out, err = capsys.readouterr()
    assert out.splitlines()[:2] == [
        "a.yaml:1:1: FC090 the file was not checked: fclint failed on it (ValueError: no way); "
        "run with --debug for the traceback, and please report it",
        "b.json:1:27: FC006 9 is greater than the maximum of 8 for maxAsyncRetryAttempts",
    ]
    assert err == ""
    with pytest.raises(ValueError, match="no way"):  # --debug shows the real failure
        main(["--debug", "check", "."])


def test_a_failure_while_fixing_leaves_the_file_and_fixes_the_others(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.json").write_text('{"maxAsyncRetryAttempts": 9}', encoding="utf-8")
    (tmp_path / "b.json").write_text('{"maxAsyncRetryAttemps": 3}', encoding="utf-8")
    real = fix.fix_text

    def fails_on_a(text: str, path: str, *args: object, **kwargs: object) -> fix.Fixed:
        if path.endswith("a.json"):
            raise OSError("disk on fire")
        return real(text, path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(fix, "fix_text", fails_on_a)
    monkeypatch.chdir(tmp_path)
    assert main(["check", "--fix", "."]) == 1
    assert (tmp_path / "a.json").read_text(encoding="utf-8") == '{"maxAsyncRetryAttempts": 9}'
    assert (tmp_path / "b.json").read_text(encoding="utf-8") == '{"maxAsyncRetryAttempts": 3}'
    _, err = capsys.readouterr()
    assert "a.json: no fixes applied: the file was not checked: fclint failed on it (OSError: " \
           "disk on fire)" in err


# --- --fix and line breaks --------------------------------------------------------------------

BREAKS = {"LF": "\n", "CRLF": "\r\n", "CR": "\r"}
# name: (file name, lines before, lines after the fix); the lines are joined by each break, and
# by a mix of all three.
LINES = {
    "YAML body": ("body.yaml", ["statefulInvocation: true", "maxAsyncRetryAttempt: 3",
                                "maxAsyncEventAgeInSeconds: 300", ""],
                  ["statefulInvocation: true", "maxAsyncRetryAttempts: 3",
                   "maxAsyncEventAgeInSeconds: 300", ""]),
    "Python dict": ("calls.py", ["x = 1", 'body = {"maxAsyncRetryAttempt": 3,',
                                 '        "maxAsyncEventAgeInSeconds": 300}', ""],
                    ["x = 1", 'body = {"maxAsyncRetryAttempts": 3,',
                     '        "maxAsyncEventAgeInSeconds": 300}', ""]),
    "JSON body": ("body.json", ["{", ' "statefulInvocation": true,', ' "maxAsyncRetryAttempt": 3',
                                "}"],
                  ["{", ' "statefulInvocation": true,', ' "maxAsyncRetryAttempts": 3', "}"]),
    ".http request": ("put.http", [f"PUT {PUT_FC3}", "", "{", ' "asyncTask": true,',
                                   ' "MaxAsyncRetryAttempts": 3', "}"],
                      [f"PUT {PUT_FC3}", "", "{", ' "asyncTask": true,',
                       ' "maxAsyncRetryAttempts": 3', "}"]),
}


def join(lines: list[str], breaks: str) -> str:
    if breaks == "mixed":
        seps = ["\r", "\r\n", "\n"]
        return "".join(line + (seps[i % 3] if i < len(lines) - 1 else "")
                       for i, line in enumerate(lines))
    return BREAKS[breaks].join(lines)


@pytest.mark.parametrize("breaks", [*BREAKS, "mixed"])
@pytest.mark.parametrize("case", LINES.values(), ids=LINES.keys())
def test_fix_lands_where_the_parser_saw_the_finding(case: tuple[str, list[str], list[str]],
                                                    breaks: str) -> None:
    name, before, after = case
    outcome = fix.fix_bytes(join(before, breaks).encode(), name, Settings())
    assert outcome.new is not None and outcome.new.decode() == join(after, breaks)
    assert fix.fix_bytes(outcome.new, name, Settings()).new is None  # a second fix: nothing


def test_the_fuzzers_lone_cr_yaml_is_fixed_not_damaged() -> None:
    before = b"statefulInvocation: true\rmaxAsyncRetryAttempt: 3\nmaxAsyncEventAgeInSeconds: 300\n"
    outcome = fix.fix_bytes(before, "cr.yaml", Settings())
    assert outcome.new == (b"statefulInvocation: true\rmaxAsyncRetryAttempts: 3\n"
                           b"maxAsyncEventAgeInSeconds: 300\n")
    assert outcome.fixed.fixes == 1


def test_an_edit_whose_text_is_not_what_the_finding_saw_is_not_applied() -> None:
    text = '{"maxAsyncRetryAttempt": 3}'

    def rename(span: Span, expect: object) -> Diagnostic:
        return Diagnostic("a.json", span, "FC001", Severity.ERROR, "m",
                          fix=Fix("f", (Edit(span, '"maxAsyncRetryAttempts"', expect),)))

    right = rename(Span(1, 2, 1, 24), "maxAsyncRetryAttempt")
    assert fix._apply_round(text, [right])[:2] == ('{"maxAsyncRetryAttempts": 3}', ["FC001"])
    elsewhere = rename(Span(1, 3, 1, 25), "maxAsyncRetryAttempt")  # one character off
    assert fix._apply_round(text, [elsewhere]) == (text, [], 1)


@pytest.mark.parametrize("written, value, spelled", [
    ('"maxAsyncRetryAttempt"', "maxAsyncRetryAttempt", True),
    ("'max'", "max", True),
    ("max", "max", True),
    ('"a\\u00e9"', "aé", True),
    ("maxAsync", "max", False),
    ("9", 9, True), ('"9"', 9, True), ("9.0", 9, True), ("1_000", 1000, True), ("8", 9, False),
    ("true", True, True), ("True", True, True), ("false", True, False),
])
def test_spells(written: str, value: object, spelled: bool) -> None:
    assert fix.spells(written, value) is spelled


def test_the_language_servers_notebook_cells_are_guarded_one_by_one(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from fclint.formats import notebook
    from fclint.lsp.notebooks import Cell, lint_cells

    real = notebook.cell_documents

    def fails_on_the_second(cell: dict[str, object], index: int, *args: object):
        if index == 2:
            raise RecursionError("deep")
        return real(cell, index, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(notebook, "cell_documents", fails_on_the_second)
    cell = Cell("code", 'body = {"maxAsyncRetryAttempts": 9, "maxAsyncEventAgeInSeconds": 300}\n')
    first, second, third = lint_cells([cell, cell, cell], "nb.ipynb", Settings())
    assert [(d.cell, d.code) for d in first + second + third] == [
        (1, "FC006"), (2, "FC090"), (3, "FC006")]
    assert "RecursionError: deep" in second[0].message


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85"], ids=["LS", "PS", "NEL"])
def test_yaml_only_line_breaks_count_as_the_editor_counts_them(separator: str) -> None:
    """YAML 1.1 parsers end lines at NEL, LS and PS too; LSP and editors do not, and findings
    are placed on the lines the editor shows."""
    text = f'description: "one{separator}two"\nmaxAsyncRetryAttempt: 3\n'
    result = engine.lint_text(text, "body.yaml", Settings())
    assert [(d.span.line, d.span.column, d.code) for d in result.diagnostics] == [
        (1, 1, "FC001"), (2, 1, "FC001")]  # `description` has no fix; the second has
    outcome = fix.fix_bytes(text.encode(), "body.yaml", Settings())
    assert outcome.new == text.replace("Attempt:", "Attempts:").encode()
