import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { registerApplication } from "@/domain/applications/application.service";
import { registerRuntime } from "@/domain/runtimes/runtime.service";
import { createTenant } from "@/domain/tenants/tenant.service";
import { createIntegrationSystem } from "@/domain/integration-systems/integration-system.service";
import { globalSearch } from "@/domain/search/global-search";
import type { Principal } from "@/domain/principals/principal";
import { SCOPES } from "@/lib/scopes";
import { onlyError, recordSecret, setupTestApp } from "./harness";

/** Issue 27: application and runtime lists sorted by name or creation, and the console's global search across tenants. */
const app = await setupTestApp();

const north = await createTenant(app.db, app.admin.principal, { externalId: "north", name: "North Wind" });
const south = await createTenant(app.db, app.admin.principal, { externalId: "south", name: "South Wind" });

const APPS = `query($first: Int, $after: PageCursor, $orderBy: ObjectOrder) {
  applications(first: $first, after: $after, orderBy: $orderBy) { data { name } pageInfo { endCursor hasNextPage } totalCount } }`;
const RUNTIMES = `query($first: Int, $after: PageCursor, $orderBy: ObjectOrder) {
  runtimes(first: $first, after: $after, orderBy: $orderBy) { data { name } pageInfo { endCursor hasNextPage } totalCount } }`;
const SEARCH = `query($query: String!, $first: Int) { globalSearch(query: $query, first: $first) {
  integrationSystems { name } tenants { externalId } applications { name tenant { externalId } } runtimes { name tenant { externalId } } } }`;

const inNorth = { ...app.admin, headers: { tenant: "north" } };

/** Every name of a list in `orderBy`, one row per page, so every cursor is used. */
async function walk(query: string, field: "applications" | "runtimes", orderBy: unknown): Promise<string[]> {
  const names: string[] = [];
  let after: string | undefined;
  for (let pages = 0; pages < 20; pages++) {
    const page = (await app.graphql(query, { first: 1, after, orderBy }, inNorth)).body.data![field];
    names.push(...page.data.map((row: { name: string }) => row.name));
    if (!page.pageInfo.hasNextPage) return names;
    after = page.pageInfo.endCursor;
  }
  throw new Error("too many pages");
}

describe("applications and runtimes: orderBy", () => {
  // Created in this order, so creation order differs from name order (and case differs too).
  const created = ["delta", "Alpha", "charlie", "Bravo"];
  before(async () => {
    for (const name of created) {
      await registerApplication(app.db, app.admin.principal, north, { name: `app ${name}` });
      await registerRuntime(app.db, app.admin.principal, north, { name: `rt ${name}` });
    }
    await registerApplication(app.db, app.admin.principal, south, { name: "app aardvark" });
  });

  for (const [query, field, prefix] of [
    [APPS, "applications", "app"],
    [RUNTIMES, "runtimes", "rt"],
  ] as const) {
    test(`${field}: by name ignoring case, both directions, by creation by default, paging with cursors`, async () => {
      const byName = ["Alpha", "Bravo", "charlie", "delta"].map((name) => `${prefix} ${name}`);
      assert.deepEqual(await walk(query, field, { field: "NAME" }), byName);
      assert.deepEqual(await walk(query, field, { field: "NAME", direction: "DESC" }), [...byName].reverse());
      const byCreation = created.map((name) => `${prefix} ${name}`);
      assert.deepEqual(await walk(query, field, null), byCreation);
      assert.deepEqual(await walk(query, field, { field: "CREATED_AT", direction: "DESC" }), [...byCreation].reverse());
    });

    test(`${field}: a cursor continues only the ordering it was made with`, async () => {
      const first = (await app.graphql(query, { first: 1, orderBy: { field: "NAME" } }, inNorth)).body.data![field];
      for (const orderBy of [null, { field: "NAME", direction: "DESC" }, { field: "CREATED_AT" }]) {
        const error = onlyError(await app.graphql(query, { first: 1, after: first.pageInfo.endCursor, orderBy }, inNorth));
        assert.equal(error.extensions.code, "BAD_USER_INPUT", JSON.stringify(orderBy));
        assert.equal(error.extensions.field, "after");
      }
    });
  }
});

