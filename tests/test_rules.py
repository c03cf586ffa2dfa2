"""Rule case tables: for each rule, texts that it flags and near misses that it leaves alone,
with every finding of the text asserted as "line:column CODE", so surprise findings fail."""

from __future__ import annotations

from typing import Any

import pytest

from fclint import fastpath, schemas
from fclint.config import Settings
from fclint.diagnostic import Diagnostic, Severity
from fclint.engine import lint_text
from fclint.kinds import Kind
from fclint.rules import RULES

DEFAULTS = Settings()
J, H = "t.json", "t.http"
PUT_2016 = "PUT /2016-08-15/services/svc/functions/fn/async-invoke-config"
HOST = "https://1234567890123456.cn-hangzhou.fc.aliyuncs.com"
ACCOUNT = "1234567890123456"
MNS = f"acs:mns:cn-hangzhou:{ACCOUNT}:/queues/q/messages"


def dest(arn: str, which: str = "onFailure") -> str:
    """A request body with one destination; the ARN's opening quote is at column 53."""
    return f'{{"destinationConfig": {{"{which}": {{"destination": "{arn}"}}}}}}'


def both(success: str, failure: str) -> str:
    return (f'{{"destinationConfig": {{"onSuccess": {{"destination": "{success}"}}, '
            f'"onFailure": {{"destination": "{failure}"}}}}}}')


def http(request_line: str, body: str = "") -> str:
    """A `.http` request; its body, when given, is on line 3."""
    return f"{request_line}\n\n{body}\n" if body else f"{request_line}\n"


def lint(text: str, path: str = J, settings: Settings = DEFAULTS,
         kind: Kind | None = None) -> list[Diagnostic]:
    return lint_text(text, path, settings, kind).diagnostics


def found(text: str, path: str = J, settings: Settings = DEFAULTS,
          kind: Kind | None = None) -> list[str]:
    return [f"{d.span.line}:{d.span.column} {d.code}" for d in lint(text, path, settings, kind)]


