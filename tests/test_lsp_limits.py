"""The command line's limits in the language server: a document over max-file-size, or one whose
lint runs past the per-file time budget, gets one FC090 and is otherwise left alone; lints run
on their own thread, so hover and completion never wait behind one. The real server over stdio."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest
from test_lsp_stdio import KEY_HOVER, StdioClient, hover, hover_value, open_doc, start

pytest.importorskip("pygls")

QUICK = 2.0  # seconds: an answer on a loaded 2-core machine; the lints below take 10 to 60
BUDGET = 1.0  # the per-file time budget of the server whose lints time out
# The server with its per-file time budget lowered, as tests of the command line lower it.
LOW_BUDGET = [sys.executable, "-c", ("import sys; from fclint import timelimit; "
              f"timelimit.SECONDS_PER_FILE = {BUDGET}; from fclint.lsp import main; "
              "sys.exit(main())")]
SMALL = '{"maxAsyncRetryAttempts": 9}\n'


def timed_hover(client: StdioClient, uri: str) -> tuple[float, dict]:
    sent = time.monotonic()
    answer = hover(client, uri, KEY_HOVER, timeout=60)
    return time.monotonic() - sent, answer


def big_line(size: int) -> str:
    """One line of `size` bytes holding an FC config (so that it is not passed over)."""
    head = '{"maxAsyncRetryAttempts": 9, "note": "'
    return head + "x" * (size - len(head) - 2) + '"}'


def test_a_10_mb_line_gets_one_fc090_and_hover_answers_at_once(tmp_path: Path) -> None:
    client = start(tmp_path)
    uri = open_doc(client, tmp_path / "huge.json", big_line(10_000_000))
    elapsed, answer = timed_hover(client, uri)
    assert elapsed < QUICK and answer["result"] is None
    [found] = client.published(uri, 1, timeout=60)["diagnostics"]
    assert (found["code"], found["range"]["start"], found["message"]) == (
        "FC090", {"line": 0, "character": 0},
        "the file is 10.0 MB, above the max-file-size limit of 5.0 MB; fclint does not check it")
    started = time.monotonic()
    for version in range(2, 22):  # 20 one-character edits (59 s before)
        client.notify("textDocument/didChange", {
            "textDocument": {"uri": uri, "version": version}, "contentChanges": [{
                "range": {"start": {"line": 0, "character": 40 + version},
                          "end": {"line": 0, "character": 41 + version}}, "text": "y"}]})
    assert [d["code"] for d in client.published(uri, 21, timeout=60)["diagnostics"]] == ["FC090"]
    assert time.monotonic() - started < 10 * QUICK
    completion = client.call("textDocument/completion", {
        "textDocument": {"uri": uri}, "position": {"line": 0, "character": 2}}, 60)
    assert completion["result"] is None
    assert client.close() == 0


def slow_yaml(keys: int) -> str:
    """A YAML body whose lint takes seconds: one bad value and many unknown keys."""
    return "maxAsyncRetryAttempts: 9\n" + "".join(f"unknownKey{n}: {n}\n" for n in range(keys))


def test_hover_answers_while_a_slow_lint_runs(tmp_path: Path) -> None:
    client = start(tmp_path)
    small = open_doc(client, tmp_path / "small.json", SMALL)
    client.published(small, 1)
    slow = open_doc(client, tmp_path / "slow.yaml", slow_yaml(200_000), "yaml")  # 4.8 MB
    time.sleep(0.2)  # its lint has begun
    for _ in range(3):
        elapsed, answer = timed_hover(client, small)
        assert elapsed < QUICK and "maxAsyncRetryAttempts" in hover_value(answer)
    # Its own hover: the key's docs (reading the 200,000 lines takes it a second), no rule's.
    assert "maxAsyncRetryAttempts" in hover_value(timed_hover(client, slow)[1])
    while client.pump(0) is not None:
        pass
    assert slow not in client.diagnostics, "the lint ended before the hovers: nothing shown"
    assert client.close() == 0  # without waiting for the lint


def test_a_lint_past_the_time_budget_gets_one_fc090(tmp_path: Path) -> None:
    client = start(tmp_path, LOW_BUDGET)
    slow = open_doc(client, tmp_path / "slow.yaml", slow_yaml(100_000), "yaml")
    [found] = client.published(slow, 1, timeout=60)["diagnostics"]
    assert (found["code"], found["range"]["start"], found["message"]) == (
        "FC090", {"line": 0, "character": 0},
        f"checking the file took longer than {BUDGET:g} s; fclint stopped and does not check it")
    assert client.close() == 0


def test_a_slow_lint_is_replaced_by_the_next_version(tmp_path: Path) -> None:
    """Edits while a slow lint runs: the last version's diagnostics are published, not held
    up by the versions between (each replaces the one before it that has not started)."""
    client = start(tmp_path, LOW_BUDGET)
    uri = open_doc(client, tmp_path / "slow.yaml", slow_yaml(100_000), "yaml")
    time.sleep(0.2)
    for version in range(2, 12):
        client.notify("textDocument/didChange", {
            "textDocument": {"uri": uri, "version": version},
            "contentChanges": [{"text": SMALL.replace("9", str(version))}]})
    found = client.published(uri, 11, timeout=60)["diagnostics"]
    assert [(d["code"], d["message"]) for d in found] == [
        ("FC006", "11 is greater than the maximum of 8 for maxAsyncRetryAttempts")]
    assert client.close() == 0


def test_a_line_of_5000_unknown_keys_is_linted_in_linear_time(tmp_path: Path) -> None:
    """Each finding's column was counted in UTF-16 by a walk of its line's start: on one line
    of 5,000 keys the lint took 0.3 s and the walks 10 s, past the time budget."""
    client = start(tmp_path)
    text = ('{"maxAsyncRetryAttempts": 3, ' + ", ".join(f'"unknownKey{n}": {n}' for n in range(5000))
            + "}\n")
    started = time.monotonic()
    uri = open_doc(client, tmp_path / "keys.json", text)
    found = client.published(uri, 1, timeout=60)["diagnostics"]
    assert time.monotonic() - started < 15 * QUICK  # 0.4 s unloaded; past the budget before
    assert len(found) == 5000 and {d["code"] for d in found} == {"FC001"}
    last = found[-1]
    at = text.index('"unknownKey4999"')
    assert last["range"] == {"start": {"line": 0, "character": at},
                             "end": {"line": 0, "character": at + len('"unknownKey4999"')}}
    assert client.close() == 0
