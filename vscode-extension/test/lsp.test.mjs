// The real `fclint lsp`, spoken to with vscode-languageserver-protocol (the library under
// vscode-languageclient) and configured as the extension configures it: the same document
// settings section, the same initializationOptions, the same capabilities that matter.
// The server command is $FCLINT_SERVER (a JSON array), by default ["fclint", "lsp"].

import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { pathToFileURL } from "node:url";
import {
  CodeActionRequest, ConfigurationRequest, createProtocolConnection,
  DiagnosticRefreshRequest, DidChangeConfigurationNotification, DidOpenTextDocumentNotification,
  DocumentDiagnosticRequest, ExitNotification, HoverRequest, InitializedNotification,
  InitializeRequest, LogMessageNotification, PublishDiagnosticsNotification,
  RegistrationRequest, ShowMessageNotification, ShutdownRequest, StreamMessageReader,
  StreamMessageWriter,
} from "vscode-languageserver-protocol/node.js";
import {
  initializationOptions, lintSettings, SECTION, serverCommand, synchronizedSettings,
} from "../dist/options.mjs";

const TIMEOUT = 30_000; // ms: generous for a loaded 2-core machine; passing tests never wait it out
const RETRIES = '{\n  "maxAsyncRetryAttempts": 9\n}\n';
const manifest = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
const properties = manifest.contributes.configuration.properties;

// The user's settings, as VS Code would hold them: the contributed defaults, overridden.
const settings = Object.fromEntries(Object.entries(properties).map(
  ([key, schema]) => [key.slice(SECTION.length + 1), schema.default]));

// What vscode-languageclient's `synchronize.configurationSection` sends for our keys: each
// `fclint.key` whose value is truthy, nested under `fclint`.
function synchronizedPayload() {
  const result = {};
  for (const dotted of synchronizedSettings) {
    const [section, key] = dotted.split(".");
    if (settings[key]) (result[section] ??= {})[key] = settings[key];
  }
  return { settings: result };
}

const command = serverCommand(JSON.parse(process.env.FCLINT_SERVER ?? "null"));
const folder = mkdtempSync(join(tmpdir(), "fclint-vscode-"));
const messages = [];
const refreshes = [];
let server;
let connection;
let capabilities;
let gone; // rejects when the server process fails to start or exits


