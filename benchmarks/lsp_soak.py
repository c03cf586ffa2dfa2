"""Soak `fclint lsp`: a long editing session of random incremental edits over stdio.

    python benchmarks/lsp_soak.py                 # 100,000 edits (minutes)
    python benchmarks/lsp_soak.py --edits 3000    # the bounded run of the test suite
    python benchmarks/lsp_soak.py --hover-latency # hover on a 200- and a 5,000-line s.yaml

The session: one async config (`soak.json`, or `--format yaml`/`http`) opened, then `--edits`
incremental `didChange`s in bursts of 1-40 with pauses of 0-40 ms between them (so lints run
while edits arrive): inserts of keys, values and garbage (U+2028, form feeds, lone CRs, CRLFs,
emoji, control characters), deletions, replacements, positions past the end of a line or of
the document, now and then two changes in one notification and a frame that is not JSON.
Among them, hover, completion and code-action requests at random positions. Every 1,000 edits a
hover must be answered within 1 s; the server's resident memory (VmRSS) is read then. At the
end, its diagnostics of the last version must equal `fclint check` on the final text (written
to the document's path), every request must have been answered without an internal error, and
VmRSS must not have grown by more than 20 MB since the first checkpoint (after warm-up).

The client keeps its own copy of the text, applying each change as the LSP says (lines end at
LF, CRLF or CR; a column past a line's end is its end; a line past the document's end is the
end of the document; columns count UTF-16 units), independently of the server's code.
Exit status 0 when every check passes, 1 otherwise.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import queue
import random
import re
import shlex
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SERVER = [sys.executable, "-m", "fclint", "lsp"]
ANSWER_WITHIN = 1.0  # seconds, for the checkpoint hover
RSS_GROWTH_MB = 20.0
CHECK_EVERY = 1000
START = {
    "json": ('{\n  "maxAsyncRetryAttempts": 9,\n  "maxAsyncEventAgeInSeconds": 86400,\n'
             '  "destinationConfig": {\n    "onSuccess": {"destination": '
             '"acs:mns:cn-hangzhou:1234567890123456:/queues/ok/messages"},\n'
             '    "onFailure": {"destination": "acs:fc:cn-hangzhou:123:functions/dlq"}\n  }\n}\n'),
    "yaml": ("maxAsyncRetryAttempts: 9\nmaxAsyncEventAgeInSeconds: 86400\ndestinationConfig:\n"
             "  onSuccess:\n    destination: acs:mns:cn-hangzhou:1234567890123456:/queues/ok/"
             "messages\n  onFailure:\n    destination: acs:fc:cn-hangzhou:123:functions/dlq\n"),
    "http": ("PUT https://1234567890123456.cn-hangzhou.fc.aliyuncs.com/2023-03-30/functions/f/"
             'async-invoke-config\nContent-Type: application/json\n\n{"maxAsyncRetryAttempts": 9,'
             ' "destinationConfig": {"onSuccess": {"destination": "acs:mns:cn-hangzhou:12:/queues/'
             'q/messages"}}}\n'),
}
SNIPPETS = ['"maxAsyncRetryAttempts": ', '"maxAsyncEventAgeInSeconds": 60', '"destinationConfig"',
            '"onFailure": {"destination": "acs:mns:cn-hangzhou:1:/topics/t/messages"}', ": ",
            ", ", "{", "}", "[", "]", '"', "9", "-1", "1e999", "null", "true", "\n", "  ",
            "maxAsyncRetryAttempts: 3\n", "destination: acs:", "- ", "# fclint: ignore[FC006]\n"]
GARBAGE = ["\u2028", "\u2029", "\f", "\x1c", "\x1d", "\x1e", "\x85", "\v", "\r", "\r\n", "\t",
           "\U0001f600", "\u00e9", "\u4e2d\u6587", "\ufeff", "\\", "\\u", "{{", "\x7f", "\x01"]
BREAK = re.compile(r"\r\n|\r|\n")


# ------------------------------------------------------------------ the text as the LSP says

def line_starts(text: str) -> list[int]:
    return [0, *(m.end() for m in BREAK.finditer(text))]


def to_offset(text: str, starts: list[int], line: int, character: int) -> int:
    if line >= len(starts):
        return len(text)
    start = starts[line]
    end = starts[line + 1] if line + 1 < len(starts) else len(text)
    body = text[start:end].rstrip("\r\n")
    units = 0
    for index, char in enumerate(body):
        if units >= character:
            return start + index
        units += 2 if ord(char) > 0xFFFF else 1
    return start + len(body)


def to_position(text: str, starts: list[int], offset: int) -> tuple[int, int]:
    line = max(i for i, s in enumerate(starts) if s <= offset)
    prefix = text[starts[line]:offset]
    return line, len(prefix) + sum(1 for c in prefix if ord(c) > 0xFFFF)


# ------------------------------------------------------------------ a raw stdio client

class StdioClient:
    """The server in a subprocess, spoken to in JSON-RPC frames; a thread reads its output."""

    def __init__(self, command: list[str], cwd: Path, env: dict[str, str] | None = None):
        self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=subprocess.PIPE, cwd=cwd, env=env)
        self.incoming: queue.Queue[dict[str, Any] | None] = queue.Queue()
        self.stderr: list[bytes] = []
        self.next_id = 0
        self.answers: dict[int, dict[str, Any]] = {}
        self.diagnostics: dict[str, dict[str, Any]] = {}  # uri -> last publish's params
        threading.Thread(target=self._read, daemon=True).start()
        threading.Thread(target=lambda: self.stderr.extend(self.process.stderr),  # type: ignore
                         daemon=True).start()

    def _read(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        while True:
            length = None
            while True:
                line = stream.readline()
                if not line:
                    self.incoming.put(None)
                    return
                if line in (b"\r\n", b"\n"):
                    break
                name, _, value = line.partition(b":")
                if name.strip().lower() == b"content-length":
                    length = int(value)
            self.incoming.put(json.loads(stream.read(length or 0)))

    def write(self, data: bytes) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(data)
        self.process.stdin.flush()

    def send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        self.write(b"Content-Length: %d\r\n\r\n%s" % (len(body), body))

    def notify(self, method: str, params: Any) -> None:
        self.send({"method": method, "params": params})

    def request(self, method: str, params: Any) -> int:
        self.next_id += 1
        self.send({"id": self.next_id, "method": method, "params": params})
        return self.next_id

    def pump(self, timeout: float) -> dict[str, Any] | None:
        """The next message (filed as an answer or diagnostics), or None after `timeout`."""
        try:
            message = self.incoming.get(timeout=timeout)
        except queue.Empty:
            return None
        if message is None:
            raise EOFError("the server closed its output")
        if "id" in message and "method" not in message:
            self.answers[message["id"]] = message
        elif message.get("method") == "textDocument/publishDiagnostics":
            self.diagnostics[message["params"]["uri"]] = message["params"]
        return message

    def wait(self, request_id: int, timeout: float = 60.0) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while request_id not in self.answers:
            if self.pump(max(0.0, deadline - time.monotonic())) is None \
                    and time.monotonic() >= deadline:
                raise TimeoutError(f"no answer to request {request_id} in {timeout} s")
        return self.answers[request_id]

    def call(self, method: str, params: Any, timeout: float = 60.0) -> dict[str, Any]:
        return self.wait(self.request(method, params), timeout)

    def initialize(self, root: Path, options: dict[str, Any] | None = None) -> None:
        self.call("initialize", {"processId": os.getpid(), "rootUri": root.as_uri(),
                                 "capabilities": {}, "initializationOptions": options})
        self.notify("initialized", {})

    def published(self, uri: str, version: int, timeout: float = 60.0) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while self.diagnostics.get(uri, {}).get("version") != version:
            if time.monotonic() >= deadline:
                raise TimeoutError(f"no diagnostics of version {version} in {timeout} s")
            self.pump(0.05)
        return self.diagnostics[uri]

    def rss_mb(self) -> float:
        status = Path(f"/proc/{self.process.pid}/status").read_text()
        return int(re.search(r"VmRSS:\s+(\d+)", status).group(1)) / 1024  # type: ignore

    def close(self) -> int:
        try:
            self.call("shutdown", None, timeout=30)
            self.notify("exit", None)
            return self.process.wait(30)
        except (OSError, EOFError, TimeoutError, subprocess.TimeoutExpired):
            self.process.kill()
            return self.process.wait(30)


# ------------------------------------------------------------------ the session

class Session:
    """The editing session: the client's copy of the text and what it sent."""

    def __init__(self, client: StdioClient, uri: str, text: str, rng: random.Random):
        self.client, self.uri, self.text, self.rng = client, uri, text, rng
        self.version = 1
        self.requests: list[int] = []
        self.edits = 0

    def position(self) -> tuple[int, int]:
        starts, rng = line_starts(self.text), self.rng
        if rng.random() < 0.04:  # past the document's end
            return len(starts) + rng.randint(0, 5), rng.randint(0, 80)
        line = rng.randrange(len(starts))
        end = starts[line + 1] if line + 1 < len(starts) else len(self.text)
        width = to_position(self.text, starts, len(self.text[:end].rstrip("\r\n")))[1] \
            if end > starts[line] else 0
        extra = rng.randint(1, 20) if rng.random() < 0.05 else 0  # past the line's end
        return line, rng.randint(0, width + extra)

    def change(self) -> dict[str, Any]:
        """One random change, applied to the client's copy."""
        rng = self.rng
        shrink = len(self.text) > 3000
        kind = rng.choices(["insert", "delete", "replace"], [1, 3, 1] if shrink else [5, 2, 2])[0]
        start, end = self.position(), self.position()
        starts = line_starts(self.text)
        a, b = (to_offset(self.text, starts, *start), to_offset(self.text, starts, *end))
        if a > b:
            (a, start), (b, end) = (b, end), (a, start)
        if kind == "insert":
            end = start
        elif rng.random() < 0.9:  # mostly a few characters, as typing and backspace make
            end = to_position(self.text, starts, min(a + rng.randint(1, 6), len(self.text)))
        elif b - a > 200:
            end = to_position(self.text, starts, a + rng.randint(1, 200))
        a, b = to_offset(self.text, starts, *start), to_offset(self.text, starts, *end)
        new = "" if kind == "delete" else "".join(
            rng.choice(SNIPPETS if rng.random() < 0.6 else GARBAGE)
            for _ in range(rng.randint(1, 3)))
        self.text = self.text[:a] + new + self.text[b:]
        return {"range": {"start": {"line": start[0], "character": start[1]},
                          "end": {"line": end[0], "character": end[1]}}, "text": new}

    def edit(self) -> None:
        self.version += 1
        self.edits += 1
        if self.rng.random() < 0.01:  # the whole text at once, as after an undo to the start
            self.text = START[Path(self.uri).suffix[1:]]
            changes = [{"text": self.text}]
        else:
            changes = [self.change() for _ in range(2 if self.rng.random() < 0.03 else 1)]
        self.client.notify("textDocument/didChange", {
            "textDocument": {"uri": self.uri, "version": self.version},
            "contentChanges": changes})

    def ask(self) -> None:
        """A hover, completion or code action at a random position, answered later."""
        line, character = self.position()
        where = {"textDocument": {"uri": self.uri},
                 "position": {"line": line, "character": character}}
        method = self.rng.choice(["textDocument/hover", "textDocument/completion",
                                  "textDocument/codeAction"])
        if method == "textDocument/codeAction":
            found = self.client.diagnostics.get(self.uri, {}).get("diagnostics", [])
            at = {"line": line, "character": character}
            where = {"textDocument": {"uri": self.uri}, "range": {"start": at, "end": at},
                     "context": {"diagnostics": self.rng.sample(found, min(len(found), 3))}}
        self.requests.append(self.client.request(method, where))

    def pause(self, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0:
            self.client.pump(left)
        while self.client.pump(0) is not None:
            pass


def cli_diagnostics(command: list[str], path: Path, text: str) -> list[tuple[Any, ...]]:
    """`fclint check` on `text` written to `path`, as LSP ranges."""
    path.write_bytes(text.encode("utf-8"))
    done = subprocess.run([*command[:-1], "check", "--format", "json", "--no-cache", str(path)],
                          capture_output=True, text=True, cwd=path.parent, timeout=300,
                          check=False)
    if done.returncode not in (0, 1):
        raise RuntimeError(f"fclint check failed: {done.stderr.strip()}")
    starts, bom = line_starts(text), text.startswith("\ufeff")

    def lsp_position(line: int, column: int) -> tuple[int, int]:
        offset = starts[line - 1] + column - 1 + (1 if bom and line == 1 else 0)
        return to_position(text, starts, min(offset, len(text)))

    return sorted((d["code"], *lsp_position(d["line"], d["column"]),
                   *lsp_position(d["end_line"], d["end_column"]), d["message"])
                  for d in json.loads(done.stdout or "[]"))


def lsp_diagnostics(published: dict[str, Any]) -> list[tuple[Any, ...]]:
    return sorted((d["code"], d["range"]["start"]["line"], d["range"]["start"]["character"],
                   d["range"]["end"]["line"], d["range"]["end"]["character"], d["message"])
                  for d in published["diagnostics"])


def soak(args: argparse.Namespace) -> dict[str, Any]:
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory(prefix="fclint-soak-") as folder:
        root = Path(folder)
        path = root / f"soak.{args.format}"
        text = START[args.format]
        path.write_text(text, encoding="utf-8")
        client = StdioClient(args.server, root)
        client.initialize(root)
        uri = path.as_uri()
        client.notify("textDocument/didOpen", {"textDocument": {
            "uri": uri, "languageId": args.format, "version": 1, "text": text}})
        client.published(uri, 1)
        session = Session(client, uri, text, rng)
        report: dict[str, Any] = {"edits": args.edits, "seed": args.seed, "format": args.format,
                                  "rss_open_mb": client.rss_mb(), "checkpoints": [],
                                  "diverged": []}
        started = time.monotonic()
        while session.edits < args.edits:
            for _ in range(min(rng.randint(1, 40), args.edits - session.edits)):
                session.edit()
                if rng.random() < 0.05:
                    session.ask()
                if rng.random() < 0.0002:  # a frame that is not JSON: dropped by the server
                    client.write(b"Content-Length: 5\r\n\r\n{{{{{")
                if session.edits % CHECK_EVERY == 0:
                    sent = time.monotonic()
                    client.call("textDocument/hover", {
                        "textDocument": {"uri": uri}, "position": {"line": 0, "character": 3}})
                    hover_s = time.monotonic() - sent
                    # the server's diagnostics of this version against `fclint check`'s
                    found = lsp_diagnostics(client.published(uri, session.version))
                    expected = cli_diagnostics(args.server, path, session.text)
                    if found != expected:
                        report["diverged"].append({"edits": session.edits, "text": session.text,
                                                   "server": found, "cli": expected})
                    report["checkpoints"].append(
                        {"edits": session.edits, "hover_s": hover_s, "rss_mb": client.rss_mb(),
                         "findings": len(found)})
            session.pause(rng.uniform(0, 0.04))
        report["seconds"] = time.monotonic() - started
        final = client.published(uri, session.version)
        errors = []
        for request_id in session.requests:
            answer = client.wait(request_id, 60)
            if "error" in answer:
                errors.append(answer["error"])
        report["requests"], report["errors"] = len(session.requests), errors
        report["rss_end_mb"] = client.rss_mb()
        report["diagnostics"] = lsp_diagnostics(final)
        report["cli"] = cli_diagnostics(args.server, path, session.text)
        report["exit"] = client.close()
        report["final_text"] = session.text
    return report


def verdicts(report: dict[str, Any]) -> list[tuple[str, bool]]:
    points = report["checkpoints"]
    base = points[0]["rss_mb"] if points else report["rss_open_mb"]
    growth = report["rss_end_mb"] - base
    slowest = max((p["hover_s"] for p in points), default=0.0)
    return [
        ((f"every checkpoint hover answered within {ANSWER_WITHIN:g} s "
         f"(slowest {slowest * 1000:.0f} ms)"), slowest <= ANSWER_WITHIN),
        (f"diagnostics of the last version equal `fclint check` ({len(report['cli'])} findings)",
         report["diagnostics"] == report["cli"]),
        ((f"and at each of the {len(points)} checkpoints "
         f"({sum(p['findings'] for p in points)} findings in all, "
         f"{len(report['diverged'])} checkpoints differing)"), not report["diverged"]),
        ((f"{report['requests']} hover/completion/code-action requests answered, "
         f"{len(report['errors'])} with an error"), not report["errors"]),
        (f"VmRSS grew {growth:+.1f} MB since the first checkpoint (at most {RSS_GROWTH_MB:g})",
         growth <= RSS_GROWTH_MB),
        ("the server exited 0 after shutdown and exit", report["exit"] == 0),
    ]


# ------------------------------------------------------------------ hover latency

def hover_latency(args: argparse.Namespace) -> list[dict[str, Any]]:
    """Median and p95 of hover on `maxAsyncRetryAttempts` in a 200- and a 5,000-line s.yaml
    (lsp_latency.py's documents): right after an edit that flips the key's value (the hover
    finds the document changed since its last lint), and again once its diagnostics are out."""
    sys.path.insert(0, str(HERE))
    from lsp_latency import make_syaml

    rows = []
    with tempfile.TemporaryDirectory(prefix="fclint-hover-") as folder:
        root = Path(folder)
        client = StdioClient(args.server, root)
        client.initialize(root)
        for lines, every in ((200, 4), (5000, 3)):
            text, line = make_syaml(lines, every)
            uri = (root / f"s{lines}.yaml").as_uri()
            client.notify("textDocument/didOpen", {"textDocument": {
                "uri": uri, "languageId": "yaml", "version": 1, "text": text}})
            client.published(uri, 1)
            column = text.splitlines()[line].index("maxAsyncRetryAttempts") + 3
            value_at = text.splitlines()[line].index(": ") + 2
            times, settled = [], []
            for version in range(2, args.hovers + 2):
                flip = "9" if version % 2 else "3"
                client.notify("textDocument/didChange", {
                    "textDocument": {"uri": uri, "version": version}, "contentChanges": [{
                        "range": {"start": {"line": line, "character": value_at},
                                  "end": {"line": line, "character": value_at + 1}},
                        "text": flip}]})
                sent = time.monotonic()
                answer = client.call("textDocument/hover", {
                    "textDocument": {"uri": uri},
                    "position": {"line": line, "character": column}})
                times.append((time.monotonic() - sent) * 1000)
                assert answer.get("result"), answer
                client.published(uri, version)
                sent = time.monotonic()  # again, on the text its diagnostics are of
                client.call("textDocument/hover", {
                    "textDocument": {"uri": uri},
                    "position": {"line": line, "character": column}})
                settled.append((time.monotonic() - sent) * 1000)
            for when, values in (("after an edit", times), ("unchanged", settled)):
                values.sort()
                rows.append({"lines": lines, "when": when, "median_ms": statistics.median(values),
                             "p95_ms": values[int(0.95 * (len(values) - 1))],
                             "max_ms": values[-1]})
        client.close()
    return rows


def many_keys(args: argparse.Namespace) -> list[dict[str, Any]]:
    """Seconds from `didOpen` to the published diagnostics of a JSON body of 1,000, 5,000 and
    10,000 unknown keys (one FC001 each; issue 18 measured 1.8, 39.5 and 158 s), and from one
    edit of it to its next publish."""
    rows = []
    with tempfile.TemporaryDirectory(prefix="fclint-keys-") as folder:
        root = Path(folder)
        client = StdioClient(args.server, root)
        client.initialize(root, {"fclint": {"debounceMs": 0}})
        for keys in (1000, 5000, 10000):
            text = ('{"maxAsyncRetryAttempts": 3, '
                    + ", ".join(f'"unknownKey{n}": {n}' for n in range(keys)) + "}\n")
            uri = (root / f"keys{keys}.json").as_uri()
            sent = time.monotonic()
            client.notify("textDocument/didOpen", {"textDocument": {
                "uri": uri, "languageId": "json", "version": 1, "text": text}})
            found = len(client.published(uri, 1, timeout=600)["diagnostics"])
            opened = time.monotonic() - sent
            sent = time.monotonic()
            client.notify("textDocument/didChange", {
                "textDocument": {"uri": uri, "version": 2}, "contentChanges": [{
                    "range": {"start": {"line": 0, "character": 1},
                              "end": {"line": 0, "character": 1}}, "text": " "}]})
            client.published(uri, 2, timeout=600)
            rows.append({"keys": keys, "bytes": len(text), "findings": found, "open_s": opened,
                         "edit_s": time.monotonic() - sent})
        client.close()
    return rows


def machine() -> str:
    load = os.getloadavg() if hasattr(os, "getloadavg") else (0.0, 0.0, 0.0)
    return (f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {os.cpu_count()} cores, "
            f"{platform.system()} {platform.release()}, Python {platform.python_version()}, "
            f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--edits", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=20261203)
    parser.add_argument("--format", choices=sorted(START), default="json")
    parser.add_argument("--server", type=shlex.split, default=SERVER,
                        help="the server's command line (default: this python -m fclint lsp)")
    parser.add_argument("--hover-latency", action="store_true",
                        help="time hover on lsp_latency.py's documents instead of soaking")
    parser.add_argument("--hovers", type=int, default=50)
    parser.add_argument("--many-keys", action="store_true",
                        help="time bodies of 1,000 to 10,000 unknown keys instead of soaking")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()
    print(machine())
    if args.hover_latency:
        rows = hover_latency(args)
        for row in rows:
            print(f"hover, {row['lines']:,}-line s.yaml, {row['when']}: "
                  f"median {row['median_ms']:.1f} ms, "
                  f"p95 {row['p95_ms']:.1f} ms, max {row['max_ms']:.1f} ms")
        if args.json:
            args.json.write_text(json.dumps(rows, indent=1))
        return 0
    if args.many_keys:
        for row in many_keys(args):
            print(f"{row['keys']:>6,} keys ({row['bytes'] / 1000:.0f} kB, {row['findings']:,} "
                  f"findings): open to publish {row['open_s']:.2f} s, an edit to publish "
                  f"{row['edit_s']:.2f} s")
        return 0
    report = soak(args)
    for point in report["checkpoints"]:
        print(f"{point['edits']:>7,} edits: hover {point['hover_s'] * 1000:6.1f} ms, "
              f"VmRSS {point['rss_mb']:.1f} MB, {point['findings']} findings")
    print(f"{report['edits']:,} edits in {report['seconds']:.0f} s; VmRSS {report['rss_open_mb']:.1f}"
          f" MB after opening, {report['rss_end_mb']:.1f} MB at the end")
    results = verdicts(report)
    for text, ok in results:
        print(f"{'PASS' if ok else 'FAIL'}: {text}")
    if report["diagnostics"] != report["cli"]:
        report["diverged"].append({"edits": "end", "text": report["final_text"],
                                   "server": report["diagnostics"], "cli": report["cli"]})
    for case in report["diverged"][:3]:
        print(f"after {case['edits']} edits, text {case['text']!r}:\n  server: {case['server']}"
              f"\n  fclint check: {case['cli']}")
    if args.json:
        args.json.write_text(json.dumps({**report, "verdicts": results}, indent=1, default=str))
    return 0 if all(ok for _, ok in results) else 1


if __name__ == "__main__":
    sys.exit(main())
