// The fclint extension: finds the `fclint lsp` server (src/discovery.ts), offers to install it
// where it is missing (src/install.ts), starts it and hands it documents and settings. All
// findings, hovers and fixes come from the server.

import { homedir } from "node:os";
import { PythonExtension } from "@vscode/python-extension";
import * as vscode from "vscode";
import { LanguageClient, LanguageClientOptions, ServerOptions, State } from "vscode-languageclient/node";
import { findServer, Found, LaunchSettings, SOURCES } from "./discovery";
import { InstallUi, offerInstall, shellLine, SHOW_LOG } from "./install";
import {
  documentSelector, explicitCommand, initializationOptions, installSpec, interpreterSetting,
  LAUNCH_SETTINGS, lintSettings, resolveVariables, SECTION, synchronizedSettings,
} from "./options";
import { probe, run, which } from "./processes";
import { ServerState, statusView } from "./status";

const PYTHON_EXTENSION = "ms-python.python";

let client: LanguageClient | undefined;
let found: Found | undefined;
let environments: PythonExtension["environments"] | undefined;
let output: vscode.OutputChannel;
let status: vscode.StatusBarItem;
let queue: Promise<void> = Promise.resolve(); // starts and stops, one at a time

/** The folder the server runs in and whose interpreter counts (multi-root: the first). */
function folder(): vscode.WorkspaceFolder | undefined {
  return vscode.workspace.workspaceFolders?.find((each) => each.uri.scheme === "file");
}

function config(): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration(SECTION, folder()?.uri);
}

function launchSettings(): LaunchSettings {
  const vars = { workspaceFolder: folder()?.uri.fsPath, userHome: homedir(), env: process.env };
  const resolve = (parts?: string[]) => parts && resolveVariables(parts, vars);
  return {
    command: resolve(explicitCommand(config().get("server.command"))),
    interpreter: resolve(interpreterSetting(config().get("interpreter"))),
  };
}

function showState(state: ServerState, problem?: string): void {
  const view = statusView(state, found, problem);
  status.text = view.text;
  status.tooltip = view.tooltip;
  status.backgroundColor = view.error ? new vscode.ThemeColor("statusBarItem.errorBackground") : undefined;
  showStatusWhereItMatters();
}

// Beside a document the server lints, and whenever something is wrong.
function showStatusWhereItMatters(): void {
  const document = vscode.window.activeTextEditor?.document;
  const linted = document !== undefined && vscode.languages.match(documentSelector, document) > 0;
  if (linted || status.backgroundColor) status.show();
  else status.hide();
}

async function pythonEnvironments(): Promise<PythonExtension["environments"] | undefined> {
  if (vscode.extensions.getExtension(PYTHON_EXTENSION) === undefined) return undefined;
  try {
    return (await PythonExtension.api()).environments;
  } catch (error) {
    output.appendLine(`[discovery] the Python extension's API is not available: ${String(error)}`);
    return undefined;
  }
}

function installUi(cwd: string | undefined): InstallUi {
  return {
    ask: (message, buttons, severity) => severity === "error"
      ? vscode.window.showErrorMessage(message, ...buttons)
      : vscode.window.showWarningMessage(message, ...buttons),
    install: (command) => vscode.window.withProgress({
      location: vscode.ProgressLocation.Notification, title: `fclint: ${shellLine(command)}`, cancellable: true,
    }, (progress, token) => {
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      output.appendLine(`> ${shellLine(command)}`);
      return run(command, (text) => {
        output.append(text);
        progress.report({ message: text.trim().split("\n").pop()?.slice(0, 120) });
      }, { cwd, signal: abort.signal });
    }),
    restart,
    showLog: () => output.show(),
    selectInterpreter: environments
      ? async () => { await vscode.commands.executeCommand("python.setInterpreter"); }
      : undefined,
  };
}

function createClient(serverOptions: ServerOptions): LanguageClient {
  const clientOptions: LanguageClientOptions = {
    documentSelector,
    outputChannel: output,
    initializationOptions: initializationOptions((key) => config().get(key)),
    synchronize: { configurationSection: synchronizedSettings },
    middleware: {
      workspace: {
        // The server may ask for the whole section: answer without the client's own settings.
        configuration: async (params, token, next) => {
          const answer = await next(params, token);
          if (!Array.isArray(answer)) return answer;
          return answer.map((value, i) => params.items[i]?.section === SECTION ? lintSettings(value) : value);
        },
      },
    },
  };
  return new LanguageClient("fclint", "fclint", serverOptions, clientOptions);
}

async function start(): Promise<void> {
  found = undefined;
  showState("starting");
  const cwd = folder()?.uri.fsPath;
  found = await findServer(launchSettings(), {
    python: environments, resource: folder()?.uri, which: (name) => which(name),
    probe: (interpreter) => probe(interpreter, cwd),
  });
  for (const note of found.notes) output.appendLine(`[discovery] ${note}`);
  if (found.kind === "missing") {
    showState("error");
    void offerInstall(found, installSpec(config().get("installSpec")), installUi(cwd));
    return;
  }
  output.appendLine(`[discovery] starting ${shellLine(found.command)}, from ${SOURCES[found.source]}`);
  const [command, ...args] = found.command;
  try {
    const started = createClient({ command, args, options: { cwd } });
    client = started;
    started.onDidChangeState(({ newState }) => {
      if (client !== started) return; // one that is being stopped
      if (newState === State.Stopped) showState("error", "The server stopped: see its log.");
      else showState(newState === State.Running ? "running" : "starting");
    });
    await started.start();
    showState("running");
  } catch (error) {
    showState("error", String(error));
    void vscode.window.showErrorMessage(`fclint: \`${shellLine(found.command)}\` did not start ` +
      `(${String(error)}).`, SHOW_LOG).then((choice) => { if (choice === SHOW_LOG) output.show(); });
  }
}

async function stop(): Promise<void> {
  const running = client;
  client = undefined;
  if (running?.isRunning()) await running.stop();
  showState("stopped");
}

function restart(): Promise<void> {
  queue = queue.then(stop).then(start).catch((error) => {
    output.appendLine(`fclint: ${String(error)}`);
    showState("error", String(error));
  });
  return queue;
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel("fclint");
  status = vscode.window.createStatusBarItem("fclint.status", vscode.StatusBarAlignment.Right, 100);
  status.name = "fclint";
  status.command = "fclint.showLog";
  context.subscriptions.push(
    output,
    status,
    vscode.commands.registerCommand("fclint.restartServer", restart),
    vscode.commands.registerCommand("fclint.showLog", () => output.show()),
    vscode.window.onDidChangeActiveTextEditor(showStatusWhereItMatters),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (LAUNCH_SETTINGS.some((key) => event.affectsConfiguration(key))) void restart();
    }),
  );
  environments = await pythonEnvironments();
  if (environments) {
    context.subscriptions.push(environments.onDidChangeActiveEnvironmentPath(() => {
      // A setting that names the server outranks the Python extension's choice.
      if (found?.source !== "server.command" && found?.source !== "interpreter") void restart();
    }));
  }
  await restart();
}

export function deactivate(): Promise<void> {
  return queue.then(stop);
}
