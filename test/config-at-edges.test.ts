import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { test } from "node:test";

/**
 * Configuration is read at the edges (server/, app/, graphql/, oauth2/) and
 * handed to domain/ as parameters, so a rule's inputs are visible in its
 * signature and a test can pass other values (issue 21, item 6).
 */
test("domain/ never calls getConfig()", () => {
  const offenders: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (/\.tsx?$/.test(entry.name) && !entry.name.endsWith(".test.ts") && /\bgetConfig\s*\(/.test(fs.readFileSync(file, "utf8"))) offenders.push(file);
    }
  };
  walk(path.join(import.meta.dirname, "..", "domain"));
  assert.deepEqual(offenders, []);
});
