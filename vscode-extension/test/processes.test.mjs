// The real lookups (src/processes.ts): PATH, the interpreter probe against a real Python, and
// running a command to its exit code.

import assert from "node:assert/strict";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { probe, run, which } from "../dist/processes.mjs";
import { DEFAULT_INTERPRETER, serverCommand } from "../dist/options.mjs";

const folder = mkdtempSync(join(tmpdir(), "fclint-processes-"));
after(() => rmSync(folder, { recursive: true, force: true }));

function file(path, mode) {
  mkdirSync(join(folder, path, ".."), { recursive: true });
  writeFileSync(join(folder, path), "#!/bin/sh\n");
  chmodSync(join(folder, path), mode);
  return join(folder, path);
}

test("which finds the first executable on PATH, as a shell does", { skip: process.platform === "win32" }, async () => {
  file("a/fclint", 0o644); // not executable: passed over
  const found = file("b/fclint", 0o755);
  file("c/fclint", 0o755);
  mkdirSync(join(folder, "d/fclint"), { recursive: true }); // a folder: passed over
  const PATH = ["a", "d", "b", "c"].map((dir) => join(folder, dir)).join(":");
  assert.equal(await which("fclint", { PATH }, "linux"), found);
  assert.equal(await which("fclint", { PATH: join(folder, "a") }, "linux"), undefined);
  assert.equal(await which("fclint", {}, "linux"), undefined);
});

test("which tries PATHEXT's suffixes on Windows", async () => {
  const found = file("w/fclint.CMD", 0o644);
  assert.equal(await which("fclint", { Path: join(folder, "w"), PATHEXT: ".EXE;.CMD" }, "win32"), found);
});

// The interpreter the Python test hands over as $FCLINT_SERVER (`<python> -m fclint lsp`).
const server = serverCommand(JSON.parse(process.env.FCLINT_SERVER ?? "null"));
const interpreter = server.slice(-3).join(" ") === "-m fclint lsp" ? server.slice(0, -3) : undefined;

test("the probe finds fclint and its server's packages in the Python that runs the server",
  { skip: interpreter ? false : "FCLINT_SERVER does not name `<python> -m fclint lsp`" }, async () => {
    const answer = await probe(interpreter, folder);
    assert.equal(answer.ran, true, answer.error);
    assert.deepEqual(answer.missing, []);
    assert.ok(answer.version[0] === 3 && answer.version[1] >= 11, String(answer.version));
  });

test("the probe reports the modules a Python lacks; a bare folder named fclint is not fclint", async (t) => {
  const python = interpreter ?? DEFAULT_INTERPRETER;
  mkdirSync(join(folder, "project", "fclint"), { recursive: true }); // a namespace package to Python
  // -S: no site-packages, so only the standard library and the cwd (for -c) are on sys.path.
  const answer = await probe([...python, "-S"], join(folder, "project"));
  if (!answer.ran) return t.skip(`no Python to probe: ${answer.error}`);
  assert.deepEqual(answer.missing, ["fclint", "pygls", "lsprotocol"]);
});

test("the probe says why an interpreter did not answer", async () => {
  assert.deepEqual(await probe([join(folder, "no-such-python")]), { ran: false, error: "no such program" });
  const answer = await probe([process.execPath, "-e", "process.exit(3)", "--"], folder);
  assert.equal(answer.ran, false);
});

test("run hands on the output and resolves to the exit code", async () => {
  let output = "";
  const code = await run([process.execPath, "-e", "console.log('hi'); console.error('ho'); process.exit(3)"],
    (text) => { output += text; });
  assert.equal(code, 3);
  assert.match(output, /hi/);
  assert.match(output, /ho/);
  assert.match(await run([join(folder, "no-such-pip")], () => {}), /ENOENT/);
});

test("run stops when cancelled", async () => {
  const abort = new AbortController();
  const running = run([process.execPath, "-e", "setTimeout(() => {}, 60000)"], () => {}, { signal: abort.signal });
  setTimeout(() => abort.abort(), 50);
  assert.equal(await running, "cancelled");
});
