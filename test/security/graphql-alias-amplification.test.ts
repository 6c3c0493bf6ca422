/**
 * Issue 11, finding 7: 450 aliases of `tenants(first: 1) { totalCount }` ran
 * about 900 SQL queries in one request. Such requests are refused before
 * they run, however the root fields are written: aliases, fragments, or one
 * field name repeated. Over real HTTP, as an admin.
 */
import assert from "node:assert/strict";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { after, test } from "node:test";
import { graphqlServerOn, setupTestApp } from "@/test/harness";

const app = await setupTestApp();

/**
 * The database as the GraphQL server sees it, counting every query it is
 * asked for (model calls and raw SQL), served over real HTTP.
 */
const counter = { calls: 0 };
function counting<T extends object>(target: T): T {
  return new Proxy(target, {
    get(object, property, receiver) {
      const value = Reflect.get(object, property, receiver);
      if (typeof value === "function") {
        return (...args: unknown[]) => {
          if (typeof property === "string" && (property.startsWith("$query") || property.startsWith("$execute") || !property.startsWith("$"))) counter.calls++;
          return value.apply(object, args);
        };
      }
      return value !== null && typeof value === "object" && typeof property === "string" && !property.startsWith("$") && !property.startsWith("_")
        ? counting(value)
        : value;
    },
  });
}
const countedDb = counting(app.db);
const server = http.createServer(graphqlServerOn(app, countedDb));
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
after(() => new Promise((resolve) => server.close(resolve)));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

const repeat = (count: number, make: (i: number) => string) => Array.from({ length: count }, (_, i) => make(i)).join("\n");

async function post(query: string) {
  const started = performance.now();
  const before = counter.calls;
  const response = await fetch(`${base}/api/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${app.admin.token}` },
    body: JSON.stringify({ query }),
  });
  const json = (await response.json()) as { data?: unknown; errors?: { message: string; extensions: Record<string, unknown> }[] };
  return { json, ms: performance.now() - started, queries: counter.calls - before };
}

const shapes: [string, string][] = [
  ["450 aliases (the attack)", `{ ${repeat(450, (i) => `t${i}: tenants(first: 1) { totalCount }`)} }`],
  [
    "21 root fields spread from fragments",
    `{ ${repeat(21, (i) => `...R${i}`)} }\n${repeat(21, (i) => `fragment R${i} on Query { t${i}: tenants(first: 1) { totalCount } }`)}`,
  ],
  ["450 copies of one root field", `{ ${repeat(450, () => `tenants(first: 1) { totalCount }`)} }`],
  ["450 totalCounts under one root field", `{ tenants(first: 1) { ${repeat(450, (i) => `c${i}: totalCount`)} } }`],
];

for (const [what, query] of shapes) {
  test(`${what} is refused before it runs: GRAPHQL_VALIDATION_FAILED`, async () => {
    const response = await post(query);
    assert.equal(response.json.data, undefined, JSON.stringify(response.json).slice(0, 300));
    assert.equal(response.json.errors?.length, 1);
    assert.equal(response.json.errors![0].extensions.code, "GRAPHQL_VALIDATION_FAILED");
    // Authentication reads its token (and notes its use); no query of the document runs.
    assert.ok(response.queries <= 2, `${response.queries} database queries`);
    assert.ok(response.ms < 1000, `${response.ms.toFixed(0)} ms`);
  });
}

test("a handful of root fields, as clients send them, is served", async () => {
  const response = await post(`{ a: tenants(first: 1) { totalCount } b: integrationSystems(first: 1) { totalCount } viewer { kind } }`);
  assert.equal(response.json.errors, undefined, JSON.stringify(response.json));
  assert.equal((response.json.data as { viewer: { kind: string } }).viewer.kind, "USER");
  // The counter sees the queries a served document runs: both pages and both counts.
  assert.ok(response.queries >= 4, `${response.queries} database queries`);
});
