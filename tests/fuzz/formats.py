"""Files for the fuzz suite: the generated bodies wrapped into each format fclint reads (JSON,
`.http`/`.rest`, YAML bodies and Serverless Devs / ROS / Funcraft templates, Terraform, Python,
notebooks), then mutated as text and as bytes. Every strategy draws a `(file name, bytes)` pair.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

import nbformat
import yaml
from hypothesis import strategies as st

from fuzz.bodies import (
    DEPTHS,
    REGIONS,
    bodies,
    encode,
    json_texts,
    mutate_bytes,
    mutate_text,
    token_soup,
)

Case = tuple[str, bytes]
NAMES = {
    "json": ["fuzz.json"],
    "http": ["fuzz.http", "fuzz.rest"],
    "yaml": ["fuzz.yaml", "s.yaml", "fuzz.yml"],
    "tf": ["main.tf"],
    "py": ["fuzz.py"],
    "ipynb": ["fuzz.ipynb"],
}
FORMATS = tuple(NAMES)


def snake(key: str) -> str:
    return re.sub(r"(?<!^)([A-Z])", r"_\1", key).lower()


def pascal(value: Any) -> Any:
    if isinstance(value, dict):
        return {
            (k[:1].upper() + k[1:] if isinstance(k, str) else k): pascal(v)
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [pascal(v) for v in value]
    return value


# --- .http ------------------------------------------------------------------------------------

HOSTS = [
    "",
    "https://{{host}}",
    "{{host}}",
    "https://1234567890123456.cn-hangzhou.fc.aliyuncs.com",
    "http://cn-shanghai.fc.aliyuncs.com",
    "https://1234567890123456.fcv3.cn-beijing-internal.aliyuncs.com",
    "https://1.cn-hangzhou.fc.aliyuncs.com:443",
    "https://[::1]",
    "https://[::-1]",
    "https://a]b",
    "https://[",
    "https://h:99999",
    "https://h:port",
    "https://@",
    "https://%zz",
    "//x",
    "https://{{host}}:{{port}}",
    "https://user:pw@cn-hangzhou.fc.aliyuncs.com",
]
RESOURCES = [
    "async-invoke-config",
    "async-invoke-configs",
    "async-invoke-config/",
    "stateful-async-invocations",
    "stateful-async-invocations/x",
    "async-tasks",
    "async-tasks/x/stop",
    "async-invoke",
    "",
]
NAMES_IN_PATH = [
    "s",
    "svc",
    "orders",
    "s.prod",
    "s.LATEST",
    "s.latest",
    "s.1",
    "a.b.c",
    "",
    "{{svc}}",
    "%2e",
    "1bad",
    "x" * 130,
]


@st.composite
def http_paths(draw: st.DrawFn) -> str:
    version = draw(st.sampled_from(["2016-08-15", "2021-04-06", "2023-03-30", "2099-01-01", ""]))
    service = draw(st.sampled_from(NAMES_IN_PATH))
    function = draw(st.sampled_from(NAMES_IN_PATH))
    resource = draw(st.sampled_from(RESOURCES))
    prefix = f"/{version}" if version else ""
    if version == "2023-03-30" and draw(st.booleans()):
        path = f"{prefix}/functions/{function}/{resource}"
    else:
        path = f"{prefix}/services/{service}/functions/{function}/{resource}"
    query = draw(
        st.sampled_from(
            [
                "",
                "?qualifier=LATEST",
                "?qualifier=latest",
                "?qualifier=",
                "?qualifier=prod&qualifier=x",
                "?functionName=f",
                "?limit=1&",
                "?qualifier={{q}}",
                "#frag",
            ]
        )
    )
    return path + query


@st.composite
def http_files(draw: st.DrawFn) -> str:
    out = []
    for name, value in draw(
        st.lists(
            st.tuples(
                st.sampled_from(["host", "port", "svc", "q", "x"]),
                st.sampled_from(
                    [
                        "1234567890123456.cn-hangzhou.fc.aliyuncs.com",
                        "[x",
                        "a]b",
                        "[::-1]",
                        "{{host}}",
                        "",
                        "80",
                        "LATEST",
                        "cn-hangzhou.fc.aliyuncs.com/",
                    ]
                ),
            ),
            max_size=3,
        )
    ):
        out.append(f"@{name} = {value}")
    for index in range(draw(st.integers(1, 3))):
        if index or draw(st.booleans()):
            out.append("###" + draw(st.sampled_from(["", " a request", "#"])))
        if draw(st.booleans()):
            out.append(draw(st.sampled_from(["# comment", "// comment", "# @name put"])))
        method = draw(st.sampled_from(["PUT", "GET", "DELETE", "POST", "put", "", "PATCH"]))
        url = draw(st.sampled_from(HOSTS)) + draw(http_paths())
        version = draw(st.sampled_from(["", " HTTP/1.1", " HTTP/2"]))
        out.append(f"{method} {url}{version}".strip())
        if draw(st.booleans()):
            out.append("Content-Type: application/json")
        if draw(st.integers(0, 4)) == 0:
            out.append("    &qualifier=x")
        out.append("")
        if draw(st.integers(0, 3)):
            kind = draw(st.sampled_from(["fc2-request", "fc3-request", "fc2-list", "fc3-config"]))
            body = draw(bodies(kind).flatmap(json_texts))
            if draw(st.integers(0, 3)) == 0:
                body = body.replace('"acs:', '"{{x}}acs:', 1).replace(": 3", ": {{retries}}", 1)
            out.append(body)
        if draw(st.integers(0, 5)) == 0:
            out.append(
                draw(
                    st.sampled_from(
                        [
                            "> handler.js",
                            "> {%\n client.log(1)\n%}",
                            "> {% client.log(1) %}",
                            "<> prev.json",
                            "< body.json",
                        ]
                    )
                )
            )
    return "\n".join(out) + draw(st.sampled_from(["\n", "", "\n\n"]))


# --- YAML ---------------------------------------------------------------------------------------


def yaml_text(value: Any, flow: bool | None, unicode: bool) -> str:
    return yaml.safe_dump(
        value, default_flow_style=flow, allow_unicode=unicode, sort_keys=False, width=1000
    )


def devs2(body: Any) -> Any:
    """An FC 2.0 API body in the devsapp/fc component's shape: destinations as plain strings."""
    if not isinstance(body, dict):
        return body
    out = {k: v for k, v in body.items() if k != "destinationConfig"}
    config = body.get("destinationConfig")
    if isinstance(config, dict):
        out["destination"] = {
            k: (v.get("destination") if isinstance(v, dict) else v) for k, v in config.items()
        }
    elif "destinationConfig" in body:
        out["destination"] = config
    return out