describe("globalSearch", () => {
  before(async () => {
    await createIntegrationSystem(app.db, app.admin.principal, { name: "Zebra connector", description: "" });
    await createTenant(app.db, app.admin.principal, { externalId: "zebra-tenant", name: "Stripes" });
    await registerApplication(app.db, app.admin.principal, north, { name: "zebra shop" });
    await registerApplication(app.db, app.admin.principal, south, { name: "Zebra Shop" });
    await registerRuntime(app.db, app.admin.principal, south, { name: "zebra runtime" });
    await registerApplication(app.db, app.admin.principal, south, { name: "ab_cd" });
    await registerApplication(app.db, app.admin.principal, south, { name: "abxcd" });
  });

  test("finds every kind across tenants by name, ignoring case, each naming its tenant", async () => {
    const found = (await app.ok(SEARCH, { query: "  ZEBRA " })).globalSearch;
    assert.deepEqual(found.integrationSystems, [{ name: "Zebra connector" }]);
    assert.deepEqual(found.tenants, [{ externalId: "zebra-tenant" }]);
    assert.deepEqual(found.applications.map((row: { name: string; tenant: { externalId: string } }) => `${row.name}@${row.tenant.externalId}`).sort(), [
      "Zebra Shop@south",
      "zebra shop@north",
    ]);
    assert.deepEqual(found.runtimes, [{ name: "zebra runtime", tenant: { externalId: "south" } }]);
    // Viewers see what admins see: every list is theirs to read.
    assert.deepEqual((await app.ok(SEARCH, { query: "zebra" }, app.viewer)).globalSearch, (await app.ok(SEARCH, { query: "zebra" })).globalSearch);
  });

  test("matches literally, finds nothing for blank text, and answers at most `first` of each kind", async () => {
    assert.deepEqual(
      (await app.ok(SEARCH, { query: "b_c" })).globalSearch.applications.map((row: { name: string }) => row.name),
      ["ab_cd"],
      "_ is no wildcard",
    );
    assert.deepEqual((await app.ok(SEARCH, { query: "b%d" })).globalSearch.applications, [], "% is no wildcard");
    assert.deepEqual((await app.ok(SEARCH, { query: "   " })).globalSearch, { integrationSystems: [], tenants: [], applications: [], runtimes: [] });
    const one = (await app.ok(SEARCH, { query: "app", first: 1 })).globalSearch.applications;
    assert.deepEqual(
      one.map((row: { name: string }) => row.name),
      ["app aardvark"],
      "by name across tenants",
    );
  });

  test("bounds: text of at most 100 characters, first from 1 to 10", async () => {
    for (const [variables, field] of [
      [{ query: "x".repeat(101) }, "query"],
      [{ query: "x".repeat(100_000) }, "query"],
      [{ query: "zebra", first: 0 }, "first"],
      [{ query: "zebra", first: 11 }, "first"],
      [{ query: "zebra", first: -1 }, "first"],
    ] as const) {
      const error = onlyError(await app.graphql(SEARCH, variables, app.admin));
      assert.equal(error.extensions.code, "BAD_USER_INPUT");
      assert.equal(error.extensions.field, field);
    }
    assert.equal((await app.ok(SEARCH, { query: "x".repeat(100) })).globalSearch.tenants.length, 0);
  });

  test("a token answers only the kinds its scopes read", async () => {
    const created = (
      await app.ok<any>(`mutation($scopes: [String!]) { createApiToken(name: "tenants only", scopes: $scopes) { token } }`, {
        scopes: [SCOPES.tenantRead],
      })
    ).createApiToken;
    recordSecret(created.token);
    const found = (await app.ok(SEARCH, { query: "zebra" }, { token: created.token } as never)).globalSearch;
    assert.deepEqual(found, { integrationSystems: [], tenants: [{ externalId: "zebra-tenant" }], applications: [], runtimes: [] });
  });

  test("an application or runtime calling as itself may not search across tenants", async () => {
    for (const kind of ["APPLICATION", "RUNTIME"] as const) {
      const principal = { kind, objectId: "x", tenantId: north.id, scopes: new Set(Object.values(SCOPES)) } as unknown as Principal;
      await assert.rejects(globalSearch(app.db, principal, { query: "zebra" }), (error: { code?: string }) => error.code === "FORBIDDEN");
    }
    await assert.rejects(globalSearch(app.db, null, { query: "zebra" }), (error: { code?: string }) => error.code === "UNAUTHENTICATED");
  });
});
