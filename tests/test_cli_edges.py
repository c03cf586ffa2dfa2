"""Edge cases of the command line (issue 18): files that are not text or too large in every
format, a NUL judged alike by `fclint check` and the language server's engine path."""

from __future__ import annotations

import json
import os
import re
import stat
import subprocess
from pathlib import Path

import pytest

from clihelp import fclint

# A config in each format, and where its one word fclint looks for starts (line, column): a
# byte put there breaks that word, which is all a damaged file has to tell it is a config.
NOTEBOOK = json.dumps({
    "cells": [{"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [],
               "source": "PutAsyncInvokeConfigInput(max_async_retry_attempts=9)\n"}],
    "metadata": {}, "nbformat": 4, "nbformat_minor": 5,
})
CONFIGS = {
    ".json": ('{"maxAsyncRetryAttempts": 9}\n', (1, 3)),
    ".http": ("PUT /2023-03-30/functions/f/async-invoke-config\n\n"
              '{"maxAsyncRetryAttempts": 9}\n', (1, 30)),
    ".rest": ("PUT /2023-03-30/functions/f/async-invoke-config\n\n"
              '{"maxAsyncRetryAttempts": 9}\n', (3, 3)),
    ".yaml": ("maxAsyncRetryAttempts: 9\n", (1, 1)),
    ".yml": ("# retries\nmaxAsyncRetryAttempts: 9\n", (2, 1)),
    ".tf": ('resource "alicloud_fcv3_async_invoke_config" "a" {\n'
            '  maximum_retry_attempts = 9\n}\n', (1, 11)),
    ".py": ("x = PutAsyncInvokeConfigInput(max_async_retry_attempts=9)\n", (1, 5)),
    ".ipynb": (NOTEBOOK, (1, NOTEBOOK.index("PutAsync") + 1)),
    ".md": ('# Retries\n\n```json\n{"maxAsyncRetryAttempts": 9}\n```\n', (4, 3)),
    ".sh": ("aliyun fc PutAsyncInvokeConfig --functionName f "
            "--body '{\"maxAsyncRetryAttempts\": 9}'\n", (1, 11)),
}
SUFFIXES = list(CONFIGS)
DAMAGE = {
    "NUL": (b"\x00", "'\\x00' (a NUL byte): a binary file, not text; fclint does not check it"),
    "invalid UTF-8": (b"\xff", "invalid UTF-8: byte 0xff cannot start or continue a character; "
                               "fclint does not check the file"),
}
LIMIT = 5_000_000


def offset_of(text: str, line: int, column: int) -> int:
    lines = text.split("\n")
    return sum(len(lines[i]) + 1 for i in range(line - 1)) + column - 1


