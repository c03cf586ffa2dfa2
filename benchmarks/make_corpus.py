"""Generate the benchmark corpora: FC 2.0 PutFunctionAsyncInvokeConfig request bodies.

    python benchmarks/make_corpus.py [--out DIR] [--seed N] [--corpora json,yaml,notebooks]
                                     [--sizes 1,1000,10000] [--yaml-sizes 10000]
                                     [--notebook-sizes 1000]

writes, under DIR (default benchmarks/corpus/, which is git-ignored):

- ``n1/``, ``n1000/``, ``n10000/``: request bodies as JSON files (``--sizes``);
- ``yaml10000/``: the same 10,000 bodies as ``n10000/`` (same generator, same seed), written
  as YAML: block style with 2- or 4-space indentation, plain, single- or double-quoted strings,
  a quarter with the destinations as flow mappings, some with a leading comment, ``---`` or
  comments after values; a fifth of the extensions are ``.yml`` (``--yaml-sizes``);
- ``nb1000/``: Jupyter notebooks (nbformat 4.5): a markdown cell, a code cell building
  ``PutFunctionAsyncInvokeConfigRequest(...)`` with literal arguments from
  ``alibabacloud_fc_open20210406.models`` (imported by name or as ``fc_models``, half of them
  followed by a ``client.put_function_async_invoke_config(...)`` call), and a ``%%fclint``
  cell holding a JSON body (``--notebook-sizes``).

Each folder is self-contained, so each can be linted on its own, and it is emptied of earlier
files of its kind first.

The output is deterministic: the same seed gives byte-identical files. About a fifth of the
files (ERROR_RATE) carry exactly one error, cycling through ERROR_KINDS:

- ``retries-9``       ``"maxAsyncRetryAttempts": 9`` (the API allows 0-8)
- ``age-0``           ``"maxAsyncEventAgeInSeconds": 0`` (the API allows 1-2592000)
- ``string-3``        ``"maxAsyncRetryAttempts": "3"`` (a string where a Long is expected)
- ``misspelled-key``  an unknown key, a misspelling of a real one (``maxAsyncRetryAttempt``...)
- ``mns-message``     an MNS ARN ending ``/message`` instead of ``/messages``

In a notebook the error is in the SDK call (``max_async_retry_attempts=9``, a misspelled
keyword argument, ...) for half of the broken notebooks, in the ``%%fclint`` body for the
other half.

The other files are valid and, with fclint's default settings, produce no finding at all:
16-digit accounts, known regions, FC 2.0 function ARNs, ``onSuccess`` differing from
``onFailure``, and no event age under 60 seconds with retries.

Next to each folder (not inside it, where both tools would lint it), DIR/<folder>.manifest.json
lists the erroneous files and their error kind, for run.py's sanity check.
"""

from __future__ import annotations

import argparse
import json
import random
import re
from collections.abc import Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_OUT = HERE / "corpus"
DEFAULT_SIZES = (1, 1_000, 10_000)        # JSON: DIR/n1, n1000, n10000
DEFAULT_YAML_SIZES = (10_000,)            # DIR/yaml10000
DEFAULT_NOTEBOOK_SIZES = (1_000,)         # DIR/nb1000
CORPORA = ("json", "yaml", "notebooks")
DEFAULT_SEED = 20261122
ERROR_RATE = 0.2

ERROR_KINDS = ("retries-9", "age-0", "string-3", "misspelled-key", "mns-message")

REGIONS = (
    "cn-hangzhou", "cn-shanghai", "cn-beijing", "cn-shenzhen", "cn-zhangjiakou",
    "cn-huhehaote", "cn-chengdu", "cn-hongkong", "ap-southeast-1", "ap-southeast-2",
    "ap-southeast-3", "ap-southeast-5", "ap-northeast-1", "ap-south-1", "eu-central-1",
    "eu-west-1", "us-west-1", "us-east-1",
)
ACCOUNTS = (
    "1234567890123456", "1873452086420917", "5518240036699102", "1620375512884431",
    "1049882736150027",
)
WORDS = (
    "order", "payment", "image", "thumbnail", "audit", "notify", "billing", "etl", "report",
    "ingest", "video", "transcode", "sync", "backup", "alert", "user", "inventory", "log",
)
QUALIFIERS = ("", "", "", ".LATEST", ".prod", ".staging", ".1", ".12")
MISSPELLINGS = (
    ("maxAsyncRetryAttempts", "maxAsyncRetryAttempt"),
    ("maxAsyncRetryAttempts", "maxAsyncRetriesAttempts"),
    ("maxAsyncEventAgeInSeconds", "maxAsyncEventAgeInSecond"),
    ("maxAsyncEventAgeInSeconds", "maxAsyncEventAgeSeconds"),
    ("statefulInvocation", "statefullInvocation"),
    ("destinationConfig", "destinationConfg"),
)
# Event ages: common values, all >= 60 (under 60 with retries is an FC040 info) and at most
# 604800 (above it is the FC007 documents-disagree warning).
EVENT_AGES = (60, 300, 600, 1800, 3600, 7200, 21600, 43200, 86400, 172800, 604800)


