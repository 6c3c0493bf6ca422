/**
 * Decision 0034: Compass's own documents at the volumes a Compass tenant
 * holds pass the default cost limit (GRAPHQL_MAX_COST), charged for what
 * they do: `query-applications` verbatim (its default page of 100
 * applications) over 100 applications × 3 bundles × 5 API definitions, an
 * event definition and a document a bundle, all with specs; `query-runtimes`
 * verbatim over 200 runtimes × 3 runtime contexts. Hostile
 * documents over the same data stay refused: default pages aliased until
 * their rows pass the limit are refused while they run, with no data, and
 * explicit pages are refused before anything runs. Runs on SQLite and
 * PostgreSQL.
 */
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { registerApplication } from "@/domain/applications/application.service";
import { registerRuntime } from "@/domain/runtimes/runtime.service";
import { RUNTIME_CONTEXT } from "@/domain/tenant-objects/kinds/runtime-context";
import { operationsOf } from "@/domain/tenant-objects/tenant-object.service";
import { createTenant } from "@/domain/tenants/tenant.service";
import { getConfig, resetConfig } from "@/lib/config";
import { type GraphQLResponse, graphqlServerOn, setupTestApp } from "./harness";
import { countStatements } from "./statements";

const app = await setupTestApp();
const tenant = await createTenant(app.db, app.admin.principal, { externalId: "compass-volume", name: "Compass Volume" });
const EXAMPLES = path.join(import.meta.dirname, "fixtures/compass/examples");
const example = (name: string) => fs.readFileSync(path.join(EXAMPLES, name, `${name}.graphql`), "utf8");

const APPLICATIONS = 100;
const BUNDLES = 3;
const APIS = 5;
const RUNTIMES = 200;
const CONTEXTS = 3;
const spec = (name: string) => ({ type: "OPEN_API", format: "JSON", data: `{"openapi":"3.0.0","info":{"title":"${name}"}}` });
for (let i = 0; i < APPLICATIONS; i++) {
  await registerApplication(app.db, app.admin.principal, tenant, {
    name: `volume-${String(i).padStart(3, "0")}`,
    description: "An application as Compass lists them",
    labels: { scenarios: ["DEFAULT"], applicationType: "SAP template one" },
    bundles: Array.from({ length: BUNDLES }, (_, b) => ({
      name: `bundle-${b}`,
      description: "What it offers",
      apiDefinitions: Array.from({ length: APIS }, (_, a) => ({
        name: `api-${i}-${b}-${a}`,
        targetURL: `https://api-${a}.example.com`,
        version: { value: "v1" },
        spec: spec(`api-${a}`),
      })),
      eventDefinitions: [{ name: `events-${i}-${b}`, version: { value: "v1" }, spec: { type: "ASYNC_API", format: "YAML", data: "asyncapi: 2.0.0" } }],
      documents: [{ title: "Readme", displayName: "Readme", description: "How to call it", format: "MARKDOWN", data: "# Hello" }],
    })),
  });
}
for (let i = 0; i < RUNTIMES; i++) {
  const runtime = await registerRuntime(app.db, app.admin.principal, tenant, { name: `volume-runtime-${String(i).padStart(3, "0")}`, labels: { env: "prod" } });
  for (let c = 0; c < CONTEXTS; c++) {
    await operationsOf(RUNTIME_CONTEXT).register(app.db, app.admin.principal, tenant, { key: `namespace_${c}`, value: `value-${i}-${c}` }, runtime.id);
  }
}

/** A server whose cost limit is `maxCost` (the limits are read when it is built). */
function serverWithLimit(maxCost: number) {
  const saved = process.env.GRAPHQL_MAX_COST;
  process.env.GRAPHQL_MAX_COST = String(maxCost);
  resetConfig();
  try {
    return graphqlServerOn(app);
  } finally {
    if (saved === undefined) delete process.env.GRAPHQL_MAX_COST;
    else process.env.GRAPHQL_MAX_COST = saved;
    resetConfig();
  }
}

