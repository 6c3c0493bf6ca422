/**
 * Issue 5 over HTTP: tenants, applications scoped by the `tenant` header, and
 * integration systems working across tenants with their access tokens.
 * Runs on SQLite and PostgreSQL.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { type Caller, onlyError, setupTestApp } from "./harness";

const app = await setupTestApp();
const base = await app.listen();

let counter = 0;
const unique = (prefix: string) => `${prefix}-${++counter}`;

type Errors = { message: string; path?: string[]; extensions: Record<string, any> }[];
interface Response {
  status: number;
  body: { data?: any; errors?: Errors };
}

/**
 * A GraphQL call over real HTTP (access tokens name the origin that issued
 * them), as a user or an integration system, with an optional tenant header.
 */
async function call(as: Caller | string, query: string, variables: Record<string, unknown> = {}, tenant?: string): Promise<Response> {
  const token = typeof as === "string" ? as : as.token;
  const response = await fetch(`${base}/api/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}`, ...(tenant ? { tenant } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as Response["body"] };
}

async function ok(as: Caller | string, query: string, variables: Record<string, unknown> = {}, tenant?: string) {
  const response = await call(as, query, variables, tenant);
  assert.equal(response.body.errors, undefined, JSON.stringify(response.body.errors));
  return response.body.data;
}

function errorOf(response: Response) {
  return onlyError({ status: response.status, headers: new Headers(), body: response.body });
}

async function expectError(response: Promise<Response>, code: string, field?: string) {
  const error = errorOf(await response);
  assert.equal(error.extensions.code, code, error.message);
  if (field !== undefined) assert.equal(error.extensions.field, field);
  return error;
}

const CREATE_TENANT = `mutation($in: TenantInput!) { createTenant(in: $in) { id: internalID externalId name } }`;
const REGISTER = `mutation($in: ApplicationRegisterInput!) { registerApplication(in: $in) { id name integrationSystemID tenant { id: internalID externalId } } }`;
const UPDATE = `mutation($id: ID!, $in: ApplicationUpdateInput!) { updateApplication(id: $id, in: $in) { id name } }`;
const UNREGISTER = `mutation($id: ID!) { unregisterApplication(id: $id) { id } }`;
const READ = `query($id: ID!) { application(id: $id) { id name } }`;
const LIST = `query($search: String, $after: PageCursor) { applications(first: 50, search: $search, after: $after) {
  totalCount data { id name integrationSystemID integrationSystem { id name } tenant { externalId } } pageInfo { endCursor hasNextPage } } }`;

async function newTenant(name = "Tenant"): Promise<{ id: string; externalId: string }> {
  return (await ok(app.admin, CREATE_TENANT, { in: { externalId: unique("tenant"), name } })).createTenant;
}

async function register(as: Caller | string, tenant: string, input: Record<string, unknown>) {
  return (await ok(as, REGISTER, { in: input }, tenant)).registerApplication;
}

/** An integration system with client credentials, and a token for the given scopes (all defaults when omitted). */
async function newSystem(scope?: string) {
  const system = (
    await ok(app.admin, `mutation($in: IntegrationSystemInput!) { createIntegrationSystem(in: $in) { id name } }`, {
      in: { name: unique("Connector") },
    })
  ).createIntegrationSystem as { id: string; name: string };
  const generated = await ok(
    app.admin,
    `mutation($id: ID!) { generateClientCredentialsForIntegrationSystem(id: $id) { auth { credential { ... on OAuthCredentialData { clientId clientSecret } } } } }`,
    { id: system.id },
  );
  const { clientId, clientSecret } = generated.generateClientCredentialsForIntegrationSystem.auth.credential;
  const token = async (scopes?: string) => {
    const response = await fetch(`${base}/oauth2/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ grant_type: "client_credentials", client_id: clientId, client_secret: clientSecret, ...(scopes ? { scope: scopes } : {}) }),
    });
    assert.equal(response.status, 200);
    return ((await response.json()) as { access_token: string }).access_token;
  };
  return { ...system, token: await token(scope), tokenWith: token };
}

describe("tenants", () => {
  test("admins create, read (by id or external id), update and delete tenants", async () => {
    const tenant = await newTenant("Acme");
    const byExternal = await ok(app.admin, `query($id: ID!) { tenant(id: $id) { id: internalID externalId name createdAt updatedAt } }`, {
      id: tenant.externalId.toUpperCase(),
    });
    assert.equal(byExternal.tenant.id, tenant.id);
    assert.equal((await ok(app.viewer, `query($id: ID!) { tenant(id: $id) { id: internalID } }`, { id: tenant.id })).tenant.id, tenant.id);
    assert.equal((await ok(app.admin, `{ tenant(id: "no-such-tenant") { id } }`)).tenant, null);

    const updated = await ok(app.admin, `mutation($id: ID!, $in: BusinessTenantMappingInput!) { updateTenant(id: $id, in: $in) { externalId name } }`, {
      id: tenant.externalId,
      in: { externalTenant: `${tenant.externalId}-renamed`, name: "Acme Renamed", type: "account", provider: "" },
    });
    assert.deepEqual(updated.updateTenant, { externalId: `${tenant.externalId}-renamed`, name: "Acme Renamed" });
    await expectError(
      call(app.admin, CREATE_TENANT, { in: { externalId: `${tenant.externalId.toUpperCase()}-RENAMED`, name: "x" } }),
      "CONFLICT",
      "in.externalId",
    );
    await expectError(call(app.admin, CREATE_TENANT, { in: { externalId: "bad id!", name: "x" } }), "BAD_USER_INPUT", "in.externalId");

    assert.equal((await ok(app.admin, `mutation($id: ID!) { deleteTenant(id: $id) { id: internalID } }`, { id: tenant.id })).deleteTenant.id, tenant.id);
    await expectError(call(app.admin, `mutation($id: ID!) { deleteTenant(id: $id) { id } }`, { id: tenant.id }), "NOT_FOUND");
  });

  test("tenants are paged with keyset cursors", async () => {
    for (let i = 0; i < 3; i++) await newTenant();
    const seen: string[] = [];
    let after: string | undefined;
    let total = 0;
    let pages = 0;
    do {
      const page = (
        await ok(app.viewer, `query($after: PageCursor) { tenants(first: 2, after: $after) { totalCount data { id } pageInfo { endCursor hasNextPage } } }`, {
          after,
        })
      ).tenants;
      total = page.totalCount;
      seen.push(...page.data.map((t: { id: string }) => t.id));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : undefined;
    } while (after && ++pages < 100);
    assert.ok(pages < 100, "the walk ends");
    assert.equal(seen.length, total);
    assert.equal(new Set(seen).size, seen.length);
  });

  test("deleting a tenant with applications is a CONFLICT unless cascade: true", async () => {
    const tenant = await newTenant();
    await register(app.admin, tenant.externalId, { name: "First" });
    await register(app.admin, tenant.externalId, { name: "Second" });
    const error = await expectError(call(app.admin, `mutation($id: ID!) { deleteTenant(id: $id) { id } }`, { id: tenant.id }), "CONFLICT");
    assert.equal(error.extensions.applicationCount, 2);
    assert.match(error.message, /still holds 2 applications/);
    assert.equal(await app.db.application.count({ where: { tenantId: tenant.id } }), 2, "nothing deleted");
    await ok(app.admin, `mutation($id: ID!) { deleteTenant(id: $id, cascade: true) { id } }`, { id: tenant.id });
    assert.equal(await app.db.application.count({ where: { tenantId: tenant.id } }), 0);
  });

  test("who may read tenants: admins, viewers, and systems with tenant:read; nobody but admins writes them", async () => {
    const withRead = await newSystem("tenant:read");
    const withoutRead = await newSystem("application:read application:write");
    const count = await app.db.tenant.count();
    for (const as of [app.admin, app.viewer, withRead.token]) {
      assert.equal((await ok(as, `{ tenants(first: 1) { totalCount } }`)).tenants.totalCount, count);
    }
    await expectError(call(withoutRead.token, `{ tenants(first: 1) { totalCount } }`), "FORBIDDEN");
    await expectError(call(withoutRead.token, `{ tenant(id: "x") { id } }`), "FORBIDDEN");
    const before = await app.db.tenant.count();
    const fullSystem = await newSystem();
    const tenant = await newTenant();
    for (const as of [app.viewer, fullSystem.token]) {
      await expectError(call(as, CREATE_TENANT, { in: { externalId: unique("nope"), name: "x" } }), "FORBIDDEN");
      await expectError(
        call(as, `mutation($id: ID!) { updateTenant(id: $id, in: {externalTenant: "z", name: "z", type: "account", provider: ""}) { id } }`, { id: tenant.id }),
        "FORBIDDEN",
      );
      await expectError(call(as, `mutation($id: ID!) { deleteTenant(id: $id, cascade: true) { id } }`, { id: tenant.id }), "FORBIDDEN");
    }
    assert.equal(await app.db.tenant.count(), before + 1);
  });
});

describe("the tenant header", () => {
  test("a tenant-scoped operation without it is BAD_USER_INPUT on header:tenant; an unknown tenant is NOT_FOUND", async () => {
    const tenant = await newTenant();
    for (const [query, variables] of [
      [LIST, {}],
      [READ, { id: "x" }],
      [REGISTER, { in: { name: "Headless" } }],
      [UPDATE, { id: "x", in: { name: "y" } }],
      [UNREGISTER, { id: "x" }],
    ] as const) {
      const missing = await expectError(call(app.admin, query, variables), "BAD_USER_INPUT", "header:tenant");
      assert.match(missing.message, /tenant/);
      await expectError(call(app.admin, query, variables, "no-such-tenant"), "NOT_FOUND", "header:tenant");
    }
    assert.equal(await app.db.application.count({ where: { tenantId: tenant.id } }), 0);
  });

  test("the header takes the id or the external id in any case, and is ignored by operations that are not tenant-scoped", async () => {
    const tenant = await newTenant();
    const created = await register(app.admin, tenant.id, { name: "Via Id" });
    assert.equal(created.tenant.externalId, tenant.externalId);
    for (const header of [tenant.id, tenant.externalId, tenant.externalId.toUpperCase(), `  ${tenant.externalId} `]) {
      assert.equal((await ok(app.admin, READ, { id: created.id }, header)).application.id, created.id, header);
    }
    // No tenant lookup, hence no error, for a header on an operation that needs none.
    const systems = await app.db.integrationSystem.count();
    assert.deepEqual(await ok(app.admin, `{ integrationSystems(first: 1) { totalCount } }`, {}, "no-such-tenant"), {
      integrationSystems: { totalCount: systems },
    });
  });

  test("browsers on other sites may send it (CORS preflight)", async () => {
    const response = await fetch(`${base}/api/graphql`, {
      method: "OPTIONS",
      headers: {
        origin: "https://elsewhere.example",
        "access-control-request-method": "POST",
        "access-control-request-headers": "authorization, content-type, tenant",
      },
    });
    assert.match(response.headers.get("access-control-allow-headers") ?? "", /\btenant\b/);
  });
});

describe("applications", () => {
  test("tenant isolation: an application in tenant A is invisible and untouchable under tenant B's header", async () => {
    const a = await newTenant();
    const b = await newTenant();
    const inA = await register(app.admin, a.externalId, { name: "Only In A", description: "secret plans" });
    await register(app.admin, b.externalId, { name: "Only In B" });

    assert.equal((await ok(app.admin, READ, { id: inA.id }, b.externalId)).application, null);
    const listB = (await ok(app.admin, LIST, {}, b.externalId)).applications;
    assert.deepEqual(
      listB.data.map((x: { name: string }) => x.name),
      ["Only In B"],
    );
    assert.equal(listB.totalCount, 1);
    assert.equal((await ok(app.admin, LIST, { search: "only" }, b.externalId)).applications.totalCount, 1);
    await expectError(call(app.admin, UPDATE, { id: inA.id, in: { name: "Hijacked" } }, b.externalId), "NOT_FOUND");
    await expectError(call(app.admin, UNREGISTER, { id: inA.id }, b.externalId), "NOT_FOUND");
    const row = await app.db.application.findUnique({ where: { id: inA.id } });
    assert.equal(row?.name, "Only In A");
    assert.equal(row?.description, "secret plans");

    // The same name is free in another tenant, taken (ignoring case) in its own.
    await register(app.admin, b.externalId, { name: "only in a" });
    await expectError(call(app.admin, REGISTER, { in: { name: "ONLY IN A" } }, a.externalId), "CONFLICT", "in.name");
  });

  test("viewers read applications and cannot write them", async () => {
    const tenant = await newTenant();
    const created = await register(app.admin, tenant.externalId, { name: "Viewed" });
    assert.equal((await ok(app.viewer, READ, { id: created.id }, tenant.externalId)).application.name, "Viewed");
    assert.equal((await ok(app.viewer, LIST, {}, tenant.externalId)).applications.totalCount, 1);
    await expectError(call(app.viewer, REGISTER, { in: { name: "By Viewer" } }, tenant.externalId), "FORBIDDEN");
    await expectError(call(app.viewer, UPDATE, { id: created.id, in: { name: "By Viewer" } }, tenant.externalId), "FORBIDDEN");
    await expectError(call(app.viewer, UNREGISTER, { id: created.id }, tenant.externalId), "FORBIDDEN");
    assert.equal(await app.db.application.count({ where: { tenantId: tenant.id } }), 1);
  });

  test("registering for an unknown integration system is NOT_FOUND", async () => {
    const tenant = await newTenant();
    await expectError(
      call(app.admin, REGISTER, { in: { name: "Orphan", integrationSystemID: "3f1c2d8e-1111-4222-8333-944455556666" } }, tenant.externalId),
      "NOT_FOUND",
    );
    assert.equal(await app.db.application.count({ where: { tenantId: tenant.id } }), 0);
  });
});

describe("integration systems across tenants", () => {
  test("one token works in two tenants; the system manages what it registers, whatever the input says", async () => {
    const system = await newSystem();
    const other = await newSystem();
    const a = await newTenant();
    const b = await newTenant();
    const inA = await register(system.token, a.externalId, { name: "Connector App", integrationSystemID: other.id });
    const inB = await register(system.token, b.id, { name: "Connector App" });
    assert.equal(inA.integrationSystemID, system.id, "not the system the input named");
    assert.equal(inB.integrationSystemID, system.id);

    const listA = (await ok(system.token, LIST, {}, a.externalId)).applications;
    assert.deepEqual(
      listA.data.map((x: any) => [x.name, x.integrationSystem.name, x.tenant.externalId]),
      [["Connector App", system.name, a.externalId]],
    );
    assert.equal((await ok(system.token, UPDATE, { id: inB.id, in: { name: "Renamed In B" } }, b.externalId)).updateApplication.name, "Renamed In B");

    const across = await ok(
      system.token,
      `query($id: ID!) { integrationSystem(id: $id) { applications(first: 1) {
      totalCount data { name tenant { externalId } } pageInfo { endCursor hasNextPage } } } }`,
      { id: system.id },
    );
    assert.equal(across.integrationSystem.applications.totalCount, 2);
    assert.deepEqual(across.integrationSystem.applications.data, [{ name: "Connector App", tenant: { externalId: a.externalId } }]);
    const next = await ok(
      app.viewer,
      `query($id: ID!, $after: PageCursor) { integrationSystem(id: $id) { applications(first: 1, after: $after) {
      data { name tenant { externalId } } pageInfo { hasNextPage } } } }`,
      { id: system.id, after: across.integrationSystem.applications.pageInfo.endCursor },
    );
    assert.deepEqual(next.integrationSystem.applications.data, [{ name: "Renamed In B", tenant: { externalId: b.externalId } }]);
    assert.equal(next.integrationSystem.applications.pageInfo.hasNextPage, false);

    // Another system's list is not this system's to read; admins and viewers read any.
    await expectError(call(system.token, `query($id: ID!) { integrationSystem(id: $id) { applications { totalCount } } }`, { id: other.id }), "FORBIDDEN");
    assert.equal(
      (await ok(app.viewer, `query($id: ID!) { integrationSystem(id: $id) { applications { totalCount } } }`, { id: other.id })).integrationSystem.applications
        .totalCount,
      0,
    );
  });

  test("scopes: without application:write a token cannot register, update or unregister; without application:read it cannot read", async () => {
    const system = await newSystem();
    const tenant = await newTenant();
    const own = await register(system.token, tenant.externalId, { name: "Own App" });
    const readOnly = await system.tokenWith("application:read");
    await expectError(call(readOnly, REGISTER, { in: { name: "Refused" } }, tenant.externalId), "FORBIDDEN");
    await expectError(call(readOnly, UPDATE, { id: own.id, in: { name: "Refused" } }, tenant.externalId), "FORBIDDEN");
    await expectError(call(readOnly, UNREGISTER, { id: own.id }, tenant.externalId), "FORBIDDEN");
    assert.equal((await ok(readOnly, READ, { id: own.id }, tenant.externalId)).application.name, "Own App");
    // Related objects check their own scopes.
    await expectError(call(readOnly, `query($id: ID!) { application(id: $id) { tenant { id } } }`, { id: own.id }, tenant.externalId), "FORBIDDEN");

    const writeOnly = await system.tokenWith("application:write");
    await expectError(call(writeOnly, READ, { id: own.id }, tenant.externalId), "FORBIDDEN");
    await expectError(call(writeOnly, LIST, {}, tenant.externalId), "FORBIDDEN");
    // A scope failure is reported before anything about the tenant.
    await expectError(call(readOnly, REGISTER, { in: { name: "Refused" } }), "FORBIDDEN");
    assert.equal(await app.db.application.count({ where: { tenantId: tenant.id } }), 1);
  });

  test("a system may change only the applications it manages", async () => {
    const mine = await newSystem();
    const theirs = await newSystem();
    const tenant = await newTenant();
    const foreign = await register(theirs.token, tenant.externalId, { name: "Theirs" });
    const adminMade = await register(app.admin, tenant.externalId, { name: "Admin Made" });
    for (const target of [foreign, adminMade]) {
      await expectError(call(mine.token, UPDATE, { id: target.id, in: { name: "Taken Over" } }, tenant.externalId), "FORBIDDEN");
      await expectError(call(mine.token, UNREGISTER, { id: target.id }, tenant.externalId), "FORBIDDEN");
    }
    // It may still see them: reading is not managing.
    assert.equal((await ok(mine.token, LIST, {}, tenant.externalId)).applications.totalCount, 2);
    // Admins change any.
    await ok(app.admin, UNREGISTER, { id: foreign.id }, tenant.externalId);
  });

  test("deleting an integration system that manages applications is a CONFLICT naming how many; nothing is deleted", async () => {
    const system = await newSystem();
    const a = await newTenant();
    const b = await newTenant();
    const one = await register(system.token, a.externalId, { name: "One" });
    const two = await register(system.token, b.externalId, { name: "Two" });
    const error = await expectError(call(app.admin, `mutation($id: ID!) { deleteIntegrationSystem(id: $id) { id } }`, { id: system.id }), "CONFLICT");
    assert.equal(error.message, `Integration system "${system.name}" still manages 2 applications; unregister them first`);
    assert.equal(error.extensions.applicationCount, 2);
    assert.equal((await app.db.integrationSystem.findUniqueOrThrow({ where: { id: system.id } })).name, system.name);
    assert.equal(await app.db.systemAuth.count({ where: { integrationSystemId: system.id } }), 1, "credentials kept");
    assert.deepEqual(await ok(system.token, `{ viewer { kind } }`), { viewer: { kind: "INTEGRATION_SYSTEM" } }, "its token still works");

    await ok(system.token, UNREGISTER, { id: one.id }, a.externalId);
    await ok(system.token, UNREGISTER, { id: two.id }, b.externalId);
    await ok(app.admin, `mutation($id: ID!) { deleteIntegrationSystem(id: $id) { id } }`, { id: system.id });
  });

  test("the audit log records who did it, the integration system included", async () => {
    const system = await newSystem();
    const tenant = await newTenant();
    const created = await register(system.token, tenant.externalId, { name: "Audited App" });
    await ok(system.token, UPDATE, { id: created.id, in: { name: "Audited App 2" } }, tenant.externalId);
    await ok(system.token, UNREGISTER, { id: created.id }, tenant.externalId);
    const events = (
      await ok(
        app.admin,
        `query($id: ID!) { auditEvents(objectId: $id) { data { action objectType objectLabel details actor { type id label authMethod } } } }`,
        {
          id: created.id,
        },
      )
    ).auditEvents.data;
    assert.deepEqual(
      events.map((e: { action: string }) => e.action),
      ["APPLICATION_UNREGISTERED", "APPLICATION_UPDATED", "APPLICATION_REGISTERED"],
    );
    for (const event of events) {
      assert.deepEqual(event.actor, { type: "INTEGRATION_SYSTEM", id: system.id, label: system.name, authMethod: "ACCESS_TOKEN" });
      assert.equal(event.objectType, "Application");
      assert.equal(JSON.parse(event.details).tenantExternalId, tenant.externalId);
    }
    const tenantEvents = (await ok(app.admin, `query($id: ID!) { auditEvents(objectId: $id) { data { action actor { type id } } } }`, { id: tenant.id }))
      .auditEvents.data;
    assert.deepEqual(tenantEvents, [{ action: "TENANT_CREATED", actor: { type: "USER", id: app.admin.user.id } }]);
  });
});

describe("issue 27: tenant names are customers' names, punctuation included (Compass takes any)", () => {
  test("'Procter & Gamble' and 'Smith, Jones & Co.' are accepted; a leading symbol, invisible characters and look-alike scripts are not", async () => {
    for (const name of ["Procter & Gamble", "Smith, Jones & Co.", "AT&T (Europe)", "Müller + Söhne / Wien"]) {
      assert.equal((await ok(app.admin, CREATE_TENANT, { in: { externalId: unique("punct"), name } })).createTenant.name, name);
    }
    await expectError(call(app.admin, CREATE_TENANT, { in: { externalId: unique("punct"), name: "& Co" } }), "BAD_USER_INPUT", "in.name");
    await expectError(call(app.admin, CREATE_TENANT, { in: { externalId: unique("punct"), name: "Acme\u200b & Co" } }), "BAD_USER_INPUT", "in.name");
    await expectError(call(app.admin, CREATE_TENANT, { in: { externalId: unique("punct"), name: "\u0410cme & Co" } }), "BAD_USER_INPUT", "in.name");
    // Integration systems and applications keep their stricter names.
    await expectError(
      call(app.admin, `mutation($in: IntegrationSystemInput!) { createIntegrationSystem(in: $in) { id } }`, { in: { name: "Procter & Gamble" } }),
      "BAD_USER_INPUT",
      "in.name",
    );
  });
});