# code -> case name -> (text, expected findings[, path[, settings[, kind]]])
CASES: dict[str, dict[str, tuple[Any, ...]]] = {
    "FC000": {
        "trailing comma, at the comma": ('{"maxAsyncRetryAttempts": 3,}', ["1:28 FC000"]),
        "the rest is still checked": (
            '{"maxAsyncRetryAttempts": 3,, "maxAsyncEventAgeInSeconds": 0}',
            ["1:29 FC000", "1:60 FC005"]),
        "findings before and after the error": (
            dest(MNS.replace(ACCOUNT, "1986***743"))[:-2] + ',}, "maxAsyncRetryAttempts": 9}',
            ["1:53 FC016", "1:105 FC000", "1:134 FC006"]),
        "error on a later line": (
            ('{\n  "maxAsyncRetryAttempts": 9,\n  "maxAsyncEventAgeInSeconds": 300\n'
             '  "destinationConfig": {}\n}'),
            ["2:28 FC006", "4:3 FC000"]),
        "in one .http request, the next request still checked": (
            http(PUT_2016, '{"maxAsyncRetryAttempts": 3,}') + "\n###\n\n"
            + http(PUT_2016, '{"maxAsyncRetryAttempts": 9}'),
            ["3:28 FC000", "9:27 FC006"], H),
        "valid JSON": ('{"maxAsyncRetryAttempts": 3}', []),
    },
    "FC001": {
        "misspelled retries": ('{"maxRetryAttempts": 2}', ["1:2 FC001"]),
        "typo in the key": ('{"maxAsyncRetryAttemps": 2}', ["1:2 FC001"]),
        "unknown key beside a known one": ('{"maxAsyncRetryAttempts": 2, "foo": 1}', ["1:30 FC001"]),
        "unknown key in destinationConfig": (
            '{"destinationConfig": {"onError": {"destination": "x"}}}', ["1:23 FC008", "1:24 FC001"]),
        "qualifier, which the SDK model carries, is known": (
            ('{"maxAsyncRetryAttempts": 3, "maxAsyncEventAgeInSeconds": 300, '
             '"statefulInvocation": false, "qualifier": "prod"}'), []),
        "the right spelling": ('{"maxAsyncRetryAttempts": 2}', []),
    },
    "FC002": {
        "asyncTask in an FC 2.0 body": ('{"asyncTask": true, "statefulInvocation": true}',
                                        ["1:2 FC002"]),
        "statefulInvocation in an FC 3.0 body": ('{"statefulInvocation": true}', ["1:2 FC002"],
                                                 J, DEFAULTS, Kind.FC3_REQUEST),
        "statefulInvocation in FC 2.0": ('{"statefulInvocation": true}', []),
        "asyncTask alone is an FC 3.0 body": ('{"asyncTask": true}', []),
    },
    "FC003": {
        "PascalCase with a bad value under it": ('{"MaxAsyncRetryAttempts": 9}',
                                                 ["1:2 FC003", "1:27 FC006"]),
        "PascalCase all the way down": (
            '{"DestinationConfig": {"OnFailure": {"Destination": "x"}}}',
            ["1:2 FC003", "1:24 FC003", "1:38 FC003", "1:53 FC010"]),
        "PascalCase FC 3.0 body keeps its cap": (
            '{"AsyncTask": true, "MaxAsyncEventAgeInSeconds": 604801}',
            ["1:2 FC003", "1:21 FC003", "1:50 FC005"]),
        "lower case": (dest(MNS).replace("onFailure", "onfailure"), ["1:24 FC003"]),
        "camelCase": ('{"maxAsyncRetryAttempts": 8}', []),
        "a dict aliyun-fc2 sends as written: the server reads any case": (
            ("client.put_function_async_invoke_config('svc', 'LATEST', 'fn', "
            "{'DestinationConfig': {'OnFailure': {'Destination': 'x'}}})"), ["1:116 FC010"], "t.py"),
        "the same dict read by the SDK's from_map, which drops it": (
            ("PutFunctionAsyncInvokeConfigRequest().from_map("
            "{'DestinationConfig': {'OnFailure': {'Destination': 'x'}}})"),
            ["1:49 FC003", "1:71 FC003", "1:85 FC003", "1:100 FC010"], "t.py"),
    },
    "FC004": {
        "true is not an integer": ('{"maxAsyncRetryAttempts": true}', ["1:27 FC004"]),
        "true is not an event age": ('{"maxAsyncEventAgeInSeconds": true}', ["1:31 FC004"]),
        "3.0 is not an integer": ('{"maxAsyncRetryAttempts": 3.0}', ["1:27 FC004"]),
        "3.5 is reported once": ('{"maxAsyncRetryAttempts": 3.5}', ["1:27 FC004"]),
        "an integral float event age": ('{"maxAsyncEventAgeInSeconds": 1209600.0}', ["1:31 FC004"]),
        "quoted number": ('{"maxAsyncRetryAttempts": "3"}', ["1:27 FC004"]),
        "quoted boolean": ('{"statefulInvocation": "true"}', ["1:24 FC004"]),
        "null destination holder": ('{"destinationConfig": {"onFailure": null}}',
                                    ["1:23 FC008", "1:37 FC004"]),
        "an integer and a boolean": ('{"maxAsyncRetryAttempts": 3, "statefulInvocation": true}', []),
    },
    "FC005": {
        "zero age": ('{"maxAsyncEventAgeInSeconds": 0}', ["1:31 FC005"]),
        "beyond 30 days": ('{"maxAsyncEventAgeInSeconds": 2592001}', ["1:31 FC005"]),
        "FC 3.0 body by its asyncTask key": (
            '{"asyncTask": true, "maxAsyncEventAgeInSeconds": 604801}', ["1:50 FC005"]),
        "FC 3.0 body by its kind": ('{"maxAsyncEventAgeInSeconds": 604801}', ["1:31 FC005"],
                                    J, DEFAULTS, Kind.FC3_REQUEST),
        "FC 3.0 response": (
            (f'{{"functionArn": "acs:fc:cn-hangzhou:{ACCOUNT}:functions/f", '
             '"maxAsyncEventAgeInSeconds": 604801}'), ["1:97 FC005"]),
        "FC 2.0 response beyond 30 days": (
            '{"service": "s", "function": "f", "maxAsyncEventAgeInSeconds": 2592001}',
            ["1:64 FC005"]),
        "one second": ('{"maxAsyncEventAgeInSeconds": 1, "maxAsyncRetryAttempts": 0}', []),
        "FC 3.0 at its cap": ('{"asyncTask": true, "maxAsyncEventAgeInSeconds": 604800}', []),
    },
    "FC006": {
        "nine retries": ('{"maxAsyncRetryAttempts": 9}', ["1:27 FC006"]),
        "negative retries": ('{"maxAsyncRetryAttempts": -1}', ["1:27 FC006"]),
        "in a .http body under headers": (
            f"{PUT_2016}\nContent-Type: application/json\n\n" + '{"maxAsyncRetryAttempts": 9}\n',
            ["4:27 FC006"], H),
        "in a list response item": (
            ('{"configs": [{"service": "s", "function": "f", "maxAsyncRetryAttempts": 9}], '
             '"nextToken": ""}'), ["1:73 FC006"]),
        "eight retries": ('{"maxAsyncRetryAttempts": 8}', []),
        "no retries": ('{"maxAsyncRetryAttempts": 0}', []),
    },
    "FC007": {
        "one day above 7 days": ('{"maxAsyncEventAgeInSeconds": 604801}', ["1:31 FC007"]),
        "30 days": ('{"maxAsyncEventAgeInSeconds": 2592000}', ["1:31 FC007"]),
        "7 days": ('{"maxAsyncEventAgeInSeconds": 604800}', []),
        "a response is held to 30 days only": (
            '{"service": "s", "function": "f", "maxAsyncEventAgeInSeconds": 1209600}', []),
    },
    "FC008": {
        "empty destinationConfig": ('{"destinationConfig": {}}', ["1:23 FC008"]),
        "an empty onFailure is missing-destination's": (
            '{"destinationConfig": {"onFailure": {}}}', ["1:24 FC009"]),
        "one destination": (dest(MNS), []),
    },
    "FC009": {
        "empty destination": (dest(""), ["1:53 FC009"]),
        "blank destination": (dest("  "), ["1:53 FC009"]),
        "holder without destination": ('{"destinationConfig": {"onFailure": {}}}', ["1:24 FC009"]),
        "a destination": (dest(MNS), []),
    },
    "FC010": {
        "AWS ARN": (dest("arn:aws:sqs:us-east-1:123456789012:dlq"), ["1:53 FC010"]),
        "not an ARN": (dest("hello"), ["1:53 FC010"]),
        "a service FC cannot send to": (dest(f"acs:oss:cn-hangzhou:{ACCOUNT}:bucket/x"),
                                        ["1:53 FC010"]),
        "an MNS queue": (dest(MNS), []),
    },
    "FC011": {
        "singular message": (dest(MNS.removesuffix("s")), ["1:53 FC011"]),
        "queue RAM resource without /messages": (dest(MNS.removesuffix("/messages")),
                                                 ["1:53 FC011"]),
        "singular queue": (dest(MNS.replace("/queues/", "/queue/")), ["1:53 FC011"]),
        "topic": (dest(MNS.replace("/queues/q/", "/topics/t/")), []),
        "queue": (dest(MNS), []),
    },
    "FC012": {
        "a response's functionArn with '/' after the account": (
            '{"functionArn": "acs:fc:cn-shanghai:1234567890123456/functions/f", '
            '"maxAsyncRetryAttempts": 3}', ["1:17 FC012"], J, DEFAULTS, Kind.FC3_CONFIG),
        "a response's own functionArn is no self-destination": (
            '{"functionArn": "acs:fc:cn-shanghai:1234567890123456:functions/f", '
            '"maxAsyncRetryAttempts": 3}', [], J, DEFAULTS, Kind.FC3_CONFIG),
        "/invocations suffix": (
            dest(f"acs:fc:cn-hangzhou:{ACCOUNT}:services/s/functions/f/invocations"),
            ["1:53 FC012"]),
        "slash after the account": (dest("acs:fc:cn-hangzhou:1234/functions/f"), ["1:53 FC012"]),
        "FC 2.0 function": (dest(f"acs:fc:cn-hangzhou:{ACCOUNT}:services/s/functions/f"), []),
    },
    "FC013": {
        "FC 3.0 ARN in FC 2.0": (dest(f"acs:fc:cn-hangzhou:{ACCOUNT}:functions/f"), ["1:53 FC013"]),
        "FC 2.0 ARN in FC 3.0": (dest(f"acs:fc:cn-hangzhou:{ACCOUNT}:services/s/functions/f"),
                                 ["1:53 FC013"], J, DEFAULTS, Kind.FC3_REQUEST),
        "FC 3.0 ARN in FC 3.0": (dest(f"acs:fc:cn-hangzhou:{ACCOUNT}:functions/f"), [],
                                 J, DEFAULTS, Kind.FC3_REQUEST),
    },
    "FC014": {
        "misspelled region": (dest(MNS.replace("cn-hangzhou", "cn-hangzou")), ["1:53 FC014"]),
        "region without country": (dest(MNS.replace("cn-hangzhou", "hangzhou")), ["1:53 FC014"]),
        "FC 3.0-only region in FC 2.0": (dest(MNS.replace("cn-hangzhou", "cn-wulanchabu")),
                                         ["1:53 FC014"]),
        "FC 3.0-only region in FC 3.0": (dest(MNS.replace("cn-hangzhou", "cn-wulanchabu")), [],
                                         J, DEFAULTS, Kind.FC3_REQUEST),
        "known region": (dest(MNS), []),
    },
    "FC015": {
        "::: shorthand": (dest("acs:mns:::/queues/q/messages"), ["1:53 FC015"]),
        "full ARN": (dest(MNS), []),
        "an empty account in FC 3.0, the function's own": (
            dest("acs:fc:cn-hangzhou::functions/next"), [], J, DEFAULTS, Kind.FC3_REQUEST),
        "an empty account in FC 2.0": (
            dest("acs:fc:cn-hangzhou::services/s/functions/next"), ["1:53 FC015"]),
        "an empty region in FC 3.0": (
            dest(f"acs:fc::{ACCOUNT}:functions/next"), ["1:53 FC015"], J, DEFAULTS,
            Kind.FC3_REQUEST),
    },
    "FC016": {
        "masked account": (dest(MNS.replace(ACCOUNT, "1986***743")), ["1:53 FC016"]),
        "masked tail": (dest(MNS.replace(ACCOUNT, "188077086902****")), ["1:53 FC016"]),
        "xxx": (dest(MNS.replace(ACCOUNT, "xxx")), ["1:53 FC016"]),
        "letters": (dest(MNS.replace(ACCOUNT, "abc")), ["1:53 FC016"]),
        "digits": (dest(MNS), []),
        "a documentation sample's 1234, a placeholder": (dest(MNS.replace(ACCOUNT, "1234")),
                                                          ["1:53 FC016"]),
    },
    "FC044": {
        "nine digits": (dest(MNS.replace(ACCOUNT, "123456789")), ["1:53 FC044"]),
        "seventeen digits": (dest(MNS.replace(ACCOUNT, ACCOUNT + "7")), ["1:53 FC044"]),
        "sixteen digits": (dest(MNS), []),
        "in a .http body as in a JSON one": (
            http(PUT_2016, dest(MNS.replace(ACCOUNT, "123456789"))), ["3:53 FC044"], H),
    },
    "FC017": {
        "please_replace_me": (dest(MNS.replace(ACCOUNT, "{please_replace_me}")), ["1:53 FC017"]),
        "<accountId>": (dest(MNS.replace(ACCOUNT, "<accountId>")), ["1:53 FC017"]),
        "{{ region }}": (dest(MNS.replace("cn-hangzhou", "{{ region }}")), ["1:53 FC017"]),
        "deploy-tool interpolation": (dest(MNS.replace(ACCOUNT, "${vars.uid}")), []),
        # Every independent problem: the placeholder does not hide the FC 2.0 form in an FC
        # 3.0 body, nor its '/invocations'.
        "a placeholder and a wrong shape": (
            dest("acs:fc:{region}:" + ACCOUNT + ":services/s/functions/f/invocations"),
            ["1:53 FC012", "1:53 FC017"], J, DEFAULTS, Kind.FC3_REQUEST),
        "a placeholder account is not judged as an account": (
            dest(MNS.replace(ACCOUNT, "{uid}")), ["1:53 FC017"]),
    },
    "FC018": {
        "region of the .http host": (
            http(f"PUT {HOST}/2016-08-15/services/svc/functions/fn/async-invoke-config",
                 dest(MNS.replace("cn-hangzhou", "cn-beijing"))),
            ["3:53 FC018"], H),
        "region setting": (dest(MNS.replace("cn-hangzhou", "cn-beijing")), ["1:53 FC018"],
                           J, Settings(region="cn-hangzhou")),
        "same region as the host": (
            http(f"PUT {HOST}/2016-08-15/services/svc/functions/fn/async-invoke-config", dest(MNS)),
            [], H),
        "region unknown": (dest(MNS.replace("cn-hangzhou", "cn-beijing")), []),
    },
    "FC019": {
        "account of the .http host": (
            http(f"PUT {HOST}/2016-08-15/services/svc/functions/fn/async-invoke-config",
                 dest(MNS.replace(ACCOUNT, "9999999999999999"))),
            ["3:53 FC019"], H),
        "account-id setting": (dest(MNS.replace(ACCOUNT, "9999999999999999")), ["1:53 FC019"],
                               J, Settings(account_id=ACCOUNT)),
        "same account as the host": (
            http(f"PUT {HOST}/2016-08-15/services/svc/functions/fn/async-invoke-config", dest(MNS)),
            [], H),
    },
    "FC020": {
        "itself, LATEST": (
            http(PUT_2016, dest(f"acs:fc:cn-hangzhou:{ACCOUNT}:services/svc.LATEST/functions/fn",
                                "onSuccess")),
            ["3:53 FC020"], H),
        "itself, no qualifier": (
            http(PUT_2016, dest(f"acs:fc:cn-hangzhou:{ACCOUNT}:services/svc/functions/fn")),
            ["3:53 FC020"], H),
        "itself in FC 3.0": (
            http("PUT /2023-03-30/functions/fn/async-invoke-config",
                 dest(f"acs:fc:cn-hangzhou:{ACCOUNT}:functions/fn")),
            ["3:53 FC020"], H),
        "itself in a list response": (
            ('{"configs": [{"service": "s", "function": "f", "destinationConfig": {"onSuccess": '
             f'{{"destination": "acs:fc:cn-hangzhou:{ACCOUNT}:services/s.LATEST/functions/f"}}}}}}]}}'),
            ["1:99 FC020"]),
        "another function": (
            http(PUT_2016, dest(f"acs:fc:cn-hangzhou:{ACCOUNT}:services/svc.LATEST/functions/next")),
            [], H),
        "another qualifier": (
            http("PUT /2016-08-15/services/svc.prod/functions/fn/async-invoke-config",
                 dest(f"acs:fc:cn-hangzhou:{ACCOUNT}:services/svc.LATEST/functions/fn")),
            [], H),
    },
    "FC022": {
        "same queue twice": (both(MNS, MNS), ["1:142 FC022"]),
        "two queues": (both(MNS, MNS.replace("/q/", "/failed/")), []),
    },
    "FC023": {
        "lower-case latest in an ARN": (
            dest(f"acs:fc:cn-hangzhou:{ACCOUNT}:services/s.latest/functions/f"), ["1:53 FC023"]),
        "version 0": (dest(f"acs:fc:cn-hangzhou:{ACCOUNT}:services/s.0/functions/f"),
                      ["1:53 FC023"]),
        "latest in a 2016 path": (
            http("PUT /2016-08-15/services/svc.latest/functions/fn/async-invoke-config"),
            ["1:30 FC023"], H),
        "latest in the query": (
            http("PUT /2021-04-06/services/svc/functions/fn/async-invoke-config?qualifier=latest"),
            ["1:73 FC023"], H),
        "latest in the body": ('{"qualifier": "latest", "maxAsyncRetryAttempts": 1}', ["1:15 FC023"]),
        "LATEST in an ARN": (dest(f"acs:fc:cn-hangzhou:{ACCOUNT}:services/s.LATEST/functions/f"), []),
        "version 1": (dest(f"acs:fc:cn-hangzhou:{ACCOUNT}:services/s.1/functions/f"), []),
        "LATEST in a 2016 path": (
            http("PUT /2016-08-15/services/svc.LATEST/functions/fn/async-invoke-config"), [], H),
    },
    "FC024": {
        "path and query differ": (
            http("PUT /2016-08-15/services/svc.prod/functions/fn/async-invoke-config?qualifier=test"),
            ["1:78 FC024"], H),
        "query and body differ": (
            http("PUT /2021-04-06/services/svc/functions/fn/async-invoke-config?qualifier=prod",
                 '{"qualifier": "test"}'),
            ["3:15 FC024"], H),
        "path and query agree": (
            http("PUT /2016-08-15/services/svc.prod/functions/fn/async-invoke-config?qualifier=prod"),
            [], H),
    },
    "FC025": {
        "dotted service in a 2021-04-06 path": (
            http("PUT /2021-04-06/services/svc.prod/functions/fn/async-invoke-config"),
            ["1:26 FC025"], H),
        "two dots in an ARN": (dest(f"acs:fc:cn-hangzhou:{ACCOUNT}:services/s.a.b/functions/f"),
                               ["1:53 FC025"]),
        "qualifier in a 2016-08-15 path": (
            http("PUT /2016-08-15/services/svc.prod/functions/fn/async-invoke-config"), [], H),
        "qualifier in the 2021-04-06 query": (
            http("PUT /2021-04-06/services/svc/functions/fn/async-invoke-config?qualifier=prod"),
            [], H),
    },
    "FC026": {
        "service starting with a digit": (
            http("PUT /2016-08-15/services/1svc/functions/fn/async-invoke-config"),
            ["1:26 FC026"], H),
        "function starting with a digit": (
            http("PUT /2016-08-15/services/svc/functions/9fn/async-invoke-config"),
            ["1:40 FC026"], H),
        "service in an ARN": (dest(f"acs:fc:cn-hangzhou:{ACCOUNT}:services/1s/functions/f"),
                              ["1:53 FC026"]),
        "digit later in the name": (
            http("PUT /2016-08-15/services/svc1/functions/fn/async-invoke-config"), [], H),
    },
    "FC027": {
        "121 characters": (dest(MNS.replace("/q/", "/" + "q" * 121 + "/")), ["1:53 FC027"]),
        "120 characters": (dest(MNS.replace("/q/", "/" + "q" * 120 + "/")), []),
    },
    "FC028": {
        "underscore in the bus": (dest(f"acs:eventbridge:cn-hangzhou:{ACCOUNT}:eventbus/my_bus"),
                                  ["1:53 FC028"]),
        "reserved bus": (
            dest(f"acs:eventbridge:cn-hangzhou:{ACCOUNT}:eventbus/eventbridge-reserved-x"),
            ["1:53 FC028"]),
        "hyphen in the bus": (dest(f"acs:eventbridge:cn-hangzhou:{ACCOUNT}:eventbus/my-bus"), []),
    },
    "FC030": {
        "RocketMQ 5.0 instance": (
            dest(f"acs:mq:cn-hangzhou:{ACCOUNT}:/instances/rmq-cn-abc/topic/results"),
            ["1:53 FC030"]),
        "unknown RocketMQ shape": (dest(f"acs:mq:cn-hangzhou:{ACCOUNT}:/topics/x"), ["1:53 FC030"]),
        "RocketMQ 4.0 instance": (
            dest(f"acs:mq:cn-hangzhou:{ACCOUNT}:/instances/MQ_INST_1/topic/results"), []),
    },
    "FC040": {
        "ten seconds, three retries": ('{"maxAsyncEventAgeInSeconds": 10, "maxAsyncRetryAttempts": 3}',
                                       ["1:31 FC040"]),
        "ten seconds, default retries": ('{"maxAsyncEventAgeInSeconds": 10}', ["1:31 FC040"]),
        "ten seconds, no retries": ('{"maxAsyncEventAgeInSeconds": 10, "maxAsyncRetryAttempts": 0}',
                                    []),
        "one minute": ('{"maxAsyncEventAgeInSeconds": 60, "maxAsyncRetryAttempts": 3}', []),
    },
    "FC042": {
        "second occurrence": ('{"maxAsyncRetryAttempts": 1, "maxAsyncRetryAttempts": 5}',
                              ["1:30 FC042"]),
        "nested, on its own line": (
            ('{\n  "destinationConfig": {\n'
             f'    "onFailure": {{"destination": "{MNS}"}},\n'
             f'    "onFailure": {{"destination": "{MNS.replace("/q/", "/r/")}"}}\n  }}\n}}'),
            ["4:5 FC042"]),
        "same key in another case": ('{"maxAsyncRetryAttempts": 1, "MaxAsyncRetryAttempts": 5}',
                                     ["1:30 FC042"]),
        "same key in two objects": (both(MNS, MNS.replace("/q/", "/r/")), []),
    },
    "FC050": {
        "list without configs": ('{"nextToken": "abc"}', ["1:1 FC050"], J, DEFAULTS, Kind.FC2_LIST),
        "list with configs": ('{"configs": [], "nextToken": "abc"}', [], J, DEFAULTS, Kind.FC2_LIST),
    },
    # FC056 has no case here: no bundled schema can trigger it; see test_schema_violation_safety_net.
    "FC060": {
        "service for services": (http("PUT /2016-08-15/service/svc/functions/fn/async-invoke-config"),
                                 ["1:5 FC060"], H),
        "services": (http(PUT_2016), [], H),
        "not an FC request at all": (http("GET https://example.com/hello"), [], H),
    },
    "FC061": {
        "POST a config": (http("POST /2016-08-15/services/svc/functions/fn/async-invoke-config"),
                          ["1:1 FC061"], H),
        "PUT the list": (http("PUT /2016-08-15/services/svc/functions/fn/async-invoke-configs"),
                         ["1:1 FC061"], H),
        "GET the list": (http("GET /2016-08-15/services/svc/functions/fn/async-invoke-configs"),
                         [], H),
        "DELETE a config": (http("DELETE /2016-08-15/services/svc/functions/fn/async-invoke-config"),
                            [], H),
    },
    "FC062": {
        "GET with a body": (
            http("GET /2016-08-15/services/svc/functions/fn/async-invoke-config",
                 '{"maxAsyncRetryAttempts": 2}'), ["1:1 FC062"], H),
        "PUT with a body": (http(PUT_2016, '{"maxAsyncRetryAttempts": 2}'), [], H),
    },
    "FC063": {
        "an IPv6 host that is not one": (
            "PUT https://[::-1]/2023-03-30/functions/fn/async-invoke-config\n",
            ["1:13 FC063"], H),
        "a bracket in a host name": (
            "PUT https://a]b/2023-03-30/functions/fn/async-invoke-config\n", ["1:13 FC063"], H),
        "a variable that fills in an unclosed bracket": (
            "@host = [x\nGET https://{{host}}/2023-03-30/functions/fn/async-invoke-config\n",
            ["2:13 FC063"], H),
        "a port past 65535": (
            "GET http://localhost:99999/2023-03-30/functions/fn/async-invoke-config\n",
            ["1:12 FC063"], H),
        "an IPv6 host and a port": (
            "GET http://[::1]:8080/2023-03-30/functions/fn/async-invoke-config\n", [], H),
        "an account's endpoint": (
            "GET https://1234567890123456.cn-hangzhou.fc.aliyuncs.com/2023-03-30/functions/fn/"
            "async-invoke-config\n", [], H),
        "an unresolved variable is not judged": (
            "GET https://{{host}}/2023-03-30/functions/fn/async-invoke-config\n", [], H),
    },
    "FC091": {
        "a suppression with nothing to suppress": (
            "# fclint: ignore[FC061] reason\n" + http(PUT_2016), ["1:1 FC091"], H),
        "a suppression naming no rule": (
            "# fclint: ignore[FC999]\n" + http(PUT_2016), ["1:1 FC091"], H),
        "a suppression that suppresses": (
            "# fclint: ignore[FC061] our gateway takes POST\n"
            + http("POST /2016-08-15/services/svc/functions/fn/async-invoke-config"), [], H),
    },
    "FC090": {
        "65 levels": ("[" * 65 + '"maxAsyncRetryAttempts"' + "]" * 65, ["1:66 FC090"]),
        "64 levels under a key": (
            '{"maxAsyncRetryAttempts": ' + "[" * 64 + "1" + "]" * 64 + "}", ["1:91 FC090"]),
        "63 levels under a key are only a wrong type": (
            '{"maxAsyncRetryAttempts": ' + "[" * 63 + "1" + "]" * 63 + "}", ["1:27 FC004"]),
    },
}

