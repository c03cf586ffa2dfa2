"""Shell scripts (`.sh`, `.bash`): the command lines that configure async invocation are linted,
every finding at its line and column in the script, inside the JSON of a quoted argument too.
`s cli fc api` (Serverless Devs), `aliyun fc-open` (FC 2.0), `aliyun fc` (FC 3.0) and
`terraform import` (FC036); other commands, and scripts without them, give nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from clihelp import DATA, fclint

from fclint import treesitter
from fclint.config import Settings
from fclint.engine import lint_text
from fclint.fix import fix_text
from fclint.formats import shell

MNS = "acs:mns:cn-hangzhou:1234567890123456:/queues/dlq/messages"


def located(text: str, name: str = "deploy.sh", settings: Settings | None = None) -> list[str]:
    result = lint_text(text, name, settings or Settings())
    return [f"{d.span.line}:{d.span.column} {d.code}" for d in result.diagnostics]


# --- files modelled on real ones (each says which) ----------------------------------------------

FILES = {
    "devs-cli.sh": [
        # the syntax template's body: every value a string (the working example is clean)
        "7:224 FC004",  # "maxAsyncEventAgeInSeconds": "maxAsyncEventAgeInSeconds"
        "7:274 FC004",  # "statefulInvocation": "true or false"
        "8:119 FC023",  # "qualifier": "latest" in --path
    ],
    # The numbers are flags (text on a command line): no FC004. The MNS queue is right; its
    # account has 9 digits.
    "aliyun-fc3-fields.sh": ["16:22 FC044"],
    "terraform-import.sh": ["2:69 FC036"],  # my_function: no service
}


@pytest.mark.parametrize("name", FILES)
def test_files(name: str) -> None:
    text = (DATA / "shell" / name).read_text(encoding="utf-8")
    assert located(text, name) == FILES[name]


# --- one feature at a time ----------------------------------------------------------------------

PUT2 = "aliyun fc-open PutFunctionAsyncInvokeConfig --serviceName svc --functionName fn "
PUT3 = "aliyun fc PutAsyncInvokeConfig --functionName fn "
FC2_IMPORT = "terraform import alicloud_fc_function_async_invoke_config.c "
FC3_IMPORT = "terraform import alicloud_fcv3_async_invoke_config.c "

CASES = {
    # Serverless Devs: `s cli fc api`, names in --path, the body in --body
    "devs put": (("s cli fc api PutFunctionAsyncInvokeConfig --path "
                  "'{\"serviceName\": \"svc\", \"functionName\": \"fn\"}' "
                  "--body '{\"maxAsyncRetryAttempts\": 9}'\n"), ["1:131 FC006"]),
    "devs under sudo, clean": (("sudo s cli fc api PutFunctionAsyncInvokeConfig --region cn-hangzhou"
                                " --path '{\"serviceName\": \"s\", \"functionName\": \"f\"}' "
                                "--body '{\"statefulInvocation\": true}'\n"), []),
    "devs path names": (("s cli fc api GetFunctionAsyncInvokeConfig --path '{\"serviceName\": "
                         "\"svc.prod\", \"functionName\": \"9fn\", \"qualifier\": \"latest\"}'\n"),
                        ["1:68 FC025", "1:96 FC026", "1:116 FC023"]),
    "devs broken path": (("s cli fc api GetFunctionAsyncInvokeConfig --path "
                          "'{\"serviceName\": \"svc\",}'\n"), ["1:72 FC000"]),
    # aliyun fc-open (FC 2.0): names as flags
    "fc-open put": (PUT2 + "--body '{\"maxAsyncRetryAttempts\": 9}'\n", ["1:115 FC006"]),
    "fc-open qualifier flag": (PUT2 + "--qualifier latest --body '{}'\n", ["1:93 FC023"]),
    "fc-open statefulInvocation is FC 2.0": (
        PUT2 + "--body '{\"statefulInvocation\": true}'\n", []),
    "fc-open --flag=value": (("aliyun fc-open GetFunctionAsyncInvokeConfig --serviceName=svc "
                              "--functionName=1fn\n"), ["1:78 FC026"]),
    "fc-open RESTful form": (
        ("aliyun fc-open PUT '/2021-04-06/services/svc/functions/fn/async-invoke-config"
         "?qualifier=Latest' --body '{\"maxAsyncRetryAttempts\": 2}'\n"), ["1:89 FC023"]),
    # aliyun fc (FC 3.0)
    "fc3 age above its cap": (PUT3 + "--body '{\"maxAsyncEventAgeInSeconds\": 700000}'\n",
                              ["1:88 FC005"]),
    "fc3 takes asyncTask, not statefulInvocation": (
        PUT3 + "--body '{\"statefulInvocation\": true}'\n", ["1:59 FC002"]),
    "fc3 RESTful form": ("aliyun fc DELETE /2023-03-30/functions/9fn/async-invoke-config\n",
                         ["1:40 FC026"]),
    # quotes: double quotes with escapes are mapped back to the file
    "double-quoted body": (PUT3 + "--body \"{\\\"maxAsyncRetryAttempts\\\": 9}\"\n",
                           ["1:86 FC006"]),
    "double-quoted, after an escape": (
        PUT3 + "--body \"{\\\"destinationConfig\\\": {\\\"onFailure\\\": {\\\"destination\\\": "
               "\\\"acs:mns:cn-hangzhou:1234567890123456:/queues/q/message\\\"}}}\"\n",
        ["1:116 FC011"]),
    "single-quoted, several lines": (
        PUT3 + "--body '{\n  \"maxAsyncRetryAttempts\": 2,\n  \"maxAsyncEventAgeInSeconds\": 0\n}'\n",
        ["3:32 FC005"]),
    "a variable in double quotes is not judged": (
        PUT3 + "--body \"{\\\"destinationConfig\\\": {\\\"onFailure\\\": {\\\"destination\\\": "
               "\\\"acs:mns:$REGION:1234567890123456:/queues/q/messages\\\"}}}\"\n", []),
    "a body read by the shell is not judged": (PUT3 + "--body \"$(cat body.json)\"\n", []),
    "a name from a variable is not judged": (
        "aliyun fc GetAsyncInvokeConfig --functionName \"$FN\"\n", []),
    "a broken body": (PUT3 + "--body '{\"maxAsyncRetryAttempts\": 2,}'\n", ["1:85 FC000"]),
    # The shell fills in a value: its JSON is not known, nor what error recovery made of it
    # (it read the next key as the value).
    "a variable as a value, between quotes": (
        PUT3 + "--body '{\"maxAsyncRetryAttempts\": '\"$RETRIES\"', \"asyncTask\": true}'\n", []),
    "a command's output as a value": (
        PUT3 + "--body \"{\\\"maxAsyncRetryAttempts\\\": $(get_retries), \\\"asyncTask\\\": ${TASK}}\"\n",
        []),
    "a variable in a JSON flag's value": (
        PUT3 + "--destinationConfig \"{\\\"onFailure\\\": $DLQ}\"\n", []),
    "a variable elsewhere leaves a broken body reported": (
        "aliyun fc PutAsyncInvokeConfig --functionName \"$FN\" "
        "--body '{\"maxAsyncRetryAttempts\": 2,}'\n", ["1:88 FC000"]),
    "a variable inside a string leaves the rest judged": (
        PUT3 + "--body \"{\\\"maxAsyncRetryAttempts\\\": 9, \\\"destinationConfig\\\": "
               "{\\\"onFailure\\\": {\\\"destination\\\": \\\"acs:mns:$REGION:1234567890123456:"
               "/queues/q/messages\\\"}}}\"\n", ["1:86 FC006"]),
    # continuation lines and prompts
    "continued lines": (
        ("aliyun fc PutAsyncInvokeConfig \\\n  --functionName fn \\\n"
         "  --body '{\"maxAsyncRetryAttempts\": 9}'\n"), ["3:37 FC006"]),
    "a pasted prompt": ("$ " + PUT3 + "--body '{\"maxAsyncRetryAttempts\": 9}'\n", ["1:86 FC006"]),
    "inside if and a pipeline": (
         "if true; then\n  " + PUT3 + "--body '{\"maxAsyncRetryAttempts\": 9}' | jq .\nfi\n",
        ["2:86 FC006"]),
    "after a heredoc with an apostrophe": (
        "cat <<EOF\ndon't\nEOF\n" + PUT3 + "--body '{\"maxAsyncRetryAttempts\": 9}'\n",
        ["4:84 FC006"]),
    # a body given as one flag per field: the values are linted, the form is not judged
    "fields: numbers are text on a command line": (
        PUT3 + "--maxAsyncRetryAttempts 2 --maxAsyncEventAgeInSeconds 3600 --asyncTask true\n", []),
    "fields: a number out of range": (PUT3 + "--maxAsyncRetryAttempts 9\n", ["1:74 FC006"]),
    "fields: not a number": (PUT3 + "--maxAsyncRetryAttempts nine\n", ["1:74 FC004"]),
    "fields: values from variables are not judged": (
        PUT3 + "--maxAsyncRetryAttempts \"$RETRIES\" --maxAsyncEventAgeInSeconds $AGE "
               "--asyncTask ${TASK}\n", []),
    "fields: beside a variable, a value is still judged": (
        PUT3 + "--maxAsyncRetryAttempts \"$RETRIES\" --asyncTask yes\n", ["1:97 FC004"]),
    "fields: JSON destination config": (
        PUT3 + f"--destinationConfig '{{\"onFailure\": {{\"destination\": \"{MNS[:-1]}\"}}}}'\n",
        ["1:101 FC011"]),
    "fields: an empty destination config": (PUT3 + "--destinationConfig '{}'\n", ["1:71 FC008"]),
    # terraform import (FC036)
    "import: function only": (FC2_IMPORT + "my_function\n", ["1:61 FC036"]),
    "import: service and function": (FC2_IMPORT + "svc:fn\n", []),
    "import: with a qualifier": (FC2_IMPORT + "svc:fn:LATEST\n", []),
    "import: the qualifier is checked": (FC2_IMPORT + "svc:fn:latest\n", ["1:68 FC023"]),
    "import: the names are checked": (FC2_IMPORT + "9svc:fn\n", ["1:61 FC026"]),
    "import: an empty part": (FC2_IMPORT + "svc::LATEST\n", ["1:61 FC036"]),
    "import: four parts": (FC2_IMPORT + "a:b:c:d\n", ["1:61 FC036"]),
    "import: options first": (("terraform import -var 'region=cn-hangzhou' -input=false "
                               "alicloud_fc_function_async_invoke_config.c fn\n"), ["1:100 FC036"]),
    "import: a module's resource": (
        "terraform import 'module.fc[\"a\"].alicloud_fc_function_async_invoke_config.c' fn\n",
        ["1:78 FC036"]),
    "import: OpenTofu": ("tofu import alicloud_fc_function_async_invoke_config.c fn\n",
                         ["1:56 FC036"]),
    "import: from a variable": (FC2_IMPORT + "\"$ID\"\n", []),
    "import: a placeholder": (FC2_IMPORT + "'<id>'\n", []),
    "import fcv3: the function's name": (FC3_IMPORT + "fn\n", []),
    "import fcv3: a placeholder": (FC3_IMPORT + "'<id>'\n", []),
    "import fcv3: an FC 2.0 ID": (FC3_IMPORT + "svc:fn\n", ["1:54 FC036"]),
    "import fcv3: the name is checked": (FC3_IMPORT + "9fn\n", ["1:54 FC026"]),
    "import of another resource": ("terraform import alicloud_fc_function.f svc:fn\n", []),
    # suppression: a shell comment
    "an ignore comment": (PUT3 + "--body '{\"maxAsyncRetryAttempts\": 9}'  "
                          "# fclint: ignore[FC006] raised for us\n", []),
}


@pytest.mark.parametrize("name", CASES)
def test_cases(name: str) -> None:
    text, expected = CASES[name]
    assert located(text) == expected


NOT_CONFIG = {
    "other aliyun products": "aliyun mns CreateQueue --QueueName dlq --DelaySeconds 0\n",
    "another FC operation": "aliyun fc CreateFunction --body '{\"functionName\": \"f\"}'\n",
    "a build script": "#!/bin/sh\nset -eu\nnpm run build\nterraform apply -auto-approve\n",
    "a word in a comment": "# see PutAsyncInvokeConfig in the docs\necho done\n",
}


@pytest.mark.parametrize("name", NOT_CONFIG)
def test_other_commands_give_nothing(name: str) -> None:
    result = lint_text(NOT_CONFIG[name], "run.sh", Settings())
    assert (result.is_config, result.diagnostics) == (False, [])


def test_scripts_without_a_call_are_not_parsed(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(grammar: str, source: bytes) -> None:
        raise AssertionError("parsed")

    monkeypatch.setattr(treesitter, "parse", fail)
    text = "#!/bin/sh\naliyun oss cp ./dist oss://bucket --recursive\n"
    assert list(shell.documents(text, "build.sh", Settings(), None)) == []


def test_bash_suffix_and_the_region_flag() -> None:
    text = (PUT3 + "--region cn-hangzhou --body '{\"destinationConfig\": {\"onFailure\": "
            "{\"destination\": \"acs:mns:cn-beijing:1234567890123456:/queues/q/messages\"}}}'\n")
    result = lint_text(text, "deploy.bash", Settings())
    assert [(d.code, d.message) for d in result.diagnostics] == [
        ("FC018", ("'cn-beijing' is not the function's region 'cn-hangzhou' (from the command's "
                  "--region)"))]


def test_import_message() -> None:
    result = lint_text(FC2_IMPORT + "my_function\n", "import.sh", Settings())
    assert [d.message for d in result.diagnostics] == [
        ("'my_function' is not an ID of alicloud_fc_function_async_invoke_config: the provider "
         "takes service_name:function_name or service_name:function_name:qualifier, so terraform "
         "import fails (the service is missing: SERVICE:my_function)")]


def test_fixes_land_in_the_quoted_json() -> None:
    text = (PUT3 + "--body '{\"maxAsyncRetryAttemps\": 2,\n  \"destinationConfig\": {\"onFailure\": "
            f"{{\"destination\": \"{MNS[:-1]}\"}}}}}}'\n")
    fixed = fix_text(text, "deploy.sh", Settings())
    assert fixed.text == text.replace("Attemps", "Attempts").replace(MNS[:-1], MNS)
    assert fixed.result.diagnostics == []


def test_a_fix_in_double_quotes_keeps_the_escapes() -> None:
    """The editor's quick fix writes the escapes the word needs; `--fix`, which cannot check
    escaped text against the value, leaves it."""
    text = PUT3 + "--body \"{\\\"MaxAsyncRetryAttempts\\\": 2}\"\n"
    [diagnostic] = lint_text(text, "deploy.sh", Settings()).diagnostics
    assert diagnostic.code == "FC003" and diagnostic.fix is not None
    [edit] = diagnostic.fix.edits
    line = text.split("\n")[0]
    assert line[edit.span.column - 1:edit.span.end_column - 1] == "\\\"MaxAsyncRetryAttempts\\\""
    assert edit.text == "\\\"maxAsyncRetryAttempts\\\""
    assert fix_text(text, "deploy.sh", Settings()).text == text


def test_script_through_the_cli(tmp_path: Path) -> None:
    result = fclint("check", "--format", "json", str(DATA / "shell" / "devs-cli.sh"), cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    found = [(d["line"], d["column"], d["end_line"], d["end_column"], d["code"], d["cell"])
             for d in json.loads(result.stdout)]
    assert found == [(7, 224, 7, 251, "FC004", None), (7, 274, 7, 289, "FC004", None),
                     (8, 119, 8, 125, "FC023", None)]
