// package.json and the README against the code: the settings read are contributed and described,
// the Python extension stays optional, and fclint's install source is named in one place only.

import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { test } from "node:test";
import {
  explicitCommand, INSTALL_SPEC, installSpec, interpreterSetting, LAUNCH_SETTINGS, LINT_SETTINGS, SECTION,
} from "../dist/options.mjs";

const read = (path) => readFileSync(new URL(`../${path}`, import.meta.url), "utf8");
const manifest = JSON.parse(read("package.json"));
const properties = manifest.contributes.configuration.properties;

test("every setting the extension reads is contributed and described", () => {
  const keys = [...LINT_SETTINGS, "server.command", "interpreter", "installSpec"].map((key) => `${SECTION}.${key}`);
  assert.deepEqual(Object.keys(properties).sort(), keys.sort());
  for (const key of keys) assert.ok(properties[key].markdownDescription?.length > 40, key);
  for (const key of LAUNCH_SETTINGS) assert.ok(key in properties, key);
});

test("by default the extension finds the server and installs the built-in spec", () => {
  assert.equal(explicitCommand(properties["fclint.server.command"].default), undefined);
  assert.equal(interpreterSetting(properties["fclint.interpreter"].default), undefined);
  assert.equal(installSpec(properties["fclint.installSpec"].default), INSTALL_SPEC);
});

test("the commands are contributed", () => {
  assert.deepEqual(manifest.contributes.commands.map((c) => [c.command, `${c.category}: ${c.title}`]), [
    ["fclint.restartServer", "fclint: Restart Server"],
    ["fclint.showLog", "fclint: Show Server Log"],
  ]);
});

test("the Python extension is optional", () => {
  for (const field of ["extensionDependencies", "extensionPack"]) {
    assert.ok(!(manifest[field] ?? []).includes("ms-python.python"), field);
  }
});

test("fclint's install source is named in src/options.ts only, and no index is named", () => {
  const source = INSTALL_SPEC.split("@").pop().trim();
  const texts = { "package.json": read("package.json"), "README.md": read("README.md") };
  for (const name of readdirSync(new URL("../src", import.meta.url))) texts[`src/${name}`] = read(`src/${name}`);
  for (const [name, text] of Object.entries(texts)) {
    const count = text.split(source).length - 1;
    assert.equal(count, name === "src/options.ts" ? 1 : 0, `${source} in ${name}`);
    assert.doesNotMatch(text, /pip install ['"]?fclint\[lsp\]/, `an install from an index in ${name}`);
  }
});
