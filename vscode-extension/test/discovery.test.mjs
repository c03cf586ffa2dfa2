// The order in which the extension looks for the server (src/discovery.ts), with the Python
// extension's API, the PATH lookup and the interpreter probe faked.

import assert from "node:assert/strict";
import { test } from "node:test";
import { findServer, parseProbe } from "../dist/discovery.mjs";
import { DEFAULT_INTERPRETER } from "../dist/options.mjs";

const PY3 = DEFAULT_INTERPRETER.join(" ");
const OK = { ran: true, version: [3, 12, 4], missing: [] };
const BARE = { ran: true, version: [3, 12, 4], missing: ["fclint", "pygls", "lsprotocol"] };
const NO_PYGLS = { ran: true, version: [3, 11, 0], missing: ["pygls", "lsprotocol"] };
const OLD = { ran: true, version: [3, 9, 18], missing: ["fclint", "pygls", "lsprotocol"] };
const GONE = { ran: false, error: "no such program" };

/** The Python extension's `environments`, selecting `executable` (undefined: none; an Error: it
 * fails), and recording the resources asked about. */
function pythonExtension(executable) {
  const asked = [];
  return {
    asked,
    getActiveEnvironmentPath(resource) {
      asked.push(resource);
      return { id: String(executable), path: String(executable) };
    },
    async resolveEnvironment(path) {
      if (executable instanceof Error) throw executable;
      return { executable: { uri: executable === undefined ? undefined : { fsPath: path.path } } };
    },
  };
}

/** A host with `selected` in the Python extension (omit: not installed), `onPath` as PATH's
 * fclint, and `probes` answering for each interpreter; records what was looked at. */
function fakeHost(options) {
  const { selected, onPath, probes = {} } = options;
  const looked = [];
  return {
    looked,
    python: "selected" in options ? pythonExtension(selected) : undefined,
    resource: "file:///work/project",
    which: async (name) => { looked.push(`which ${name}`); return name === "fclint" ? onPath : undefined; },
    probe: async (interpreter) => {
      looked.push(`probe ${interpreter.join(" ")}`);
      return probes[interpreter.join(" ")] ?? GONE;
    },
  };
}