function within(promise, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no ${what} within ${TIMEOUT} ms`)), TIMEOUT);
  });
  return Promise.race([promise, timeout, ...(gone ? [gone] : [])]).finally(() => clearTimeout(timer));
}

function open(name, text) {
  const uri = pathToFileURL(join(folder, name)).href;
  connection.sendNotification(DidOpenTextDocumentNotification.type,
    { textDocument: { uri, languageId: "json", version: 1, text } });
  return uri;
}

async function pull(uri) {
  const report = await within(connection.sendRequest(DocumentDiagnosticRequest.type,
    { textDocument: { uri } }), "diagnostics");
  assert.equal(report.kind, "full");
  return report.items;
}

const range = (line, start, end) =>
  ({ start: { line, character: start }, end: { line, character: end } });

before(async () => {
  server = spawn(command[0], command.slice(1), { stdio: ["pipe", "pipe", "inherit"] });
  gone = new Promise((_, reject) => {
    server.once("error", (error) => { connection = undefined; reject(error); });
    server.once("exit", (code) => reject(new Error(`the server exited (${code})`)));
  });
  gone.catch(() => {}); // only the requests that race it report it
  connection = createProtocolConnection(
    new StreamMessageReader(server.stdout), new StreamMessageWriter(server.stdin));
  connection.onNotification(ShowMessageNotification.type, (params) => messages.push(params));
  connection.onNotification(LogMessageNotification.type, (params) => messages.push(params));
  connection.onNotification(PublishDiagnosticsNotification.type, () => {});
  connection.onRequest(RegistrationRequest.type, () => null);
  connection.onRequest(DiagnosticRefreshRequest.type, () => { refreshes.push(Date.now()); return null; });
  connection.onRequest(ConfigurationRequest.type, ({ items }) =>
    items.map((item) => item.section === SECTION ? lintSettings(settings) : null));
  connection.listen();
  const result = await within(connection.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: pathToFileURL(folder).href,
    workspaceFolders: [{ uri: pathToFileURL(folder).href, name: "test" }],
    initializationOptions: initializationOptions((key) => settings[key]),
    capabilities: { // the parts of vscode-languageclient 9's capabilities the server reads
      general: { positionEncodings: ["utf-16"] },
      textDocument: {
        synchronization: { dynamicRegistration: true, didSave: true },
        publishDiagnostics: { relatedInformation: true, versionSupport: false, codeDescriptionSupport: true, dataSupport: true },
        diagnostic: { dynamicRegistration: true, relatedDocumentSupport: false },
        hover: { dynamicRegistration: true, contentFormat: ["markdown", "plaintext"] },
        codeAction: {
          dynamicRegistration: true, isPreferredSupport: true, dataSupport: true,
          codeActionLiteralSupport: { codeActionKind: { valueSet: ["", "quickfix", "refactor", "source"] } },
        },
      },
      workspace: {
        configuration: true, workspaceFolders: true,
        didChangeConfiguration: { dynamicRegistration: true },
        diagnostics: { refreshSupport: true },
      },
    },
  }), "initialize answer");
  capabilities = result.capabilities;
  connection.sendNotification(InitializedNotification.type, {});
  // As the client does right after start when synchronize.configurationSection is set.
  connection.sendNotification(DidChangeConfigurationNotification.type, synchronizedPayload());
});

after(async () => {
  if (connection && server.exitCode === null) {
    const exited = new Promise((resolve) => server.once("exit", (code) => resolve(code)));
    gone = undefined; // from here on the server is meant to exit
    await within(connection.sendRequest(ShutdownRequest.type), "shutdown answer");
    connection.sendNotification(ExitNotification.type);
    assert.equal(await within(exited, "server exit"), 0);
    connection.dispose();
  }
  rmSync(folder, { recursive: true, force: true });
});

test("the server offers what the extension relies on", () => {
  assert.ok(capabilities.diagnosticProvider, "pull diagnostics");
  assert.ok(capabilities.hoverProvider, "hover");
  assert.ok(capabilities.codeActionProvider, "code actions");
});

test("a retry count over the limit is FC006 on the value", async () => {
  const items = await pull(open("retries.json", RETRIES));
  assert.deepEqual(items.map((d) => [d.code, d.range, d.severity, d.source]),
    [["FC006", range(1, 27, 28), 1, "fclint"]]);
  assert.match(items[0].message, /^9 /);
});

test("hover on a key explains it", async () => {
  const uri = open("hover.json", RETRIES);
  const hover = await within(connection.sendRequest(HoverRequest.type,
    { textDocument: { uri }, position: { line: 1, character: 10 } }), "hover");
  assert.equal(hover.contents.kind, "markdown");
  assert.match(hover.contents.value, /maxAsyncRetryAttempts/);
  assert.deepEqual(hover.range, range(1, 2, 25));
});

test("the quick fix for FC006 clamps the value", async () => {
  const uri = open("fix.json", RETRIES);
  const diagnostics = await pull(uri);
  const actions = await within(connection.sendRequest(CodeActionRequest.type, {
    textDocument: { uri }, range: diagnostics[0].range, context: { diagnostics, only: ["quickfix"] },
  }), "code actions");
  assert.equal(actions.length, 1);
  assert.equal(actions[0].kind, "quickfix");
  assert.deepEqual(actions[0].edit.changes[uri], [{ range: range(1, 27, 28), newText: "8" }]);
});

test("settings changed in the editor reach the server", async () => {
  const uri = open("settings.json", RETRIES);
  const before = refreshes.length;
  settings.ignore = ["FC006"];
  try {
    connection.sendNotification(DidChangeConfigurationNotification.type, synchronizedPayload());
    const deadline = Date.now() + TIMEOUT;
    while (refreshes.length === before && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    assert.ok(refreshes.length > before, "the server asks the client to pull again");
    assert.deepEqual(await pull(uri), []);
  } finally {
    settings.ignore = [];
    connection.sendNotification(DidChangeConfigurationNotification.type, synchronizedPayload());
  }
  assert.deepEqual((await pull(uri)).map((d) => d.code), ["FC006"]);
  // No setting the extension sends was refused (the server warns and keeps the old ones).
  assert.deepEqual(messages.filter((m) => m.type <= 2).map((m) => m.message), []);
});
