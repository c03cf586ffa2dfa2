"""End-to-end tests of `fclint lsp` completion and key hover in YAML: API bodies written as YAML
and Serverless Devs `s.yaml` async blocks (FC 2.0 `asyncConfiguration`, FC 3.0
`asyncInvokeConfig`), while the text is still being typed. The real server, via pytest-lsp,
with the fixtures and helpers of test_lsp_editing."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("pytest_lsp")

import test_lsp_editing as editing
from lsprotocol import types as lsp
from test_lsp_editing import (
    Client,
    complete,
    hover_text,
    inserted,
    open_doc,
    position,
    rng,
    uri,
)

from fclint.names import FC2_REGIONS, FC3_REGIONS

pytestmark = pytest.mark.asyncio(loop_scope="module")
client = editing.client  # the servers of test_lsp_editing: English, and zh-CN
chinese = editing.chinese

FC2_DEVS = ("edition: 3.0.0\nname: app\nservices:\n  app:\n    component: fc\n    props:\n"
            "      region: cn-hangzhou\n      function:\n        name: hello\n"
            "        asyncConfiguration:\n          maxAsyncRetryAttempts: 3\n          ma\n"
            "          destination:\n            onSuccess: \n            o\n")
FC3_DEVS = ("edition: 3.0.0\nname: app\nresources:\n  hello:\n    component: fc3\n    props:\n"
            "      region: cn-hangzhou\n      functionName: hello\n      asyncInvokeConfig:\n"
            "        asyncTask: \n        destinationConfig:\n          onFailure:\n"
            '            destination: "acs\n          \n')


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("lsp-yaml")


# --- completion -----------------------------------------------------------------------------

async def test_completion_of_keys_in_a_yaml_body(client: Client, folder: Path) -> None:
    text = "maxAsyncRetryAttempts: 3\n\n"
    doc = uri(folder, "body.yaml")
    open_doc(client, doc, text, language="yaml")
    items = await complete(client, doc, lsp.Position(line=1, character=0))
    assert inserted(items) == [
        ("destinationConfig", "destinationConfig:\n  $0", "1:0-1:0"),
        ("maxAsyncEventAgeInSeconds", "maxAsyncEventAgeInSeconds: ${1:86400}", "1:0-1:0"),
        ("statefulInvocation", "statefulInvocation: ${1|true,false|}", "1:0-1:0"),
        ("qualifier", "qualifier: ${1:LATEST}", "1:0-1:0"),
    ]
    assert items[1].filter_text == "maxAsyncEventAgeInSeconds: 86400"


async def test_completion_in_a_yaml_body_nested_and_values(client: Client,
                                                           folder: Path) -> None:
    text = ("asyncTask: tr\ndestinationConfig:\n  onSuccess:\n    destination: \n  on\n")
    doc = uri(folder, "body-fc3.yml")
    open_doc(client, doc, text, language="yaml")
    flag = await complete(client, doc, position(text, "tr", 2))
    assert inserted(flag) == [("true", "true", "0:11-0:13"), ("false", "false", "0:11-0:13")]
    nested = await complete(client, doc, position(text, "  on\n", 4))
    assert inserted(nested) == [("onFailure", "onFailure:\n  destination: $1", "4:2-4:4")]
    arns = await complete(client, doc, position(text, "destination: ", 13))
    labels = [item.label for item in arns]
    assert "FC 3.0 function ARN" in labels and "FC 2.0 function ARN" not in labels
    fc3 = ",".join(sorted(FC3_REGIONS))
    assert inserted(arns)[labels.index("FC 3.0 function ARN")] == (
        "FC 3.0 function ARN", f"acs:fc:${{1|{fc3}|}}:${{2:accountId}}:functions/${{3:function}}",
        "3:17-3:17")


async def test_completion_in_an_fc2_devs_block(client: Client, folder: Path) -> None:
    doc = uri(folder, "fc2/s.yaml")
    open_doc(client, doc, FC2_DEVS, language="yaml")
    keys = await complete(client, doc, position(FC2_DEVS, "ma\n", 2))
    assert inserted(keys) == [
        ("maxAsyncEventAgeInSeconds", "maxAsyncEventAgeInSeconds: ${1:86400}", "11:10-11:12"),
        ("statefulInvocation", "statefulInvocation: ${1|true,false|}", "11:10-11:12"),
        ("qualifier", "qualifier: ${1:LATEST}", "11:10-11:12"),
    ]  # `destination` is there already: the component's name for destinationConfig
    which = await complete(client, doc, position(FC2_DEVS, "    o\n", 5))
    assert inserted(which) == [("onFailure", "onFailure: $1", "14:12-14:13")]
    arns = await complete(client, doc, position(FC2_DEVS, "onSuccess: ", 11))
    regions = ",".join(sorted(FC2_REGIONS))
    assert [item.label for item in arns] == [
        "MNS queue ARN", "MNS topic ARN", "FC 2.0 function ARN", "EventBridge event bus ARN",
        "ApsaraMQ for RocketMQ topic ARN"]
    assert inserted(arns)[0] == (
        "MNS queue ARN", f"acs:mns:${{1|{regions}|}}:${{2:accountId}}:/queues/${{3:queue}}/messages",
        "13:23-13:23")


async def test_completion_in_an_fc3_devs_block(client: Client, folder: Path) -> None:
    doc = uri(folder, "fc3/s.yaml")
    open_doc(client, doc, FC3_DEVS, language="yaml")
    flag = await complete(client, doc, position(FC3_DEVS, "asyncTask: ", 11))
    assert inserted(flag) == [("true", "true", "9:19-9:19"), ("false", "false", "9:19-9:19")]
    arns = await complete(client, doc, position(FC3_DEVS, '"acs', 4))
    labels = [item.label for item in arns]
    assert "FC 3.0 function ARN" in labels and "FC 2.0 function ARN" not in labels
    _, snippet, where = inserted(arns)[0]
    assert snippet.startswith('"acs:mns:${1|') and snippet.endswith('/messages"')
    assert where == "12:25-12:29"
    keys = await complete(client, doc, lsp.Position(line=13, character=10))
    assert inserted(keys) == [("onSuccess", "onSuccess:\n  destination: $1", "13:10-13:10")]


async def test_no_yaml_completion_outside_async_blocks(client: Client, folder: Path) -> None:
    doc = uri(folder, "other/s.yaml")
    open_doc(client, doc, FC3_DEVS, language="yaml")
    assert await complete(client, doc, lsp.Position(line=7, character=6)) == []  # in props
    text = "name: my-app\nversion: 1\n\n"
    compose = uri(folder, "compose.yaml")
    open_doc(client, compose, text, language="yaml")
    assert await complete(client, compose, lsp.Position(line=2, character=0)) == []


# --- hover ----------------------------------------------------------------------------------

async def test_hover_on_yaml_keys_matches_json(client: Client, folder: Path) -> None:
    doc = uri(folder, "hover/s.yaml")
    open_doc(client, doc, FC2_DEVS, language="yaml")
    text, where = await hover_text(client, doc, position(FC2_DEVS, "maxAsyncRetry", 3))
    assert text.startswith("**maxAsyncRetryAttempts** (integer, 0 to 8, default 3) · "
                           "PutFunctionAsyncInvokeConfig request body\n\n"
                           "The maximum number of retries after an asynchronous invocation "
                           "fails.")
    assert "| English | Long | 0 to 8 | 3 |" in text
    assert rng(where) == "10:10-10:31"
    destination, where = await hover_text(client, doc, position(FC2_DEVS, "destination:", 2))
    assert destination.startswith("**destination** (object) · PutFunctionAsyncInvokeConfig "
                                  "request body\n\nThe configuration structure of the "
                                  "destination for asynchronous invocation.")
    assert rng(where) == "12:10-12:21"
    success, _ = await hover_text(client, doc, position(FC2_DEVS, "onSuccess", 2))
    assert success == ("**onSuccess** (string) · PutFunctionAsyncInvokeConfig request body\n\n"
                       "The destination for invocations that succeed.")  # the ARN itself


async def test_hover_on_yaml_keys_in_chinese(chinese: Client, folder: Path) -> None:
    doc = uri(folder, "hover-zh/s.yaml")
    open_doc(chinese, doc, FC3_DEVS, language="yaml")
    text, where = await hover_text(chinese, doc, position(FC3_DEVS, "asyncTask", 2))
    assert text == ("**asyncTask** (布尔值) · PutAsyncInvokeConfig 请求体\n\n"
                    "是否开启异步任务(FC 2.0 中名为 statefulInvocation)。")
    assert rng(where) == "9:8-9:17"
    body = "maxAsyncEventAgeInSeconds: 1209600\n"
    doc = uri(folder, "hover-zh.yaml")
    open_doc(chinese, doc, body, language="yaml")
    age, _ = await hover_text(chinese, doc, lsp.Position(line=0, character=3))
    assert age.startswith("**maxAsyncEventAgeInSeconds** (整数, 1 到 2592000) · "
                          "PutFunctionAsyncInvokeConfig 请求体\n\n消息最大存活时长,单位为秒。")


async def test_no_yaml_hover_outside_async_blocks(client: Client, folder: Path) -> None:
    doc = uri(folder, "plain/s.yaml")
    open_doc(client, doc, FC3_DEVS, language="yaml")
    result = await client.text_document_hover_async(lsp.HoverParams(
        text_document=lsp.TextDocumentIdentifier(uri=doc), position=lsp.Position(line=7,
                                                                                  character=8)))
    assert result is None  # functionName: not an async key
