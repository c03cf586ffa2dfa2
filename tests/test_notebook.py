"""Jupyter notebooks: code cells as Python (IPython magics blanked), `%%fclint` cells as bodies,
raw cells holding a body; findings carry the cell (1-based over all cells) and its line."""

from __future__ import annotations

import importlib.util
import json
from dataclasses import astuple
from pathlib import Path

import pytest
from clihelp import fclint

from fclint.config import Settings
from fclint.diagnostic import RAW_SPAN
from fclint.engine import lint_text

nbformat = pytest.importorskip("nbformat")
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_raw_cell

PYTHON_CELL = (
    "%pip install alibabacloud_fc_open20210406\n"
    "from alibabacloud_fc_open20210406 import models\n"
    "files = !ls\n"
    "request = models.PutFunctionAsyncInvokeConfigRequest(max_async_retry_attempts=9)"
)
MAGIC_CELL = '%%fclint --kind fc3-request\n{\n  "maxAsyncEventAgeInSeconds": 604801\n}'


def notebook_text(*cells: object) -> str:
    return str(nbformat.writes(new_notebook(cells=list(cells))))


def located(text: str, settings: Settings | None = None) -> list[str]:
    result = lint_text(text, "nb.ipynb", settings or Settings())
    return [f"cell {d.cell}:{d.span.line}:{d.span.column} {d.code}" for d in result.diagnostics]


def test_python_magic_and_markdown_cells() -> None:
    text = notebook_text(
        new_markdown_cell("Set `maxAsyncRetryAttempts` to 9 (markdown is not linted)"),
        new_code_cell(PYTHON_CELL),
        new_code_cell(MAGIC_CELL),
    )
    assert located(text) == [
        "cell 2:4:79 FC006",  # line 4 of the cell: %pip and !ls lines did not break parsing
        "cell 3:3:32 FC005",  # the JSON body, linted as FC 3.0 (604800 at most)
    ]


CELLS = {
    "raw cell holding a JSON body": (new_raw_cell('{"maxAsyncRetryAttempts": -1}'), ["cell 1:1:27 FC006"]),
    "raw cell of prose": (new_raw_cell("maxAsyncRetryAttempts is nine"), []),
    # Two keys of the body with values of its types: a dict no FC call takes is a config then.
    "%%time keeps Python": (
        new_code_cell('%%time\nx = {"maxAsyncRetryAttempts": 99, "statefulInvocation": True}'),
        ["cell 1:2:31 FC006"]),
    "%%bash is not Python": (new_code_cell("%%bash\necho maxAsyncRetryAttempts=99 {"), []),
    "indented magic keeps the block": (
        new_code_cell('if True:\n    %time f()\n'
                      '    x = {"maxAsyncRetryAttempts": 9, "statefulInvocation": True}'),
        ["cell 1:3:35 FC006"]),
    "syntax error in a cell that means a config": (
        new_code_cell("x = {'maxAsyncRetryAttempts': 9"), ["cell 1:1:5 FC000"]),
    "%%fclint with a bad option": (new_code_cell("%%fclint --kind nope\n{}"), ["cell 1:1:1 FC000"]),
    "%%fclint JSON without API keys is still linted": (
        new_code_cell('%%fclint\n{"maxRetryAttempts": 2}'), ["cell 1:2:2 FC001"]),
    "%%fclint with Python": (
        new_code_cell("%%fclint\nr = PutAsyncInvokeConfigInput(max_async_retry_attempts=9)"),
        ["cell 1:2:56 FC006"]),
    "%%fclint with --max-event-age": (
        new_code_cell('%%fclint --max-event-age 604800\n{"maxAsyncEventAgeInSeconds": 700000}'),
        ["cell 1:2:31 FC005"]),
}


@pytest.mark.parametrize("cell, expected", CELLS.values(), ids=CELLS.keys())
def test_cells(cell: object, expected: list[str]) -> None:
    assert located(notebook_text(cell)) == expected


