"""Messages speak the user's language: keys as the file spells them (the API's name after them
where it is another word), numbers as written, JSON syntax errors in plain words at the
character at fault, and only body keys offered as body keys."""

from __future__ import annotations

from dataclasses import astuple

import pytest

from fclint.config import Settings
from fclint.engine import lint_text
from fclint.fix import fix_text

TERRAFORM = '''resource "alicloud_fc_function_async_invoke_config" "c" {
  service_name                 = "s"
  function_name                = "f"
  maximum_event_age_in_seconds = 0
  maximum_retry_attempts       = 9
  stateful_invocation          = "maybe"
}
resource "alicloud_fcv3_async_invoke_config" "d" {
  function_name            = "f"
  max_async_retry_attempts = 10
}
'''
ROS = '''ROSTemplateFormatVersion: '2015-09-01'
Resources:
  Config:
    Type: ALIYUN::FC3::AsyncInvokeConfig
    Properties:
      FunctionName: f
      MaxAsyncRetryAttempts: 9
'''
DEVS_FC3 = '''edition: 3.0.0
name: app
resources:
  fn:
    component: fc3
    props:
      region: cn-hangzhou
      functionName: fn
      asyncInvokeConfig:
        maxAsyncRetryAttempts: 9
'''
DEVS_FC2 = '''edition: 1.0.0
name: app
services:
  fn:
    component: devsapp/fc
    props:
      region: cn-hangzhou
      service: {name: svc}
      function:
        name: fn
        asyncConfiguration:
          destination:
            onSuccess: acs:mns:cn-hangzhou:1234567890123456:/queues/q/messages
            onFailure: acs:mns:cn-hangzhou:1234567890123456:/queues/q/messages
'''
PYTHON = '''from alibabacloud_fc_open20210406 import models
r = models.PutFunctionAsyncInvokeConfigRequest(max_async_retry_attempts=9, stateful_invocation="yes")
'''

# name: (file name, text, ["line:column CODE message", ...])
IN_THE_FILES_WORDS = {
    "Terraform FC 2.0 attributes": ("main.tf", TERRAFORM, [
        "4:34 FC005 0 is less than the minimum of 1 for maximum_event_age_in_seconds "
        "(maxAsyncEventAgeInSeconds)",
        "5:34 FC006 9 is greater than the maximum of 8 for maximum_retry_attempts "
        "(maxAsyncRetryAttempts)",
        "6:34 FC004 'maybe' is not a boolean: stateful_invocation (statefulInvocation) takes a "
        "boolean",
        "10:30 FC006 10 is greater than the maximum of 8 for max_async_retry_attempts "
        "(maxAsyncRetryAttempts)",
    ]),
    "ROS properties, which differ in case only": ("template.yaml", ROS, [
        "7:30 FC006 9 is greater than the maximum of 8 for MaxAsyncRetryAttempts",
    ]),
    "Serverless Devs FC 3.0 keys, the API's own": ("s.yaml", DEVS_FC3, [
        "10:32 FC006 9 is greater than the maximum of 8 for maxAsyncRetryAttempts",
    ]),
    "Serverless Devs FC 2.0 structure is not a spelling": ("s.yaml", DEVS_FC2, [
        "14:24 FC022 'acs:mns:cn-hangzhou:1234567890123456:/queues/q/messages' is both the "
        "success and the failure destination",
    ]),
    "Python model keywords": ("put.py", PYTHON, [
        "2:73 FC006 9 is greater than the maximum of 8 for max_async_retry_attempts "
        "(maxAsyncRetryAttempts)",
        "2:96 FC004 'yes' is not a boolean: stateful_invocation (statefulInvocation) takes a "
        "boolean",
    ]),
    "a JSON body says the API's keys": ("put.json", '{"maxAsyncRetryAttempts": 9}', [
        "1:27 FC006 9 is greater than the maximum of 8 for maxAsyncRetryAttempts",
    ]),
    "numbers as written": ("put.json", '{"maxAsyncRetryAttempts": 1e3}', [
        "1:27 FC004 1e3 is not an integer: maxAsyncRetryAttempts is a Long; FC does not accept "
        "an exponent",
        "1:27 FC006 1e3 is greater than the maximum of 8 for maxAsyncRetryAttempts",
    ]),
    # tree-sitter-json ends the number before a signed exponent; the token is the whole of
    # it (fuzz finding X1)
    "a signed exponent as written": ("put.json", '{"maxAsyncRetryAttempts": 2E+0}', [
        "1:27 FC004 2E+0 is not an integer: maxAsyncRetryAttempts is a Long; FC does not accept "
        "an exponent",
    ]),
    "a fraction as written": ("put.json", '{"maxAsyncRetryAttempts": 3.50}', [
        "1:27 FC004 3.50 is not an integer: maxAsyncRetryAttempts takes an integer",
    ]),
    "one retry, in the singular": (
        "put.json", '{"maxAsyncEventAgeInSeconds": 10, "maxAsyncRetryAttempts": 1}', [
        "1:31 FC040 10: an event age under 60 seconds leaves little time for 1 retry; events "
        "may expire before they are retried",
    ]),
    "the qualifier is not offered as a body key": (
        "put.json", '{"maxAsyncRetryAttempts": 3, "qualifer": "prod"}', [
        "1:30 FC001 'qualifer' is not a key of PutFunctionAsyncInvokeConfig request body "
        "(expected one of destinationConfig, maxAsyncEventAgeInSeconds, maxAsyncRetryAttempts, "
        "statefulInvocation)",
    ]),
}


