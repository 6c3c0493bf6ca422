/**
 * Issue 23: nested pages of what applications offer (applications → bundles
 * → API definitions → specs, with event definitions and documents beside)
 * load with a constant number of statements per level, whatever the page
 * size: a page of 100 applications costs what a page of 10 does. Statements
 * are counted at the drivers (test/statements.ts). Also: each nested
 * page a batch answers is the page the object's own list answers, and its
 * cursor goes on from there. Runs on SQLite and PostgreSQL.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { registerApplication } from "@/domain/applications/application.service";
import { createTenant } from "@/domain/tenants/tenant.service";
import { countStatements } from "./statements";
import { setupTestApp } from "./harness";

const app = await setupTestApp();
const tenant = await createTenant(app.db, app.admin.principal, { externalId: "catalog-paging", name: "Catalog Paging" });
const headers = { tenant: tenant.externalId };

const api = (name: string) => ({ name, targetURL: `https://${name}.example.com`, spec: { type: "OPEN_API", format: "JSON", data: `{"title":"${name}"}` } });
const APPLICATIONS = 100;
for (let i = 0; i < APPLICATIONS; i++) {
  await registerApplication(app.db, app.admin.principal, tenant, {
    name: `shop-${String(i).padStart(3, "0")}`,
    bundles: [0, 1].map((b) => ({
      name: `bundle-${b}`,
      apiDefinitions: [api(`orders-${i}-${b}`), api(`stock-${i}-${b}`), api(`prices-${i}-${b}`)],
      eventDefinitions: [{ name: `events-${i}-${b}`, spec: { type: "ASYNC_API", format: "YAML", data: "asyncapi: 2.0.0" } }],
      documents: [{ title: "Readme", displayName: "Readme", description: "How to call it", format: "MARKDOWN", data: "# Hi" }],
    })),
  });
}

const PAGE = `pageInfo { endCursor hasNextPage } totalCount`;
const query = (first: number) => `{ applications(first: ${first}) { data { id name
  bundles(first: 2) { data { id name
    apiDefinitions(first: 2) { data { id name targetURL spec { id data type format fetchRequest { url } } } ${PAGE} }
    eventDefinitions { data { id spec { data } } ${PAGE} }
    documents { data { id title data } ${PAGE} } } ${PAGE} }
  integrationDependencies { ${PAGE} } } ${PAGE} } }`;

async function read(first: number) {
  const response = await app.graphql(query(first), {}, { token: app.admin.token, headers });
  assert.equal(response.body.errors, undefined, JSON.stringify(response.body.errors));
  return (response.body.data as any).applications;
}

test("a page of 100 applications with bundles, APIs, specs, events and documents costs the statements a page of 10 does, but for one more per 100 parents with more than a page", async () => {
  // The caller's token is read once and cached: a first request keeps that read out of the counts.
  await read(1);
  const ten = await countStatements(() => read(10));
  const hundred = await countStatements(() => read(100));
  assert.equal(ten.answer.data.length, 10);
  assert.equal(hundred.answer.data.length, 100);
  console.log(`statements: ${ten.statements} for 10 applications, ${hundred.statements} for 100`);
  // Each level counts its children for all its parents in one statement, and reads the lists that fit in a page in
  // one more (domain/paging/keyset.ts, firstKeysetPages); only parents with more than a page need a limited read each,
  // at most 100 of them a statement (FIRST_PAGES_PER_STATEMENT, which bounds a statement's parameters). Here that is a
  // bundle's API definitions (3, in pages of 2): 200 bundles take one statement more than 20 do; nothing else grows.
  const listing = (sql: string[]) => `\n${sql.join("\n")}`;
  assert.equal(hundred.statements, ten.statements + 1, `10 applications:${listing(ten.sql)}\n100 applications:${listing(hundred.sql)}`);
  assert.ok(ten.statements <= 20, `${ten.statements} statements`);

  for (const application of hundred.answer.data) {
    assert.equal(application.bundles.totalCount, 2);
    for (const bundle of application.bundles.data) {
      assert.equal(bundle.apiDefinitions.totalCount, 3);
      assert.equal(bundle.apiDefinitions.data.length, 2);
      assert.equal(bundle.apiDefinitions.pageInfo.hasNextPage, true);
      for (const row of bundle.apiDefinitions.data) assert.equal(row.spec.data, `{"title":"${row.name}"}`);
      assert.equal(bundle.eventDefinitions.totalCount, 1);
      assert.equal(bundle.documents.data[0].data, "# Hi");
    }
  }
});

test("a batched nested page is the bundle's own page, and its cursor goes on from there", async () => {
  const [first] = (await read(1)).data;
  const bundle = first.bundles.data[0];
  const own = `query($a: ID!, $b: ID!, $after: PageCursor) { application(id: $a) { bundle(id: $b) {
    apiDefinitions(first: 2, after: $after) { data { id name } pageInfo { endCursor hasNextPage } totalCount } } } }`;
  const alone = await app.graphql(own, { a: first.id, b: bundle.id }, { token: app.admin.token, headers });
  const page = (alone.body.data as any).application.bundle.apiDefinitions;
  assert.deepEqual(
    page.data.map((row: { id: string }) => row.id),
    bundle.apiDefinitions.data.map((row: { id: string }) => row.id),
  );
  const next = await app.graphql(own, { a: first.id, b: bundle.id, after: bundle.apiDefinitions.pageInfo.endCursor }, { token: app.admin.token, headers });
  const rest = (next.body.data as any).application.bundle.apiDefinitions;
  assert.equal(rest.data.length, 1);
  assert.equal(rest.pageInfo.hasNextPage, false);
  assert.ok(!bundle.apiDefinitions.data.some((row: { id: string }) => row.id === rest.data[0].id));
});

test("a bundle's page answers at most the rows its @pageRows promises the query limits, whatever `first` asks", async () => {
  const [first] = (await read(1)).data;
  const bundleId = first.bundles.data[0].id;
  const many = `mutation($b: ID!, $in: APIDefinitionInput!) { addAPIDefinitionToBundle(bundleID: $b, in: $in) { id } }`;
  for (let i = 0; i < 10; i++) await app.graphql(many, { b: bundleId, in: api(`extra-${i}`) }, { token: app.admin.token, headers });
  const response = await app.graphql(
    `query($a: ID!, $b: ID!) { application(id: $a) { bundle(id: $b) { apiDefinitions(first: 200) { data { id } pageInfo { hasNextPage } totalCount } } } }`,
    { a: first.id, b: bundleId },
    { token: app.admin.token, headers },
  );
  const page = (response.body.data as any).application.bundle.apiDefinitions;
  assert.equal(page.totalCount, 13);
  assert.equal(page.data.length, 10);
  assert.equal(page.pageInfo.hasNextPage, true);
});
