"""Cost grows with the text, not with its square: a body with thousands of keys is located in
one pass over each object, whatever the number of findings (timings are in benchmarks/)."""

from __future__ import annotations

import json

import pytest

from fclint import jsondoc
from fclint.config import Settings
from fclint.engine import lint_text


@pytest.mark.parametrize("name, wrap", [
    ("body.json", lambda body: body),
    ("put.http", lambda body: "PUT /2023-03-30/functions/f/async-invoke-config\n\n" + body),
])
def test_each_object_is_indexed_once_however_many_findings(
        monkeypatch: pytest.MonkeyPatch, name: str, wrap: object) -> None:
    built: list[int] = []
    real = jsondoc.JsonLocator._entries

    def counted(self: jsondoc.JsonLocator, node: object) -> object:
        if node.id not in self._objects:  # type: ignore[attr-defined]
            built.append(node.id)  # type: ignore[attr-defined]
        return real(self, node)

    monkeypatch.setattr(jsondoc.JsonLocator, "_entries", counted)
    body = json.dumps({**{f"unknown{i}": i for i in range(3000)}, "maxAsyncRetryAttempts": 9})
    result = lint_text(wrap(body), name, Settings())  # type: ignore[operator]
    assert len(result.diagnostics) == 3001  # 3,000 FC001 and the FC006
    assert len(built) == 1  # the one object, indexed once for 3,001 findings