FLAT = {f"{code}: {name}": case for code, table in CASES.items() for name, case in table.items()}


@pytest.mark.parametrize("case", FLAT.values(), ids=FLAT.keys())
def test_case(case: tuple[Any, ...]) -> None:
    text, expected, *options = case
    assert found(text, *options) == expected


# Format-specific rules are tested with their format (tests/test_terraform.py, ...).
FORMAT_RULE_MODULES = {"terraform", "yaml_formats", "python_formats", "project",
                       "operations", "invocations"}  # tests/test_operations.py


@pytest.mark.parametrize("code", sorted(RULES))
def test_every_rule_has_flagged_and_clean_cases(code: str) -> None:
    if code == "FC056":
        pytest.skip("no bundled schema can trigger FC056; see test_schema_violation_safety_net")
    module = RULES[code].check.__module__.rsplit(".", 1)[-1]
    if module in FORMAT_RULE_MODULES:
        pytest.skip(f"{code} belongs to a format; its cases are in that format's tests")
    table = CASES.get(code, {})
    assert any(any(f.endswith(" " + code) for f in case[1]) for case in table.values()), code
    assert any(not any(f.endswith(" " + code) for f in case[1]) for case in table.values()), code


def test_schema_violation_safety_net(monkeypatch: pytest.MonkeyPatch) -> None:
    """A keyword no rule claims (here maxLength, added to the schema) still gets reported."""
    import jsonschema

    schema = dict(schemas.load_schema("fc2-request"))
    schema["properties"] = {**schema["properties"], "qualifier": {"type": "string", "maxLength": 3}}
    validator = jsonschema.Draft202012Validator(schema)
    monkeypatch.setattr(schemas, "errors", lambda kind, data: list(validator.iter_errors(data)))
    monkeypatch.setattr(fastpath, "certainly_clean", lambda doc: False)  # it knows the real schema
    diagnostics = lint('{"maxAsyncRetryAttempts": 3, "qualifier": "prod"}')
    assert [(d.span.line, d.span.column, d.code) for d in diagnostics] == [(1, 43, "FC056")]
    assert diagnostics[0].message.startswith("'prod': ")