def _name(rng: random.Random, suffix: str = "") -> str:
    parts = rng.sample(WORDS, rng.randint(1, 2))
    return "-".join(parts) + suffix


def _destination(rng: random.Random, region: str, account: str) -> str:
    """A valid destination ARN of a random kind."""
    kind = rng.choices(("queue", "topic", "fc", "eventbridge"), weights=(4, 2, 3, 1))[0]
    if kind == "queue":
        return f"acs:mns:{region}:{account}:/queues/{_name(rng, '-queue')}/messages"
    if kind == "topic":
        return f"acs:mns:{region}:{account}:/topics/{_name(rng, '-topic')}/messages"
    if kind == "fc":
        service = _name(rng, "-svc").replace("-", "_")
        function = _name(rng, "-handler")
        return (f"acs:fc:{region}:{account}:services/{service}{rng.choice(QUALIFIERS)}"
                f"/functions/{function}")
    return f"acs:eventbridge:{region}:{account}:eventbus/{rng.choice(('default', _name(rng, '-bus')))}"


def valid_body(rng: random.Random) -> dict:
    region = rng.choice(REGIONS)
    account = rng.choice(ACCOUNTS)
    body: dict = {}
    shape = rng.random()
    destinations: dict = {}
    if shape < 0.55:  # both
        success = _destination(rng, region, account)
        failure = _destination(rng, region, account)
        while failure == success:
            failure = _destination(rng, region, account)
        destinations = {"onSuccess": {"destination": success},
                        "onFailure": {"destination": failure}}
    elif shape < 0.85:
        destinations = {"onFailure": {"destination": _destination(rng, region, account)}}
    elif shape < 0.95:
        destinations = {"onSuccess": {"destination": _destination(rng, region, account)}}
    if destinations:
        if rng.random() < 0.5:  # key order varies in real files
            destinations = dict(reversed(list(destinations.items())))
        body["destinationConfig"] = destinations
    if rng.random() < 0.85:
        body["maxAsyncEventAgeInSeconds"] = rng.choice(EVENT_AGES)
    if rng.random() < 0.85:
        body["maxAsyncRetryAttempts"] = rng.randint(0, 8)
    if rng.random() < 0.4:
        body["statefulInvocation"] = rng.random() < 0.7
    if not body:
        body["maxAsyncRetryAttempts"] = 3
    return body


def _rename_key(body: dict, old: str, new: str) -> dict:
    return {(new if key == old else key): value for key, value in body.items()}


def broken_body(rng: random.Random, kind: str) -> dict:
    """A valid body with exactly one error of `kind`."""
    body = valid_body(rng)
    if kind == "retries-9":
        body["maxAsyncRetryAttempts"] = 9
    elif kind == "age-0":
        body["maxAsyncEventAgeInSeconds"] = 0
        body.pop("maxAsyncRetryAttempts", None)  # keep FC040 (short age with retries) out
    elif kind == "string-3":
        body["maxAsyncRetryAttempts"] = "3"
    elif kind == "misspelled-key":
        real, wrong = rng.choice(MISSPELLINGS)
        if real not in body:
            if real == "destinationConfig":
                arn = _destination(rng, rng.choice(REGIONS), rng.choice(ACCOUNTS))
                body[real] = {"onFailure": {"destination": arn}}
            else:
                body[real] = {"maxAsyncEventAgeInSeconds": 3600, "maxAsyncRetryAttempts": 2,
                              "statefulInvocation": False}[real]
        body = _rename_key(body, real, wrong)
    elif kind == "mns-message":
        region = rng.choice(REGIONS)
        arn = f"acs:mns:{region}:{rng.choice(ACCOUNTS)}:/queues/{_name(rng, '-queue')}/message"
        destinations = body.setdefault("destinationConfig", {})
        side = rng.choice(("onSuccess", "onFailure"))
        destinations[side] = {"destination": arn}
    else:  # pragma: no cover
        raise ValueError(kind)
    return body


