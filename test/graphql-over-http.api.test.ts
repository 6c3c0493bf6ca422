/**
 * The GraphQL-over-HTTP specification's own audit (graphql-http's
 * serverAudits) against the real HTTP surface, as an admin's API token:
 * every MUST and every SHOULD holds.
 * Compass's clients and any spec-following client rely on these answers.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { serverAudits } from "graphql-http";
import { setupTestApp } from "./harness";

const app = await setupTestApp();
const base = await app.listen();

/** The audits send no credentials of their own: they act as the admin, as automation would. */
const asAdmin: typeof fetch = (input, init = {}) => {
  const headers = new Headers(init.headers);
  headers.set("authorization", `Bearer ${app.admin.token}`);
  return fetch(input, { ...init, headers });
};

const audits = serverAudits({ url: `${base}/api/graphql`, fetchFn: asAdmin });

test(`every MUST of the GraphQL-over-HTTP specification holds (${audits.filter((audit) => audit.name.startsWith("MUST")).length} audits)`, async () => {
  const failures: string[] = [];
  for (const audit of audits.filter((audit) => audit.name.startsWith("MUST"))) {
    const result = await audit.fn();
    if (result.status !== "ok") failures.push(`${audit.name}: ${result.reason}`);
  }
  assert.deepEqual(failures, []);
});

test(`every SHOULD holds as well (${audits.filter((audit) => audit.name.startsWith("SHOULD")).length} audits)`, async () => {
  const failures: string[] = [];
  for (const audit of audits.filter((audit) => audit.name.startsWith("SHOULD"))) {
    const result = await audit.fn();
    if (result.status !== "ok") failures.push(`${audit.name}: ${result.reason}`);
  }
  assert.deepEqual(failures, []);
});