@pytest.mark.xfail(strict=True, reason="jsondoc recovery reads the next key as the value of a "
                   "broken literal (tree-sitter error recovery); not fixable from the rules")
def test_broken_literal_does_not_swallow_the_next_key() -> None:
    assert found('{"maxAsyncRetryAttempts": tru, "maxAsyncEventAgeInSeconds": 0}') == [
        "1:27 FC000", "1:58 FC005"]


def test_nan_is_reported_where_it_is() -> None:
    assert found('{"maxAsyncRetryAttempts": 3, "maxAsyncEventAgeInSeconds": NaN}') == [
        "1:59 FC000"]


# What the messages say: the value first, then what is wrong, then what would be right.
MESSAGES = {
    "did you mean a known confusion": (
        '{"maxRetryAttempts": 2}', "FC001",
        ("'maxRetryAttempts' is not a key of PutFunctionAsyncInvokeConfig request body; "
         "did you mean 'maxAsyncRetryAttempts'?")),
    "did you mean a typo": ('{"maxAsyncEventAgeInSecond": 2}', "FC001",
                            "did you mean 'maxAsyncEventAgeInSeconds'?"),
    "did you mean a region": (dest(MNS.replace("cn-hangzhou", "cn-hangzou")), "FC014",
                              "'cn-hangzou' is not an FC 2.0 region; did you mean 'cn-hangzhou'?"),
    "did you mean LATEST": (
        dest(f"acs:fc:cn-hangzhou:{ACCOUNT}:services/s.latest/functions/f"), "FC023",
        "qualifiers are case-sensitive: did you mean 'LATEST'?"),
    "did you mean /messages": (dest(MNS.removesuffix("s")), "FC011",
                               "did you mean '/queues/q/messages'?"),
    "unknown key lists the known ones": (
        '{"maxAsyncRetryAttempts": 2, "foo": 1}', "FC001",
        "'foo' is not a key of PutFunctionAsyncInvokeConfig request body (expected one of "),
    "other generation's key": (
        '{"asyncTask": true, "statefulInvocation": true}', "FC002",
        ("'asyncTask' is an FC 3.0 key; PutFunctionAsyncInvokeConfig request body calls it "
         "'statefulInvocation'")),
    "true is not a number": ('{"maxAsyncRetryAttempts": true}', "FC004",
                             ("True is not an integer: maxAsyncRetryAttempts takes an integer "
                              "(JSON true and false are not numbers)")),
    "3.0 is not an integer": ('{"maxAsyncRetryAttempts": 3.0}', "FC004",
                              "3.0 is not an integer: maxAsyncRetryAttempts is a Long"),
    "masked account": (dest(MNS.replace(ACCOUNT, "1986***743")), "FC016",
                       "'1986***743' in "),
    "placeholder": (dest(MNS.replace(ACCOUNT, "{please_replace_me}")), "FC017",
                    "still holds the placeholder '{please_replace_me}'"),
    "duplicate": ('{"maxAsyncRetryAttempts": 1, "maxAsyncRetryAttempts": 5}', "FC042",
                  "'maxAsyncRetryAttempts' is written more than once; only the last value counts"),
    "the cross-region source": (
        http(f"PUT {HOST}/2016-08-15/services/svc/functions/fn/async-invoke-config",
             dest(MNS.replace("cn-hangzhou", "cn-beijing"))),
        "FC018", "'cn-beijing' is not the function's region 'cn-hangzhou' (from the request's host)"),
}


