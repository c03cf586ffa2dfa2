// The offer to install fclint into an interpreter that lacks it, as a flow over an injected UI:
// say what is missing, on "Install fclint" run pip, then restart the server.

import type { Missing } from "./discovery";

export const INSTALL = "Install fclint";
export const SELECT_INTERPRETER = "Select Interpreter";
export const SHOW_LOG = "Show Server Log";

export type Outcome = "installed" | "failed" | "declined" | "selecting";

export interface InstallUi {
  /** A notification with buttons; resolves to the one clicked, or undefined when dismissed. */
  ask(message: string, buttons: string[], severity: "warning" | "error"): PromiseLike<string | undefined>;
  /** Runs the install command with progress; the exit code, or why it did not finish. */
  install(command: string[]): PromiseLike<number | string>;
  restart(): Promise<void>;
  showLog(): void;
  /** The Python extension's interpreter picker, when that extension is installed. */
  selectInterpreter?: () => Promise<void>;
}

/** `<interpreter> -m pip install <spec>`. */
export function installCommand(interpreter: string[], spec: string): string[] {
  return [...interpreter, "-m", "pip", "install", spec];
}

function quote(part: string): string {
  return /^[\w@%+=:,./-]+$/.test(part) ? part : `'${part.replace(/'/g, "'\\''")}'`;
}

/** A command line as it would be typed in a POSIX shell, for messages and the log. */
export function shellLine(command: string[]): string {
  return command.map(quote).join(" ");
}

/** Says what is missing and offers the fix; on a successful install, restarts the server. */
export async function offerInstall(missing: Missing, spec: string, ui: InstallUi): Promise<Outcome> {
  const buttons = [
    ...(missing.installable ? [INSTALL] : []),
    ...(ui.selectInterpreter ? [SELECT_INTERPRETER] : []),
    SHOW_LOG,
  ];
  const advice = missing.installable ? "" : " Choose another interpreter, or set fclint.interpreter.";
  const choice = await ui.ask(`fclint: ${missing.reason}, so the language server cannot start.${advice}`,
    buttons, "warning");
  if (choice === SELECT_INTERPRETER && ui.selectInterpreter) {
    await ui.selectInterpreter(); // the Python extension's change event restarts the server
    return "selecting";
  }
  if (choice === SHOW_LOG) ui.showLog();
  if (choice !== INSTALL) return "declined";
  const command = installCommand(missing.interpreter, spec);
  const result = await ui.install(command);
  if (result !== 0) {
    const how = typeof result === "number" ? `exited with ${result}` : `did not finish: ${result}`;
    const again = await ui.ask(`fclint: \`${shellLine(command)}\` ${how}. The server log has its output.`,
      [SHOW_LOG], "error");
    if (again === SHOW_LOG) ui.showLog();
    return "failed";
  }
  await ui.restart();
  return "installed";
}
