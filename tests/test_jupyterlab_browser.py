"""JupyterLab in a real browser: a JupyterLab server (jupyter-lsp finding `fclint lsp` through
its entry point) and Debian's headless Chromium, driven by selenium, open a notebook with a bad
`%%fclint` cell and a bad SDK call; fclint's diagnostics are marked in those cells, on the
lines that hold the mistakes, and listed with their codes in jupyterlab-lsp's diagnostics
panel. A screenshot is saved in the test's temporary folder (`FCLINT_SCREENSHOT=path` saves
one there too, as docs/jupyterlab.png was made).

Skipped, saying why, where chromium, chromedriver or the Python packages are missing."""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM, CHROMEDRIVER = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")
pytestmark = pytest.mark.skipif(
    not (CHROMIUM.exists() and CHROMEDRIVER.exists()),
    reason="Debian's chromium and chromium-driver are not installed (apt-get install chromium "
           "chromium-driver)")
webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed")
pytest.importorskip("jupyterlab", reason="jupyterlab is not installed (the jupyter extra)")
pytest.importorskip("jupyterlab_lsp", reason="jupyterlab-lsp is not installed (the jupyter "
                                             "extra)")
nbformat = pytest.importorskip("nbformat")

from test_jupyterlab import Jupyter, serve  # the same server, with JupyterLab's pages

START_TIMEOUT = 60.0  # seconds for JupyterLab to list fclint on a loaded 2-core machine
SHOW_TIMEOUT = 60.0  # seconds for the page, the kernel and the server to mark the cells
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                  "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--window-size=1100,820"]
CELLS = [
    '%%fclint\n{\n  "maxAsyncRetryAttempts": 9,\n  "maxAsyncEventAgeInSeconds": 300\n}',
    "from alibabacloud_fc_open20210406 import models\n\n"
    "request = models.PutFunctionAsyncInvokeConfigRequest(\n"
    "    max_async_retry_attempts=9,\n"
    "    max_async_event_age_in_seconds=300,\n)",
]


@pytest.fixture(scope="module")
def jupyterlab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Jupyter]:
    base = tmp_path_factory.mktemp("jupyterlab")
    (base / "config" / "labconfig").mkdir(parents=True)  # no "get notified about news?" toast
    (base / "config" / "labconfig" / "page_config.json").write_text(
        '{"disabledExtensions": {"@jupyterlab/apputils-extension:announcements": true}}')
    # window.jupyterapp, to open the diagnostics panel by its command
    yield from serve(base, "jupyterlab", ["--LabApp.expose_app_in_browser=True"], START_TIMEOUT)


@pytest.fixture()
def browser() -> Iterator[Any]:
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    profile = tempfile.mkdtemp(prefix="fclint-chromium-")
    options.add_argument(f"--user-data-dir={profile}")
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def _marks(driver: Any) -> list[tuple[int, int, str]]:
    """(cell, line, marked text) of each error mark, both counted from 1."""
    return driver.execute_script("""
        const found = [];
        document.querySelectorAll('.jp-Notebook .jp-Cell').forEach((cell, c) => {
          cell.querySelectorAll('.cm-line').forEach((line, l) => {
            line.querySelectorAll('.cm-lintRange-error').forEach(mark => {
              found.push([c + 1, l + 1, mark.textContent]);
            });
          });
        });
        return found;""")


def _panel_rows(driver: Any) -> list[str]:
    driver.execute_script("window.jupyterapp.commands.execute('lsp:show-diagnostics-panel')")
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        rows = driver.execute_script(
            "return [...document.querySelectorAll('.lsp-diagnostics-listing tbody tr')]"
            ".map(row => [...row.querySelectorAll('td')].map(td => td.textContent.trim())"
            ".join(' | '))")
        if rows:
            return list(rows)
        time.sleep(0.3)
    return []


def test_notebook_cells_show_fclint_diagnostics(jupyterlab: Jupyter, browser: Any,
                                                tmp_path: Path) -> None:
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in CELLS])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                       "language": "python"}
    nbformat.write(notebook, jupyterlab.root / "async-config.ipynb")
    browser.get(jupyterlab.url("/lab/tree/async-config.ipynb").replace(
        "?token=", "?reset&token="))
    deadline = time.monotonic() + SHOW_TIMEOUT
    while len(marks := _marks(browser)) < 2 and time.monotonic() < deadline:
        time.sleep(0.3)
    # The 9 on line 3 of the %%fclint cell (the magic line is line 1, as `fclint check
    # nb.ipynb` numbers it) and the 9 on line 4 of the SDK call.
    shot = tmp_path / "jupyterlab.png"
    assert marks == [[1, 3, "9"], [2, 4, "9"]], _screenshot(browser, shot)
    # The diagnostics panel lists both with their code and cell; it counts lines and columns
    # from 0 (line 3, column 28 and line 4, column 30).
    rows = _panel_rows(browser)
    _screenshot(browser, shot)
    assert [row.split(" | ")[1:] for row in rows] == [
        ["9 is greater than the maximum of 8 for maxAsyncRetryAttempts", "FC006", "Error",
         "fclint", "1", "2:27"],
        ["9 is greater than the maximum of 8 for max_async_retry_attempts "
         "(maxAsyncRetryAttempts)", "FC006", "Error", "fclint", "2", "3:29"],
    ], rows

    # Fixing the %%fclint cell in the notebook clears its mark; the SDK call keeps its own.
    browser.execute_script(
        "const panel = Array.from(window.jupyterapp.shell.widgets('main'))"
        "  .find(w => w.content && w.content.widgets);"
        "panel.content.widgets[0].model.sharedModel.setSource(arguments[0]);", CELLS[0].replace(": 9", ": 8"))
    deadline = time.monotonic() + SHOW_TIMEOUT
    while (marks := _marks(browser)) != [[2, 4, "9"]] and time.monotonic() < deadline:
        time.sleep(0.3)
    assert marks == [[2, 4, "9"]], _screenshot(browser, tmp_path / "fixed.png")


def _screenshot(browser: Any, path: Path) -> str:
    browser.save_screenshot(str(path))
    if os.environ.get("FCLINT_SCREENSHOT"):
        browser.save_screenshot(os.environ["FCLINT_SCREENSHOT"])
    return f"screenshot: {path}"