@pytest.mark.parametrize("case", MESSAGES.values(), ids=MESSAGES.keys())
def test_message(case: tuple[str, str, str]) -> None:
    text, code, expected = case
    path = H if text.startswith("PUT ") else J
    messages = [d.message for d in lint(text, path) if d.code == code]
    assert len(messages) == 1
    assert expected in messages[0]
    # The offending value comes first, as its repr.
    assert messages[0][0] in "'-0123456789T{", messages[0]


# The event-age band between the two documents' caps, under each max-event-age setting.
AGE_BAND = {
    "default: above 7 days warns": (604801, Settings(), ["1:31 FC007"], Severity.WARNING),
    "default: 30 days warns": (2592000, Settings(), ["1:31 FC007"], Severity.WARNING),
    "604800: above 7 days is an error": (604801, Settings(max_event_age=604800), ["1:31 FC005"],
                                         Severity.ERROR),
    "604800: 30 days is an error": (2592000, Settings(max_event_age=604800), ["1:31 FC005"],
                                    Severity.ERROR),
    "604800: beyond 30 days is one error": (2592001, Settings(max_event_age=604800),
                                            ["1:31 FC005"], Severity.ERROR),
    "604800: 7 days is fine": (604800, Settings(max_event_age=604800), [], None),
    "2592000: above 7 days is fine": (604801, Settings(max_event_age=2592000), [], None),
    "2592000: 30 days is fine": (2592000, Settings(max_event_age=2592000), [], None),
    "2592000: beyond 30 days is an error": (2592001, Settings(max_event_age=2592000),
                                            ["1:31 FC005"], Severity.ERROR),
}


