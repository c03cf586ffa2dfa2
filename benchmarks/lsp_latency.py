"""Time `didChange` -> `publishDiagnostics` for `fclint lsp` and yaml-language-server, side by side.

    python benchmarks/lsp_latency.py            # from the repository root, with the venv's python

Two Serverless Devs `s.yaml` documents, written by this script: a 200-line one whose async config
sits in one service among others (vars, VPC, logs, NAS, triggers, domains), and a 5,000-line
one with many services, an async config in every third. Each edit flips one value
(`maxAsyncRetryAttempts: 9` <-> `3`, so fclint's FC006 comes and goes) in the config nearest the
middle; the client waits for the server's diagnostics of that edit, then for 50 ms of quiet,
before the next edit. Latency is from the moment the `didChange` is written to the pipe to the
moment the matching `publishDiagnostics` is read (the version when the server sends one, else
the first publish for the document after the change).

Servers, each started once and given both documents in turn:
- fclint with its defaults (a short debounce: DEFAULT_DEBOUNCE_MS in fclint/lsp/settings.py);
- fclint with `initializationOptions: {"fclint": {"debounceMs": 0}}`: the same minus debounce;
- yaml-language-server (npm, installed into benchmarks/node_modules on first run) with the
  project's `schemas/fc2-request.schema.json` associated to `*.yaml` by the `yaml.schemas`
  setting. The request schema describes an API body, so at the root of an s.yaml it reports
  the top-level keys: the server parses and validates the whole document on every edit.
Each server's resident memory (VmRSS, and the peak VmHWM) is read from /proc after its run.

The client is raw JSON-RPC over the servers' stdio (asyncio subprocesses), no editor; it
sends each server the kind of change its `textDocumentSync` asks for (fclint: the full text;
yaml-language-server: the edited range).
"""

from __future__ import annotations

import argparse
import asyncio
import datetime
import itertools
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fclint.lsp.settings import DEFAULT_DEBOUNCE_MS

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SCHEMA = ROOT / "schemas" / "fc2-request.schema.json"
YAML_LS = HERE / "node_modules" / "yaml-language-server" / "bin" / "yaml-language-server"
YAML_LS_PACKAGE = "yaml-language-server@1.25.0"
QUIET = 0.05  # seconds of no message after a publish before the next edit
# Targets of issue 4.
TARGET_RATIO_SMALL, TARGET_RATIO_LARGE = 0.2, 0.5  # fclint median / yaml-language-server median
TARGET_P95_SMALL_MS, TARGET_RSS_MB = 60.0, 150.0


# ---------------------------------------------------------------- documents

SERVICE = """\
  {name}:
    component: devsapp/fc
    props:
      region: ${{vars.region}}
      service:
        name: {name}
        description: 'service {index} of the benchmark'
        internetAccess: true
        role: acs:ram::1234567890123456:role/aliyunfcdefaultrole
        logConfig:
          project: bench-logs
          logstore: {name}-store
        vpcConfig:
          vpcId: vpc-bp1abc{index:04d}
          securityGroupId: sg-bp1abc{index:04d}
          vswitchIds:
            - vsw-bp1abc{index:04d}
      function:
        name: {name}-handler
        description: handles the {name} events
        codeUri: ./code/{name}
        handler: index.handler
        memorySize: 512
        runtime: python3.10
        timeout: 60
        environmentVariables:
          STAGE: prod
          SERVICE_INDEX: '{index}'
"""
ASYNC = """\
        asyncConfiguration:
          destination:
            onSuccess: acs:mns:cn-hangzhou:1234567890123456:/queues/{name}-ok/messages
            onFailure: acs:fc:cn-hangzhou:1234567890123456:services/{name}.LATEST/functions/dlq
          maxAsyncEventAgeInSeconds: 86400
          maxAsyncRetryAttempts: 3
          statefulInvocation: false
"""
TRIGGERS = """\
      triggers:
        - name: {name}-timer
          type: timer
          config:
            cronExpression: '@every 5m'
            enable: true
      customDomains:
        - domainName: auto
          protocol: HTTP
          routeConfigs:
            - path: /{name}/*
"""
HEADER = """\
edition: 1.0.0
name: lsp-latency-benchmark
access: default

vars:
  region: cn-hangzhou
  logProject: bench-logs

services:
"""