# IPython's help syntax (`obj?`, `??obj`, ...) is blanked as its magics are: the cell's findings
# stay where they are. A `?` line inside a string or brackets is not help, as IPython has it.
HELP_CELL = (
    "from alibabacloud_fc20230330 import models as fc3\n"
    "req = fc3.PutAsyncInvokeConfigInput(max_async_retry_attempts=9)\n"
    "req?\nreq??\n?req\n??req\n? req\nreq.max_async_retry_attempts?\nfc3.*Async*?\n"
    "%pinfo req\nif req:\n    req?"
)
DOCSTRING_CELL = (
    'def retries():\n    """Nine retries: is this right?\n    right?\n    """\n'
    '    return {"maxAsyncRetryAttempts": 9, "statefulInvocation": True}'
)
HELP_CELLS = {
    "help lines": (HELP_CELL, ["cell 1:2:62 FC006"]),  # not FC000 at the first `?`
    "a `?` line in a docstring": (DOCSTRING_CELL, ["cell 1:5:38 FC006"]),
    "a `?` line in brackets is no help": ("x = {'maxAsyncRetryAttempts': 9,\n  why?\n}",
                                          ["cell 1:2:5 FC000"]),
}


@pytest.mark.parametrize("source, expected", HELP_CELLS.values(), ids=HELP_CELLS.keys())
def test_ipython_help(source: str, expected: list[str]) -> None:
    assert located(notebook_text(new_code_cell(source))) == expected


def test_a_docstring_is_not_help() -> None:
    from fclint.formats.py_cells import python_source

    assert python_source(DOCSTRING_CELL) == DOCSTRING_CELL  # the string's text as it was
    assert python_source("x = '''\nright?\n'''") == "x = '''\nright?\n'''"


# A kernel that is not Python runs its own language: its code cells, `%%fclint` cells too (the
# magic is IPython's), are not linted; raw cells are no kernel's, and still are.
R_KERNEL = {"kernelspec": {"name": "ir", "display_name": "R", "language": "R"},
            "language_info": {"name": "R"}}
PYTHON_FINDINGS = ["cell 1:1:10 FC000", "cell 2:2:27 FC006"]
KERNELS = {
    "R": (R_KERNEL, []),
    "bash": ({"kernelspec": {"name": "bash", "display_name": "Bash", "language": "bash"}}, []),
    "JavaScript": ({"language_info": {"name": "javascript", "file_extension": ".js"}}, []),
    "Python": ({"kernelspec": {"name": "python3", "display_name": "Python 3",
                               "language": "python"},
                "language_info": {"name": "python", "file_extension": ".py"}}, PYTHON_FINDINGS),
    "PySpark": ({"language_info": {"name": "pyspark", "file_extension": ".py"}},
                PYTHON_FINDINGS),
    "no kernel named": ({}, PYTHON_FINDINGS),
}


@pytest.mark.parametrize("metadata, expected", KERNELS.values(), ids=KERNELS.keys())
def test_kernel_language(metadata: dict[str, object], expected: list[str]) -> None:
    cells = [new_code_cell("cfg <- c('maxAsyncRetryAttempts' = 9)"),
             new_code_cell('%%fclint\n{"maxAsyncRetryAttempts": 9}')]
    text = str(nbformat.writes(new_notebook(cells=cells, metadata=metadata)))
    assert located(text) == expected


def test_raw_cells_of_another_kernel_are_linted() -> None:
    cells = [new_code_cell("cfg <- c('maxAsyncRetryAttempts' = 9)"),
             new_raw_cell('{"maxAsyncRetryAttempts": -1}')]
    text = str(nbformat.writes(new_notebook(cells=cells, metadata=R_KERNEL)))
    assert located(text) == ["cell 2:1:27 FC006"]


def test_cli_help_lines_and_other_kernels(tmp_path: Path) -> None:
    (tmp_path / "help.ipynb").write_text(notebook_text(new_code_cell(HELP_CELL)),
                                         encoding="utf-8")
    r_cell = new_code_cell("cfg <- c('maxAsyncRetryAttempts' = 9)")
    (tmp_path / "r.ipynb").write_text(
        str(nbformat.writes(new_notebook(cells=[r_cell], metadata=R_KERNEL))), encoding="utf-8")
    done = fclint("check", ".", "--isolated", cwd=tmp_path)
    assert done.stdout.splitlines() == [
        ("help.ipynb:cell 1:2:62: FC006 9 is greater than the maximum of 8 for "
         "max_async_retry_attempts (maxAsyncRetryAttempts)"),
        "Found 1 error in 1 FC config file (2 files checked)."]
    assert done.returncode == 1
    assert fclint("check", "r.ipynb", "--isolated", cwd=tmp_path).returncode == 0


