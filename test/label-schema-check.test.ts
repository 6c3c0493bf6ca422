/**
 * Issue 20, finding 1: the console's in-browser check of a label value runs
 * tenant-written patterns on the linear engine, so a keystroke cannot hang
 * the tab; verdicts keep their meaning.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { labelValueProblem, schemaTextProblem } from "@/components/labels/schema-check";

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