def make_syaml(lines: int, async_every: int) -> tuple[str, int]:
    """An s.yaml of exactly `lines` lines (padded with comments) and the 0-based line of the
    `maxAsyncRetryAttempts` the edits flip: the config nearest the middle."""
    parts, retry_lines = [HEADER], []
    for index in itertools.count():
        name = f"svc-{index:04d}"
        block = SERVICE.format(name=name, index=index)
        if index % async_every == async_every // 2:
            block += ASYNC.format(name=name)
        block += TRIGGERS.format(name=name)
        if sum(p.count("\n") for p in parts) + block.count("\n") > lines:
            break
        start = sum(p.count("\n") for p in parts)
        retry_lines += [start + n for n, text in enumerate(block.splitlines())
                        if "maxAsyncRetryAttempts" in text]
        parts.append(block)
    text = "".join(parts)
    text += "# padding\n" * (lines - text.count("\n"))
    return text, retry_lines[len(retry_lines) // 2]


# ---------------------------------------------------------------- a JSON-RPC client


@dataclass
class Server:
    """One language server over stdio; publishes are stamped when they are read."""

    name: str
    process: asyncio.subprocess.Process
    settings: dict[str, Any] = field(default_factory=dict)  # answers workspace/configuration
    next_id: int = 0
    waiting: dict[int, asyncio.Future[Any]] = field(default_factory=dict)
    publishes: asyncio.Queue[tuple[float, dict[str, Any]]] = field(default_factory=asyncio.Queue)
    last_message: float = 0.0
    extra: int = 0  # publishes for the document beyond the one that answered an edit
    reader: asyncio.Task[None] | None = None

    @classmethod
    async def start(cls, name: str, argv: list[str], settings: dict[str, Any],
                    log: Path) -> Server:
        with log.open("wb") as stderr:  # the child keeps its own descriptor
            process = await asyncio.create_subprocess_exec(
                *argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=stderr,
                limit=1 << 24)
        server = cls(name, process, settings)
        server.reader = asyncio.create_task(server._read())
        return server

    async def _write(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode()
        assert self.process.stdin is not None
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
        await self.process.stdin.drain()

    async def _read(self) -> None:
        stdout = self.process.stdout
        assert stdout is not None
        while True:
            length = 0
            while (line := await stdout.readline()) not in (b"\r\n", b""):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            if not line:
                return
            message = json.loads(await stdout.readexactly(length))
            self.last_message = now = time.perf_counter()
            if "id" in message and "method" not in message:
                self.waiting.pop(message["id"]).set_result(message)
            elif message.get("method") == "textDocument/publishDiagnostics":
                self.publishes.put_nowait((now, message["params"]))
            elif "id" in message:  # a request of the server's: configuration, registrations
                result: Any = None
                if message["method"] == "workspace/configuration":
                    result = [self.settings.get(item.get("section")) for item in
                              message["params"]["items"]]
                await self._write({"id": message["id"], "result": result})

    async def request(self, method: str, params: Any) -> Any:
        self.next_id += 1
        future = self.waiting[self.next_id] = asyncio.get_running_loop().create_future()
        await self._write({"id": self.next_id, "method": method, "params": params})
        answer = await asyncio.wait_for(future, 60)
        if "error" in answer:
            raise RuntimeError(f"{self.name}: {method}: {answer['error']}")
        return answer["result"]

    async def notify(self, method: str, params: Any) -> None:
        await self._write({"method": method, "params": params})

    async def quiet(self, uri: str) -> None:
        """Wait until the server has said nothing for QUIET seconds, then drop its publishes
        (counting those for `uri`: a second publish for one edit)."""
        while time.perf_counter() - self.last_message < QUIET:
            await asyncio.sleep(QUIET / 5)
        while not self.publishes.empty():
            self.extra += self.publishes.get_nowait()[1]["uri"] == uri

    async def publish(self, uri: str, version: int, sent: float) -> tuple[float, list[Any]]:
        """The first publish for `uri` that answers the change of `version` sent at `sent`."""
        while True:
            stamp, params = await asyncio.wait_for(self.publishes.get(), 60)
            if params["uri"] != uri or stamp < sent:
                continue
            if params.get("version") is not None and params["version"] < version:
                continue
            return stamp, params["diagnostics"]

    def memory_mb(self) -> tuple[float, float]:
        """(VmRSS, VmHWM) of the server process in MB."""
        status = Path(f"/proc/{self.process.pid}/status").read_text()
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        rss, peak = (int(fields[key].split()[0]) / 1024 for key in ("VmRSS", "VmHWM"))
        return rss, peak

    async def stop(self) -> None:
        try:
            await self.request("shutdown", None)
            await self.notify("exit", None)
            await asyncio.wait_for(self.process.wait(), 10)
        except (TimeoutError, ConnectionError, RuntimeError):
            self.process.kill()
            await self.process.wait()
        if self.reader is not None:
            self.reader.cancel()


# ---------------------------------------------------------------- the measurement


@dataclass(frozen=True)
class Case:
    name: str
    text: str
    line: int  # the edited line (0-based)


@dataclass
class Result:
    latencies: dict[str, list[float]] = field(default_factory=dict)  # case -> ms
    seen: dict[str, dict[str, str]] = field(default_factory=dict)  # case -> code -> a message
    extra: int = 0
    memory: tuple[float, float] = (0.0, 0.0)
    version: str = ""


async def measure(name: str, argv: list[str], init: dict[str, Any], settings: dict[str, Any],
                  cases: list[Case], edits: int, warmup: int, workdir: Path) -> Result:
    log = workdir / (name.split()[0] + ".stderr.log")
    server = await Server.start(name, argv, settings, log)
    result = Result()
    answer = await server.request("initialize", {
        "processId": os.getpid(), "rootUri": workdir.as_uri(), "workspaceFolders": None,
        "capabilities": {  # push diagnostics: no textDocument.diagnostic (pull) capability
            "textDocument": {"publishDiagnostics": {"versionSupport": True},
                             "synchronization": {"dynamicRegistration": False}},
            "workspace": {"configuration": True, "didChangeConfiguration": {}},
        },
        "initializationOptions": init,
    })
    info = answer.get("serverInfo") or {}
    result.version = f"{info.get('name', name)} {info.get('version', '')}".strip()
    sync = answer["capabilities"].get("textDocumentSync", 1)
    incremental = (sync.get("change") if isinstance(sync, dict) else sync) == 2
    await server.notify("initialized", {})
    await server.notify("workspace/didChangeConfiguration", {"settings": settings})
    for case in cases:
        uri = (workdir / case.name / "s.yaml").as_uri()
        lines = case.text.splitlines(keepends=True)
        await server.notify("textDocument/didOpen", {"textDocument": {
            "uri": uri, "languageId": "yaml", "version": 0, "text": case.text}})
        await server.publish(uri, 0, 0.0)
        await server.quiet(uri)
        timings, seen = [], result.seen.setdefault(case.name, {})
        for version in range(1, warmup + edits + 1):
            old = lines[case.line]
            new = old.replace(": 3", ": 9") if ": 3" in old else old.replace(": 9", ": 3")
            lines[case.line] = new
            column = old.index(":") + 2
            if incremental:
                change = {"range": {"start": {"line": case.line, "character": column},
                                    "end": {"line": case.line, "character": column + 1}},
                          "text": new[column]}
            else:
                change = {"text": "".join(lines)}
            sent = time.perf_counter()
            await server.notify("textDocument/didChange", {
                "textDocument": {"uri": uri, "version": version}, "contentChanges": [change]})
            stamp, diagnostics = await server.publish(uri, version, sent)
            if version > warmup:
                timings.append((stamp - sent) * 1000)
            seen.update((str(d.get("code")), d["message"][:50]) for d in diagnostics)
            await server.quiet(uri)
        result.latencies[case.name] = timings
        await server.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
    result.memory, result.extra = server.memory_mb(), server.extra
    await server.stop()
    return result


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def yaml_language_server(node: str | None, install: bool) -> list[str] | None:
    """The command line of yaml-language-server, installing it with npm when asked."""
    if node is None:
        return None
    if not YAML_LS.exists() and install and (npm := shutil.which("npm")):
        subprocess.run([npm, "install", "--prefix", str(HERE), "--no-save", "--no-package-lock",
                        "--no-audit", "--no-fund", YAML_LS_PACKAGE], check=True)
    return [node, str(YAML_LS), "--stdio"] if YAML_LS.exists() else None


def table(results: dict[str, Result], cases: list[Case]) -> str:
    rows = ["| server | document | median ms | p95 ms | min ms | max ms | RSS MB (peak) |",
            "| --- | --- | ---: | ---: | ---: | ---: | ---: |"]
    for label, result in results.items():
        for case in cases:
            times = result.latencies[case.name]
            rows.append(f"| {label} | {case.name} | {statistics.median(times):.1f} | "
                        f"{percentile(times, 0.95):.1f} | {min(times):.1f} | {max(times):.1f} | "
                        f"{result.memory[0]:.0f} ({result.memory[1]:.0f}) |")
    return "\n".join(rows)


def verdicts(results: dict[str, Result], small: str, large: str) -> list[str]:
    def median(label: str, case: str) -> float:
        return statistics.median(results[label].latencies[case])

    out = []
    for label in (key for key in results if key.startswith("fclint")):
        times = results[label].latencies[small]
        checks = [(f"p95 on {small} < {TARGET_P95_SMALL_MS:.0f} ms",
                   percentile(times, 0.95) < TARGET_P95_SMALL_MS),
                  (f"RSS < {TARGET_RSS_MB:.0f} MB", results[label].memory[0] < TARGET_RSS_MB)]
        if "yaml-language-server" in results:
            for case, target in ((small, TARGET_RATIO_SMALL), (large, TARGET_RATIO_LARGE)):
                ratio = median(label, case) / median("yaml-language-server", case)
                text = f"median on {case} <= {target:g} x yaml-language-server's (is {ratio:.2f})"
                checks.append((text, ratio <= target))
        out += [f"- {label}: {text}: {'PASS' if ok else 'MISS'}" for text, ok in checks]
    return out


async def run(args: argparse.Namespace) -> int:
    small, small_line = make_syaml(200, 6)
    large, large_line = make_syaml(5000, 3)
    cases = [Case("200 lines", small, small_line), Case("5,000 lines", large, large_line)]
    workdir = Path(args.workdir).resolve()
    for case in cases:
        (workdir / case.name).mkdir(parents=True, exist_ok=True)
    fclint = [sys.executable, "-m", "fclint", "lsp"]
    servers: list[tuple[str, list[str], dict[str, Any], dict[str, Any]]] = [
        (f"fclint (default: {DEFAULT_DEBOUNCE_MS} ms debounce)", fclint, {}, {}),
        ("fclint (debounceMs 0)", fclint, {"fclint": {"debounceMs": 0}}, {}),
    ]
    yaml_ls = yaml_language_server(args.node or shutil.which("node"), not args.no_install)
    if yaml_ls is None:
        print("yaml-language-server not found (needs node and npm): fclint only", file=sys.stderr)
    else:
        yaml_settings = {"yaml": {"validate": True, "hover": False, "completion": False,
                                  "schemas": {SCHEMA.as_uri(): "*.yaml"},
                                  "schemaStore": {"enable": False}}}
        servers.append(("yaml-language-server", yaml_ls, {}, yaml_settings))
    results = {}
    for label, argv, init, settings in servers:
        print(f"measuring {label} ...", file=sys.stderr)
        results[label] = await measure(label, argv, init, settings, cases, args.edits,
                                       args.warmup, workdir)
    print(f"## didChange -> publishDiagnostics, {args.edits} edits per document "
          f"({datetime.date.today()}, {os.cpu_count()} cores, Python "
          f"{platform.python_version()})\n")
    print(table(results, cases))
    print("\nServers: " + "; ".join(f"{k}: {r.version}" for k, r in results.items()))
    print("Diagnostic codes seen: " + "; ".join(
        f"{k} / {c}: {', '.join(f'{code} {text!r}' for code, text in sorted(v.items()))}"
        for k, r in results.items()
        for c, v in r.seen.items()))
    print("Publishes beyond one per edit: " + "; ".join(
        f"{k}: {r.extra}" for k, r in results.items()))
    print("\n" + "\n".join(verdicts(results, cases[0].name, cases[1].name)))
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=50, help="timed edits per document")
    parser.add_argument("--warmup", type=int, default=5, help="untimed edits first")
    parser.add_argument("--node", help="the node binary (default: node on PATH)")
    parser.add_argument("--no-install", action="store_true",
                        help="do not npm-install yaml-language-server when it is missing")
    parser.add_argument("--workdir", default=str(HERE / "corpus" / "lsp"),
                        help="where the documents' URIs point (folders made, no file written)")
    return asyncio.run(run(parser.parse_args()))


if __name__ == "__main__":
    raise SystemExit(main())
