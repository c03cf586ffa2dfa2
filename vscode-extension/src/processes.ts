// The real lookups behind discovery and install: PATH, the interpreter probe, running pip. Node
// only, no `vscode`, so the tests run them too.

import { execFile, spawn } from "node:child_process";
import { accessSync, constants, statSync } from "node:fs";
import { delimiter, join } from "node:path";
import { parseProbe, Probe, PROBE_SCRIPT } from "./discovery";

export const PROBE_TIMEOUT = 10_000; // ms: a cold interpreter on a loaded machine, a conda shim

/** The first executable `name` on PATH, as a shell would find it, or undefined. */
export async function which(name: string, env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform): Promise<string | undefined> {
  const windows = platform === "win32";
  const suffixes = windows ? ["", ...(env.PATHEXT ?? ".COM;.EXE;.BAT;.CMD").split(";")] : [""];
  const dirs = (env.PATH ?? env.Path ?? "").split(windows ? ";" : delimiter).filter(Boolean);
  for (const dir of dirs) {
    for (const suffix of suffixes) {
      const path = join(dir, name + suffix);
      try {
        if (!statSync(path).isFile()) continue;
        if (!windows) accessSync(path, constants.X_OK);
        return path;
      } catch {
        // not here
      }
    }
  }
  return undefined;
}

/** What `<interpreter> -c PROBE_SCRIPT` says, run in `cwd` as the server would be. */
export function probe(interpreter: string[], cwd?: string, timeout = PROBE_TIMEOUT): Promise<Probe> {
  const [program, ...args] = interpreter;
  return new Promise((resolve) => {
    execFile(program, [...args, "-c", PROBE_SCRIPT], { cwd, timeout, windowsHide: true },
      (error, stdout, stderr) => {
        const answer = parseProbe(stdout);
        if (answer) return resolve(answer);
        const code = (error as NodeJS.ErrnoException | null)?.code;
        const why = code === "ENOENT" ? "no such program"
          : error?.killed ? `no answer within ${timeout} ms`
          : (stderr.trim().split("\n").pop() || error?.message || "no answer");
        resolve({ ran: false, error: why });
      });
  });
}

/** Runs a command, handing its output on as it comes; resolves to the exit code, or to the
 * reason it did not run to its end. Git and pip are told not to ask: nobody could answer. */
export function run(command: string[], onOutput: (text: string) => void,
  options: { cwd?: string; signal?: AbortSignal } = {}): Promise<number | string> {
  const [program, ...args] = command;
  return new Promise((resolve) => {
    const child = spawn(program, args, {
      cwd: options.cwd, signal: options.signal, windowsHide: true, stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, GIT_TERMINAL_PROMPT: "0", PIP_NO_INPUT: "1" },
    });
    child.stdout.on("data", (data: Buffer) => onOutput(data.toString()));
    child.stderr.on("data", (data: Buffer) => onOutput(data.toString()));
    child.once("error", (error) => resolve(error.name === "AbortError" ? "cancelled" : error.message));
    child.once("close", (code, signal) => resolve(code ?? `stopped by ${signal}`));
  });
}
