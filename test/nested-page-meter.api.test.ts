/**
 * Decision 0026 over HTTP: a query's page without `first` (here
 * IntegrationSystem.applications inside integrationSystems' rows) is charged
 * as it runs, rows read × one row's cost, and a request whose rows pass the
 * cost limit is refused whole, with the static refusal's code and message.
 * Runs on SQLite and PostgreSQL.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { resetConfig } from "@/lib/config";
import { type GraphQLResponse, graphqlServerOn, setupTestApp } from "./harness";

const app = await setupTestApp();

/** A server whose cost limit is 200, built with that environment (the limits are read when it is built). */
function limitedServer() {
  const saved = process.env.GRAPHQL_MAX_COST;
  process.env.GRAPHQL_MAX_COST = "200";
  resetConfig();
  try {
    return graphqlServerOn(app);
  } finally {
    if (saved === undefined) delete process.env.GRAPHQL_MAX_COST;
    else process.env.GRAPHQL_MAX_COST = saved;
    resetConfig();
  }
}
const limited = limitedServer();

async function post(query: string): Promise<GraphQLResponse> {
  const response = await limited.fetch("http://compass.test/api/graphql", {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${app.admin.token}` },
    body: JSON.stringify({ query }),
  });
  return { status: response.status, headers: response.headers, body: JSON.parse(await response.text()) };
}

const tenant = (await app.ok(`mutation { createTenant(in: { name: "Meter tenant", externalId: "meter-tenant" }) { id } }`)).createTenant.id as string;
let apps = 0;
async function systemWith(name: string, count: number): Promise<string> {
  const id = (await app.ok(`mutation($name: String!) { createIntegrationSystem(in: { name: $name }) { id } }`, { name })).createIntegrationSystem.id;
  await addApplications(id, count);
  return id;
}
async function addApplications(system: string, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    const response = await app.graphql(
      `mutation($in: ApplicationRegisterInput!) { registerApplication(in: $in) { id } }`,
      { in: { name: `metered-app-${++apps}`, integrationSystemID: system } },
      { token: app.admin.token, headers: { tenant } },
    );
    assert.equal(response.body.errors, undefined, JSON.stringify(response.body.errors));
  }
}

// Static: the root page (1 + 10) and 2 systems × (row 1, name 1, the applications read 1 + 10) = 37. Each application
// read costs its row 3 (data, id, name) at run time: 200 - 37 leaves room for 54.
const NESTED = `{ integrationSystems(first: 2, search: "meter-system") { data { name applications { data { id name } } } } }`;

test("a nested page whose rows stay within the cost limit answers in full; past it, the whole request is refused as the static check refuses", async () => {
  const a = await systemWith("meter-system-a", 10);
  await systemWith("meter-system-b", 10);

  // 37 + 20 rows × 3 = 97: served, every row there. Charged at 100 rows per system before it ran, it was refused (637).
  const within = await post(NESTED);
  assert.equal(within.body.errors, undefined, JSON.stringify(within.body.errors));
  const systems = within.body.data!.integrationSystems.data as { applications: { data: unknown[] } }[];
  assert.deepEqual(
    systems.map((system) => system.applications.data.length),
    [10, 10],
  );

  // 37 + 60 rows × 3 = 217 > 200: refused whole, nothing half-returned.
  await addApplications(a, 40);
  const over = await post(NESTED);
  assert.equal(over.body.data, undefined, "no partial data");
  assert.equal(over.body.errors?.length, 1, JSON.stringify(over.body.errors));
  const [error] = over.body.errors!;
  assert.equal(error.extensions.code, "GRAPHQL_VALIDATION_FAILED");
  assert.equal(error.message, "Query would cost more than 200 (fields, database reads and page sizes); the limit is 200");

  // The same refusal as before the request runs: an explicit page size is judged statically, rows or not.
  const explicit = await post(NESTED.replace("applications {", "applications(first: 30) {"));
  assert.equal(explicit.body.data, undefined);
  assert.deepEqual(
    [explicit.status, explicit.body.errors?.map((each) => [each.message, each.extensions])],
    [over.status, over.body.errors?.map((each) => [each.message, each.extensions])],
  );
});

test("the meter counts every nested page of the request together, and the attack documents stay refused before they run", async () => {
  await systemWith("meter-system-c", 20);
  // Each alone is within the limit: c 23 + 20 rows × 3 = 83, a and b 35 + 60 rows × 2 = 155; together, 238 is not.
  const c = `c: integrationSystems(first: 1, search: "meter-system-c") { data { applications { data { id name } } } }`;
  const ab = `ab: integrationSystems(first: 2, search: "meter-system-") { data { applications { data { id } } } }`;
  for (const alone of [c, ab]) {
    const response = await post(`{ ${alone} }`);
    assert.equal(response.body.errors, undefined, JSON.stringify(response.body.errors));
  }
  const both = await post(`{ ${c} ${ab} }`);
  assert.equal(both.body.data, undefined);
  assert.match(both.body.errors?.[0].message ?? "", /cost more than 200/);

  // Twenty aliased explicit pages: refused statically, whatever the rows.
  const aliases = `{ ${Array.from({ length: 20 }, (_, i) => `a${i}: integrationSystems(first: 200) { data { id } }`).join(" ")} }`;
  const refused = await post(aliases);
  assert.equal(refused.body.data, undefined);
  assert.match(refused.body.errors?.[0].message ?? "", /cost more than 200/);
});

test("an explicit page size is judged before it runs, a default one for the rows it reads, and a mutation's pages before it runs", async () => {
  // `first` given: 11 + 50 × 3 = 161 passes whatever rows exist, 11 + 70 × 3 = 221 does not, even with 3 rows.
  assert.equal((await post(`{ integrationSystems(first: 50) { data { id name } } }`)).body.errors, undefined);
  assert.match((await post(`{ integrationSystems(first: 70) { data { id name } } }`)).body.errors?.[0].message ?? "", /cost/);
  // The default (100 rows, 411 before it runs) is charged for the 3 systems there: 11 + 3 × 4.
  const byDefault = await post(`{ integrationSystems { data { id name description } } }`);
  assert.equal(byDefault.body.errors, undefined, JSON.stringify(byDefault.body.errors));
  assert.equal(byDefault.body.data!.integrationSystems.data.length, 3);
  // A mutation is refused before it writes: its nested page counts its default size (100 rows of 3).
  const before = await app.db.integrationSystem.count();
  const mutation = await post(`mutation { createIntegrationSystem(in: { name: "meter-system-m" }) { applications { data { id } } } }`);
  assert.match(mutation.body.errors?.[0].message ?? "", /cost/);
  assert.equal(await app.db.integrationSystem.count(), before);
});
