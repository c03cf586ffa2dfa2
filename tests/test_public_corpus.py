"""Real public files (tests/data/public/SOURCES.md says where each comes from), each with exactly
the findings a careful reader expects of it and why. The files live in the shared corpus beside
the project; without it these tests skip, and the stand-ins of tests/test_templates.py,
test_shell.py, test_markdown.py and test_python_dicts.py keep every class covered."""

from __future__ import annotations

from pathlib import Path

import pytest

from fclint.config import Settings
from fclint.engine import lint_path

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "public"

# file -> its findings ("line:column CODE"), each with the reason; None: no FC config at all.
EXPECTED: dict[str, list[str] | None] = {
    # --- the API reference's samples ---
    "api-samples/fc2021-doc_struct-DestinationConfig.onSuccess-example.json": None,  # one
    # {"destination": ...} object: not a body on its own (precision first)
    "api-samples/fc2023-doc_GetAsyncInvokeConfig.response.as-indexed.json": [
        "6:16 FC016",  # the sample's account is the placeholder xxx
        "6:16 FC022",  # ... and success and failure are the same function
        "9:16 FC016",
        "12:16 FC012",  # functionArn with a '/' after the account, as the FC 3.0 sample has it
    ],
    "api-samples/shared-corpus_api-body_fc2016-doc-en_PutFunctionAsyncInvokeConfig.request.json": [
        "4:27 FC016", "7:27 FC016",  # the documentation's masked account 1986***743
        "10:33 FC040",  # a 1-second age leaves its retry no time
    ],
    "api-samples/shared-corpus_api-body_fc2016-doc-en_PutFunctionAsyncInvokeConfig.response.json": [
        "9:27 FC016", "12:27 FC016",  # masked accounts, echoed
        "12:27 FC020",  # the echoed destination is the configured function itself
    ],
    "api-samples/shared-corpus_api-body_fc2016-doc-zh_PutFunctionAsyncInvokeConfig.request.json": [
        "4:23 FC016", "7:23 FC016",  # masked accounts
    ],
    "api-samples/shared-corpus_api-body_fc2023-doc_PutAsyncInvokeConfig.response.json": [
        "6:22 FC016", "6:22 FC022", "9:22 FC016",  # xxx accounts; success == failure
        "12:18 FC012",  # its functionArn: acs:fc:cn-shanghai:1234/functions/my-func
    ],
    # --- Funcraft ---
    "funcraft/funcraft_docs-specs-2018-04-03-zh-cn.AsyncConfiguration.excerpt.yaml": [
        "3:20 FC011", "4:20 FC011",  # the spec's real bug: /queues/NAME/message, singular
        "4:20 FC022", "5:32 FC040",  # the same queue twice; a 20-second age with 3 retries
    ],
    "funcraft/funcraft_examples-function-async-config.template.yml": ["21:38 FC040"],
    # --- Markdown documents, their fences at the document's own lines ---
    "markdown/devsapp-fc3_docs-technical-documentation.md": [
        "341:20 FC044", "343:20 FC044",  # the bare asyncInvokeConfig block's 9-digit account
    ],
    "markdown/devsapp-fc_docs-en-yaml-readme.md": [
        "95:24 FC017", "96:24 FC017", "96:24 FC022",  # {region}/{uid} left in the template ARN
    ],
    "markdown/funcraft_docs-specs-2018-04-03-zh-cn.md": [
        "734:20 FC011", "735:20 FC011", "735:20 FC022", "736:32 FC040",  # as its excerpt above
    ],
    # --- precision: look-alikes that are no FC config ---
    "precision/moto_other_langs-terraform-awslambda-event_invoke_config.tf": None,  # AWS Lambda
    # --- ROS ---
    "ros/awesome-fc_async-invocation-dlq.template.yml": [
        "95:22 FC015", "95:22 FC017",  # ':::' plain ROS takes as written; the placeholder
        "96:22 FC015", "96:22 FC017", "96:22 FC022", "97:36 FC040",
    ],
    "ros/ros-doc_ALIYUN-FC3-AsyncInvokeConfig.example.excerpt.json": [],  # Ref values only
    "ros/ros-doc_ALIYUN-FC3-AsyncInvokeConfig.example.excerpt.yaml": [],  # its YAML twin
    # --- Serverless Devs, FC 2.0 component ---
    "sdevs-fc2/awesome-fc_Stateful-Async-Invocation.s.yaml": [
        "25:24 FC017", "26:24 FC017", "26:24 FC022",  # {please_replace_me}; ':::' is Devs'
    ],
    "sdevs-fc2/devsapp-fc-deploy_examples-code-local.s.yaml": [],
    # A 2021 documentation page without component/props: no s.yaml the tool deploys.
    "sdevs-fc2/devsapp-fc_docs-Others-yaml.2021-07.full-spec.excerpt.yaml": None,
    "sdevs-fc2/devsapp-fc_docs-en-yaml-readme.full-spec.excerpt.yaml": [
        "72:24 FC017", "73:24 FC017", "73:24 FC022",
    ],
    "sdevs-fc2/unattributed_blog_custom-dumi-cd.engine.excerpt.s.yaml": [],
    # --- Serverless Devs, FC 3.0 component ---
    "sdevs-fc3/devsapp-fc3_docs-technical-documentation.asyncInvokeConfig.excerpt.yaml": [
        "4:20 FC044", "6:20 FC044",  # a bare fragment, read; 123456789 is no account id
    ],
    "sdevs-fc3/devsapp-fc3_e2e-nodejs.s.yaml": [],  # ${vars.region}, an empty account: FC 3.0's
    "sdevs-fc3/devsapp-fc3_e2e-nodejs.s2.yaml": [],  # qualifier: test, an alias
    "sdevs-fc3/devsapp-fc3_tests-complete-props.yaml": [
        "116:26 FC018", "118:26 FC018",  # destinations in cn-huhehaote for a cn-hangzhou function
    ],
    # --- Terraform: the provider's documentation over the years, and user modules ---
    "terraform/tf-provider-docs_fc_function_async_invoke_config.v1.100.0.destination.excerpt.tf": [
        "1:10 FC034",  # no maximum_retry_attempts: the provider sends 2
        "7:21 FC039", "11:21 FC039",  # bare names as destinations: "Invalid reference"
    ],
    "terraform/tf-provider-docs_fc_function_async_invoke_config.v1.100.0.error-handling.excerpt.tf": [],
    "terraform/tf-provider-docs_fc_function_async_invoke_config.v1.100.0.html.markdown": [
        "26:10 FC034", "32:21 FC039", "36:21 FC039",  # the excerpt above, in its document
        "56:10 FC034",
        "113:69 FC036",  # `terraform import ... my_function`: the ID needs service:function
    ],
    "terraform/tf-provider-docs_fc_function_async_invoke_config.v1.167.0.async-job.excerpt.tf": [
        "1:10 FC034",
    ],
    "terraform/tf-provider-docs_fc_function_async_invoke_config.v1.167.0.html.markdown": [
        "24:10 FC034", "30:21 FC039", "34:21 FC039", "54:10 FC034", "64:10 FC034",
        "117:69 FC036",
    ],
    # Its one example sets maximum_retry_attempts = 0; only the import ID is wrong.
    "terraform/tf-provider-docs_fc_function_async_invoke_config.v1.272.0-deprecated.html.markdown": [
        "191:69 FC036",
    ],
    "terraform/tf-provider-docs_fcv3_async_invoke_config.latest.html.markdown": [
        "88:36 FC040", "93:21 FC022",  # a 1-second age with a retry; success == failure
    ],
    "terraform/tf-provider-docs_fcv3_async_invoke_config.v1.228.0.html.markdown": [
        "82:36 FC040", "87:21 FC022",
    ],
    # FC 2.0 MNS ARNs with an empty account: FC 2.0 documents no such form (a warning).
    "terraform/unattributed_fc-async-invoke-config_empty-account-mns.ap-southeast-1.tf": [
        "88:21 FC015", "92:21 FC015",
    ],
    "terraform/unattributed_notes_serverless-guide.async_invoker_config.excerpt.tf": [
        "9:10 FC034",
        "13:3 FC001",  # an invented async_invoker_config block: "Unsupported block type"
    ],
    "terraform/unattributed_ros-terraform-example_fcv3-async-invoke-config.tf": [],
    # The FC 2.0 resource refuses zero values at plan (NoZeroValues, IntBetween(1, ...)).
    "terraform/unattributed_tf-sample_fc-function-async-invoke-config.zero-values.tf": [
        "2:35 FC026", "3:34 FC005", "5:35 FC023", "6:35 FC026", "11:21 FC009", "14:21 FC009",
    ],
    # fcv3 sends no age of 0 and no empty qualifier (not set); the empty function name reaches
    # the API's path; destination_config {} names nothing.
    "terraform/unattributed_tf-sample_fcv3-async-invoke-config.zero-values.tf": [
        "3:37 FC026", "8:3 FC008",
    ],
}


@pytest.fixture(scope="module")
def corpus() -> Path:
    if not CORPUS.is_dir():
        pytest.skip(f"the public corpus is not on this machine ({CORPUS})")
    return CORPUS


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_public_file(corpus: Path, name: str) -> None:
    result = lint_path(corpus / name, Settings())
    expected = EXPECTED[name]
    assert result.is_config == (expected is not None), name
    assert [f"{d.span.line}:{d.span.column} {d.code}" for d in result.diagnostics] == (
        expected or [])


def test_every_data_file_of_the_corpus_is_expected(corpus: Path) -> None:
    files = {str(p.relative_to(corpus)) for p in corpus.rglob("*")
             if p.is_file() and p.name not in ("SOURCES.md", "EXPECTED.md")}
    assert files == set(EXPECTED)


def test_every_file_has_its_source() -> None:
    sources = (Path(__file__).parent / "data" / "public" / "SOURCES.md").read_text(encoding="utf-8")
    assert all(f"`{name}`" in sources for name in EXPECTED)
