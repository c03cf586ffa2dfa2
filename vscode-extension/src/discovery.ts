// Where the language server comes from, decided without `vscode`: the Python extension's API,
// the PATH lookup and the probe of an interpreter are handed in, so the tests can fake them.
//
// The order: `fclint.server.command` when set; else `fclint.interpreter`; else the interpreter
// selected in the Python extension, if fclint is installed there; else `fclint` on PATH; else
// the Python extension's interpreter after all (to install fclint into), or else `python3`.

import { DEFAULT_INTERPRETER, MIN_PYTHON } from "./options";

export type Source = "server.command" | "interpreter" | "python" | "path" | "default";

/** Where each source's server came from, as the log and the status tooltip say it. */
export const SOURCES: Record<Source, string> = {
  "server.command": "the fclint.server.command setting",
  interpreter: "the fclint.interpreter setting",
  python: "the interpreter selected in the Python extension",
  path: "fclint on PATH",
  default: "the default interpreter",
};

/** A command to start the server with. */
export interface Ready {
  kind: "ready";
  command: string[];
  interpreter?: string[];
  source: Source;
  notes: string[];
}

/** An interpreter that cannot run the server; `installable` when pip could fix that. */
export interface Missing {
  kind: "missing";
  interpreter: string[];
  source: Source;
  reason: string;
  installable: boolean;
  notes: string[];
}

export type Found = Ready | Missing;

/** What an interpreter said to PROBE_SCRIPT, or why it could not be run. */
export type Probe = { ran: true; version: number[]; missing: string[] } | { ran: false; error: string };

/** The part of the Python extension's `environments` API used here (`@vscode/python-extension`). */
export interface PythonEnvironments {
  getActiveEnvironmentPath(resource?: unknown): { id: string; path: string };
  resolveEnvironment(environment: { id: string; path: string }):
    Promise<{ executable: { uri?: { fsPath: string } } } | undefined>;
}

export interface Host {
  /** The Python extension's environments API, when that extension is installed. */
  python?: PythonEnvironments;
  /** The folder whose selected interpreter counts (multi-root: the first). */
  resource?: unknown;
  which(name: string): Promise<string | undefined>;
  probe(interpreter: string[]): Promise<Probe>;
}

export interface LaunchSettings {
  command?: string[];
  interpreter?: string[];
}

// The modules `fclint lsp` needs; a namespace package (a bare folder named so) does not count.
const MODULES = ["fclint", "pygls", "lsprotocol"];

/** Run with `<interpreter> -c`: prints the version and the missing modules as JSON, and imports
 * nothing, so it answers in the time the interpreter takes to start. */
export const PROBE_SCRIPT = [
  "import json, sys",
  "try:",
  "    from importlib.util import find_spec",
  `    missing = [n for n in ${JSON.stringify(MODULES)} if getattr(find_spec(n), "origin", None) is None]`,
  "except Exception:",
  `    missing = ${JSON.stringify(MODULES)}`,
  "print(json.dumps({'version': list(sys.version_info[:3]), 'missing': missing}))",
].join("\n");

/** The probe's answer, from the last line of its output. */
export function parseProbe(stdout: string): Probe | undefined {
  try {
    const answer = JSON.parse(stdout.trim().split("\n").pop() ?? "");
    if (Array.isArray(answer.version) && Array.isArray(answer.missing)) {
      return { ran: true, version: answer.version, missing: answer.missing };
    }
  } catch {
    // not the probe's output: say so below
  }
  return undefined;
}

function older(version: number[], minimum: readonly number[]): boolean {
  const at = minimum.findIndex((part, i) => (version[i] ?? 0) !== part);
  return at >= 0 && (version[at] ?? 0) < minimum[at];
}

/** The server command of one interpreter, or why it has none. The steps taken go on `notes`,
 * which every answer shares. */
async function withInterpreter(interpreter: string[], source: Source, host: Host,
  notes: string[]): Promise<Found> {
  const shown = interpreter.join(" ");
  const probe = await host.probe(interpreter);
  const missing = (reason: string, installable: boolean): Missing => {
    notes.push(`${SOURCES[source]}, ${shown}: ${reason}`);
    return { kind: "missing", interpreter, source, reason, installable, notes };
  };
  if (!probe.ran) return missing(`could not run ${shown}: ${probe.error}`, false);
  if (older(probe.version, MIN_PYTHON)) {
    return missing(`${shown} is Python ${probe.version.join(".")}; fclint needs Python ` +
      `${MIN_PYTHON.join(".")} or later`, false);
  }
  if (probe.missing.includes("fclint")) return missing(`fclint is not installed in ${shown}`, true);
  if (probe.missing.length > 0) {
    return missing(`fclint in ${shown} lacks the language server's ${probe.missing.join(" and ")}`, true);
  }
  notes.push(`${SOURCES[source]}, ${shown}: fclint is installed`);
  return { kind: "ready", command: [...interpreter, "-m", "fclint", "lsp"], interpreter, source, notes };
}

/** The interpreter selected in the Python extension, or undefined (with a note saying why). */
async function selectedInterpreter(python: PythonEnvironments, resource: unknown,
  notes: string[]): Promise<string[] | undefined> {
  try {
    const environment = await python.resolveEnvironment(python.getActiveEnvironmentPath(resource));
    const executable = environment?.executable.uri?.fsPath;
    if (executable) return [executable];
    notes.push("the Python extension has no interpreter selected");
  } catch (error) {
    notes.push(`the Python extension did not say which interpreter is selected: ${String(error)}`);
  }
  return undefined;
}

/** Where the server comes from (see the order at the top). */
export async function findServer(settings: LaunchSettings, host: Host): Promise<Found> {
  const notes: string[] = [];
  if (settings.command) {
    return { kind: "ready", command: settings.command, source: "server.command", notes };
  }
  if (settings.interpreter) return withInterpreter(settings.interpreter, "interpreter", host, notes);
  let selected: Found | undefined;
  const interpreter = host.python && await selectedInterpreter(host.python, host.resource, notes);
  if (interpreter) {
    selected = await withInterpreter(interpreter, "python", host, notes);
    if (selected.kind === "ready") return selected;
  }
  const onPath = await host.which("fclint");
  notes.push(onPath ? `fclint on PATH: ${onPath}` : "no fclint on PATH");
  if (onPath) return { kind: "ready", command: [onPath, "lsp"], source: "path", notes };
  // Offer to install into the interpreter the user selected rather than into python3.
  return selected ?? withInterpreter(DEFAULT_INTERPRETER, "default", host, notes);
}
