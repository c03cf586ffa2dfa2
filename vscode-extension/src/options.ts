// How the client is configured, kept free of `vscode` so that the Node tests configure the
// connection to the server, and read the settings, exactly as the extension does.

export const SECTION = "fclint";
export const DEFAULT_COMMAND = ["fclint", "lsp"];

// What `Install fclint` hands to `<interpreter> -m pip install`, unless `fclint.installSpec` says
// otherwise. fclint is not on a package index yet: this is the extension's one place that says
// where it comes from, the repository of pyproject.toml's `[project.urls]` (a Python test keeps
// the two equal). The language server, pygls and lsprotocol included, is in the plain install.
export const INSTALL_SPEC = "fclint @ git+https://github.com/fclint-dev/fclint";

// fclint's `requires-python`: an older interpreter cannot run or install it.
export const MIN_PYTHON = [3, 11] as const;

// The interpreter tried last, when nothing names one and no `fclint` is on PATH.
export const DEFAULT_INTERPRETER = [process.platform === "win32" ? "python" : "python3"];

// The settings the server lints with. The others (`server.command`, `interpreter`,
// `installSpec`) are the client's own: the server rejects a section holding keys it does not
// know, so they are never sent.
export const LINT_SETTINGS = ["maxEventAge", "select", "ignore", "region", "accountId"] as const;

// The settings whose change restarts the server.
export const LAUNCH_SETTINGS = ["server.command", "interpreter"].map((key) => `${SECTION}.${key}`);

// vscode-languageclient sends `{"fclint": {key: value}}` for these, leaving out unset values.
export const synchronizedSettings = LINT_SETTINGS.map((key) => `${SECTION}.${key}`);

export const documentSelector = [
  { language: "json" },
  { language: "jsonc" },
  { language: "yaml" },
  { pattern: "**/*.{http,rest}" },
  { pattern: "**/*.tf" },
  { language: "python" },
  // Notebook cells, `%%fclint` cells included: the magic line keeps a cell's language Python.
  { notebook: "jupyter-notebook", language: "python" },
];

function strings(value: unknown): string[] | undefined {
  const valid = Array.isArray(value) && value.length > 0 &&
    value.every((part) => typeof part === "string" && part !== "");
  return valid ? (value as string[]) : undefined;
}

/** `fclint.server.command` when the user set one, else undefined: the extension finds it. */
export function explicitCommand(value: unknown): string[] | undefined {
  return strings(value);
}

/** A server command, `fclint lsp` unless one is given (as `$FCLINT_SERVER` in the tests). */
export function serverCommand(value: unknown): string[] {
  return strings(value) ?? DEFAULT_COMMAND;
}

/** `fclint.interpreter`: a path, or a program and its arguments (`["py", "-3.12"]`). */
export function interpreterSetting(value: unknown): string[] | undefined {
  return typeof value === "string" ? strings(value.trim() ? [value.trim()] : []) : strings(value);
}

/** `fclint.installSpec`, or INSTALL_SPEC when it is empty. */
export function installSpec(value: unknown): string {
  return typeof value === "string" && value.trim() !== "" ? value.trim() : INSTALL_SPEC;
}

export interface Variables {
  workspaceFolder?: string;
  userHome?: string;
  env: Record<string, string | undefined>;
}

/** Expands `${workspaceFolder}`, `${userHome}`, `${env:NAME}` and a leading `~`, as the Python
 * tool extensions do in their interpreter settings. An unset variable of the environment is
 * empty, as in VS Code; a folder or home that is not known leaves the variable as written. */
export function resolveVariables(parts: string[], vars: Variables): string[] {
  const expand = (part: string) => part
    .replace(/^~(?=$|[\\/])/, vars.userHome ?? "~")
    .replace(/\$\{(workspaceFolder|userHome|env:([^}]+))\}/g, (whole, name: string, envName?: string) =>
      (envName !== undefined ? vars.env[envName] ?? "" : vars[name as "workspaceFolder" | "userHome"]) ?? whole);
  return parts.map(expand);
}

/** The lint settings of a `fclint` section, without the client's own. */
export function lintSettings(section: unknown): Record<string, unknown> {
  const values = (section ?? {}) as Record<string, unknown>;
  return Object.fromEntries(LINT_SETTINGS.map((key) => [key, values[key] ?? null]));
}

export function initializationOptions(get: (key: string) => unknown): Record<string, unknown> {
  return { [SECTION]: lintSettings(Object.fromEntries(LINT_SETTINGS.map((key) => [key, get(key)]))) };
}
