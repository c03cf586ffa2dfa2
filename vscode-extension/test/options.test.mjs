// Reading the client's own settings (src/options.ts) and what the status item says (src/status.ts).

import assert from "node:assert/strict";
import { test } from "node:test";
import {
  DEFAULT_COMMAND, explicitCommand, INSTALL_SPEC, installSpec, interpreterSetting,
  resolveVariables, serverCommand,
} from "../dist/options.mjs";
import { statusView } from "../dist/status.mjs";

test("fclint.interpreter is a path, or a program and its arguments", () => {
  const cases = [
    ["/venv/bin/python", ["/venv/bin/python"]],
    ["  /venv/bin/python ", ["/venv/bin/python"]],
    [["py", "-3.12"], ["py", "-3.12"]],
    ["", undefined], [[], undefined], [[""], undefined], [["py", 3], undefined], [null, undefined],
  ];
  for (const [value, expected] of cases) assert.deepEqual(interpreterSetting(value), expected, JSON.stringify(value));
});

test("fclint.server.command counts only when it is set", () => {
  assert.equal(explicitCommand([]), undefined);
  assert.equal(explicitCommand(undefined), undefined);
  assert.equal(explicitCommand(["fclint", ""]), undefined);
  assert.deepEqual(explicitCommand(["/opt/fclint", "lsp"]), ["/opt/fclint", "lsp"]);
  assert.deepEqual(serverCommand(null), DEFAULT_COMMAND); // $FCLINT_SERVER unset in the tests
});

test("variables are expanded as the Python tool extensions expand them", () => {
  const vars = { workspaceFolder: "/work/project", userHome: "/home/me", env: { VENV: "/venvs/a" } };
  assert.deepEqual(resolveVariables(
    ["${workspaceFolder}/.venv/bin/python", "~/bin/python", "${env:VENV}/bin/python", "${env:UNSET}x",
      "~other/python", "${userHome}/py", "${unknown}"], vars),
  ["/work/project/.venv/bin/python", "/home/me/bin/python", "/venvs/a/bin/python", "x",
    "~other/python", "/home/me/py", "${unknown}"]);
  assert.deepEqual(resolveVariables(["${workspaceFolder}/python"], { env: {} }), ["${workspaceFolder}/python"]);
});

test("an empty fclint.installSpec installs the built-in spec", () => {
  assert.equal(installSpec(""), INSTALL_SPEC);
  assert.equal(installSpec("   "), INSTALL_SPEC);
  assert.equal(installSpec(undefined), INSTALL_SPEC);
  assert.equal(installSpec(" /src/fclint[lsp] "), "/src/fclint[lsp]");
  // fclint is not on a package index: the repository, and the plain install holds the server.
  assert.match(INSTALL_SPEC, /^fclint @ git\+https:\/\//, "from the repository");
});

test("the status item says the state, the interpreter and where it came from", () => {
  const found = { kind: "ready", command: ["/venv/bin/python", "-m", "fclint", "lsp"],
    interpreter: ["/venv/bin/python"], source: "python", notes: [] };
  assert.deepEqual(statusView("running", found), {
    text: "$(check) fclint",
    tooltip: "fclint language server: running\nInterpreter: /venv/bin/python\n" +
      "Command: /venv/bin/python -m fclint lsp\nFrom the interpreter selected in the Python extension\n" +
      "Click to show the server log",
    error: false,
  });
  assert.equal(statusView("starting").text, "$(loading~spin) fclint");
  assert.equal(statusView("stopped").text, "$(circle-slash) fclint");
  const missing = { kind: "missing", interpreter: ["python3"], source: "default",
    reason: "fclint is not installed in python3", installable: true, notes: [] };
  const view = statusView("error", missing);
  assert.equal(view.error, true);
  assert.equal(view.text, "$(error) fclint");
  assert.match(view.tooltip, /Interpreter: python3\n.*\nfclint is not installed in python3\n/);
});