@st.composite
def yaml_files(draw: st.DrawFn) -> Case:
    which = draw(st.sampled_from(["body", "devs1", "devs3", "ros-fc3", "ros-fc2", "fun", "multi"]))
    region = draw(st.sampled_from(REGIONS))
    if which == "body":
        value: Any = draw(bodies())
    elif which == "devs1":
        body = draw(bodies("fc2-request"))
        value = {
            "edition": "1.0.0",
            "name": "app",
            "vars": {"region": region},
            "services": {
                "x": {
                    "component": draw(st.sampled_from(["devsapp/fc", "fc", "devsapp/fc@dev"])),
                    "props": {
                        "region": draw(st.sampled_from([region, "${vars.region}"])),
                        "service": {"name": "svc"},
                        "function": {
                            "name": "fn",
                            "asyncConfiguration": devs2(body) if draw(st.integers(0, 3)) else body,
                        },
                    },
                }
            },
        }
    elif which == "devs3":
        body = draw(bodies("fc3-request"))
        value = {
            "edition": "3.0.0",
            "name": "app",
            "vars": {"region": region},
            "resources": {
                "x": {
                    "component": draw(st.sampled_from(["fc3", "fc3@dev", "devsapp/fc3"])),
                    "props": {
                        "region": "${vars.region}",
                        "functionName": "fn",
                        "asyncInvokeConfig": body if draw(st.integers(0, 3)) else devs2(body),
                    },
                }
            },
        }
    elif which == "ros-fc3":
        value = {
            "ROSTemplateFormatVersion": "2015-09-01",
            "Resources": {
                "Config": {
                    "Type": "ALIYUN::FC3::AsyncInvokeConfig",
                    "Properties": {"FunctionName": "fn", **pascal(draw(bodies("fc3-request")))},
                }
            },
        }
    elif which == "ros-fc2":
        value = {
            "ROSTemplateFormatVersion": "2015-09-01",
            "Resources": {
                "Fn": {
                    "Type": "ALIYUN::FC::Function",
                    "Properties": {
                        "ServiceName": "svc",
                        "FunctionName": "fn",
                        "AsyncConfiguration": pascal(devs2(draw(bodies("fc2-request")))),
                    },
                }
            },
        }
    elif which == "fun":
        value = {
            "Transform": "Aliyun::Serverless-2018-04-03",
            "Resources": {
                "svc": {
                    "Type": "Aliyun::Serverless::Service",
                    "fn": {
                        "Type": "Aliyun::Serverless::Function",
                        "Properties": {
                            "AsyncConfiguration": pascal(devs2(draw(bodies("fc2-request"))))
                        },
                    },
                }
            },
        }
    else:
        value = None
    flow = draw(st.sampled_from([False, None, True]))
    unicode = draw(st.booleans())
    if which == "multi":
        text = "---\n".join(
            yaml_text(draw(bodies()), flow, unicode) for _ in range(draw(st.integers(1, 3)))
        )
    else:
        text = yaml_text(value, flow, unicode)
    if draw(st.integers(0, 3)) == 0:  # a comment, maybe a suppression
        lines = text.split("\n")
        at = draw(st.integers(0, len(lines) - 1))
        lines[at] += draw(
            st.sampled_from(
                ["  # c", "  # fclint: ignore[FC006] why", "  # fclint: ignore[FC001,FC999]", " #"]
            )
        )
        text = "\n".join(lines)
    name = (
        "s.yaml"
        if which.startswith("devs") and draw(st.booleans())
        else draw(st.sampled_from(NAMES["yaml"]))
    )
    return name, encode(text)


