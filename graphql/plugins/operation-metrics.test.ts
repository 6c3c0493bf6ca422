import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { KNOWN_OPERATION_NAMES, operationLabel } from "./operation-metrics";

function documents(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? documents(full) : entry.name.endsWith(".graphql") ? [full] : [];
  });
}

test("the metrics' known operation names are exactly the console's (add a new document's name to KNOWN_OPERATION_NAMES)", () => {
  const names = new Set(
    documents("components").flatMap((file) =>
      [...fs.readFileSync(file, "utf8").matchAll(/^(?:query|mutation|subscription)\s+([A-Za-z_]\w*)/gm)].map((match) => match[1]),
    ),
  );
  assert.deepEqual([...KNOWN_OPERATION_NAMES].sort(), [...names].sort());
});

test("any other operation name is one bucket, so a client cannot add a series per request", () => {
  assert.equal(operationLabel("IntegrationSystemList"), "IntegrationSystemList");
  assert.equal(operationLabel("Attack123"), "other");
  assert.equal(operationLabel("integrationsystemlist"), "other");
  assert.equal(operationLabel(undefined), "anonymous");
  assert.equal(operationLabel(""), "anonymous");
});
