"""Terraform `.tf` files: the alicloud FC async-invoke-config resources are translated to the API
model and linted by the core, every finding at the attribute's line and column; references and
interpolations are skipped; the provider's own defaults and caps are rules of their own."""

from __future__ import annotations

import re
from dataclasses import astuple
from pathlib import Path

import pytest
from clihelp import DATA

import fclint.rules.terraform  # noqa: F401  (registers FC034 and FC035 until rules/__init__ does)
from fclint.config import Settings
from fclint.engine import lint_text
from fclint.formats import hcl_tree, terraform
from fclint.rules import RULES

REAL = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "real"
TF = DATA / "terraform"
FC2 = 'resource "alicloud_fc_function_async_invoke_config" "c" {\n'
FC3 = 'resource "alicloud_fcv3_async_invoke_config" "c" {\n'
MNS = "acs:mns:cn-hangzhou:1234567890123456:/queues/dlq/messages"


def located(text: str, name: str = "main.tf", settings: Settings | None = None) -> list[str]:
    result = lint_text(text, name, settings or Settings())
    return [f"{d.span.line}:{d.span.column} {d.code}" for d in result.diagnostics]


def fc2(*lines: str) -> str:
    """An FC 2.0 resource with retries set (so FC034 stays out of the way) and `lines`."""
    return FC2 + "  maximum_retry_attempts = 3\n" + "".join(f"  {line}\n" for line in lines) + "}\n"


def fc3(*lines: str) -> str:
    return FC3 + "".join(f"  {line}\n" for line in lines) + "}\n"


def on_failure(destination: str) -> tuple[str, ...]:
    return ("destination_config {", "  on_failure {", f"    destination = {destination}", "  }", "}")


# --- the real files -----------------------------------------------------------------------------

REAL_FILES = {
    # Both MNS ARNs are built with ${...}: not judged. Age 60 with 0 retries leaves FC040 quiet,
    # retries are set (0) so FC034 is quiet, "LATEST" is a valid qualifier.
    "tf_landing-with-terraform_fc-function-async-invoke-config.main.tf": [],
    "tf_terraform-provider-alicloud_docs_fc_function_async_invoke_config.example.tf": [],
    # "1", "1", "true" are converted by Terraform, so no FC004. What remains is true of the file:
    "tf_landing-with-terraform_fcv3-async-invoke-config.main.tf": [
        "59:36 FC040",  # an event age of 1 second with 1 retry: the retry can hardly run in time
        "64:21 FC022",  # on_failure and on_success are the same text, interpolations and all
    ],
    "tf_terraform-provider-alicloud_docs_fcv3_async_invoke_config.example.tf": [
        "59:36 FC040",  # the same example, from the provider's own documentation
        "64:21 FC022",
    ],
    # Every value is var.*: nothing to judge. But maximum_retry_attempts is commented out, so
    # every user of this module gets the provider's 2 retries, not FC's 3: the info is true.
    "tf_sushil46in-terraform_modules_fc_function_async_invoke_config.tf": [
        "5:10 FC034",
    ],
}


@pytest.mark.parametrize("name", REAL_FILES)
def test_real_files(name: str) -> None:
    path = REAL / name
    if not path.is_file():
        pytest.skip(f"{path} is not here")
    result = lint_text(path.read_text(encoding="utf-8"), name, Settings())
    assert result.is_config
    assert [f"{d.span.line}:{d.span.column} {d.code}" for d in result.diagnostics] == REAL_FILES[name]


def test_every_real_terraform_file_is_covered() -> None:
    if not REAL.is_dir():
        pytest.skip("no corpus")
    assert sorted(p.name for p in REAL.glob("tf_*")) == sorted(REAL_FILES)