@pytest.mark.parametrize("case", AGE_BAND.values(), ids=AGE_BAND.keys())
def test_event_age_band(case: tuple[int, Settings, list[str], Severity | None]) -> None:
    age, settings, expected, severity = case
    diagnostics = lint(f'{{"maxAsyncEventAgeInSeconds": {age}}}', J, settings)
    assert [f"{d.span.line}:{d.span.column} {d.code}" for d in diagnostics] == expected
    assert [d.severity for d in diagnostics] == ([severity] if severity else [])


def test_event_age_band_names_both_documents() -> None:
    (warning,) = lint('{"maxAsyncEventAgeInSeconds": 1209600}')
    assert warning.message.startswith("1209600 ")
    assert "Chinese" in warning.message and "English" in warning.message
    assert "604800" in warning.message and "2592000" in warning.message
    assert warning.fix is not None and warning.fix.edits[0].text == "604800"


def test_event_age_band_error_says_where_the_cap_comes_from() -> None:
    (error,) = lint('{"maxAsyncEventAgeInSeconds": 2592001}', J, Settings(max_event_age=604800))
    assert "max-event-age" in error.message
    assert error.fix is not None and error.fix.edits[0].text == "604800"


def test_fc3_band_is_an_error_whatever_the_setting() -> None:
    for settings in (Settings(), Settings(max_event_age=2592000)):
        assert found('{"asyncTask": true, "maxAsyncEventAgeInSeconds": 1209600}', J, settings) == [
            "1:50 FC005"]


