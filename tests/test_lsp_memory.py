"""The server's memory over a long session: pygls 2.1 kept a Future for every notification it
handled (about 2 kB a keystroke, 40 MB over 20,000); fclint's protocol lets each go once it is
done. The real server over stdio; its resident memory read from /proc."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from test_lsp_stdio import BODY, hover, hover_value, open_doc, start

pytest.importorskip("pygls")
pytestmark = pytest.mark.skipif(not Path("/proc/self/status").exists(),
                                reason="reads VmRSS from /proc")

FIRST, LAST = 1_000, 20_000
BOUND_MB = 4.0  # before the fix: 38 MB more


def test_memory_after_20000_changes_stays_near_memory_after_1000(tmp_path: Path) -> None:
    client = start(tmp_path)
    uri = open_doc(client, tmp_path / "typing.json", BODY)
    client.published(uri, 1)
    column = BODY.index("9")
    resident = {}
    for version in range(2, LAST + 2):
        # Type a digit over the value and back: FC006 comes and goes, every change relinted.
        client.notify("textDocument/didChange", {
            "textDocument": {"uri": uri, "version": version},
            "contentChanges": [{"range": {"start": {"line": 0, "character": column},
                                          "end": {"line": 0, "character": column + 1}},
                                "text": "3" if version % 2 else "9"}]})
        if version - 1 in (FIRST, LAST):
            assert "maxAsyncRetryAttempts" in hover_value(hover(client, uri, timeout=120))
            client.published(uri, version, timeout=120)
            resident[version - 1] = client.rss_mb()
        if version % 200 == 0:
            client.pump(0)  # read what the server sent, so that its pipe never fills
    grown = resident[LAST] - resident[FIRST]
    print(f"VmRSS {resident[FIRST]:.1f} MB after {FIRST:,} changes, {resident[LAST]:.1f} MB "
          f"after {LAST:,}", file=sys.stderr)
    assert grown <= BOUND_MB, f"VmRSS grew {grown:.1f} MB from {FIRST:,} to {LAST:,} changes"
    assert client.close() == 0
