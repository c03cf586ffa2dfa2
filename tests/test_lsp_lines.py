"""The server's copy of a document stays the editor's when the text holds characters that
`str.splitlines` takes for line breaks and the LSP does not (U+2028, U+2029, form feed, \\x1c,
\\x85): incremental edits after them land where the editor made them, and the diagnostics
equal `fclint check` on the final text. The real server over stdio."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_lsp_stdio import lsp_soak, open_doc, start

pytest.importorskip("pygls")

CASES = {
    "json, separators in strings": (
        "config.json",
        ('{\n  "note": "one\u2028two\u2029three\x85four",\n  "maxAsyncRetryAttempts": 3,\n'
        '  "destinationConfig": {"onSuccess": {"destination": "acs:mns:cn-hangzhou:'
        '1234567890123456:/queues/ok/messages"}}\n}\n'),
        [('"maxAsyncRetryAttempts": 3', '"maxAsyncRetryAttempts": 9'),
         ("cn-hangzhou", "cn-nowhere"),
         ("one\u2028two", "one\u2028\u2028two"),
         ("/queues/ok", "/queues/ok\u2028")],
        {"FC001": 2, "FC006": 3, "FC014": 4},
    ),
    "python, form feeds and a separator in a comment": (
        "calls.py",
        ("# first\u2028still the first line\n\f\nr = PutFunctionAsyncInvokeConfigRequest(\n"
        "\f    max_async_retry_attempts=3,\n)\n# \x1c\x1d\x1e\x0b\n"
        "s = PutFunctionAsyncInvokeConfigRequest(max_async_event_age_in_seconds=60)\n"),
        [("max_async_retry_attempts=3", "max_async_retry_attempts=9"),
         ("\f\nr", "\f\f\nr"),
         ("seconds=60", "seconds=0")],
        {"FC006": 4, "FC005": 7},
    ),
}


@pytest.mark.parametrize("name", CASES)
def test_edits_after_line_separators_match_fclint_check(tmp_path: Path, name: str) -> None:
    filename, text, edits, expected = CASES[name]
    client = start(tmp_path)
    path = tmp_path / filename
    uri = open_doc(client, path, text, "python" if filename.endswith(".py") else "json")
    for version, (old, new) in enumerate(edits, start=2):
        at = text.index(old)
        starts = lsp_soak.line_starts(text)
        (line, character), (end_line, end_character) = (
            lsp_soak.to_position(text, starts, at),
            lsp_soak.to_position(text, starts, at + len(old)))
        client.notify("textDocument/didChange", {
            "textDocument": {"uri": uri, "version": version}, "contentChanges": [{
                "range": {"start": {"line": line, "character": character},
                          "end": {"line": end_line, "character": end_character}},
                "text": new}]})
        text = text[:at] + new + text[at + len(old):]
    found = lsp_soak.lsp_diagnostics(client.published(uri, len(edits) + 1))
    assert found == lsp_soak.cli_diagnostics(lsp_soak.SERVER, path, text)
    lines = {code: line + 1 for code, line, *_ in found}  # the first line of each code
    assert {code: lines[code] for code in expected} == expected
    assert client.close() == 0