# Responses, as the SDKs and the server send them, are clean.
RESPONSES = {
    "FC 2.0 list, null leaves": (
        '{"configs": [{"service": "s", "function": "f", "qualifier": null, "createdTime": null, '
        '"lastModifiedTime": null, "destinationConfig": {"onSuccess": {"destination": null}, '
        '"onFailure": {"destination": null}}, "maxAsyncEventAgeInSeconds": null, '
        '"maxAsyncRetryAttempts": null, "statefulInvocation": null}], "nextToken": ""}'),
    "FC 2.0 Get, null leaves": (
        '{"service": "s", "function": "f", "qualifier": null, "destinationConfig": '
        '{"onSuccess": {"destination": null}, "onFailure": {"destination": null}}, '
        '"maxAsyncEventAgeInSeconds": null, "maxAsyncRetryAttempts": null}'),
    "FC 3.0 list, null leaves": (
        f'{{"configs": [{{"functionArn": "acs:fc:cn-hangzhou:{ACCOUNT}:functions/f", '
        '"asyncTask": null, "destinationConfig": null, "maxAsyncRetryAttempts": null}], '
        '"nextToken": null}'),
}


@pytest.mark.parametrize("text", RESPONSES.values(), ids=RESPONSES.keys())
def test_response_is_clean(text: str) -> None:
    result = lint_text(text, J, DEFAULTS)
    assert result.is_config
    assert found(text) == []


