// The packaged extension (run after `vsce package`): a zip holding the bundle and the manifest,
// and none of the sources, tests or dependencies.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

const manifest = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
const vsix = new URL(`../${manifest.name}-${manifest.version}.vsix`, import.meta.url);

/** The names in a zip's central directory (no zip64: a .vsix is small). */
function zipNames(data) {
  const end = data.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  assert.ok(end >= 0, "a zip ends with an end-of-central-directory record");
  const count = data.readUInt16LE(end + 10);
  let at = data.readUInt32LE(end + 16);
  const names = [];
  for (let i = 0; i < count; i++) {
    assert.equal(data.readUInt32LE(at), 0x02014b50, "a central directory entry");
    const [nameLength, extraLength, commentLength] =
      [data.readUInt16LE(at + 28), data.readUInt16LE(at + 30), data.readUInt16LE(at + 32)];
    names.push(data.toString("utf8", at + 46, at + 46 + nameLength));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

test("the .vsix holds the bundle and the manifest, and no sources", () => {
  const names = zipNames(readFileSync(vsix));
  for (const name of ["extension.vsixmanifest", "extension/package.json",
    "extension/dist/extension.js", "extension/readme.md"]) {
    assert.ok(names.includes(name), `${name} in ${names.join(", ")}`);
  }
  const stray = names.filter((name) =>
    /^extension\/(src|test|node_modules)\/|\.map$|\.ts$|\.mjs$/.test(name));
  assert.deepEqual(stray, []);
});