@pytest.mark.skipif(importlib.util.find_spec("fclint.formats.yaml_files") is None,
                    reason="fclint's YAML front end is not there")
def test_fclint_cell_with_a_yaml_body() -> None:
    text = notebook_text(new_code_cell("%%fclint\n# retries\nmaxAsyncRetryAttempts: 9\n"))
    assert located(text) == ["cell 1:3:24 FC006"]


def test_cells_are_counted_over_all_cells() -> None:
    text = notebook_text(new_markdown_cell("intro"), new_raw_cell(""), new_markdown_cell("more"),
                         new_code_cell('body = {"maxAsyncRetryAttempts": 9,'
                                       ' "maxAsyncEventAgeInSeconds": 60}'))
    assert located(text) == ["cell 4:1:34 FC006"]


INVALID = {
    "JSON that does not parse": ('{"cells": [\n  "maxAsyncRetryAttempts": 1]}', "2:26 FC000"),
    "no nbformat version": ('{"cells": [{"source": "maxAsyncRetryAttempts"}]}', "1:1 FC000"),
    "a cell without metadata": (json.dumps({
        "nbformat": 4, "nbformat_minor": 5, "metadata": {},
        "cells": [{"cell_type": "code", "source": "x = {'maxAsyncRetryAttempts': 9}"}]}),
        "1:64 FC000"),  # at the cell
}


@pytest.mark.parametrize("text, expected", INVALID.values(), ids=INVALID.keys())
def test_invalid_notebook_is_one_finding(text: str, expected: str) -> None:
    result = lint_text(text, "nb.ipynb", Settings())
    assert [f"{d.span.line}:{d.span.column} {d.code}" for d in result.diagnostics] == [expected]
    assert result.diagnostics[0].cell is None
    assert "notebook" in result.diagnostics[0].message


# Where the text or a line ends there is no character to underline: an empty span there
# (fuzz finding S3, in a notebook). name: (text, (line, column, end line, end column))
INVALID_AT_AN_END = {
    "cut off after a cell": ('{"nbformat": 4, "cells": [{"source": "maxAsyncRetryAttempts"}',
                             (1, 62, 1, 62)),
    "no version, after an empty first line": (
        '\n{"cells": [{"source": "maxAsyncRetryAttempts"}]}', (1, 1, 1, 1)),
    "no version, at the first character": (
        '{"cells": [{"source": "maxAsyncRetryAttempts"}]}', (1, 1, 1, 2)),
}


@pytest.mark.parametrize("text, span", INVALID_AT_AN_END.values(), ids=INVALID_AT_AN_END.keys())
def test_invalid_notebook_where_a_line_ends(text: str, span: tuple[int, int, int, int]) -> None:
    found = lint_text(text, "nb.ipynb", Settings()).diagnostics
    assert [(d.code, astuple(d.span)) for d in found] == [("FC000", span)]


# An invalid cell is named by its number, as findings name cells, and a whole cell is not
# quoted: nbformat's validation gives a cell without an id a random one (fuzz finding N1).
# name: (cells, "line:column", the message after "not a valid notebook (nbformat 4): ")
INVALID_CELLS = {
    "no cell type, no id": ([{"source": "destinationConfig"}], "1:64",
                            "cell 1: it is no markdown, code or raw cell ('cell_type' is a "
                            "required property; 'metadata' is a required property)"),
    "the second cell": ([{"cell_type": "raw", "metadata": {}, "source": ""},
                         {"cell_type": "nope", "metadata": {}, "source": "destinationConfig"}],
                        "1:116", "cell 2: it is no markdown, code or raw cell"),
    "a value in a cell": ([{"cell_type": "raw", "metadata": [], "source": "destinationConfig"}],
                          "1:97", "cell 1 metadata: it is not of type 'object'"),
}


@pytest.mark.parametrize("cells, where, message", INVALID_CELLS.values(),
                         ids=INVALID_CELLS.keys())
def test_an_invalid_cell_is_named_by_its_number(cells: list[object], where: str,
                                                message: str) -> None:
    text = json.dumps({"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": cells})
    said = [[f"{d.span.line}:{d.span.column} {d.code} {d.message}"
             for d in lint_text(text, "nb.ipynb", Settings()).diagnostics] for _ in range(2)]
    assert said == [[f"{where} FC000 not a valid notebook (nbformat 4): {message}"]] * 2


