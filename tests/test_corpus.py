"""The real-world JSON bodies of the shared corpus, each with exactly the findings a careful
reader expects of it (see the corpus's SOURCES.md for where each file comes from)."""

from __future__ import annotations

from pathlib import Path

import pytest

from fclint.config import Settings
from fclint.engine import lint_path

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "real"

EXPECTED: dict[str, list[str]] = {
    "api-body_fc2016-doc-en_PutFunctionAsyncInvokeConfig.request.json": [
        "4:27 FC016",  # the doc masks the account of the MNS queue: 1986***743
        "7:27 FC016",  # ... and of the function destination (demo3.alias/testHelloWorld)
        "10:33 FC040",  # a 1-second event age leaves no time for the 1 retry it asks for
    ],
    "api-body_fc2016-doc-en_PutFunctionAsyncInvokeConfig.response.json": [
        "9:27 FC016",  # masked account in the echoed MNS destination
        "12:27 FC016",  # masked account in the echoed function destination
        "12:27 FC020",  # the response names its own function (service_name.alias/testHelloWorld)
    ],
    "api-body_fc2016-doc-zh_PutFunctionAsyncInvokeConfig.request.json": [
        "4:23 FC016",  # masked account in the onFailure queue
        "7:23 FC016",  # masked account in the onSuccess queue
    ],
    "api-body_fc2016-doc-zh_PutFunctionAsyncInvokeConfig.response.json": [
        "5:23 FC016",  # masked account in the echoed onFailure queue
        "8:23 FC016",  # masked account in the echoed onSuccess queue
        # serviceName/functionName (the docs' spelling of service/function) are accepted.
    ],
    "api-body_fc2023-doc_PutAsyncInvokeConfig.response.json": [
        "6:22 FC016",  # the FC 3.0 doc's onFailure function has the placeholder account xxx
        "6:22 FC022",  # ... and is the same as onSuccess: success == failure
        "9:22 FC016",  # placeholder account xxx in onSuccess too
        # functionArn, the response's own ARN, is judged like a function destination: this one
        # has a '/' after the account (acs:fc:cn-shanghai:1234/functions/my-func).
        "12:18 FC012",
    ],
}


@pytest.fixture(scope="module")
def corpus() -> Path:
    if not CORPUS.is_dir():
        pytest.skip(f"corpus not found at {CORPUS}")
    return CORPUS


def found(path: Path) -> list[str]:
    result = lint_path(path, Settings())
    assert result.is_config, path.name
    return [f"{d.span.line}:{d.span.column} {d.code}" for d in result.diagnostics]


def test_table_covers_every_api_body(corpus: Path) -> None:
    assert sorted(p.name for p in corpus.glob("api-body_*.json")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_api_body(corpus: Path, name: str) -> None:
    assert found(corpus / name) == EXPECTED[name]


def test_doc_masked_account_message(corpus: Path) -> None:
    result = lint_path(corpus / "api-body_fc2016-doc-zh_PutFunctionAsyncInvokeConfig.request.json",
                       Settings())
    assert all("'1986***743'" in d.message and "masked" in d.message for d in result.diagnostics)


def test_schemas_in_the_corpus_are_not_configs(corpus: Path) -> None:
    schemas = sorted(corpus.glob("schema_*.json"))
    assert schemas
    for path in schemas:
        result = lint_path(path, Settings())
        assert not result.is_config or result.diagnostics == [], path.name


def test_every_json_file_is_accounted_for(corpus: Path) -> None:
    """record_*.txt and the YAML/Terraform files are other formats; every JSON file is above."""
    names = {p.name for p in corpus.glob("*.json")}
    assert names == set(EXPECTED) | {p.name for p in corpus.glob("schema_*.json")}