# --- Terraform --------------------------------------------------------------------------------

TF_FIELDS = {
    2: {
        "maxAsyncEventAgeInSeconds": "maximum_event_age_in_seconds",
        "maxAsyncRetryAttempts": "maximum_retry_attempts",
        "statefulInvocation": "stateful_invocation",
        "qualifier": "qualifier",
    },
    3: {
        "maxAsyncEventAgeInSeconds": "max_async_event_age_in_seconds",
        "maxAsyncRetryAttempts": "max_async_retry_attempts",
        "asyncTask": "async_task",
        "qualifier": "qualifier",
    },
}


def hcl(value: Any) -> str:
    if value is None:
        return "null"
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return (
            repr(value)
            if math.isfinite(value)
            else "1e999"
            if value > 0
            else "-1e999"
            if value < 0
            else "nan"
        )
    if isinstance(value, str):
        return json.dumps(value)
    if isinstance(value, list):
        return "[" + ", ".join(hcl(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{json.dumps(str(k))} = {hcl(v)}" for k, v in value.items()) + " }"
    return json.dumps(str(value))


def hcl_blocks(config: Any, indent: str) -> list[str]:
    """`destination_config { on_success { destination = ... } }` from an API destinationConfig."""
    if not isinstance(config, dict):
        return [f"{indent}destination_config = {hcl(config)}"]
    lines = [f"{indent}destination_config {{"]
    for key, item in config.items():
        lines.append(f"{indent}  {snake(str(key))} {{")
        if isinstance(item, dict):
            lines += [f"{indent}    {snake(str(k))} = {hcl(v)}" for k, v in item.items()]
        else:
            lines.append(f"{indent}    destination = {hcl(item)}")
        lines.append(f"{indent}  }}")
    lines.append(f"{indent}}}")
    return lines


@st.composite
def tf_files(draw: st.DrawFn) -> str:
    out = []
    if draw(st.booleans()):
        out += [
            'provider "alicloud" {',
            f"  region = {json.dumps(draw(st.sampled_from(REGIONS)))}",
            "}",
            "",
        ]
    for index in range(draw(st.integers(1, 2))):
        generation = draw(st.sampled_from([2, 3]))
        kind = (
            "alicloud_fc_function_async_invoke_config"
            if generation == 2
            else "alicloud_fcv3_async_invoke_config"
        )
        body = draw(bodies(f"fc{generation}-request"))
        out.append(f'resource "{kind}" "r{index}" {{')
        if generation == 2:
            out.append('  service_name  = "svc"')
        out.append(
            f"  function_name = {json.dumps(draw(st.sampled_from(['fn', 'f.x', '', '${var.fn}'])))}"
        )
        if isinstance(body, dict):
            for key, value in body.items():
                if key == "destinationConfig":
                    out += hcl_blocks(value, "  ")
                    continue
                name = TF_FIELDS[generation].get(key, snake(str(key)) or "x")
                rendered = hcl(value)
                if draw(st.integers(0, 5)) == 0:
                    rendered = draw(
                        st.sampled_from(
                            [
                                "var.retries",
                                '"${local.x}"',
                                '"9"',
                                "<<EOT\n9\nEOT",
                                "9 # fclint: ignore[FC006] ok",
                                "1 + 2",
                                "-1",
                            ]
                        )
                    )
                out.append(f"  {name} = {rendered}")
        out.append("}")
        out.append("")
    return "\n".join(out)


# --- Python -----------------------------------------------------------------------------------


def py_literal(value: Any, quote: str) -> str:
    if isinstance(value, str):
        text = json.dumps(value)[1:-1]
        return (
            quote + text.replace(quote, "\\" + quote) + quote if quote != '"' else json.dumps(value)
        )
    if isinstance(value, float) and not math.isfinite(value):
        return (
            "float('nan')"
            if math.isnan(value)
            else ("float('inf')" if value > 0 else "-float('inf')")
        )
    if isinstance(value, dict):
        return (
            "{"
            + ", ".join(f"{py_literal(k, quote)}: {py_literal(v, quote)}" for k, v in value.items())
            + "}"
        )
    if isinstance(value, list):
        return "[" + ", ".join(py_literal(v, quote) for v in value) + "]"
    return repr(value)


def sdk_call(body: Any, generation: int, quote: str) -> str:
    if not isinstance(body, dict):
        return py_literal(body, quote)
    args = []
    for key, value in body.items():
        if key == "destinationConfig" and isinstance(value, dict):
            inner = []
            for which, item in value.items():
                if isinstance(item, dict):
                    dest = ", ".join(
                        f"{snake(str(k))}={py_literal(v, quote)}" for k, v in item.items()
                    )
                    inner.append(f"{snake(str(which))}=fc_models.Destination({dest})")
                else:
                    inner.append(f"{snake(str(which))}={py_literal(item, quote)}")
            args.append(f"destination_config=fc_models.DestinationConfig({', '.join(inner)})")
        else:
            name = snake(str(key))
            args.append(f"{name if name.isidentifier() else 'x'}={py_literal(value, quote)}")
    model = (
        "PutFunctionAsyncInvokeConfigRequest" if generation == 2 else "PutAsyncInvokeConfigInput"
    )
    return f"fc_models.{model}({', '.join(args)})"


@st.composite
def py_sources(draw: st.DrawFn) -> str:
    quote = draw(st.sampled_from(['"', "'"]))
    generation = draw(st.sampled_from([2, 3]))
    module = "alibabacloud_fc_open20210406" if generation == 2 else "alibabacloud_fc20230330"
    out = [f"from {module} import models as fc_models"] if draw(st.integers(0, 3)) else []
    for _ in range(draw(st.integers(1, 2))):
        body = draw(bodies(f"fc{generation}-request"))
        how = draw(st.sampled_from(["model", "client", "dict", "fc3-request"]))
        if how == "model":
            out.append(f"request = {sdk_call(body, generation, quote)}")
        elif how == "client":
            method = (
                "put_function_async_invoke_config" if generation == 2 else "put_async_invoke_config"
            )
            names = '"svc", "fn"' if generation == 2 else '"fn"'
            out.append(f"client.{method}({names}, {sdk_call(body, generation, quote)})")
        elif how == "fc3-request":
            out.append(
                f"r = fc_models.PutAsyncInvokeConfigRequest(body={sdk_call(body, 3, quote)}, "
                f"qualifier={py_literal(draw(st.sampled_from(['LATEST', 'latest', ''])), quote)})"
            )
        else:
            out.append(f"body = {py_literal(body, quote)}")
        if draw(st.integers(0, 4)) == 0:
            out[-1] += draw(
                st.sampled_from(["  # fclint: ignore[FC006] why", "  # fclint: ignore[]", "  # c"])
            )
    return "\n".join(out) + "\n"


# --- notebooks --------------------------------------------------------------------------------

MAGIC_OPTIONS = [
    "",
    " --kind fc3-request",
    " --format yaml",
    " --format json",
    " --format python",
    " --max-event-age 604800",
    " --api-version 2023-03-30",
    " --bogus",
    " --kind",
    " '",
    " --select FC0 --ignore FC006",
    " --severity FC006=info",
    " --region cn-x",
]


@st.composite
def cell_sources(draw: st.DrawFn) -> tuple[str, str]:
    """(cell type, source) for one cell."""
    what = draw(
        st.sampled_from(
            ["python", "magic-json", "magic-yaml", "raw-json", "raw-yaml", "markdown", "ipython"]
        )
    )
    if what == "python":
        return "code", draw(py_sources())
    if what == "ipython":
        return "code", "%pip install x\n!ls\n" + draw(py_sources())
    body = draw(bodies())
    text = (
        draw(json_texts(body))
        if what.endswith("json")
        else yaml_text(body, draw(st.sampled_from([False, None, True])), draw(st.booleans()))
    )
    if what.startswith("magic"):
        return "code", "%%fclint" + draw(st.sampled_from(MAGIC_OPTIONS)) + "\n" + text
    if what.startswith("raw"):
        return "raw", text
    return "markdown", "# title\n" + text


@st.composite
def notebook_files(draw: st.DrawFn) -> str:
    cells = []
    for _ in range(draw(st.integers(1, 4))):
        cell_type, source = draw(cell_sources())
        if draw(st.integers(0, 5)) == 0:  # a surrogate, written as a JSON escape
            at = draw(st.integers(0, len(source)))
            source = (
                source[:at]
                + draw(
                    st.sampled_from(["\ud800", "\udfff", "\ud83d\ude00", "\u2028", "\r", "\x00"])
                )
                + source[at:]
            )
        if cell_type == "code":
            cell = nbformat.v4.new_code_cell(source)
        elif cell_type == "raw":
            cell = nbformat.v4.new_raw_cell(source)
        else:
            cell = nbformat.v4.new_markdown_cell(source)
        cells.append(cell)
    notebook = nbformat.v4.new_notebook(cells=cells)
    deep = draw(st.integers(0, 6)) == 0
    if deep:
        notebook.metadata["deep"] = "@@DEEP@@"
    as_lists = draw(st.booleans())
    data = json.loads(json.dumps(notebook))  # plain dicts
    if draw(st.integers(0, 9)) == 0:  # sometimes no ids (nbformat 4.4), or another version
        data["nbformat_minor"] = draw(st.sampled_from([0, 4, 5, 99]))
        for cell in data["cells"]:
            cell.pop("id", None)
    for number, cell in enumerate(data["cells"]):
        if "id" in cell:
            cell["id"] = f"cell-{number}"  # nbformat's are random: hypothesis needs the same text
        if as_lists:
            cell["source"] = cell["source"].splitlines(keepends=True)
            if cell["source"] and draw(st.integers(0, 4)) == 0:  # one line over two items
                index = draw(st.integers(0, len(cell["source"]) - 1))
                item = cell["source"][index]
                at = draw(st.integers(0, len(item)))
                cell["source"][index : index + 1] = [item[:at], item[at:]]
    text = json.dumps(
        data, indent=draw(st.sampled_from([None, 1, 2])), ensure_ascii=draw(st.booleans())
    )
    if deep:
        depth = draw(st.sampled_from(DEPTHS))
        opener = draw(st.sampled_from(["[", '{"a": ']))
        closer = "]" if opener == "[" else "}"
        text = text.replace('"@@DEEP@@"', opener * depth + "1" + closer * depth)
    return text


# --- every format -----------------------------------------------------------------------------


def _text_case(name_choices: list[str], texts: st.SearchStrategy[str]) -> st.SearchStrategy[Case]:
    return st.tuples(st.sampled_from(name_choices), texts.map(encode))


def structured(fmt: str) -> st.SearchStrategy[Case]:
    """Well-formed files of one format (their bodies may still be wrong)."""
    if fmt == "json":
        return _text_case(NAMES["json"], bodies().flatmap(json_texts))
    if fmt == "http":
        return _text_case(NAMES["http"], http_files())
    if fmt == "yaml":
        return yaml_files()
    if fmt == "tf":
        return _text_case(NAMES["tf"], tf_files())
    if fmt == "py":
        return _text_case(NAMES["py"], py_sources())
    if fmt == "ipynb":
        return _text_case(NAMES["ipynb"], notebook_files())
    raise AssertionError(fmt)


@st.composite
def mutated(draw: st.DrawFn, case: Case) -> Case:
    """`case` with some text edits and some byte edits (none, often)."""
    name, data = case
    if draw(st.integers(0, 2)):
        text = data.decode("utf-8", "surrogatepass")
        data = encode(draw(mutate_text(text)))
    if draw(st.integers(0, 4)) == 0:
        data = draw(mutate_bytes(data))
    return name, data


def unstructured(fmt: str) -> st.SearchStrategy[Case]:
    """Random bytes, random Unicode and token soup, named as a file of `fmt`."""
    names = st.sampled_from(NAMES[fmt])
    return st.tuples(
        names,
        st.one_of(
            st.binary(max_size=200),
            st.text(max_size=200).map(encode),
            token_soup().map(encode),
            token_soup().flatmap(mutate_text).map(encode),
        ),
    )


def files(fmt: str) -> st.SearchStrategy[Case]:
    """Everything for `fmt`: well-formed, mutated, and unstructured files."""
    return st.one_of(structured(fmt), structured(fmt).flatmap(mutated), unstructured(fmt))


def any_file() -> st.SearchStrategy[Case]:
    return st.sampled_from(FORMATS).flatmap(files)


def crossed() -> st.SearchStrategy[Case]:
    """A file of one format named as another (a JSON body in a `.yaml`, YAML in a `.tf`...)."""
    every = [name for names in NAMES.values() for name in names]
    return st.tuples(st.sampled_from(every), any_file().map(lambda case: case[1]))
