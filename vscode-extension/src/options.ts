// How the client is configured, kept free of `vscode` so that the Node test configures its
// connection to the server exactly as the extension does.

export const SECTION = "fclint";
export const DEFAULT_COMMAND = ["fclint", "lsp"];

// The settings the server lints with. `fclint.server.command` is the client's own: the server
// rejects a section holding keys it does not know, so it is never sent.
export const LINT_SETTINGS = ["maxEventAge", "select", "ignore", "region", "accountId"] as const;

// vscode-languageclient sends `{"fclint": {key: value}}` for these, leaving out unset values.
export const synchronizedSettings = LINT_SETTINGS.map((key) => `${SECTION}.${key}`);

export const documentSelector = [
  { language: "json" },
  { language: "jsonc" },
  { language: "yaml" },
  { pattern: "**/*.{http,rest}" },
  { pattern: "**/*.tf" },
  { language: "python" },
  // Notebook cells, `%%fclint` ones included: the magic line keeps a cell's language Python.
  { notebook: "jupyter-notebook", language: "python" },
];

export function serverCommand(value: unknown): string[] {
  const valid = Array.isArray(value) && value.length > 0 &&
    value.every((part) => typeof part === "string" && part !== "");
  return valid ? (value as string[]) : DEFAULT_COMMAND;
}

/** The lint settings of a `fclint` section, without the client's own. */
export function lintSettings(section: unknown): Record<string, unknown> {
  const values = (section ?? {}) as Record<string, unknown>;
  return Object.fromEntries(LINT_SETTINGS.map((key) => [key, values[key] ?? null]));
}

export function initializationOptions(get: (key: string) => unknown): Record<string, unknown> {
  return { [SECTION]: lintSettings(Object.fromEntries(LINT_SETTINGS.map((key) => [key, get(key)]))) };
}
