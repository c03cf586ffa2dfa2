// The fclint extension: starts `fclint lsp` and hands it documents and settings. All findings,
// hovers and fixes come from the server.

import * as vscode from "vscode";
import { LanguageClient, LanguageClientOptions, ServerOptions } from "vscode-languageclient/node";
import {
  documentSelector, initializationOptions, lintSettings, SECTION, serverCommand,
  synchronizedSettings,
} from "./options";

let client: LanguageClient | undefined;
let output: vscode.OutputChannel;

function createClient(): LanguageClient {
  const config = vscode.workspace.getConfiguration(SECTION);
  const [command, ...args] = serverCommand(config.get("server.command"));
  const serverOptions: ServerOptions = { command, args };
  const clientOptions: LanguageClientOptions = {
    documentSelector,
    outputChannel: output,
    initializationOptions: initializationOptions((key) => config.get(key)),
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
  client = createClient();
  try {
    await client.start();
  } catch (error) {
    const command = serverCommand(vscode.workspace.getConfiguration(SECTION).get("server.command"));
    void vscode.window.showErrorMessage(
      `fclint: could not start ${JSON.stringify(command)} (${String(error)}). ` +
      "Install the server with `pip install 'fclint[lsp]'` or set `fclint.server.command`.");
  }
}

async function stop(): Promise<void> {
  const running = client;
  client = undefined;
  if (running?.isRunning()) await running.stop();
}

async function restart(): Promise<void> {
  await stop();
  await start();
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel("fclint");
  context.subscriptions.push(
    output,
    vscode.commands.registerCommand("fclint.restartServer", restart),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(`${SECTION}.server`)) void restart();
    }),
  );
  await start();
}

export function deactivate(): Promise<void> {
  return stop();
}