def generate(size: int, seed: int) -> Iterator[tuple[int, dict, str | None, int | None]]:
    """Yield (index, body, error kind or None, JSON indent) for the `size` bodies of a corpus.

    The JSON and YAML corpora of one size hold the same bodies: only their spelling differs.
    """
    rng = random.Random(f"{seed}:{size}")
    n_broken = round(size * ERROR_RATE)
    broken_at = set(rng.sample(range(size), n_broken))
    count = 0
    for index in range(size):
        kind = None
        if index in broken_at:
            kind = ERROR_KINDS[count % len(ERROR_KINDS)]
            count += 1
            body = broken_body(rng, kind)
        else:
            body = valid_body(rng)
        indent = rng.choice((2, 2, 2, 4, None))
        yield index, body, kind, indent


def _empty(folder: Path, *patterns: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for pattern in patterns:
        for old in folder.glob(pattern):
            old.unlink()


def write_corpus(folder: Path, size: int, seed: int) -> dict[str, str]:
    """Write `size` bodies into `folder`; return {file name: error kind} of the broken ones."""
    _empty(folder, "*.json")
    errors: dict[str, str] = {}
    width = len(str(size))
    for index, body, kind, indent in generate(size, seed):
        name = f"async-{index:0{width}d}.json"
        if kind:
            errors[name] = kind
        text = json.dumps(body, indent=indent, ensure_ascii=False)
        (folder / name).write_text(text + "\n", encoding="utf-8")
    return errors


# --- YAML -------------------------------------------------------------------------------------

# Strings that a YAML 1.1 or 1.2 loader would read as something else when plain.
_NOT_PLAIN = re.compile(r"^([-+]?[0-9._]+|[-+]?\.?inf|\.nan|true|false|yes|no|on|off|null|y|n|~|)$",
                        re.IGNORECASE)
YAML_COMMENTS = (
    "async invocation settings for {fn}",
    "PutFunctionAsyncInvokeConfig body ({region})",
    "destinations for {fn}: reviewed by the platform team",
    "generated from the console export, then edited",
)
YAML_VALUE_COMMENTS = {
    "maxAsyncRetryAttempts": "API default: 3",
    "maxAsyncEventAgeInSeconds": "seconds",
    "statefulInvocation": "needed for task management",
}


def _yaml_scalar(value: object, quote: str, flow: bool = False) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    assert isinstance(value, str)
    if quote == "plain" and not flow and not _NOT_PLAIN.match(value) \
            and ": " not in value and " #" not in value and value[0] not in "!&*?|>'\"%@`#,[]{}-":
        return value
    if quote == "single":
        return "'" + value.replace("'", "''") + "'"
    return json.dumps(value, ensure_ascii=False)


def to_yaml(body: dict, rng: random.Random) -> str:
    """`body` as a block-style YAML document, spelled in one of several styles."""
    indent = rng.choice((2, 2, 2, 4))
    quote = rng.choice(("plain", "plain", "plain", "double", "single"))
    flow = rng.random() < 0.25          # onSuccess: {destination: "..."}
    value_comments = rng.random() < 0.2
    lines: list[str] = []
    if rng.random() < 0.3:
        fn = _name(rng, "-handler")
        lines.append("# " + rng.choice(YAML_COMMENTS).format(fn=fn, region=rng.choice(REGIONS)))
    if rng.random() < 0.15:
        lines.append("---")

    def emit(mapping: dict, depth: int) -> None:
        pad = " " * (indent * depth)
        for key, value in mapping.items():
            if isinstance(value, dict):
                if flow and depth >= 1:
                    inner = ", ".join(f"{k}: {_yaml_scalar(v, quote, flow=True)}"
                                      for k, v in value.items())
                    lines.append(f"{pad}{key}: {{{inner}}}")
                else:
                    lines.append(f"{pad}{key}:")
                    emit(value, depth + 1)
            else:
                line = f"{pad}{key}: {_yaml_scalar(value, quote)}"
                if value_comments and key in YAML_VALUE_COMMENTS:
                    line += "  # " + YAML_VALUE_COMMENTS[key]
                lines.append(line)

    emit(body, 0)
    return "\n".join(lines) + "\n"


def write_yaml_corpus(folder: Path, size: int, seed: int) -> dict[str, str]:
    """The bodies of the JSON corpus of the same size, as YAML files (.yaml, some .yml)."""
    _empty(folder, "*.yaml", "*.yml")
    style = random.Random(f"{seed}:yaml:{size}")
    try:  # check that every file reads back as its body (PyYAML is in the venv, not required)
        import yaml
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    except ImportError:  # pragma: no cover
        yaml = None
    errors: dict[str, str] = {}
    width = len(str(size))
    for index, body, kind, _indent in generate(size, seed):
        ext = "yml" if style.random() < 0.2 else "yaml"
        name = f"async-{index:0{width}d}.{ext}"
        if kind:
            errors[name] = kind
        text = to_yaml(body, style)
        if yaml is not None and yaml.load(text, Loader=loader) != body:
            raise SystemExit(f"make_corpus.py: {name} does not read back as its body:\n{text}")
        (folder / name).write_text(text, encoding="utf-8")
    return errors


# --- Jupyter notebooks ------------------------------------------------------------------------

NOTEBOOK_TITLES = (
    "Async invocation for {fn}", "Configure destinations: {fn}", "Retry policy ({region})",
    "{fn}: on-failure queue", "Set up async config",
)
NOTEBOOK_TEXTS = (
    "Failed events go to a queue so that the on-call can replay them.",
    "Settings reviewed with the platform team; the body below is what we send.",
    "Builds the request with the FC 2.0 SDK, then checks the raw body with `%%fclint`.",
    "Keep retries low: the handler is not idempotent.",
)
SDK_MODULE = "alibabacloud_fc_open20210406"
PY_FIELDS = {
    "destinationConfig": "destination_config", "onSuccess": "on_success",
    "onFailure": "on_failure", "destination": "destination",
}


def _snake(key: str) -> str:
    return PY_FIELDS.get(key) or re.sub(r"(?<!^)(?=[A-Z])", "_", key).lower()


def _py_literal(value: object, quote: str) -> str:
    if isinstance(value, str):
        return repr(value) if quote == "single" else json.dumps(value, ensure_ascii=False)
    return repr(value)  # int, bool


def sdk_cell(body: dict, rng: random.Random) -> str:
    """Python building PutFunctionAsyncInvokeConfigRequest(...) from `body`, literal arguments."""
    quote = rng.choice(("double", "double", "single"))
    if rng.random() < 0.5:
        prefix = ""
        head = (f"from {SDK_MODULE}.models import (\n    Destination,\n    DestinationConfig,\n"
                "    PutFunctionAsyncInvokeConfigRequest,\n)\n")
    else:
        prefix = "fc_models."
        head = f"from {SDK_MODULE} import models as fc_models\n"
    lines = [head]
    lines.append(f"request = {prefix}PutFunctionAsyncInvokeConfigRequest(")
    for key, value in body.items():
        arg = _snake(key)
        if isinstance(value, dict):  # destinationConfig (or a misspelling of it)
            lines.append(f"    {arg}={prefix}DestinationConfig(")
            for side, dest in value.items():
                lines.append(f"        {_snake(side)}={prefix}Destination("
                             f"destination={_py_literal(dest['destination'], quote)}),")
            lines.append("    ),")
        else:
            lines.append(f"    {arg}={_py_literal(value, quote)},")
    lines.append(")")
    if rng.random() < 0.5:
        service, function = _name(rng, "-svc").replace("-", "_"), _name(rng, "-handler")
        lines.append(f"response = client.put_function_async_invoke_config("
                     f"{_py_literal(service, quote)}, {_py_literal(function, quote)}, request)")
        lines.append("print(response.body)")
    return "\n".join(lines)


def _cell(cell_type: str, source: str, rng: random.Random, count: int | None = None) -> dict:
    cell: dict = {"cell_type": cell_type, "id": f"{rng.getrandbits(32):08x}", "metadata": {},
                  "source": source.splitlines(keepends=True)}
    if cell_type == "code":
        cell["execution_count"] = count
        cell["outputs"] = []
    return cell


def notebook(code_body: dict, magic_body: dict, rng: random.Random) -> dict:
    fn, region = _name(rng, "-handler"), rng.choice(REGIONS)
    title = rng.choice(NOTEBOOK_TITLES).format(fn=fn, region=region)
    executed = rng.random() < 0.5
    magic = "%%fclint\n" + json.dumps(magic_body, indent=rng.choice((2, 4)), ensure_ascii=False)
    return {
        "cells": [
            _cell("markdown", f"# {title}\n\n{rng.choice(NOTEBOOK_TEXTS)}", rng),
            _cell("code", sdk_cell(code_body, rng), rng, 1 if executed else None),
            _cell("code", magic, rng, 2 if executed else None),
        ],
        "metadata": {
            "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
            "language_info": {"name": "python", "version": "3.11.7"},
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }


def write_notebook_corpus(folder: Path, size: int, seed: int) -> dict[str, str]:
    """`size` notebooks: markdown, SDK code and `%%fclint` JSON cells; a fifth with one error.

    The error, of one of ERROR_KINDS in turn, is in the code cell of half the broken notebooks
    (`max_async_retry_attempts=9`, `max_async_event_age_in_seconds=0`, `..._attempts="3"`, a
    misspelled keyword argument, an MNS ARN ending /message) and in the `%%fclint` cell of the
    other half. The manifest gives "cell:kind", cell being "code" or "fclint".
    """
    _empty(folder, "*.ipynb")
    rng = random.Random(f"{seed}:notebooks:{size}")
    n_broken = round(size * ERROR_RATE)
    broken_at = set(rng.sample(range(size), n_broken))
    errors: dict[str, str] = {}
    width = len(str(size))
    count = 0
    try:
        import nbformat
    except ImportError:  # pragma: no cover
        nbformat = None
    for index in range(size):
        name = f"async-{index:0{width}d}.ipynb"
        code_body, magic_body = valid_body(rng), valid_body(rng)
        if index in broken_at:
            kind = ERROR_KINDS[count % len(ERROR_KINDS)]
            where = "code" if (count // len(ERROR_KINDS)) % 2 == 0 else "fclint"
            count += 1
            if where == "code":
                code_body = broken_body(rng, kind)
            else:
                magic_body = broken_body(rng, kind)
            errors[name] = f"{where}:{kind}"
        nb = notebook(code_body, magic_body, rng)
        if nbformat is not None:
            nbformat.validate(nbformat.from_dict(nb))
        (folder / name).write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n",
                                   encoding="utf-8")
    return errors


def _manifest(path: Path, size: int, seed: int, errors: dict[str, str]) -> None:
    manifest = {"size": size, "seed": seed, "errors": errors}
    path.write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def _sizes(text: str) -> list[int]:
    return [int(s) for s in text.split(",") if s.strip()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="corpus folder")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--corpora", default=",".join(CORPORA),
                        help="comma-separated, of json,yaml,notebooks (default: all three)")
    parser.add_argument("--sizes", default=",".join(map(str, DEFAULT_SIZES)),
                        help="JSON corpus sizes, comma-separated (default: 1,1000,10000)")
    parser.add_argument("--yaml-sizes", default=",".join(map(str, DEFAULT_YAML_SIZES)),
                        help="YAML corpus sizes (default: 10000)")
    parser.add_argument("--notebook-sizes", default=",".join(map(str, DEFAULT_NOTEBOOK_SIZES)),
                        help="notebook corpus sizes (default: 1000)")
    args = parser.parse_args(argv)
    corpora = [c.strip() for c in args.corpora.split(",") if c.strip()]
    unknown = set(corpora) - set(CORPORA)
    if unknown:
        parser.error(f"unknown corpora {sorted(unknown)}; choose from {', '.join(CORPORA)}")
    plan = {
        "json": ("n", _sizes(args.sizes), write_corpus, "files"),
        "yaml": ("yaml", _sizes(args.yaml_sizes), write_yaml_corpus, "YAML files"),
        "notebooks": ("nb", _sizes(args.notebook_sizes), write_notebook_corpus, "notebooks"),
    }
    for corpus in corpora:
        prefix, sizes, write, what = plan[corpus]
        for size in sizes:
            folder = args.out / f"{prefix}{size}"
            errors = write(folder, size, args.seed)
            _manifest(args.out / f"{prefix}{size}.manifest.json", size, args.seed, errors)
            print(f"{folder}: {size} {what}, {len(errors)} with an error")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
