/**
 * Issue 22, item 7: Compass's page info through the API, for every list the
 * schema pages, on both databases. The walk is Compass's own e2e test
 * (tests/director/tests/application/application_api_test.go,
 * TestQueryApplicationsPageable; runtime/runtime_api_test.go, TestQueryRuntimesWithPagination, the same for runtimes):
 * 7 rows, 3 a page; each full page starts at the cursor it was given ("" on
 * the first) and has a next page; the last holds 1 row, has no next page and
 * an empty endCursor; totalCount is 7 throughout and every row comes once.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { createTenant } from "@/domain/tenants/tenant.service";
import { createIntegrationSystem } from "@/domain/integration-systems/integration-system.service";
import { setupTestApp } from "./harness";

const app = await setupTestApp();
const ROWS = 7;
const AFTER = 3;

const tenant = await createTenant(app.db, app.admin.principal, { externalId: "compass-paging", name: "Compass paging" });
const inTenant = { ...app.admin, headers: { tenant: tenant.externalId } };

interface Page {
  data: { id: string }[];
  pageInfo: { startCursor: string; endCursor: string; hasNextPage: boolean };
  totalCount: number;
}

/** Compass's walk over one list: `read` answers the page for `first` and `after`. */
async function pageable(read: (first: number, after: string) => Promise<Page>, ids: string[]) {
  assert.equal(ids.length, ROWS);
  const left = new Set(ids);
  let cursor = "";
  for (let page = 0; page < Math.floor(ROWS / AFTER); page++) {
    const answer = await read(AFTER, cursor);
    assert.equal(answer.pageInfo.startCursor, cursor, `page ${page + 1} starts at the cursor it was given`);
    assert.equal(answer.pageInfo.hasNextPage, true);
    assert.equal(answer.data.length, AFTER);
    assert.equal(answer.totalCount, ROWS);
    for (const row of answer.data) assert.ok(left.delete(row.id), `${row.id} once, and one of the list's`);
    cursor = answer.pageInfo.endCursor;
    assert.notEqual(cursor, "");
  }
  const last = await read(AFTER, cursor);
  assert.equal(last.pageInfo.startCursor, cursor);
  assert.equal(last.pageInfo.hasNextPage, false);
  assert.equal(last.pageInfo.endCursor, "");
  assert.equal(last.totalCount, ROWS);
  assert.equal(last.data.length, 1);
  left.delete(last.data[0].id);
  assert.equal(left.size, 0);
}

const PAGE = "data { id } pageInfo { startCursor endCursor hasNextPage } totalCount";

async function ok(query: string, variables: Record<string, unknown>, as: object = app.admin): Promise<any> {
  const response = await app.graphql(query, variables, as as never);
  assert.equal(response.body.errors, undefined, JSON.stringify(response.body.errors));
  return response.body.data;
}

for (const kind of ["Application", "Runtime"] as const) {
  const list = kind === "Application" ? "applications" : "runtimes";
  test(`${list} (Compass's ${kind === "Application" ? "TestQueryApplicationsPageable" : "TestQueryRuntimesWithPagination"})`, async () => {
    const ids: string[] = [];
    for (let i = 0; i < ROWS; i++) {
      const data = await ok(
        `mutation($in: ${kind}RegisterInput!) { result: register${kind}(in: $in) { id } }`,
        { in: { name: `${list}-page-${i}` } },
        inTenant,
      );
      ids.push(data.result.id);
    }
    await pageable(
      async (first, after) =>
        (
          await ok(
            `query($first: Int, $after: PageCursor) { result: ${list}(first: $first, after: $after, search: "${list}-page") { ${PAGE} } }`,
            { first, after },
            inTenant,
          )
        ).result,
      ids,
    );
  });
}

test("integrationSystems, and an integration system's applications", async () => {
  const systems: string[] = [];
  for (let i = 0; i < ROWS; i++) systems.push((await createIntegrationSystem(app.db, app.admin.principal, { name: `paged system ${i}` })).id);
  await pageable(
    async (first, after) =>
      (
        await ok(`query($first: Int, $after: PageCursor) { integrationSystems(first: $first, after: $after, search: "paged system") { ${PAGE} } }`, {
          first,
          after,
        })
      ).integrationSystems,
    systems,
  );
  const managed: string[] = [];
  for (let i = 0; i < ROWS; i++) {
    const data = await ok(
      `mutation($in: ApplicationRegisterInput!) { result: registerApplication(in: $in) { id } }`,
      { in: { name: `managed-${i}`, integrationSystemID: systems[0] } },
      inTenant,
    );
    managed.push(data.result.id);
  }
  await pageable(
    async (first, after) =>
      (
        await ok(`query($id: ID!, $first: Int, $after: PageCursor) { integrationSystem(id: $id) { applications(first: $first, after: $after) { ${PAGE} } } }`, {
          id: systems[0],
          first,
          after,
        })
      ).integrationSystem.applications,
    managed,
  );
});

test("tenants", async () => {
  const ids: string[] = [];
  // Compass's Tenant.id is the external id.
  for (let i = 0; i < ROWS; i++)
    ids.push((await createTenant(app.db, app.admin.principal, { externalId: `paged-tenant-${i}`, name: `Paged ${i}` })).externalId);
  await pageable(
    async (first, after) =>
      (await ok(`query($first: Int, $after: PageCursor) { tenants(first: $first, after: $after, search: "paged-tenant") { ${PAGE} } }`, { first, after }))
        .tenants,
    ids,
  );
});

test("auditEvents of one object", async () => {
  const system = await createIntegrationSystem(app.db, app.admin.principal, { name: "audited paging" });
  for (let i = 1; i < ROWS; i++)
    await ok(`mutation($id: ID!, $in: IntegrationSystemInput!) { updateIntegrationSystem(id: $id, in: $in) { id } }`, {
      id: system.id,
      in: { name: `audited paging ${i}` },
    });
  const ids = (await app.db.auditEvent.findMany({ where: { objectId: system.id } })).map((event) => event.id);
  await pageable(
    async (first, after) =>
      (
        await ok(`query($id: ID!, $first: Int, $after: PageCursor) { auditEvents(first: $first, after: $after, objectId: $id) { ${PAGE} } }`, {
          id: system.id,
          first,
          after,
        })
      ).auditEvents,
    ids,
  );
});

test("userPage", async () => {
  // The harness's admin and viewer, and five more.
  for (let i = 0; i < ROWS - 2; i++) {
    await ok(`mutation($in: CreateUserInput!) { createUser(in: $in) { id } }`, {
      in: { email: `paged-${i}@example.com`, password: "paged user password", role: "VIEWER" },
    });
  }
  const ids = (await app.db.user.findMany()).map((user) => user.id);
  await pageable(
    async (first, after) =>
      (await ok(`query($first: Int!, $after: PageCursor) { userPage(first: $first, after: $after) { ${PAGE} } }`, { first, after })).userPage,
    ids,
  );
});
