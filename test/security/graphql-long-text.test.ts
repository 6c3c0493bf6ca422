/**
 * Issue 11, finding 5: a 100,000-character `search` was an
 * INTERNAL_SERVER_ERROR (SQLite refuses LIKE patterns over 50,000 bytes).
 * Every String argument and input field has a maximum length (2000
 * characters, `search` 200; domain/validation/validation.ts) and anything longer is
 * BAD_USER_INPUT naming the input, before any resolver runs. Over real HTTP.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { TEXT_MAX, TEXT_MAXIMA } from "@/domain/validation/validation";
import { setupTestApp } from "@/test/harness";

const app = await setupTestApp();
const base = await app.listen();

const { createTenant: tenant } = await app.ok<any>(`mutation { createTenant(in: {externalId: "long-text", name: "Long text"}) { id } }`);

async function post(query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}) {
  const response = await fetch(`${base}/api/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${app.admin.token}`, ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, json: (await response.json()) as { data?: any; errors?: { message: string; extensions: Record<string, unknown> }[] } };
}

function assertBadInput(response: Awaited<ReturnType<typeof post>>, field: string) {
  assert.ok(response.status < 500, `HTTP ${response.status}`);
  assert.equal(response.json.errors?.length, 1, JSON.stringify(response.json).slice(0, 400));
  const error = response.json.errors![0];
  assert.equal(error.extensions.code, "BAD_USER_INPUT", error.message);
  assert.equal(error.extensions.field, field, error.message);
}

const huge = "a".repeat(100_000);
const tenantHeader = () => ({ tenant: tenant.id });

test("a 100,000-character search is BAD_USER_INPUT naming `search`, as a literal and as a variable", async () => {
  assertBadInput(await post(`{ integrationSystems(search: "${huge}") { totalCount } }`), "search");
  assertBadInput(await post(`query($s: String) { integrationSystems(search: $s) { totalCount } }`, { s: huge }), "s");
  assertBadInput(await post(`query($s: String) { applications(search: $s) { totalCount } }`, { s: huge }, tenantHeader()), "s");
  assertBadInput(await post(`{ applications(search: "${huge}") { totalCount } }`, undefined, tenantHeader()), "search");
});

test("a search at its maximum is served, one character more is refused", async () => {
  const max = TEXT_MAXIMA.search;
  // Astral characters count once each, as names count them.
  const atMax = "😀".repeat(max);
  const ok = await post(`query($s: String) { integrationSystems(search: $s) { totalCount } }`, { s: atMax });
  assert.deepEqual(ok.json, { data: { integrationSystems: { totalCount: 0 } } });
  assertBadInput(await post(`query($s: String) { integrationSystems(search: $s) { totalCount } }`, { s: `${atMax}x` }), "s");
});

test("every other String input has the general maximum: names, descriptions, passwords, scopes", async () => {
  const long = "b".repeat(TEXT_MAX + 1);
  const cases: [string, Record<string, unknown>, string, Record<string, string>?][] = [
    [`mutation($in: IntegrationSystemInput!) { createIntegrationSystem(in: $in) { id } }`, { in: { name: long } }, "in.name"],
    [`mutation($in: IntegrationSystemInput!) { createIntegrationSystem(in: $in) { id } }`, { in: { name: "ok", description: long } }, "in.description"],
    [`mutation($name: String!) { createApiToken(name: $name) { token } }`, { name: long }, "name"],
    [`mutation($in: CreateUserInput!) { createUser(in: $in) { id } }`, { in: { email: "a@example.test", password: long, role: "VIEWER" } }, "in.password"],
    [`mutation($in: TenantInput!) { createTenant(in: $in) { id } }`, { in: { externalId: "x", name: long } }, "in.name"],
    [
      `mutation($in: ApplicationRegisterInput!) { registerApplication(in: $in) { id } }`,
      { in: { name: "ok", description: long } },
      "in.description",
      tenantHeader(),
    ],
    [
      `mutation($id: ID!, $scopes: [String!]) { generateClientCredentialsForIntegrationSystem(id: $id, scopes: $scopes) { id } }`,
      { id: "x", scopes: ["ok", long] },
      "scopes[1]",
    ],
  ];
  const before = await app.db.auditEvent.count();
  for (const [query, variables, field, headers] of cases) assertBadInput(await post(query, variables, headers), field);
  // As literals too.
  assertBadInput(await post(`mutation { createIntegrationSystem(in: {name: "ok", description: "${long}"}) { id } }`), "in.description");
  assertBadInput(await post(`mutation { createApiToken(name: "${long}") { token } }`), "name");
  assert.equal(await app.db.auditEvent.count(), before, "nothing was written");

  // A description at the maximum is stored.
  const atMax = "d".repeat(TEXT_MAX);
  const created = await post(`mutation($in: IntegrationSystemInput!) { createIntegrationSystem(in: $in) { description } }`, {
    in: { name: "long description", description: atMax },
  });
  assert.equal(created.json.data?.createIntegrationSystem.description, atMax);
});

test("ids and cursors are not text inputs: they keep their own answers", async () => {
  // An unknown id of any length is simply not found.
  const response = await post(`query($id: ID!) { integrationSystem(id: $id) { id } }`, { id: "x".repeat(5000) });
  assert.deepEqual(response.json, { data: { integrationSystem: null } });
});
