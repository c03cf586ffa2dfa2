"""Generate the benchmark corpus: FC 2.0 PutFunctionAsyncInvokeConfig request bodies.

    python benchmarks/make_corpus.py [--out DIR] [--seed N] [--sizes 1,1000,10000]

writes DIR/n1/, DIR/n1000/ and DIR/n10000/ (DIR defaults to benchmarks/corpus/, which is
git-ignored). Each folder is self-contained, so each size can be linted on its own, and the
folders are emptied of earlier `*.json` files first.

The output is deterministic: the same seed gives byte-identical files. About a fifth of the
files (ERROR_RATE) carry exactly one error, cycling through ERROR_KINDS:

- ``retries-9``       ``"maxAsyncRetryAttempts": 9`` (the API allows 0-8)
- ``age-0``           ``"maxAsyncEventAgeInSeconds": 0`` (the API allows 1-2592000)
- ``string-3``        ``"maxAsyncRetryAttempts": "3"`` (a string where a Long is expected)
- ``misspelled-key``  an unknown key, a misspelling of a real one (``maxAsyncRetryAttempt``...)
- ``mns-message``     an MNS ARN ending ``/message`` instead of ``/messages``

The other files are valid and, with fclint's default settings, produce no finding at all:
16-digit accounts, known regions, FC 2.0 function ARNs, ``onSuccess`` differing from
``onFailure``, and no event age under 60 seconds with retries.

Next to each folder (not inside it, where both tools would lint it), DIR/nN.manifest.json
lists the erroneous files and their error kind, for run.py's sanity check.
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_OUT = HERE / "corpus"
DEFAULT_SIZES = (1, 1_000, 10_000)
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


def write_corpus(folder: Path, size: int, seed: int) -> dict[str, str]:
    """Write `size` bodies into `folder`; return {file name: error kind} of the broken ones."""
    rng = random.Random(f"{seed}:{size}")
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.json"):
        old.unlink()
    n_broken = round(size * ERROR_RATE)
    broken_at = set(rng.sample(range(size), n_broken))
    errors: dict[str, str] = {}
    width = len(str(size))
    count = 0
    for index in range(size):
        name = f"async-{index:0{width}d}.json"
        if index in broken_at:
            kind = ERROR_KINDS[count % len(ERROR_KINDS)]
            count += 1
            body = broken_body(rng, kind)
            errors[name] = kind
        else:
            body = valid_body(rng)
        indent = rng.choice((2, 2, 2, 4, None))
        text = json.dumps(body, indent=indent, ensure_ascii=False)
        (folder / name).write_text(text + "\n", encoding="utf-8")
    return errors


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="corpus folder")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--sizes", default=",".join(map(str, DEFAULT_SIZES)),
                        help="comma-separated corpus sizes (default: 1,1000,10000)")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    for size in sizes:
        folder = args.out / f"n{size}"
        errors = write_corpus(folder, size, args.seed)
        manifest = {"size": size, "seed": args.seed, "errors": errors}
        (args.out / f"n{size}.manifest.json").write_text(
            json.dumps(manifest, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"{folder}: {size} files, {len(errors)} with an error")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
