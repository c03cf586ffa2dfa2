// The offer to install fclint (src/install.ts) where discovery (src/discovery.ts) finds it
// missing, with the notification, pip and the restart faked.

import assert from "node:assert/strict";
import { test } from "node:test";
import { findServer } from "../dist/discovery.mjs";
import {
  INSTALL, installCommand, offerInstall, SELECT_INTERPRETER, shellLine, SHOW_LOG,
} from "../dist/install.mjs";
import { INSTALL_SPEC, installSpec } from "../dist/options.mjs";

const BARE = { ran: true, version: [3, 12, 4], missing: ["fclint", "pygls", "lsprotocol"] };
const OK = { ran: true, version: [3, 12, 4], missing: [] };

/** A UI whose user clicks `clicks` in turn, and whose pip exits with `exit`; records it all. */
function fakeUi({ clicks = [], exit = 0, onInstall = () => {}, picker = false } = {}) {
  const events = [];
  const ui = {
    events,
    ask: async (message, buttons, severity) => {
      events.push(["ask", severity, message, buttons]);
      return clicks.shift();
    },
    install: async (command) => { events.push(["install", command]); onInstall(); return exit; },
    restart: async () => { events.push(["restart"]); },
    showLog: () => { events.push(["log"]); },
  };
  if (picker) ui.selectInterpreter = async () => { events.push(["select"]); };
  return ui;
}

const missing = (overrides = {}) => ({
  kind: "missing", interpreter: ["/venv/bin/python"], source: "python",
  reason: "fclint is not installed in /venv/bin/python", installable: true, notes: [], ...overrides,
});

test("missing fclint: the prompt, pip's exact command line, then the restart finds it", async () => {
  const probes = { "/venv/bin/python": BARE };
  const host = {
    python: {
      getActiveEnvironmentPath: () => ({ id: "venv", path: "/venv/bin/python" }),
      resolveEnvironment: async (env) => ({ executable: { uri: { fsPath: env.path } } }),
    },
    which: async () => undefined,
    probe: async (interpreter) => probes[interpreter.join(" ")],
  };
  const found = await findServer({}, host);
  assert.equal(found.kind, "missing");
  let restarted;
  const ui = fakeUi({ clicks: [INSTALL], onInstall: () => { probes["/venv/bin/python"] = OK; } });
  ui.restart = async () => { ui.events.push(["restart"]); restarted = await findServer({}, host); };

  assert.equal(await offerInstall(found, installSpec(""), ui), "installed");
  assert.deepEqual(ui.events, [
    ["ask", "warning", "fclint: fclint is not installed in /venv/bin/python, so the language server cannot start.",
      [INSTALL, SHOW_LOG]],
    ["install", ["/venv/bin/python", "-m", "pip", "install", INSTALL_SPEC]],
    ["restart"],
  ]);
  assert.deepEqual(restarted.command, ["/venv/bin/python", "-m", "fclint", "lsp"]);
});

test("fclint.installSpec replaces the built-in spec", async () => {
  const ui = fakeUi({ clicks: [INSTALL] });
  await offerInstall(missing({ interpreter: ["py", "-3.12"] }), installSpec("/src/fclint[lsp]"), ui);
  assert.deepEqual(ui.events[1], ["install", ["py", "-3.12", "-m", "pip", "install", "/src/fclint[lsp]"]]);
  assert.deepEqual(installCommand(["python3"], INSTALL_SPEC), ["python3", "-m", "pip", "install", INSTALL_SPEC]);
});

test("a dismissed prompt installs nothing and restarts nothing", async () => {
  const ui = fakeUi();
  assert.equal(await offerInstall(missing(), INSTALL_SPEC, ui), "declined");
  assert.deepEqual(ui.events.map(([kind]) => kind), ["ask"]);
});

test("Show Server Log from the prompt opens the log, and installs nothing", async () => {
  const ui = fakeUi({ clicks: [SHOW_LOG] });
  assert.equal(await offerInstall(missing(), INSTALL_SPEC, ui), "declined");
  assert.deepEqual(ui.events.map(([kind]) => kind), ["ask", "log"]);
});

test("a failed install says so, with the command line, and does not restart", async () => {
  for (const [exit, how] of [[1, "exited with 1"], ["cancelled", "did not finish: cancelled"]]) {
    const ui = fakeUi({ clicks: [INSTALL, SHOW_LOG], exit });
    assert.equal(await offerInstall(missing(), INSTALL_SPEC, ui), "failed");
    assert.deepEqual(ui.events.slice(2), [
      ["ask", "error", `fclint: \`/venv/bin/python -m pip install '${INSTALL_SPEC}'\` ${how}. ` +
        "The server log has its output.", [SHOW_LOG]],
      ["log"],
    ]);
  }
});

test("an interpreter pip cannot fix gets no Install button; the picker is offered", async () => {
  const old = missing({ reason: "/old/python is Python 3.9.18; fclint needs Python 3.11 or later",
    interpreter: ["/old/python"], installable: false });
  const ui = fakeUi({ clicks: [SELECT_INTERPRETER], picker: true });
  assert.equal(await offerInstall(old, INSTALL_SPEC, ui), "selecting");
  assert.deepEqual(ui.events, [
    ["ask", "warning", "fclint: /old/python is Python 3.9.18; fclint needs Python 3.11 or later, so the " +
      "language server cannot start. Choose another interpreter, or set fclint.interpreter.",
      [SELECT_INTERPRETER, SHOW_LOG]],
    ["select"],
  ]);
});

test("with the Python extension, the prompt also offers its picker", async () => {
  const ui = fakeUi({ picker: true });
  await offerInstall(missing(), INSTALL_SPEC, ui);
  assert.deepEqual(ui.events[0][3], [INSTALL, SELECT_INTERPRETER, SHOW_LOG]);
});

test("command lines in messages are quoted as for a POSIX shell", () => {
  assert.equal(shellLine(["/a b/python", "-m", "pip", "install", "x[lsp] @ git+https://h/o/r", "it's"]),
    "'/a b/python' -m pip install 'x[lsp] @ git+https://h/o/r' 'it'\\''s'");
});