def said(name: str, text: str) -> list[str]:
    return [f"{d.span.line}:{d.span.column} {d.code} {d.message}"
            for d in lint_text(text, name, Settings()).diagnostics]


@pytest.mark.parametrize("case", IN_THE_FILES_WORDS.values(), ids=IN_THE_FILES_WORDS.keys())
def test_messages_name_keys_and_numbers_as_written(case: tuple[str, str, list[str]]) -> None:
    name, text, expected = case
    assert said(name, text) == expected


BODY = '{"maxAsyncRetryAttempts": 3'  # what each case below continues
# name: (text, "line:column", the message after "syntax error: ")
SYNTAX = {
    "a line comment": ('{\n  // retries\n  "maxAsyncRetryAttempts": 3\n}', "2:3",
                       "comments are not allowed in JSON"),
    "a block comment after a value": (BODY + " /* three */}", "1:29",
                                      "comments are not allowed in JSON"),
    "a trailing comma in an object": (BODY + ",\n}", "1:28",
                                      "trailing comma: JSON allows no ',' before '}'"),
    "a trailing comma in an array": (
        '{"maxAsyncRetryAttempts": 3, "destinationConfig": [1,]}', "1:53",
        "trailing comma: JSON allows no ',' before ']'"),
    "single quotes": ("{'maxAsyncRetryAttempts': 3}", "1:2",
                      "strings take double quotes in JSON, not single quotes"),
    "a bare key": ("{maxAsyncRetryAttempts: 3}", "1:2",
                   'keys are double-quoted strings in JSON: write "maxAsyncRetryAttempts"'),
    "a missing comma": (BODY + ' "maxAsyncEventAgeInSeconds": 60}', "1:29",
                        "a ',' is missing before this"),
    "a missing colon": ('{"maxAsyncRetryAttempts" 3}', "1:26", "a ':' is missing after the key"),
    "a leading zero": ('{"maxAsyncRetryAttempts": 03}', "1:27",
                       "numbers have no leading zeros in JSON"),
    "an unclosed string": ('{"maxAsyncRetryAttempts": "3}', "1:27",
                           "this string has no closing double quote"),
    "a word that is no value": ('{"maxAsyncRetryAttempts": three}', "1:27",
                                "'three' is not a JSON value"),
    "the end comes too soon": ('{"maxAsyncRetryAttempts":', "1:26",
                               "the text ends before the JSON value does"),
    "text after the value": (BODY + "} }", "1:30", "more text after the end of the JSON value"),
}


@pytest.mark.parametrize("case", SYNTAX.values(), ids=SYNTAX.keys())
def test_json_syntax_errors_in_plain_words(case: tuple[str, str, str]) -> None:
    text, where, message = case
    found = [line for line in said("put.json", text) if " FC000 " in line]
    assert found == [f"{where} FC000 syntax error: {message}"]


def test_an_http_body_gets_the_same_words() -> None:
    text = ("PUT /2023-03-30/functions/fn/async-invoke-config\n\n"
            '{\n  "maxAsyncRetryAttempts": 3, // three\n}\n')
    assert said("put.http", text) == ["4:31 FC000 syntax error: comments are not allowed in JSON"]


# Where a line or the text ends there is no character to underline: the error is at the column
# after the line's last character, and its span is empty, so that an editor's range and a SARIF
# region stay inside the line (fuzz finding S3). name: (text, (line, column, end line, end column))
AT_THE_END = {
    "the text ends after a key": ('{"destinationConfig"', (1, 21, 1, 21)),
    "the text ends after a colon": ('{"maxAsyncRetryAttempts":', (1, 26, 1, 26)),
    "the last line is empty": ('{"maxAsyncRetryAttempts":\r\n', (2, 1, 2, 1)),
    "an error at a character keeps it": ('{"maxAsyncRetryAttempts" 3}', (1, 26, 1, 27)),
}


@pytest.mark.parametrize("case", AT_THE_END.values(), ids=AT_THE_END.keys())
def test_a_json_syntax_error_at_the_end_of_a_line_has_an_empty_span(
        case: tuple[str, tuple[int, int, int, int]]) -> None:
    text, span = case
    found = lint_text(text, "put.json", Settings()).diagnostics
    assert [(d.code, astuple(d.span)) for d in found] == [("FC000", span)]


# A number with a signed exponent is one token: its span and its fix cover the whole of it
# (fuzz finding X1). name: (text, span of the FC004, the text --fix writes)
EXPONENTS = {
    "capital E, plus": ('{"maxAsyncRetryAttempts": 2E+0}', (1, 27, 1, 31),
                        '{"maxAsyncRetryAttempts": 2}'),
    "small e, plus, then more keys": ('{"maxAsyncEventAgeInSeconds": 6e+4, "qualifier": "x"}',
                                      (1, 31, 1, 35),
                                      '{"maxAsyncEventAgeInSeconds": 60000, "qualifier": "x"}'),
    "minus, a fraction": ('{"maxAsyncRetryAttempts": 30E-1}', (1, 27, 1, 32),
                          '{"maxAsyncRetryAttempts": 3}'),
}


@pytest.mark.parametrize("text, span, fixed", EXPONENTS.values(), ids=EXPONENTS.keys())
def test_a_number_with_a_signed_exponent_is_one_token(
        text: str, span: tuple[int, int, int, int], fixed: str) -> None:
    found = lint_text(text, "put.json", Settings()).diagnostics
    assert [(d.code, astuple(d.span)) for d in found if d.code == "FC004"] == [("FC004", span)]
    assert fix_text(text, "put.json", Settings()).text == fixed
