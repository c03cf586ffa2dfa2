"""The IPython extension: `%%fclint` lints its cell (JSON, YAML or Python) and shows the findings
as an HTML table in Jupyter and as text in a terminal, with `fclint check`'s options."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from fclint.magic import CellReport, fclint_cell

BODY = '{\n  "maxAsyncEventAgeInSeconds": 700000,\n  "maxAsyncRetryAttempts": 9\n}'


def test_text_and_html() -> None:
    report = fclint_cell("--max-event-age 604800", BODY)
    assert repr(report).splitlines() == [
        ("cell:3:32: FC005 [error] 700000 is greater than the maximum of 604800 for "
        "maxAsyncEventAgeInSeconds set by max-event-age (the Chinese document's cap; the English "
        "one allows 2592000)"),
        "cell:4:28: FC006 [error] 9 is greater than the maximum of 8 for maxAsyncRetryAttempts",
    ]
    page = report._repr_html_()
    assert page.startswith("<table") and "<code>FC006</code>" in page and "4:28" in page
    assert "document&#x27;s cap" in page  # messages are escaped


CELLS = {
    "without a cap: a warning above 604800": ("", BODY, ["FC007", "FC006"]),
    "--kind fc3-request": ("--kind fc3-request", '{"maxAsyncEventAgeInSeconds": 604801}', ["FC005"]),
    "--select": ("--select FC005 --max-event-age 604800", BODY, ["FC005"]),
    "--region": ("--region cn-beijing",
                 ('{"destinationConfig": {"onSuccess": {"destination": '
                 '"acs:mns:cn-hangzhou:1234567890123456:/queues/q/messages"}}}'), ["FC018"]),
    "Python": ("", "req = PutFunctionAsyncInvokeConfigRequest(max_async_retry_attempts=9)", ["FC006"]),
    "Python, suppressed": (
        "", "x = {'maxAsyncRetryAttempts': 9, 'asyncTask': True}  # fclint: ignore[FC006] raised", []),
    "Python, not suppressed": ("", "x = {'maxAsyncRetryAttempts': 9, 'asyncTask': True}", ["FC006"]),
    "JSON without API keys is linted as asked": ("", '{"maxRetryAttempts": 2}', ["FC001"]),
}


@pytest.mark.parametrize("line, cell, codes", CELLS.values(), ids=CELLS.keys())
def test_options_and_bodies(line: str, cell: str, codes: list[str]) -> None:
    assert [d.code for d in fclint_cell(line, cell).diagnostics] == codes


def test_clean_cell_and_bad_options() -> None:
    assert repr(fclint_cell("", '{"maxAsyncRetryAttempts": 3}')) == "fclint: no problems found"
    bad = fclint_cell("--max-event-age 5", BODY)
    assert repr(bad).startswith("fclint: error: argument --max-event-age: invalid choice: 5")
    assert "<p>fclint: error" in bad._repr_html_()
    assert repr(fclint_cell("", "print('hello')")) == "fclint: no async-invoke config found in this cell"


def test_registers_a_cell_magic() -> None:
    registered = []

    class Shell:
        def register_magic_function(self, func: object, magic_kind: str, magic_name: str) -> None:
            registered.append((func, magic_kind, magic_name))

    from fclint.magic import load_ipython_extension

    load_ipython_extension(Shell())
    assert registered == [(fclint_cell, "cell", "fclint")]
    assert isinstance(fclint_cell("", BODY), CellReport)


# --- in a real kernel ---------------------------------------------------------------------------


@pytest.fixture
def kernel_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A kernel spec that runs this very Python (the venv's), found before any other."""
    pytest.importorskip("ipykernel")
    spec = tmp_path / "jupyter" / "kernels" / "fclint-test"
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "fclint test", "language": "python",
    }), encoding="utf-8")
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path / "jupyter"))
    monkeypatch.setenv("IPYTHONDIR", str(tmp_path / "ipython"))
    monkeypatch.setenv("JUPYTER_RUNTIME_DIR", str(tmp_path / "runtime"))
    return "fclint-test"


def test_magic_in_a_kernel(kernel_name: str, tmp_path: Path) -> None:
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    from nbformat.v4 import new_code_cell, new_notebook

    notebook = new_notebook(cells=[
        new_code_cell("%load_ext fclint\nimport sys\nprint(sys.executable)"),
        new_code_cell("%%fclint --max-event-age 604800\n" + BODY),
        new_code_cell("%%fclint\n{\"maxAsyncRetryAttempts\": 3}"),
    ])
    client = nbclient.NotebookClient(notebook, kernel_name=kernel_name, timeout=60,
                                     startup_timeout=60, resources={"metadata": {"path": str(tmp_path)}})
    client.execute()

    printed = notebook.cells[0].outputs[0]["text"].strip()
    assert Path(printed).resolve() == Path(sys.executable).resolve()
    [result] = notebook.cells[1].outputs
    assert result["output_type"] == "execute_result"
    page, text = result["data"]["text/html"], result["data"]["text/plain"]
    assert "<code>FC005</code>" in page and "<code>FC006</code>" in page
    assert "700000 is greater than the maximum of 604800" in page
    assert text.splitlines()[1] == ("cell:4:28: FC006 [error] 9 is greater than the maximum of 8 "
                                    "for maxAsyncRetryAttempts")
    assert notebook.cells[2].outputs[0]["data"]["text/plain"] == "fclint: no problems found"
    nbformat.validate(notebook)
    # `fclint check` gives the same line and column for the same cell.
    path = tmp_path / "magic.ipynb"
    nbformat.write(notebook, str(path))
    from fclint.config import Settings
    from fclint.engine import lint_path

    checked = [f"{d.span.line}:{d.span.column} {d.code}"
               for d in lint_path(path, Settings(max_event_age=604800)).diagnostics if d.cell == 2]
    assert checked == ["3:32 FC005", "4:28 FC006"]