def test_unrelated_notebooks_give_nothing() -> None:
    text = notebook_text(new_markdown_cell("# Plots"), new_code_cell("import math\nmath.pi"),
                         new_code_cell("%%bash\nls"))
    result = lint_text(text, "plots.ipynb", Settings())
    assert not result.is_config and result.diagnostics == []
    broken = lint_text('{"cells": [', "broken.ipynb", Settings())
    assert not broken.is_config and broken.diagnostics == []


def test_cli_text_output(tmp_path: Path) -> None:
    text = notebook_text(new_markdown_cell("notes"), new_code_cell(PYTHON_CELL),
                         new_code_cell(MAGIC_CELL))
    (tmp_path / "nb.ipynb").write_text(text, encoding="utf-8")
    (tmp_path / "plots.ipynb").write_text(notebook_text(new_code_cell("1 + 1")), encoding="utf-8")
    done = fclint("check", ".", "--isolated", cwd=tmp_path)
    lines = done.stdout.splitlines()
    assert lines[0].startswith("nb.ipynb:cell 2:4:79: FC006 9 is greater than the maximum of 8")
    assert lines[1].startswith("nb.ipynb:cell 3:3:32: FC005 604801 is greater than the maximum")
    assert lines[2] == "Found 2 errors in 1 FC config file (2 files checked)."  # the fixes are choices
    assert done.returncode == 1
    report = json.loads(fclint("check", "nb.ipynb", "--isolated", "--format", "json",
                               cwd=tmp_path).stdout)
    assert [(d["cell"], d["line"], d["column"], d["code"]) for d in report] == [
        (2, 4, 79, "FC006"), (3, 3, 32, "FC005")]


def raw_notebook(source: object) -> str:
    cell = {"cell_type": "raw", "metadata": {}, "source": source}
    return json.dumps({"nbformat": 4, "nbformat_minor": 4, "metadata": {}, "cells": [cell]},
                      indent=1)  # each item of a source list on a line of its own, line 10 on


# The raw span (SARIF's region: the .ipynb's own lines) goes through the source item that holds
# the text, escapes and all (fuzz finding S6). name: (source, [(code, raw span, raw text)])
RAW_SPANS = {
    "a finding over two cell lines": (["destinationConfig:\n", "  r: 1\n", "a: 1\n"], [
        ("FC001", (11, 8, 11, 9), "r"),
        ("FC008", (11, 8, 11, 14), "r: 1\\n"),  # to the end of item 2, not into item 3
        ("FC001", (12, 6, 12, 7), "a")]),
    "a cell line over two items": (["maxAsync", "RetryAttempts: 9\n"], [
        ("FC006", (11, 21, 11, 22), "9")]),
    "one string, escapes before": (('maxAsyncRetryAttempts: 9\nqualifier: "é"\n'
                                    "maxAsyncEventAgeInSeconds: 0\n"), [
        ("FC006", (9, 38, 9, 39), "9"),
        ("FC023", (9, 52, 9, 62), '\\"\\u00e9\\"'),
        ("FC005", (9, 91, 9, 92), "0")]),
}


@pytest.mark.parametrize("source, expected", RAW_SPANS.values(), ids=RAW_SPANS.keys())
def test_raw_spans_go_through_the_source_items(source: object, expected: list[object]) -> None:
    text = raw_notebook(source)
    lines = text.split("\n")
    found = []
    for d in lint_text(text, "nb.ipynb", Settings()).diagnostics:
        raw = d.extra[RAW_SPAN]
        assert raw.line == raw.end_line
        found.append((d.code, astuple(raw), lines[raw.line - 1][raw.column - 1:raw.end_column - 1]))
    assert found == expected


def test_sarif_regions_are_the_raw_spans(tmp_path: Path) -> None:
    (tmp_path / "nb.ipynb").write_text(raw_notebook(["maxAsync", "RetryAttempts: 9\n"]),
                                       encoding="utf-8")
    done = fclint("check", "nb.ipynb", "--isolated", "--format", "sarif", cwd=tmp_path)
    [result] = json.loads(done.stdout)["runs"][0]["results"]
    region = result["locations"][0]["physicalLocation"]["region"]
    assert (result["ruleId"], region["startLine"], region["startColumn"], region["endLine"],
            region["endColumn"]) == ("FC006", 11, 21, 11, 22)