def check(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    result = fclint("check", "--no-cache", "--format", "json", *args, cwd=tmp_path)
    assert "Traceback" not in result.stderr, result.stderr
    return result


def seen(result: subprocess.CompletedProcess[str]) -> list[tuple[int, int, str, str]]:
    return [(d["line"], d["column"], d["code"], d["message"]) for d in json.loads(result.stdout)]


@pytest.mark.parametrize("damage", DAMAGE, ids=DAMAGE)
@pytest.mark.parametrize("suffix", SUFFIXES)
def test_a_damaged_byte_inside_the_word_that_tells_a_config_is_reported(
        tmp_path: Path, suffix: str, damage: str) -> None:
    """The byte lands inside the word fclint looks for (`alicloud_fcv3_async_invoke_config`,
    `maxAsyncRetryAttempts`...): the file was passed over as no config; now it is one FC000."""
    text, (line, column) = CONFIGS[suffix]
    at = offset_of(text, line, column) + 4
    data, message = DAMAGE[damage]
    (tmp_path / f"c{suffix}").write_bytes(text[:at].encode() + data + text[at:].encode())
    result = check(tmp_path, f"c{suffix}")
    assert seen(result) == [(line, column + 4, "FC000", message)]
    assert (result.returncode, result.stderr) == (1, "")


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_a_config_past_the_first_64_kilobytes_of_a_large_file_is_reported(
        tmp_path: Path, suffix: str) -> None:
    text, _ = CONFIGS[suffix]
    padding = b"\n" * 100_000
    (tmp_path / f"big{suffix}").write_bytes(padding + text.encode() + b"\n" * (LIMIT - 100_000))
    result = check(tmp_path, f"big{suffix}")
    assert seen(result) == [(1, 1, "FC090", "the file is 5.0 MB, above the max-file-size limit "
                                            "of 5.0 MB; fclint does not check it")]
    assert (result.returncode, result.stderr) == (1, "")


NOT_CONFIGS = {
    "NUL": (b"a = 1\x00\n", "1:6: '\\x00' (a NUL byte): a binary file, not text"),
    "invalid UTF-8": (b"a = \xff\n", "1:5: invalid UTF-8: byte 0xff cannot start or continue a "
                                     "character"),
    "too large": (b"a = 1\n" + b" " * LIMIT, "1:1: the file is 5.0 MB, above the max-file-size "
                                            "limit of 5.0 MB"),
}


@pytest.mark.parametrize("case", NOT_CONFIGS, ids=NOT_CONFIGS)
@pytest.mark.parametrize("suffix", SUFFIXES)
def test_a_file_fclint_cannot_read_and_holding_no_config_is_named_in_a_note(
        tmp_path: Path, suffix: str, case: str) -> None:
    """Not a finding (a 10 MB package-lock.json or a notebook full of images is no config, and
    pre-commit names every staged file), but never a silent "No problems found" either."""
    data, why = NOT_CONFIGS[case]
    (tmp_path / f"x{suffix}").write_bytes(data)
    result = fclint("check", "--no-cache", f"x{suffix}", cwd=tmp_path)
    assert result.stdout == "No problems found in 0 FC config files (1 file checked).\n"
    assert result.stderr == (f"fclint: note: x{suffix}:{why}, and nothing in it looks like an "
                             "FC config; not checked\n")
    assert result.returncode == 0


def test_the_summary_counts_files_that_hold_configs(tmp_path: Path) -> None:
    """Two services' async configs in one s.yaml are one file of configs, as the summary says."""
    service = ("  {0}:\n    component: devsapp/fc\n    props:\n      region: cn-hangzhou\n"
               "      service: {{name: svc}}\n      function:\n        name: {0}\n"
               "        asyncConfiguration:\n          maxAsyncRetryAttempts: {1}\n")
    (tmp_path / "s.yaml").write_text("edition: 1.0.0\nservices:\n" + service.format("a", 9)
                                     + service.format("b", 2), encoding="utf-8")
    result = fclint("check", "--no-cache", "s.yaml", cwd=tmp_path)
    assert result.stdout == (
        "s.yaml:11:34: FC006 9 is greater than the maximum of 8 for maxAsyncRetryAttempts\n"
        "Found 1 error in 1 FC config file (1 file checked).\n")


def test_the_note_is_said_again_from_the_cache_and_from_a_worker_process(tmp_path: Path) -> None:
    """The result cache keeps the note with the result; so does a worker of a big run."""
    for index in range(250):  # enough files for a worker process (runner.PARALLEL_FROM)
        (tmp_path / f"f{index:03}.json").write_text('{"a": 1}\n', encoding="utf-8")
    (tmp_path / "x.tf").write_bytes(b"a = 1\x00\n")
    note = ("fclint: note: x.tf:1:6: '\\x00' (a NUL byte): a binary file, not text, and nothing "
            "in it looks like an FC config; not checked\n")
    for _ in range(2):  # the second run answers every file from the cache
        result = fclint("check", "--cache-dir", "cache", ".", cwd=tmp_path)
        assert result.stdout == "No problems found in 0 FC config files (251 files checked).\n"
        assert (result.stderr, result.returncode) == (note, 0)
    assert any((tmp_path / "cache").iterdir())


NUL_PLACES = {  # where a NUL goes in each format's config
    "at the end": lambda text: text + "\x00",
    "past 8 kB": lambda text: text + "\n" * 9000 + "\x00\n",
    "after a BOM": lambda text: "\ufeff" + text + "\x00",
    "after lone CRs": lambda text: text.replace("\n", "\r") + "\r\x00",
}


def nul_position(text: str) -> tuple[int, int]:
    """Where the NUL is, as an editor counts lines (LF, CRLF, lone CR) and the BOM not at all."""
    before = re.split("\r\n|\r|\n", text.lstrip("\ufeff")[: text.lstrip("\ufeff").index("\x00")])
    return len(before), len(before[-1]) + 1


def engine_path(text: str, name: str, folder: Path) -> list[tuple[int, int, str, str]]:
    """What the language server shows for `text`: it lints the editor's text with this call."""
    from fclint.config import SettingsResolver
    from fclint.engine import lint_text
    from fclint.rules import codes

    result = lint_text(text, name, SettingsResolver(codes()).for_path(folder / name))
    return [(d.span.line, d.span.column, d.code, d.message) for d in result.diagnostics]


@pytest.mark.parametrize("suffix", SUFFIXES)
@pytest.mark.parametrize("place", NUL_PLACES, ids=NUL_PLACES)
def test_the_command_line_and_the_language_server_call_the_same_text_binary(
        tmp_path: Path, place: str, suffix: str) -> None:
    """A NUL is not text: `fclint check` reads the file's bytes, the language server lints
    the text the editor sent; both give the one FC000 at the NUL, with nothing else (the
    parsers would each stumble at it in their own words, some at 1:1)."""
    text = NUL_PLACES[place](CONFIGS[suffix][0])
    name = f"n{suffix}"
    (tmp_path / name).write_bytes(text.encode())
    cli = seen(check(tmp_path, name))
    assert cli == [(*nul_position(text), "FC000", DAMAGE["NUL"][1])]
    assert engine_path(text, name, tmp_path) == cli


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_a_nul_in_no_config_is_nothing_in_the_server_and_a_note_on_the_command_line(
        tmp_path: Path, suffix: str) -> None:
    (tmp_path / f"n{suffix}").write_bytes(b"a = 1\x00\n")
    assert seen(check(tmp_path, f"n{suffix}")) == []
    assert engine_path("a = 1\x00\n", f"n{suffix}", tmp_path) == []


# --- line breaks in .http files ---------------------------------------------------------------

HTTP = ("# the orders function\n@host = 1234567890123456.cn-hangzhou.fc.aliyuncs.com\n\n###\n"
        "PUT https://{{host}}/2023-03-30/functions/f/async-invoke-config\n"
        "Content-Type: application/json\n\n{\n  \"maxAsyncRetryAttempts\": 9,\n  \"x\": 1\n}\n")
HTTP_FOUND = [
    (9, 28, "FC006", "9 is greater than the maximum of 8 for maxAsyncRetryAttempts"),
    (10, 3, "FC001", "'x' is not a key of PutAsyncInvokeConfig request body (expected one of "
                     "destinationConfig, asyncTask, maxAsyncEventAgeInSeconds, "
                     "maxAsyncRetryAttempts)"),
]


def with_breaks(text: str, breaks: list[str]) -> str:
    """`text` with its n-th line break replaced by breaks[n % len(breaks)]."""
    parts = text.split("\n")
    return "".join(p + breaks[i % len(breaks)] for i, p in enumerate(parts[:-1])) + parts[-1]


BREAKS = {"LF": ["\n"], "CR": ["\r"], "CRLF": ["\r\n"], "mixed": ["\r", "\r\n", "\n"],
          "mixed the other way": ["\n", "\r", "\r\n"]}


@pytest.mark.parametrize("breaks", BREAKS, ids=BREAKS)
def test_http_lines_end_at_lf_crlf_and_a_lone_cr(tmp_path: Path, breaks: str) -> None:
    """Headers, the blank line before the body and the body: the same two findings, where an
    editor shows them, whichever line breaks the file has."""
    (tmp_path / "a.http").write_bytes(with_breaks(HTTP, BREAKS[breaks]).encode())
    result = check(tmp_path, "a.http")
    assert seen(result) == HTTP_FOUND
    assert result.returncode == 1


@pytest.mark.parametrize("breaks", BREAKS, ids=BREAKS)
def test_http_requests_are_read_alike_from_the_editors_text(breaks: str) -> None:
    """The language server's hover and completion read the editor's text, lone CRs and all."""
    from fclint.formats.http_requests import comments, requests

    text = with_breaks(HTTP.replace("  \"x\"", "  # fclint: ignore[FC001] here\n  \"x\""),
                       BREAKS[breaks])
    [request] = requests(text)
    assert (request.method, request.line, request.url_column, request.body_line) == ("PUT", 5, 5, 8)
    assert request.body.split("\n")[1:4] == ['  "maxAsyncRetryAttempts": 9,', "", '  "x": 1']
    assert [(c.span.line, c.span.column, c.span.end_column) for c in comments(text, "fclint:")] == [
        (10, 3, 31)]


def test_a_suppression_in_a_cr_only_http_file(tmp_path: Path) -> None:
    text = HTTP.replace("  \"x\"", "  # fclint: ignore[FC001] a test key\n  \"x\"")
    text = text.replace("\n", "\r")
    (tmp_path / "a.http").write_bytes(text.encode())
    assert seen(check(tmp_path, "a.http")) == [HTTP_FOUND[0]]


# --- YAML's .nan and .inf -----------------------------------------------------------------

def int_message(written: str, key: str) -> str:
    return f"{written} is not an integer: {key} takes an integer"


S_YAML = """edition: 3.0.0
name: app
access: default
resources:
  f:
    component: fc3
    props:
      region: cn-hangzhou
      functionName: f
      asyncInvokeConfig:
        maxAsyncRetryAttempts: .NaN
        maxAsyncEventAgeInSeconds: -.inf
"""
ROS = """ROSTemplateFormatVersion: '2015-09-01'
Resources:
  C:
    Type: ALIYUN::FC3::AsyncInvokeConfig
    Properties:
      FunctionName: f
      MaxAsyncRetryAttempts: .nan
      MaxAsyncEventAgeInSeconds: +.Inf
"""
PULUMI = """name: p
runtime: yaml
resources:
  c:
    type: alicloud:fc:V3AsyncInvokeConfig
    properties:
      functionName: f
      maxAsyncRetryAttempts: .NAN
      maxAsyncEventAgeInSeconds: .INF
"""
RANGE = "is greater than the maximum of"
YAML_FLOATS = {
    "plain body": ("body.yaml", "maxAsyncRetryAttempts: .nan\nmaxAsyncEventAgeInSeconds: -.inf\n", [
        (1, 24, "FC004", int_message(".nan", "maxAsyncRetryAttempts")),
        (2, 28, "FC004", int_message("-.inf", "maxAsyncEventAgeInSeconds")),
        (2, 28, "FC005", "-.inf is less than the minimum of 1 for maxAsyncEventAgeInSeconds"),
    ]),
    "flow body": ("flow.yaml", '{"maxAsyncRetryAttempts": .inf}\n', [
        (1, 27, "FC004", int_message(".inf", "maxAsyncRetryAttempts")),
        (1, 27, "FC006", f".inf {RANGE} 8 for maxAsyncRetryAttempts"),
    ]),
    "s.yaml": ("s.yaml", S_YAML, [
        (11, 32, "FC004", int_message(".NaN", "maxAsyncRetryAttempts")),
        (12, 36, "FC004", int_message("-.inf", "maxAsyncEventAgeInSeconds")),
        (12, 36, "FC005", "-.inf is less than the minimum of 1 for maxAsyncEventAgeInSeconds"),
    ]),
    "ROS": ("ros.yaml", ROS, [
        (7, 30, "FC004", int_message(".nan", "MaxAsyncRetryAttempts")),
        (8, 34, "FC004", int_message("+.Inf", "MaxAsyncEventAgeInSeconds")),
        (8, 34, "FC005", f"+.Inf {RANGE} 604800 for MaxAsyncEventAgeInSeconds"),
    ]),
    "Pulumi": ("Pulumi.yaml", PULUMI, [
        (8, 30, "FC004", int_message(".NAN", "maxAsyncRetryAttempts")),
        (9, 34, "FC004", int_message(".INF", "maxAsyncEventAgeInSeconds")),
        (9, 34, "FC005", f".INF {RANGE} 604800 for maxAsyncEventAgeInSeconds"),
        (9, 34, "FC035", ".INF is above the alicloud provider's cap of 86400 for "
                         "maxAsyncEventAgeInSeconds; the provider rejects it before calling FC"),
    ]),
}


@pytest.mark.parametrize("case", YAML_FLOATS, ids=YAML_FLOATS)
def test_yaml_nan_and_infinity_are_quoted_as_written(tmp_path: Path, case: str) -> None:
    """jsonschema-rs reads NaN and infinity as null: the messages said `None is not an
    integer`. They quote the scalar the user wrote, in every YAML format."""
    name, text, expected = YAML_FLOATS[case]
    (tmp_path / name).write_text(text, encoding="utf-8")
    result = check(tmp_path, name)
    assert seen(result) == expected
    assert result.returncode == 1


def test_nan_where_a_response_allows_null_is_not_taken_for_null(tmp_path: Path) -> None:
    """A Get response's `maxAsyncRetryAttempts` may be null; `.nan` is no null."""
    (tmp_path / "r.yaml").write_text("maxAsyncRetryAttempts: .nan\n", encoding="utf-8")
    result = check(tmp_path, "--kind", "fc2-config", "r.yaml")
    assert seen(result) == [(1, 24, "FC004", int_message(".nan", "maxAsyncRetryAttempts"))]


# --- Terraform numbers, read exactly --------------------------------------------------------

TF = """resource "alicloud_fc_function_async_invoke_config" "a" {{
  service_name                 = "s"
  function_name                = "f"
  maximum_retry_attempts       = {retries}
  maximum_event_age_in_seconds = 300
}}
"""
RETRY_NAME = "maximum_retry_attempts (maxAsyncRetryAttempts)"
# (the retries as written, [(column, end column, code, message, the fix's text or None)])
R = RETRY_NAME
MORE, LESS = "is greater than the maximum of 8 for " + R, "is less than the minimum of 0 for " + R
NOT_INT = "is not an integer: " + R + " takes an integer"
TF_NUMBERS = {
    "-1e999": ("-1e999", [(34, 40, "FC006", f"-1e999 {LESS}", "0")]),
    "1.0e999": ("1.0e999", [(34, 41, "FC006", f"1.0e999 {MORE}", "8")]),
    "1e3, an exponent without a fraction": ("1e3", [(34, 37, "FC006", f"1e3 {MORE}", "8")]),
    "1E+1": ("1E+1", [(34, 38, "FC006", f"1E+1 {MORE}", "8")]),
    "5e0 is 5": ("5e0", []),
    "80e-1 is 8": ("80e-1", []),
    "25e-1 is 2.5": ("25e-1", [(34, 39, "FC004", f"25e-1 {NOT_INT}", None)]),
    "a fraction no float can tell from 1": (
        "1.0000000000000000001", [(34, 55, "FC004", f"1.0000000000000002 {NOT_INT}", None)]),
    "twenty digits": ("99999999999999999999", [
        (34, 54, "FC006", f"99999999999999999999 {MORE}", "8")]),
}


@pytest.mark.parametrize("case", TF_NUMBERS, ids=TF_NUMBERS)
def test_terraform_numbers_are_read_exactly(tmp_path: Path, case: str) -> None:
    """Terraform's numbers are exact decimals: `-1e999` is not -1 (with a syntax error at
    `e999`, and a fix that wrote `0e999`); a range finding and its fix cover the whole token."""
    written, expected = TF_NUMBERS[case]
    (tmp_path / "main.tf").write_text(TF.format(retries=written), encoding="utf-8")
    found = json.loads(check(tmp_path, "main.tf").stdout)
    assert [(d["line"], d["column"], d["end_column"], d["code"], d["message"]) for d in found] == [
        (4, *row[:4]) for row in expected]
    for item, row in zip(found, expected):
        edits = item["fix"]["edits"] if item["fix"] else None
        assert edits == (None if row[4] is None else [
            {"line": 4, "column": row[0], "end_line": 4, "end_column": row[1], "text": row[4]}])


def test_a_terraform_fix_replaces_the_whole_token(tmp_path: Path) -> None:
    """The choice fix, as the editor's quick fix applies it: the whole `-1e999` becomes 0."""
    from fclint.config import SettingsResolver
    from fclint.engine import lint_text
    from fclint.rules import codes

    text = TF.format(retries="-1e999")
    result = lint_text(text, "main.tf", SettingsResolver(codes()).for_path(tmp_path / "main.tf"))
    [diagnostic] = result.diagnostics
    assert diagnostic.fix is not None
    [edit] = diagnostic.fix.edits
    lines = text.split("\n")
    line = lines[edit.span.line - 1]
    before, after = line[: edit.span.column - 1], line[edit.span.end_column - 1:]
    lines[edit.span.line - 1] = before + edit.text + after
    assert lines[3] == "  maximum_retry_attempts       = 0"


# --- --fix and hard links -------------------------------------------------------------------

TYPO = '{\n  "maxAsyncRetryAttempt": 2\n}\n'
FIXED = '{\n  "maxAsyncRetryAttempts": 2\n}\n'


def test_fix_writes_through_a_hard_link_so_every_name_sees_it(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text(TYPO, encoding="utf-8")
    os.link(tmp_path / "a.json", tmp_path / "b.json")
    (tmp_path / "a.json").chmod(0o640)
    inode = (tmp_path / "a.json").stat().st_ino
    result = fclint("check", "--no-cache", "--fix", "a.json", cwd=tmp_path)
    assert (result.returncode, result.stderr) == (0, "")
    assert "Applied 1 fix to 1 file." in result.stdout
    for name in ("a.json", "b.json"):
        status = (tmp_path / name).stat()
        assert (status.st_ino, status.st_nlink, stat.S_IMODE(status.st_mode)) == (inode, 2, 0o640)
        assert (tmp_path / name).read_text(encoding="utf-8") == FIXED
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.json", "b.json"]  # no copy left


def test_fix_of_a_file_with_one_name_still_swaps_it_in_whole(tmp_path: Path) -> None:
    """One name: the rename keeps a reader from ever seeing half a file."""
    (tmp_path / "a.json").write_text(TYPO, encoding="utf-8")
    inode = (tmp_path / "a.json").stat().st_ino
    assert fclint("check", "--no-cache", "--fix", "a.json", cwd=tmp_path).returncode == 0
    assert (tmp_path / "a.json").read_text(encoding="utf-8") == FIXED
    assert (tmp_path / "a.json").stat().st_ino != inode


def test_fix_shorter_than_the_file_leaves_no_tail_in_the_linked_file(tmp_path: Path) -> None:
    from fclint.writing import write_atomically

    path = tmp_path / "a.json"
    path.write_bytes(b"x" * 1000)
    os.link(path, tmp_path / "b.json")
    write_atomically(path, b"{}\n", b"x" * 1000)
    assert (tmp_path / "b.json").read_bytes() == b"{}\n"


def test_a_failed_write_into_a_linked_file_keeps_the_fixed_copy(tmp_path: Path,
                                                                  monkeypatch) -> None:
    from fclint import writing

    path = tmp_path / "a.json"
    path.write_text(TYPO, encoding="utf-8")
    os.link(path, tmp_path / "b.json")

    def no_space(descriptor: int, data: object) -> int:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(writing.os, "write", no_space)
    with pytest.raises(writing.WriteError) as raised:
        writing.write_atomically(path, FIXED.encode(), TYPO.encode())
    [copy] = [p for p in tmp_path.iterdir() if p.name.endswith(".fclint-fix")]
    assert str(raised.value) == (
        f"{path}: cannot write the fixes into the file (it has other hard links): No space left "
        f"on device; the fixed text is in {copy}")
    assert copy.read_text(encoding="utf-8") == FIXED
    assert path.read_text(encoding="utf-8") == TYPO
