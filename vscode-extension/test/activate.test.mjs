// The bundled extension (dist/extension.js) activated against a stand-in for the `vscode` module:
// the wiring of discovery, the install offer, the status item and the Python extension's change
// event. The stand-in answers the calls made here; vscode-languageclient gets empty classes, so
// a client that is ready to start fails in it, and the tests stop there.

import assert from "node:assert/strict";
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import Module, { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { INSTALL_SPEC } from "../dist/options.mjs";

const require = createRequire(import.meta.url);
const bundle = require.resolve("../dist/extension.js");
const folder = mkdtempSync(join(tmpdir(), "fclint-activate-"));
after(() => rmSync(folder, { recursive: true, force: true }));

// An interpreter whose probe says fclint is missing until its `-m pip install` ran.
const python = join(folder, "python");
writeFileSync(python, `#!/bin/sh
if [ "$1" = "-c" ]; then
  if [ -f "${folder}/installed" ]; then echo '{"version": [3, 12, 0], "missing": []}'
  else echo '{"version": [3, 12, 0], "missing": ["fclint", "pygls", "lsprotocol"]}'; fi
elif [ "$1 $2 $3" = "-m pip install" ]; then
  printf '%s\\n' "$@" > "${folder}/pip-args"; echo "Successfully installed fclint"; touch "${folder}/installed"
else exit 9; fi
`);
chmodSync(python, 0o755);

/** Activates a fresh copy of the bundle with `settings`, the Python extension's `environments`
 * (or none), and a user who clicks the first button of each notification. */
async function activate(settings, environments) {
  const events = [];
  const log = [];
  const status = { show() {}, hide() {}, dispose() {} };
  const disposable = () => ({ dispose() {} });
  const vscode = {
    workspace: {
      workspaceFolders: [{ uri: { scheme: "file", fsPath: folder } }],
      getConfiguration: () => ({ get: (key) => settings[key] }),
      onDidChangeConfiguration: disposable,
    },
    window: {
      createOutputChannel: () => ({ appendLine: (line) => log.push(line), append: (text) => log.push(text), show() {}, dispose() {} }),
      createStatusBarItem: () => status,
      onDidChangeActiveTextEditor: disposable,
      showWarningMessage: async (message, ...buttons) => { events.push(["warning", message, buttons]); return buttons[0]; },
      showErrorMessage: async (message, ...buttons) => { events.push(["error", message, buttons]); return undefined; },
      withProgress: (options, task) => {
        events.push(["progress", options.title]);
        return task({ report() {} }, { onCancellationRequested: disposable });
      },
    },
    commands: { registerCommand: disposable, executeCommand: async () => {} },
    extensions: {
      getExtension: (id) => id === "ms-python.python" && environments ? { isActive: true, exports: { environments } } : undefined,
    },
    languages: { match: () => 0 },
    ThemeColor: class { constructor(id) { this.id = id; } },
    StatusBarAlignment: { Left: 1, Right: 2 },
    ProgressLocation: { Notification: 15 },
  };
  const stub = new Proxy(vscode, { get: (target, key) => (key in target ? target[key] : (target[key] = class {})) });
  const load = Module._load;
  Module._load = function (request, ...rest) { return request === "vscode" ? stub : load.call(this, request, ...rest); };
  try {
    delete require.cache[bundle];
    const extension = require(bundle);
    await extension.activate({ subscriptions: [] });
    return { extension, events, log, status };
  } finally {
    Module._load = load;
  }
}

async function until(condition, what) {
  for (const deadline = Date.now() + 10_000; !condition();) {
    assert.ok(Date.now() < deadline, `no ${what} within 10 s`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

test("fclint missing from fclint.interpreter: the status, the offer, pip, and the restart",
  { skip: process.platform === "win32" && "a POSIX shell stands in for the interpreter" }, async () => {
    rmSync(join(folder, "installed"), { force: true });
    const { events, log, status } = await activate({ interpreter: python, installSpec: "" });
    assert.equal(status.text, "$(error) fclint");
    assert.match(status.tooltip, new RegExp(`Interpreter: ${python}\nFrom the fclint.interpreter setting\n`));
    await until(() => log.some((line) => line.includes("starting")), "restart");
    assert.deepEqual(events.slice(0, 2), [
      ["warning", `fclint: fclint is not installed in ${python}, so the language server cannot start.`,
        ["Install fclint", "Show Server Log"]],
      ["progress", `fclint: ${python} -m pip install '${INSTALL_SPEC}'`],
    ]);
    assert.deepEqual(readFileSync(join(folder, "pip-args"), "utf8").split("\n"),
      ["-m", "pip", "install", INSTALL_SPEC, ""]);
    assert.ok(log.includes("Successfully installed fclint\n"), "pip's output is in the log");
    assert.ok(log.includes(`[discovery] starting ${python} -m fclint lsp, from the fclint.interpreter setting`));
  });

test("the Python extension's interpreter, and its change event restarts",
  { skip: process.platform === "win32" && "a POSIX shell stands in for the interpreter" }, async () => {
    writeFileSync(join(folder, "installed"), "");
    const listeners = [];
    const environments = {
      getActiveEnvironmentPath: () => ({ id: python, path: python }),
      resolveEnvironment: async (env) => ({ executable: { uri: { fsPath: env.path } } }),
      onDidChangeActiveEnvironmentPath: (listener) => { listeners.push(listener); return { dispose() {} }; },
    };
    const { log } = await activate({}, environments);
    const starting = `[discovery] starting ${python} -m fclint lsp, from the interpreter selected in the Python extension`;
    assert.equal(log.filter((line) => line === starting).length, 1);
    assert.equal(listeners.length, 1);
    listeners[0]({ id: python, path: python });
    await until(() => log.filter((line) => line === starting).length === 2, "restart");
  });