def test_mns_fix_rewrites_the_whole_value() -> None:
    (diagnostic,) = lint(dest(MNS.removesuffix("s")))
    assert diagnostic.fix is not None
    (edit,) = diagnostic.fix.edits
    assert (edit.span.line, edit.span.column) == (1, 53)
    assert edit.text == f'"{MNS}"'


def test_latest_fix_in_a_path() -> None:
    (diagnostic,) = lint(http("PUT /2016-08-15/services/svc.latest/functions/fn/async-invoke-config"),
                         H)
    assert diagnostic.fix is not None
    assert [(e.span.column, e.span.end_column, e.text) for e in diagnostic.fix.edits] == [
        (30, 36, "LATEST")]


def test_cross_region_setting_gives_way_to_the_host() -> None:
    text = http(f"PUT {HOST}/2016-08-15/services/svc/functions/fn/async-invoke-config",
                dest(MNS.replace("cn-hangzhou", "cn-shanghai")))
    (diagnostic,) = lint(text, H, Settings(region="cn-shanghai"))
    assert diagnostic.code == "FC018"
    assert "'cn-hangzhou' (from the request's host)" in diagnostic.message


# Configuration: severity overrides, select and ignore, per-file ignores.
def test_severity_override() -> None:
    text = '{"maxAsyncEventAgeInSeconds": 1209600}'
    assert [d.severity for d in lint(text)] == [Severity.WARNING]
    raised = Settings(severity=(("FC007", Severity.ERROR),))
    assert [(d.code, d.severity) for d in lint(text, J, raised)] == [("FC007", Severity.ERROR)]
    lowered = Settings(severity=(("FC006", Severity.INFO),))
    assert [(d.code, d.severity) for d in lint('{"maxAsyncRetryAttempts": 9}', J, lowered)] == [
        ("FC006", Severity.INFO)]


MIXED = '{"MaxAsyncRetryAttempts": 9, "maxAsyncEventAgeInSeconds": 10}'
SELECTIONS = {
    "everything": (Settings(), ["1:2 FC003", "1:27 FC006", "1:59 FC040"]),
    "select one code": (Settings(select=("FC006",)), ["1:27 FC006"]),
    "select a prefix": (Settings(select=("FC00",)), ["1:2 FC003", "1:27 FC006"]),
    "ignore one code": (Settings(ignore=("FC003",)), ["1:27 FC006", "1:59 FC040"]),
    "ignore a prefix": (Settings(ignore=("FC0",)), []),
    "select and ignore": (Settings(select=("FC00",), ignore=("FC003",)), ["1:27 FC006"]),
    "per-file ignore by glob": (
        Settings(per_file_ignores=(("*.json", ("FC003", "FC04")),)), ["1:27 FC006"]),
    "per-file ignore of another file": (
        Settings(per_file_ignores=(("other.json", ("FC006",)),)),
        ["1:2 FC003", "1:27 FC006", "1:59 FC040"]),
}


@pytest.mark.parametrize("case", SELECTIONS.values(), ids=SELECTIONS.keys())
def test_selection(case: tuple[Settings, list[str]]) -> None:
    settings, expected = case
    assert found(MIXED, J, settings) == expected


def test_per_file_ignores_match_relative_paths(tmp_path: Any) -> None:
    settings = Settings(per_file_ignores=(("legacy/*.json", ("FC006",)),), root=tmp_path)
    text = '{"maxAsyncRetryAttempts": 9}'
    assert found(text, str(tmp_path / "legacy" / "a.json"), settings) == []
    assert found(text, str(tmp_path / "new" / "a.json"), settings) == ["1:27 FC006"]


def test_ignored_code_in_http_body() -> None:
    text = http(PUT_2016, '{"maxAsyncRetryAttempts": 9}')
    assert found(text, H) == ["3:27 FC006"]
    assert found(text, H, Settings(ignore=("FC006",))) == []


def test_not_a_config_is_silent() -> None:
    for text in ('{"hello": 1}', "[1, 2]", "{}"):
        result = lint_text(text, J, DEFAULTS)
        assert not result.is_config and result.diagnostics == []



# AWS Lambda's event-invoke config, as `aws lambda put-function-event-invoke-config
# --cli-input-json` takes it and `get-function-event-invoke-config` prints it: not FC's.
LAMBDA = {
    "cli input": ('{"FunctionName": "my-function", "MaximumRetryAttempts": 1,\n'
                  ' "MaximumEventAgeInSeconds": 3600, "DestinationConfig": {"OnFailure":\n'
                  ' {"Destination": "arn:aws:sqs:us-east-1:123456789012:dlq"}}}'),
    "get output": ('{"LastModified": 1573686021.479, "FunctionArn": '
                   '"arn:aws:lambda:us-east-2:123456789012:function:my-function:$LATEST",\n'
                   ' "MaximumRetryAttempts": 0, "MaximumEventAgeInSeconds": 3600,\n'
                   ' "DestinationConfig": {"OnSuccess": {}, "OnFailure": {}}}'),
    "retries alone": '{"MaximumRetryAttempts": 2}',
}


@pytest.mark.parametrize("name", LAMBDA)
def test_aws_lambdas_event_invoke_config_is_not_a_config(name: str) -> None:
    result = lint_text(LAMBDA[name], J, DEFAULTS)
    assert not result.is_config and result.diagnostics == []


def test_a_lambda_key_slipped_into_an_fc_body_is_reported() -> None:
    assert found('{"maxAsyncEventAgeInSeconds": 300, "MaximumRetryAttempts": 2}', J) == [
        "1:36 FC001"]