const CASES = {
  "fclint.server.command wins over everything, unprobed": {
    settings: { command: ["/opt/fclint", "lsp", "--stdio"], interpreter: ["/set/python"] },
    host: { selected: "/venv/bin/python", onPath: "/usr/bin/fclint", probes: { "/set/python": OK } },
    ready: ["/opt/fclint", "lsp", "--stdio"], source: "server.command", looked: [],
  },
  "fclint.interpreter comes next, before the Python extension": {
    settings: { interpreter: ["/set/python"] },
    host: { selected: "/venv/bin/python", onPath: "/usr/bin/fclint", probes: { "/set/python": OK, "/venv/bin/python": OK } },
    ready: ["/set/python", "-m", "fclint", "lsp"], source: "interpreter", looked: ["probe /set/python"],
  },
  "fclint.interpreter with its arguments": {
    settings: { interpreter: ["py", "-3.12"] },
    host: { probes: { "py -3.12": OK } },
    ready: ["py", "-3.12", "-m", "fclint", "lsp"], source: "interpreter", looked: ["probe py -3.12"],
  },
  "fclint.interpreter lacking fclint is offered the install, not passed over": {
    settings: { interpreter: ["/set/python"] },
    host: { selected: "/venv/bin/python", onPath: "/usr/bin/fclint", probes: { "/set/python": BARE, "/venv/bin/python": OK } },
    missing: ["/set/python"], installable: true, source: "interpreter", looked: ["probe /set/python"],
  },
  "then the interpreter selected in the Python extension": {
    host: { selected: "/venv/bin/python", onPath: "/usr/bin/fclint", probes: { "/venv/bin/python": OK, [PY3]: OK } },
    ready: ["/venv/bin/python", "-m", "fclint", "lsp"], source: "python", looked: ["probe /venv/bin/python"],
  },
  "then fclint on PATH, when the selected interpreter lacks fclint": {
    host: { selected: "/venv/bin/python", onPath: "/usr/bin/fclint", probes: { "/venv/bin/python": BARE, [PY3]: OK } },
    ready: ["/usr/bin/fclint", "lsp"], source: "path", looked: ["probe /venv/bin/python", "which fclint"],
  },
  "then fclint on PATH, without the Python extension": {
    host: { onPath: "/usr/bin/fclint", probes: { [PY3]: OK } },
    ready: ["/usr/bin/fclint", "lsp"], source: "path", looked: ["which fclint"],
  },
  "then fclint on PATH, when the Python extension has nothing selected": {
    host: { selected: undefined, onPath: "/usr/bin/fclint" },
    ready: ["/usr/bin/fclint", "lsp"], source: "path", looked: ["which fclint"],
  },
  "then fclint on PATH, when the Python extension fails": {
    host: { selected: new Error("not ready"), onPath: "/usr/bin/fclint" },
    ready: ["/usr/bin/fclint", "lsp"], source: "path", looked: ["which fclint"],
  },
  "python3 last": {
    host: { probes: { [PY3]: OK } },
    ready: [...DEFAULT_INTERPRETER, "-m", "fclint", "lsp"], source: "default", looked: ["which fclint", `probe ${PY3}`],
  },
  "fclint nowhere: the install goes to the selected interpreter, not python3": {
    host: { selected: "/venv/bin/python", probes: { "/venv/bin/python": BARE, [PY3]: BARE } },
    missing: ["/venv/bin/python"], installable: true, source: "python", looked: ["probe /venv/bin/python", "which fclint"],
  },
  "fclint nowhere, no Python extension: the install goes to python3": {
    host: { probes: { [PY3]: BARE } },
    missing: DEFAULT_INTERPRETER, installable: true, source: "default", looked: ["which fclint", `probe ${PY3}`],
  },
  "fclint without the server's packages is installable too": {
    settings: { interpreter: ["/set/python"] },
    host: { probes: { "/set/python": NO_PYGLS } },
    missing: ["/set/python"], installable: true, source: "interpreter", looked: ["probe /set/python"],
    reason: "fclint in /set/python lacks the language server's pygls and lsprotocol",
  },
  "a Python older than fclint's is not installable": {
    settings: { interpreter: ["/old/python"] },
    host: { probes: { "/old/python": OLD } },
    missing: ["/old/python"], installable: false, source: "interpreter", looked: ["probe /old/python"],
    reason: "/old/python is Python 3.9.18; fclint needs Python 3.11 or later",
  },
  "an interpreter that does not run is not installable": {
    settings: { interpreter: ["/no/python"] },
    host: {},
    missing: ["/no/python"], installable: false, source: "interpreter", looked: ["probe /no/python"],
    reason: "could not run /no/python: no such program",
  },
};

for (const [name, expected] of Object.entries(CASES)) {
  test(name, async () => {
    const host = fakeHost(expected.host);
    const found = await findServer(expected.settings ?? {}, host);
    assert.equal(found.source, expected.source);
    if (expected.ready) {
      assert.equal(found.kind, "ready", found.reason);
      assert.deepEqual(found.command, expected.ready);
    } else {
      assert.equal(found.kind, "missing");
      assert.deepEqual(found.interpreter, expected.missing);
      assert.equal(found.installable, expected.installable);
      if (expected.reason) assert.equal(found.reason, expected.reason);
    }
    assert.deepEqual(host.looked, expected.looked);
  });
}

test("the Python extension is asked about the workspace folder", async () => {
  const host = fakeHost({ selected: "/venv/bin/python", probes: { "/venv/bin/python": OK } });
  await findServer({}, host);
  assert.deepEqual(host.python.asked, ["file:///work/project"]);
});

test("the notes say each step, for the log", async () => {
  const host = fakeHost({ selected: "/venv/bin/python", onPath: "/usr/bin/fclint", probes: { "/venv/bin/python": BARE } });
  const found = await findServer({}, host);
  assert.deepEqual(found.notes, [
    "the interpreter selected in the Python extension, /venv/bin/python: fclint is not installed in /venv/bin/python",
    "fclint on PATH: /usr/bin/fclint",
  ]);
});

test("the probe's answer is its last line of JSON", () => {
  assert.deepEqual(parseProbe('noise\n{"version": [3, 12, 1], "missing": ["pygls"]}\n'),
    { ran: true, version: [3, 12, 1], missing: ["pygls"] });
  assert.equal(parseProbe(""), undefined);
  assert.equal(parseProbe("Python 2.7.18\n"), undefined);
  assert.equal(parseProbe('{"version": 3}'), undefined);
});