async function post(server: ReturnType<typeof graphqlServerOn>, query: string): Promise<GraphQLResponse> {
  const response = await server.fetch("http://compass.test/api/graphql", {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${app.admin.token}`, tenant: tenant.externalId },
    body: JSON.stringify({ query }),
  });
  return { status: response.status, headers: response.headers, body: JSON.parse(await response.text()) };
}

const served = serverWithLimit(getConfig().graphqlMaxCost);
const isCostRefusal = (response: GraphQLResponse) =>
  response.body.data === undefined && response.body.errors?.length === 1 && /cost/.test(response.body.errors[0].message);

/** The meter charges `query` exactly `cost` here: a server whose limit is `cost` answers it, one whose limit is `cost - 1` refuses it. */
async function assertCharged(query: string, cost: number): Promise<void> {
  const answered = await post(serverWithLimit(cost), query);
  assert.equal(answered.body.errors, undefined, JSON.stringify(answered.body.errors));
  assert.ok(isCostRefusal(await post(serverWithLimit(cost - 1), query)), `answered under a limit of ${cost - 1}`);
}

test(`Compass's query-applications over ${APPLICATIONS} applications × ${BUNDLES} bundles × ${APIS} APIs answers in full within the default cost limit`, async () => {
  const query = example("query-applications");
  const response = await post(served, query);
  assert.equal(response.body.errors, undefined, JSON.stringify(response.body.errors));
  const page = response.body.data!.result;
  assert.equal(page.data.length, APPLICATIONS);
  for (const application of page.data) {
    assert.equal(application.bundles.totalCount, BUNDLES);
    for (const bundle of application.bundles.data) {
      assert.equal(bundle.apiDefinitions.data.length, APIS);
      assert.ok(bundle.apiDefinitions.data.every((api: { spec: { data: string } }) => api.spec.data.includes("openapi")));
      assert.equal(bundle.eventDefinitions.data.length, 1);
      assert.equal(bundle.documents.data[0].data, "# Hello");
    }
  }
  // Decision 0034's figure: under the default limit (65,000) with a margin of 1.29 (specs given inline).
  await assertCharged(query, 50_256);
});

test(`Compass's query-runtimes over ${RUNTIMES} runtimes × ${CONTEXTS} contexts answers in full within the default cost limit, with a margin of 1.5`, async () => {
  const query = example("query-runtimes");
  const response = await post(served, query);
  assert.equal(response.body.errors, undefined, JSON.stringify(response.body.errors));
  const page = response.body.data!.result;
  assert.equal(page.data.length, RUNTIMES);
  assert.ok(page.data.every((runtime: { runtimeContexts: { totalCount: number } }) => runtime.runtimeContexts.totalCount === CONTEXTS));
  await assertCharged(query, 11_286);
  assert.ok(11_286 * 1.5 <= getConfig().graphqlMaxCost);
});

test("default pages aliased until their rows pass the limit are refused while they run: no data, and the statements stop at the limit", async () => {
  const one = `applications { data { id name bundles { data { id apiDefinitions { data { id name targetURL spec { data type format } version { value } } } } } } }`;
  const alone = await post(served, `{ ${one.replace("applications", "a0: applications")} }`);
  assert.equal(alone.body.errors, undefined, JSON.stringify(alone.body.errors));
  // Twenty of them read 20 × 1,500 API definitions: refused whole, as the static check refuses.
  const twenty = `{ ${Array.from({ length: 20 }, (_, i) => one.replace("applications", `a${i}: applications`)).join("\n")} }`;
  const single = await countStatements(() => post(served, `{ ${one} }`));
  const refused = await countStatements(() => post(served, twenty));
  assert.ok(isCostRefusal(refused.answer), JSON.stringify(refused.answer.body).slice(0, 300));
  assert.equal(refused.answer.body.errors![0].extensions.code, "GRAPHQL_VALIDATION_FAILED");
  // What ran before the refusal is bounded by the limit: far fewer statements than 20 documents' worth.
  assert.ok(refused.statements < 10 * single.statements, `${refused.statements} statements refused, ${single.statements} for one`);
});

test("explicit pages over the same data are refused before anything runs", async () => {
  const explicit = `{ applications(first: 200) { data { bundles(first: 200) { data { apiDefinitions(first: 200) {
    data { id name targetURL spec { data type format fetchRequest { url mode filter status { condition message timestamp } } } version { value deprecated } } } } } } } }`;
  const { answer, statements } = await countStatements(() => post(served, explicit));
  assert.ok(isCostRefusal(answer), JSON.stringify(answer.body).slice(0, 300));
  // Only who is calling may have been read: no page was.
  assert.equal(statements, 0);
});
