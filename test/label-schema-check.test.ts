/**
 * Issue 20, finding 1: the console's in-browser check of a label value runs
 * tenant-written patterns on the linear engine, so a keystroke cannot hang
 * the tab; verdicts keep their meaning.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { labelKeyProblem, labelValueProblem, schemaTextProblem } from "@/components/labels/schema-check";
import { checkLabelKey } from "@/domain/labels/label-rules";

const ATTACKS: [string, object, unknown][] = [
  ["pattern", { type: "string", maxLength: 63, pattern: "^([a-z0-9]+-?)+$" }, `${"a".repeat(26)}_`],
  ["nested plus", { type: "string", pattern: "^(a+)+$" }, `${"a".repeat(29)}!`],
  ["patternProperties", { type: "object", patternProperties: { "^(a+)+$": { type: "integer" } } }, { [`${"a".repeat(29)}!`]: 1 }],
  ["propertyNames", { type: "object", propertyNames: { pattern: "^(a+)+$" } }, { [`${"a".repeat(29)}!`]: 1 }],
];

for (const [where, schema, value] of ATTACKS) {
  test(`the console's label check matches a backtracking ${where} in bounded time`, () => {
    const started = performance.now();
    const problem = labelValueProblem(JSON.stringify(schema), value);
    const ms = performance.now() - started;
    assert.ok(ms < 200, `the check took ${ms.toFixed(0)} ms`);
    if (where === "patternProperties") assert.equal(problem, null);
    else assert.match(problem ?? "", /Breaks the label definition/);
  });
}

test("the console's label check keeps a pattern's verdicts and leaves the global RegExp as it was", () => {
  const schema = JSON.stringify({ type: "string", pattern: "^[a-z0-9]+(-[a-z0-9]+)*$" });
  assert.equal(labelValueProblem(schema, "my-app-1"), null);
  assert.match(labelValueProblem(schema, "My--app") ?? "", /Breaks the label definition/);
  const byName = JSON.stringify({ type: "object", patternProperties: { "^n_": { type: "integer" } } });
  assert.equal(labelValueProblem(byName, { n_a: 1 }), null);
  assert.match(labelValueProblem(byName, { n_a: "x" }) ?? "", /Breaks the label definition/);
  assert.ok(/^a$/.test("a") && RegExp === globalThis.RegExp && /x/ instanceof RegExp);
});

test("the console's schema check says at once when a pattern cannot run on the linear engine, as the server would", () => {
  assert.match(schemaTextProblem(JSON.stringify({ type: "string", pattern: "^(?=a)" })) ?? "", /cannot be used/);
  assert.match(schemaTextProblem(JSON.stringify({ anyOf: [{ patternProperties: { "(a)\\1": true } }] })) ?? "", /cannot be used/);
  assert.equal(schemaTextProblem(JSON.stringify({ type: "string", maxLength: 9, pattern: "^[a-z]+$", enum: [{ pattern: "(?=" }] })), null);
});

test("the console's label key rule, shared by the label and the label definition dialogs, is the server's", () => {
  const serverAccepts = (key: string) => {
    try {
      checkLabelKey(key, "key");
      return true;
    } catch {
      return false;
    }
  };
  for (const key of ["env", "a_1", "X", "_", "x".repeat(256), "", "a-b", "a b", "x".repeat(257), "ключ", "a.b", "é"]) {
    assert.equal(labelKeyProblem(key) === null, serverAccepts(key), JSON.stringify(key));
  }
  // Typed with spaces around it, a key is checked as it is sent: trimmed.
  assert.equal(labelKeyProblem("  env "), null);
  assert.equal(labelKeyProblem("a-b"), "A key is 1-256 letters, digits and underscores");
});
