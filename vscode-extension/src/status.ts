// What the status-bar item says about the server, kept free of `vscode` for the tests.

import { Found, SOURCES } from "./discovery";
import { shellLine } from "./install";

export type ServerState = "starting" | "running" | "stopped" | "error";

export interface StatusView {
  text: string;
  tooltip: string;
  error: boolean;
}

const ICONS: Record<ServerState, string> = {
  starting: "$(loading~spin)",
  running: "$(check)",
  stopped: "$(circle-slash)",
  error: "$(error)",
};

/** The item for a state, with where the server came from (once known) and what went wrong. */
export function statusView(state: ServerState, found?: Found, problem?: string): StatusView {
  const lines = [`fclint language server: ${state}`];
  if (found?.interpreter) lines.push(`Interpreter: ${shellLine(found.interpreter)}`);
  if (found?.kind === "ready") lines.push(`Command: ${shellLine(found.command)}`);
  if (found) lines.push(`From ${SOURCES[found.source]}`);
  const why = problem ?? (found?.kind === "missing" ? found.reason : undefined);
  if (why && state === "error") lines.push(why);
  lines.push("Click to show the server log");
  return { text: `${ICONS[state]} fclint`, tooltip: lines.join("\n"), error: state === "error" };
}
