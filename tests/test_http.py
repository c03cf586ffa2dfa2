"""`.http` request files as VS Code REST Client and the JetBrains HTTP Client write them: each
request to an FC async-invocation path is linted, findings located on the line and column of
the file (request line, query or JSON body)."""

from __future__ import annotations

import json
from dataclasses import astuple
from pathlib import Path

import pytest

from clihelp import DATA, fclint
from fclint.config import Settings
from fclint.engine import lint_text
from fclint.fix import fix_text

HOST = "1234567890123456.cn-hangzhou.fc.aliyuncs.com"


def located(text: str, name: str = "requests.http", settings: Settings | None = None) -> list[str]:
    result = lint_text(text, name, settings or Settings())
    return [f"{d.span.line}:{d.span.column} {d.code}" for d in result.diagnostics]


# --- whole files --------------------------------------------------------------------------------

FILES = {
    "rest-client.http": [
        "15:34 FC018",  # onSuccess in cn-beijing; the host says cn-hangzhou
        "16:34 FC019",  # onFailure in another account than the host's
        "22:98 FC023",  # ?qualifier=Latest
        "33:28 FC006",  # FC 3.0 body: 9 retries
    ],
    "jetbrains.http": [
        "5:85 FC023",  # services/orders.latest
        "15:84 FC023",  # the same after a {{region}} variable in the host
        "20:139 FC024",  # .prod in the path, ?qualifier=test in the query
        "25:1 FC061",  # POST
        "28:1 FC062",  # GET with a body
        "33:5 FC060",  # /service/ instead of /services/
        "36:26 FC026",  # service 9orders
        "36:44 FC026",  # function check$out
    ],
}


@pytest.mark.parametrize("name", FILES)
def test_request_files(name: str) -> None:
    text = (DATA / "http" / name).read_text(encoding="utf-8")
    assert located(text, name) == FILES[name]


def test_request_file_through_the_cli(tmp_path: Path) -> None:
    result = fclint("check", "--format", "json", str(DATA / "http" / "rest-client.http"), cwd=tmp_path)
    assert result.returncode == 1
    found = [(d["line"], d["column"], d["end_line"], d["end_column"], d["code"], d["severity"])
             for d in json.loads(result.stdout)]
    assert found == [
        (15, 34, 15, 93, "FC018", "warning"),
        (16, 34, 16, 96, "FC019", "warning"),
        (22, 98, 22, 104, "FC023", "error"),
        (33, 28, 33, 29, "FC006", "error"),
    ]


# --- one feature at a time ----------------------------------------------------------------------

PUT2016 = f"PUT https://{HOST}/2016-08-15/services/orders/functions/checkout/async-invoke-config"
PUT3 = f"PUT https://{HOST}/2023-03-30/functions/checkout/async-invoke-config"
GOOD_BODY = '{"maxAsyncRetryAttempts": 2}'