def test_project_file() -> None:
    text = (TF / "project.tf").read_text(encoding="utf-8")
    assert located(text) == [
        "13:35 FC023",  # qualifier "latest": LATEST is upper case (inside the quotes, for the fix)
        "14:34 FC005",  # "3000000" is a number to Terraform, and above 2592000
        "15:34 FC006",  # 9 retries
        "20:21 FC018",  # cn-shanghai queue; the default provider block says cn-hangzhou
        "31:36 FC035",  # 172800 is above the fcv3 provider's 86400 (though within FC 3.0's cap)
        "33:36 FC004",  # "yes" is no boolean Terraform can convert
        "37:21 FC020",  # the fcv3 function's own ARN; cn-beijing matches provider alicloud.bj
    ]


@pytest.mark.parametrize("path", sorted((TF / "unrelated").glob("*.tf")), ids=lambda p: p.name)
def test_unrelated_terraform_files_give_nothing(path: Path) -> None:
    result = lint_text(path.read_text(encoding="utf-8"), path.name, Settings())
    assert (result.is_config, result.diagnostics) == (False, [])


def test_unrelated_files_are_not_parsed(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(text: str) -> None:
        raise AssertionError("parsed")

    monkeypatch.setattr(hcl_tree, "read", fail)
    text = (TF / "unrelated" / "vpc.tf").read_text(encoding="utf-8")
    assert list(terraform.documents(text, "vpc.tf", Settings(), None)) == []


# --- one feature at a time ----------------------------------------------------------------------

CASES = {
    # values, and numbers or booleans written as strings (Terraform converts them)
    "clean fc2": (fc2('service_name = "svc"', 'function_name = "fn"'), []),
    "string numbers and booleans": (
        fc2('maximum_event_age_in_seconds = "3600"', 'stateful_invocation = "true"'), []),
    "string retries out of range": (FC2 + '  maximum_retry_attempts = "9"\n}\n', ["2:28 FC006"]),
    "whole float is an integer": (fc2("maximum_event_age_in_seconds = 3.0e2"), []),
    "fraction": (fc2('maximum_event_age_in_seconds = "2.5"'), ["3:34 FC004"]),
    "negative": (fc2("maximum_event_age_in_seconds = -1"), ["3:34 FC005"]),
    "bool for a number": (fc2("maximum_event_age_in_seconds = true"), ["3:34 FC004"]),
    "word for a bool": (fc2('stateful_invocation = "yes"'), ["3:25 FC004"]),
    "number for a bool": (fc2("stateful_invocation = 1"), ["3:25 FC004"]),
    "1 as a string is a bool": (fc2('stateful_invocation = "1"'), []),
    "zero age": (fc2("maximum_event_age_in_seconds = 0"), ["3:34 FC005"]),
    "fc2 age band": (fc2("maximum_event_age_in_seconds = 1209600"), ["3:34 FC007"]),
    "fc3 age above provider cap": (fc3("max_async_event_age_in_seconds = 86401"), ["2:36 FC035"]),
    "fc3 age above API cap too": (
        fc3("max_async_event_age_in_seconds = 700000"), ["2:36 FC005", "2:36 FC035"]),
    "fc3 age at the cap": (fc3('max_async_event_age_in_seconds = "86400"'), []),
    # what Terraform works out is opaque
    "references skipped": (fc2("maximum_event_age_in_seconds = var.age",
                               "stateful_invocation = local.on", 'qualifier = var.q'), []),
    "interpolated number skipped": (fc3('max_async_retry_attempts = "${var.n}"'), []),
    "null is unset": (FC2 + "  maximum_retry_attempts = null\n}\n", ["1:10 FC034"]),
    "retries from a variable": (FC2 + "  maximum_retry_attempts = var.n\n}\n", []),
    "no retries": (FC2 + '  function_name = "fn"\n}\n', ["1:10 FC034"]),
    "fc3 needs no retries": (fc3('function_name = "fn"'), []),
    # destinations
    "good destination": (fc2(*on_failure(f'"{MNS}"')), []),
    "bad destination": (fc2(*on_failure('"acs:mns:cn-hangzhou:1234567890123456:queues/q"')),
                        ["5:21 FC011"]),
    "destination reference": (fc2(*on_failure("var.dlq")), []),
    "destination call": (fc2(*on_failure('format("acs:mns:%s", var.x)')), []),
    "destination template": (fc2(*on_failure('"acs:mns:${var.region}:1:/queue/q/messages"')), []),
    "shorthand not expanded": (
        fc2(*on_failure('"acs:mns:::/queues/dlq/messages"')), ["5:21 FC015"]),
    "no destination": (fc2("destination_config {", "  on_failure {", "  }", "}"), ["4:5 FC009"]),
    "empty destination": (fc2(*on_failure('""')), ["5:21 FC009"]),
    # The fcv3 resource sends {} for a destination of "", as for a side not written: not set.
    "fcv3 empty destination is no destination": (
        fc3(*on_failure('""'), "max_async_retry_attempts = 9"), ["7:30 FC006"]),
    "empty destination_config": (fc2("destination_config {}"), ["3:3 FC008"]),
    "dynamic block": (fc2("destination_config {", '  dynamic "on_failure" {',
                          "    for_each = var.d", "    content { destination = on_failure.value }",
                          "  }", "}"), []),
    "success equals failure": (
        fc3("destination_config {", f'  on_success {{ destination = "{MNS}" }}',
            f'  on_failure {{ destination = "{MNS}" }}', "}"), ["4:32 FC022"]),
    "fc2 ARN in fcv3": (fc3(*on_failure(
        '"acs:fc:cn-hangzhou:1234567890123456:services/s.LATEST/functions/f"')), ["4:21 FC013"]),
    # the function's names and qualifier
    "qualifier case": (fc2('qualifier = "latest"'), ["3:16 FC023"]),
    "numeric qualifier": (fc2("qualifier = 1"), []),
    "service with a dot": (fc2('service_name = "svc.prod"'), ["3:19 FC025"]),
    "bad function name": (fc3('function_name = "9fn"'), ["2:20 FC026"]),
    "self destination fc2": (
        fc2('service_name = "svc"', 'function_name = "fn"', *on_failure(
            '"acs:fc:cn-hangzhou:1234567890123456:services/svc.LATEST/functions/fn"')),
        ["7:21 FC020"]),
    "other qualifier is not self": (
        fc2('service_name = "svc"', 'function_name = "fn"', 'qualifier = "prod"', *on_failure(
            '"acs:fc:cn-hangzhou:1234567890123456:services/svc.LATEST/functions/fn"')), []),
    "self destination fc3": (
        fc3('function_name = "fn"', *on_failure(
            '"acs:fc:cn-hangzhou:1234567890123456:functions/fn"')), ["5:21 FC020"]),
    # HCL itself
    "attribute set twice": (fc2("maximum_event_age_in_seconds = 60",
                                "maximum_event_age_in_seconds = 0"), ["4:3 FC000"]),
    "block twice": (fc2(*on_failure(f'"{MNS}"'), *on_failure(f'"{MNS}"')), ["8:3 FC000"]),
    "unicode columns": (fc2('function_name = "函数"  # 注释', "maximum_event_age_in_seconds = 0"),
                        ["3:20 FC026", "4:34 FC005"]),
    # the provider's own model of each attribute (terraform-provider-alicloud's Go source)
    "fcv3 age 0 is not sent on create": (fc3("max_async_event_age_in_seconds = 0"), []),
    "fcv3 empty qualifier is no qualifier": (fc3('qualifier = ""'), []),
    "fc2 empty qualifier is refused at plan": (fc2('qualifier = ""'), ["3:16 FC023"]),
    "fcv3 retries are the API's to refuse": (fc3("max_async_retry_attempts = 9"), ["2:30 FC006"]),
    "an argument the resource does not take": (
        fc2("maximum_retry_attempt = 3"), ["3:3 FC001"]),
    "a block the resource does not take": (
        fc2("async_invoker_config {", "  max_async_retry_attempts = 1", "}"), ["3:3 FC001"]),
    "an argument of the other generation": (
        fc3("maximum_retry_attempts = 3"), ["2:3 FC001"]),
    "a computed attribute": (fc3('function_arn = "x"'), ["2:3 FC001"]),
    "an unknown argument in a nested block": (
        fc2("destination_config {", "  on_failure {", '    arn = "x"', "  }", "}"),
        ["4:5 FC009", "5:7 FC001"]),
    "Terraform's meta-arguments and blocks": (
        fc2("count = 1", 'provider = alicloud.hz', "depends_on = [alicloud_mns_queue.q]",
            "lifecycle {", "  ignore_changes = [qualifier]", "}"), []),
    "a bare name as the destination": (fc3(*on_failure("dead_letter")), ["4:21 FC039"]),
    "a resource attribute as the destination": (
        fc3(*on_failure("alicloud_mns_queue.q.arn")), []),
    "bare type label": (
        'resource alicloud_fcv3_async_invoke_config "c" {\n  max_async_retry_attempts = 9\n}\n',
        ["2:30 FC006"]),
}


@pytest.mark.parametrize("name", CASES)
def test_cases(name: str) -> None:
    text, expected = CASES[name]
    assert located(text) == expected


SYNTAX = {
    "stray token": (fc2("maximum_event_age_in_seconds = 0", "oops = = 3"),
                    ["3:34 FC005", "4:10 FC000"], "unexpected '='"),
    "unterminated string": (fc2("maximum_event_age_in_seconds = 0", 'qualifier = "LATEST',
                                *on_failure(f'"{MNS}"')),
                            ["3:34 FC005", "4:15 FC000"], "unterminated string"),
    "missing brace": (FC2 + "  maximum_retry_attempts = 9\n", ["2:28 FC006", "3:1 FC000"],
                      "missing '}'"),
    # The broken attribute may be the retries, so FC034 does not guess that they are missing.
    "broken attribute": (FC2 + "  maximum_retry_attempts = 9 9\n}\n", ["2:28 FC006", "2:30 FC000"],
                         "unexpected '9'"),
    "one label": ('resource "alicloud_fcv3_async_invoke_config" {\n  max_async_retry_attempts = 9\n}\n',
                  ["1:1 FC000", "2:30 FC006"], "two labels"),
    "error elsewhere in the file": (
        fc3("max_async_retry_attempts = 9") + 'resource "x" "y" {\n  a = \n}\n',
        ["2:30 FC006", "5:3 FC000"], "syntax error"),  # the attribute without a value
}


@pytest.mark.parametrize("name", SYNTAX)
def test_syntax_errors(name: str) -> None:
    text, expected, message = SYNTAX[name]
    result = lint_text(text, "main.tf", Settings())
    assert [f"{d.span.line}:{d.span.column} {d.code}" for d in result.diagnostics] == expected
    assert [d for d in result.diagnostics if d.code == "FC000" and message in d.message]


def test_a_syntax_error_where_the_text_ends_has_an_empty_span() -> None:
    """No character to underline after the last line break (fuzz finding S3, in Terraform)."""
    spans = {name: [astuple(d.span) for d in lint_text(SYNTAX[name][0], "main.tf",
                                                       Settings()).diagnostics if d.code == "FC000"]
             for name in ("missing brace", "stray token")}
    assert spans == {"missing brace": [(3, 1, 3, 1)], "stray token": [(4, 10, 4, 11)]}


@pytest.mark.parametrize("text, where", [
    ('resource "alicloud_fc_function_async_invoke_config" "c" {{{\n', "1:57 FC000"),
    # No resource block can be read at all: still one finding, at the start of what broke.
    ('resource "alicloud_fc_function_async_invoke_config" "c" {\n  a = {\n  b = [\n', "1:1 FC000"),
])
def test_broken_beyond_reading_is_one_finding(text: str, where: str) -> None:
    result = lint_text(text, "main.tf", Settings())
    assert result.is_config
    assert [f"{d.span.line}:{d.span.column} {d.code}" for d in result.diagnostics] == [where]


# --- the provider block: the home region --------------------------------------------------------

BEIJING_QUEUE = '"acs:mns:cn-beijing:1234567890123456:/queues/dlq/messages"'


def test_provider_region_is_the_home_region() -> None:
    text = 'provider "alicloud" {\n  region = "cn-hangzhou"\n}\n' + fc2(*on_failure(BEIJING_QUEUE))
    result = lint_text(text, "main.tf", Settings())
    [diagnostic] = result.diagnostics
    assert (diagnostic.span.line, diagnostic.span.column, diagnostic.code) == (8, 21, "FC018")
    assert "from the alicloud provider block" in diagnostic.message


def test_provider_alias_picks_the_region() -> None:
    text = ('provider "alicloud" {\n  region = "cn-hangzhou"\n}\n'
            'provider "alicloud" {\n  alias = "bj"\n  region = "cn-beijing"\n}\n'
            + fc2("provider = alicloud.bj", *on_failure(BEIJING_QUEUE)))
    assert located(text) == []


def test_region_setting_when_the_provider_says_nothing() -> None:
    text = 'provider "alicloud" {\n  region = var.region\n}\n' + fc2(*on_failure(BEIJING_QUEUE))
    assert located(text) == []
    assert located(text, settings=Settings(region="cn-shanghai")) == ["8:21 FC018"]


# --- suppression and fixes ----------------------------------------------------------------------

def test_inline_suppression_with_both_comment_styles() -> None:
    text = fc2("maximum_event_age_in_seconds = 0 # fclint: ignore[FC005] tested elsewhere",
               "// fclint: ignore[FC004] kept as a string on purpose",
               'stateful_invocation = "yes"',
               "qualifier = \"LATEST\" # fclint: ignore[FC023] stale")
    assert located(text) == ["6:24 FC091"]


def test_fixes_write_hcl() -> None:
    text = fc3('qualifier = "latest"', "max_async_event_age_in_seconds = 172800")
    fixes = {d.code: d.fix for d in lint_text(text, "main.tf", Settings()).diagnostics}
    assert [(e.span.line, e.span.column, e.span.end_column, e.text)
            for e in fixes["FC023"].edits] == [(2, 16, 22, "LATEST")]  # inside the quotes
    assert [(e.span.column, e.span.end_column, e.text)
            for e in fixes["FC035"].edits] == [(36, 42, "86400")]


@pytest.mark.parametrize("value, written", [
    (3, "3"), (True, "true"), (None, "null"), ("a\"b", '"a\\"b"'), ("${x}", '"$${x}"'),
    ("%{x}", '"%%{x}"'), ("函数", '"函数"'),
])
def test_render(value: object, written: str) -> None:
    assert terraform.render(value) == written


@pytest.mark.parametrize("raw, text", [
    (r"a\"b\\c\n", 'a"b\\c\n'), (r"\u00e9\U0001F600", "é😀"), ("$${x} %%{y}", "${x} %{y}"),
    ("plain", "plain"),
])
def test_unescape(raw: str, text: str) -> None:
    assert hcl_tree.unescape(raw) == text


# --- the rules' own documentation ---------------------------------------------------------------

FENCE = re.compile(r"^```(?P<info>[^\n]*)\n(?P<body>.*?)^```[ \t]*$", re.MULTILINE | re.DOTALL)


@pytest.mark.parametrize("code", ["FC034", "FC035"])
def test_rule_examples(code: str) -> None:
    rule = RULES[code]
    [(info, example)] = FENCE.findall(rule.section("Example"))
    [(info2, instead)] = FENCE.findall(rule.section("Use instead"))
    assert info == info2 == "hcl"
    flagged = [d for d in lint_text(example, "main.tf", Settings()).diagnostics if d.code == code]
    assert flagged
    assert all(d.fix is not None for d in flagged) == (RULES[code].fix is not None)
    assert lint_text(instead, "main.tf", Settings()).diagnostics == []