CASES = {
    # request lines and paths
    "2016 path with a qualifier": (
        f"PUT https://{HOST}/2016-08-15/services/orders.prod/functions/fn/async-invoke-config\n\n"
        f"{GOOD_BODY}\n", []),
    "2016 path, bad qualifier": (
        "PUT /2016-08-15/services/orders.1a/functions/fn/async-invoke-config\n\n" f"{GOOD_BODY}\n",
        ["1:33 FC023"]),
    "2021 query qualifier": (
        "PUT /2021-04-06/services/orders/functions/fn/async-invoke-config?qualifier=3\n\n"
        f"{GOOD_BODY}\n", []),
    "2021 query qualifier, bad": (
        "PUT /2021-04-06/services/orders/functions/fn/async-invoke-config?qualifier=latest\n\n"
        f"{GOOD_BODY}\n", ["1:76 FC023"]),
    "query on a continuation line": (
        "PUT /2021-04-06/services/orders/functions/fn/async-invoke-config\n"
        "    ?qualifier=prod\n\n" f"{GOOD_BODY}\n", []),
    # where the query is written, not past the request line's end (fuzz finding S5)
    "query on a continuation line, bad": (
        "PUT /2021-04-06/services/orders/functions/fn/async-invoke-config\n"
        "    ?qualifier=latest\n\n" f"{GOOD_BODY}\n", ["2:16 FC023"]),
    "query over two continuation lines, bad": (
        f"{PUT3}\n  ?x=1\n  &qualifier=latest\n\n{GOOD_BODY}\n", ["3:14 FC023"]),
    "a variable in the host and a continuation line": (
        "@h = x\nPUT https://{{h}}/2016-08-15/services/s.latest/functions/f/async-invoke-config\n"
        "  ?qualifier=latest\n", ["2:41 FC023", "3:14 FC023"]),
    "FC 3.0 path": (f"{PUT3}\n\n" '{"asyncTask": true, "maxAsyncRetryAttempts": 2}\n', []),
    "FC 3.0 path with an FC 2.0 key": (f"{PUT3}\n\n" '{"statefulInvocation": true}\n', ["3:2 FC002"]),
    "GET config": (f"GET https://{HOST}/2016-08-15/services/s/functions/f/async-invoke-config\n", []),
    "DELETE config": (f"DELETE https://{HOST}/2016-08-15/services/s/functions/f/async-invoke-config\n", []),
    "GET list": (f"GET https://{HOST}/2016-08-15/services/s/functions/f/async-invoke-configs?limit=5\n", []),
    "GET FC 3.0 list": (f"GET https://{HOST}/2023-03-30/async-invoke-configs?functionName=f\n", []),
    "method omitted is GET": (f"https://{HOST}/2016-08-15/services/s/functions/f/async-invoke-config\n", []),
    "PUT on the list": ("PUT /2016-08-15/services/s/functions/f/async-invoke-configs\n", ["1:1 FC061"]),
    "DELETE with a body": ("DELETE /2023-03-30/functions/f/async-invoke-config\n\n" f"{GOOD_BODY}\n",
                           ["1:1 FC062"]),
    "malformed path": ("PUT /2016-08-15/services/s/async-invoke-config\n\n" f"{GOOD_BODY}\n",
                       ["1:5 FC060"]),
    "not FC at all": ("POST https://example.com/api\n\n" '{"maxAsyncRetryAttempts": 99}\n', []),
    # comments, headers, variables
    "comments everywhere": (
        "# a comment\n// another\n###\n# @name put\n" f"{PUT2016} HTTP/1.1\n"
        "Content-Type: application/json\n# between headers\nX-Fc-Trace: on\n\n"
        "{\n  // a comment in the body keeps the lines true\n  \"maxAsyncRetryAttempts\": 9\n}\n",
        ["12:28 FC006"]),
    "file variables": (
        "@host = " f"{HOST}\n" "@svc = orders\n@fn = checkout\n\n###\n"
        "PUT https://{{host}}/2016-08-15/services/{{svc}}/functions/{{fn}}/async-invoke-config\n\n"
        '{"destinationConfig": {"onFailure": {"destination": '
        '"acs:mns:cn-shanghai:1234567890123456:/queues/q/messages"}}}\n', ["8:53 FC018"]),
    "variables referring to variables": (
        "@region = cn-hangzhou\n@host = 1234567890123456.{{region}}.fc.aliyuncs.com\n\n###\n"
        "PUT https://{{host}}/2023-03-30/functions/f/async-invoke-config\n\n"
        '{"destinationConfig": {"onFailure": {"destination": '
        '"acs:fc:cn-hangzhou:9999999999999999:functions/g"}}}\n', ["7:53 FC019"]),
    "unquoted template value": (f"{PUT2016}\n\n" '{"maxAsyncRetryAttempts": {{retries}}}\n', []),
    "template values over several lines": (
        f"{PUT2016}\n\n" "{\n  \"maxAsyncRetryAttempts\": {{retries}},\n"
        "  \"maxAsyncEventAgeInSeconds\": {{ age }},\n  \"statefulInvocation\": 5\n}\n",
        ["6:25 FC004"]),
    # a {{variable}} in a string is the client's to fill in, not a placeholder left in
    "quoted template value": (
        f"{PUT2016}\n\n" '{"destinationConfig": {"onFailure": {"destination": "{{failureArn}}"}}}\n',
        []),
    "several requests": (
        f"{PUT2016}\n\n" '{"maxAsyncRetryAttempts": 9}\n\n###\n'
        f"{PUT3}\n\n" '{"maxAsyncEventAgeInSeconds": 604801}\n\n### last\n'
        f"{PUT2016}\n\n" '{"maxAsyncEventAgeInSeconds": 0}\n',
        ["3:27 FC006", "8:31 FC005", "13:31 FC005"]),
    "JetBrains handler script": (
        f"{PUT2016}\n\n{GOOD_BODY}\n\n" "> {%\n  client.test(\"x\", function() {});\n%}\n\n"
        "<> 2024-01-01T000000.200.json\n", []),
    "JetBrains body from a file": (f"{PUT2016}\n\n< ./body.json\n", []),
    "CRLF line ends": (f"{PUT2016}\r\nContent-Type: application/json\r\n\r\n"
                       '{"maxAsyncRetryAttempts": 9}\r\n', ["4:27 FC006"]),
    "a syntax error in the body": (f"{PUT2016}\n\n" '{"maxAsyncRetryAttempts": 2,}\n', ["3:28 FC000"]),
}


@pytest.mark.parametrize("text, expected", CASES.values(), ids=CASES.keys())
def test_http(text: str, expected: list[str]) -> None:
    assert located(text) == expected


def test_region_and_account_from_configuration_when_the_host_is_a_variable_left_open() -> None:
    text = ("PUT https://{{host}}/2016-08-15/services/s/functions/f/async-invoke-config\n\n"
            '{"destinationConfig": {"onFailure": {"destination": '
            '"acs:mns:cn-beijing:1111111111111111:/queues/q/messages"}}}\n')
    assert located(text) == []
    settings = Settings(region="cn-hangzhou", account_id="2222222222222222")
    assert located(text, settings=settings) == ["3:53 FC018", "3:53 FC019"]


def test_rest_suffix_and_other_names() -> None:
    text = f"{PUT2016}\n\n" '{"maxAsyncRetryAttempts": 9}\n'
    assert located(text, "api.rest") == ["3:27 FC006"]
    assert located(text, "API.HTTP") == ["3:27 FC006"]


def test_a_url_continued_on_the_next_lines_is_located_and_fixed_there() -> None:
    """REST Client joins the lines after a request line that start with `?` or `&` to its URL:
    each part is found on its own line, the whole URL runs to the last one (fuzz finding S5)."""
    text = "PUT /2016-08-15/services/s/async-invoke-config\n  ?qualifier=a\n\n{}\n"
    [found] = lint_text(text, "a.http", Settings()).diagnostics
    assert (found.code, astuple(found.span)) == ("FC060", (1, 5, 2, 15))
    text = f"{PUT3}\n  ?x=1\n  &qualifier=latest\n\n{GOOD_BODY}\n"
    fixed = fix_text(text, "a.http", Settings())
    assert fixed.text == text.replace("=latest", "=LATEST") and fixed.codes == ["FC023"]
