/**
 * Who may call what (DESIGN.md, "Who may call what"): the authorization matrix
 * over every operation, login and sessions, personal API tokens, CSRF, the
 * GraphiQL gate, introspection, and the first-admin setup link.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { POST as loginRoute } from "../app/api/auth/login/route";
import { POST as logoutRoute } from "../app/api/auth/logout/route";
import { POST as setupRoute } from "../app/api/auth/setup/route";
import { createApiToken } from "../graphql/api-token/api-token.service";
import { registerApplication } from "../graphql/application/application.service";
import { createIntegrationSystem } from "../graphql/integration-system/integration-system.service";
import { generateClientCredentials } from "../graphql/integration-system/system-auth.service";
import { createTenant } from "../graphql/tenant/tenant.service";
import { SESSION_COOKIE, createSession } from "../graphql/user/session.service";
import { userPrincipal } from "../graphql/auth/principal";
import { ensureFirstAdmin, toIdentity } from "../graphql/user/user.service";
import { hashPassword, sha256 } from "../lib/crypto";
import { newId } from "../lib/ids";
import { startup } from "../lib/startup";
import { type Caller, type GraphQLResponse, PASSWORD, TEST_ORIGIN, onlyError, setupTestApp } from "./harness";

const app = await setupTestApp();
// The route handlers run start-up on first use; run it now, while users exist,
// so it cannot hand out a setup link of its own when the last test empties the database.
await startup();

let counter = 0;
const unique = (prefix: string) => `${prefix}-${++counter}-${Date.now().toString(36)}`;

// ---------------------------------------------------------------------------
// helpers

/** Every table a call could change; lastUsedAt is left out (token use writes it). */
async function snapshot() {
  const byId = { orderBy: { id: "asc" as const } };
  const [systems, auths, users, tokens, sessions, setupTokens, audit, tenants, applications] = await Promise.all([
    app.db.integrationSystem.findMany({ ...byId, select: { id: true, name: true, description: true, updatedAt: true } }),
    app.db.systemAuth.findMany({ ...byId, select: { id: true, integrationSystemId: true, secretHash: true } }),
    app.db.user.findMany({ ...byId, select: { id: true, email: true, role: true, passwordHash: true } }),
    app.db.apiToken.findMany({ ...byId, select: { id: true, name: true, userId: true, expiresAt: true } }),
    app.db.session.findMany({ ...byId, select: { id: true, expiresAt: true } }),
    app.db.setupToken.count(),
    app.db.auditEvent.count(),
    app.db.tenant.findMany({ ...byId, select: { id: true, externalId: true, name: true } }),
    app.db.application.findMany({ ...byId, select: { id: true, tenantId: true, name: true, description: true } }),
  ]);
  return { systems, auths, users, tokens, sessions, setupTokens, audit, tenants, applications };
}

async function assertUnchanged(before: Awaited<ReturnType<typeof snapshot>>, what: string) {
  assert.deepEqual(await snapshot(), before, `${what} must change nothing`);
}

function postJson(handler: (request: Request) => Promise<Response>, path: string, body: unknown, headers: Record<string, string> = {}) {
  return handler(
    new Request(`${TEST_ORIGIN}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify(body),
    }),
  );
}

let passwordHash: Promise<string> | null = null;
/**
 * Like app.newCaller, but with the password hash computed once for the whole
 * file: scrypt is slow by design, and logins below pay it often enough.
 */
async function newCaller(role: Role): Promise<Caller> {
  const user = await app.db.user.create({
    data: { id: newId(), email: `${unique(role.toLowerCase())}@example.test`, passwordHash: await (passwordHash ??= hashPassword(PASSWORD)), role },
  });
  const principal = userPrincipal(toIdentity(user), "API_TOKEN");
  const { token } = await createApiToken(app.db, principal, { name: "tests" });
  return { user, principal, token };
}

let addresses = 0;
/** A client address of its own, so one test's failures never throttle another's logins. */
const newAddress = () => `198.51.${Math.floor(++addresses / 250)}.${addresses % 250}`;

function login(email: string, password: string, address: string) {
  return postJson(loginRoute, "/api/auth/login", { email, password }, { "x-compass-client-address": address });
}

/** The `name=value` part of the response's Set-Cookie, for a Cookie header. */
function cookieOf(response: Response): string {
  const setCookie = response.headers.get("set-cookie");
  assert.ok(setCookie, "expected a Set-Cookie header");
  return setCookie.split(";")[0];
}

async function loginCookie(caller: Caller): Promise<string> {
  const response = await login(caller.user.email, PASSWORD, newAddress());
  assert.equal(response.status, 204);
  return cookieOf(response);
}

function assertUnauthenticated(response: GraphQLResponse) {
  assert.equal(response.status, 401, JSON.stringify(response.body));
  assert.equal(onlyError(response).extensions.code, "UNAUTHENTICATED");
  assert.equal(response.body.data, undefined);
}

const VIEWER_QUERY = `{ viewer { kind role authMethod scopes user { id email role } } }`;

// ---------------------------------------------------------------------------
// the authorization matrix

type Role = "ADMIN" | "VIEWER";
interface Call {
  query: string;
  variables?: Record<string, unknown>;
  /** Request headers, such as `tenant` for tenant-scoped operations. */
  headers?: Record<string, string>;
}
interface Operation {
  field: string;
  /** read: every role; admin-read: ADMIN only (the audit log); write: ADMIN only. */
  kind: "read" | "admin-read" | "write";
  /** Creates what the call needs (as far as possible owned by `owner`) and returns it. */
  prepare: (owner: Caller) => Promise<Call>;
  /** Checks a successful answer (reads for every role, writes for ADMIN). */
  check: (data: any, role: Role, call: Call) => Promise<void> | void;
}

async function newSystem() {
  return createIntegrationSystem(app.db, app.admin.principal, { name: unique("matrix system"), description: "for the matrix" });
}

async function newTenant() {
  return createTenant(app.db, app.admin.principal, { externalId: unique("matrix-tenant"), name: "Matrix Tenant" });
}

/** An application in a tenant of its own; calls about it send that tenant's external id. */
async function newApplication() {
  const tenant = await newTenant();
  const application = await registerApplication(app.db, app.admin.principal, tenant, { name: unique("matrix app") });
  return { tenant, application, headers: { tenant: tenant.externalId } };
}

const SYSTEM_FIELDS = `id name description auths { id secretHint auth { credential { ... on OAuthCredentialData { clientId clientSecret url } } } }`;

const operations: Operation[] = [
  {
    field: "integrationSystems",
    kind: "read",
    prepare: async () => {
      await newSystem();
      return { query: `{ integrationSystems(first: 200) { totalCount data { ${SYSTEM_FIELDS} } } }` };
    },
    check: (data) => {
      assert.ok(data.integrationSystems.totalCount >= 1);
      for (const system of data.integrationSystems.data) {
        for (const auth of system.auths) assert.equal(auth.auth.credential.clientSecret, null, "no secret after generation");
      }
    },
  },
  {
    field: "integrationSystem",
    kind: "read",
    prepare: async () => {
      const system = await newSystem();
      await generateClientCredentials(app.db, app.admin.principal, system.id);
      return { query: `query($id: ID!) { integrationSystem(id: $id) { ${SYSTEM_FIELDS} } }`, variables: { id: system.id } };
    },
    check: (data, _role, call) => {
      assert.equal(data.integrationSystem.id, call.variables!.id);
      assert.equal(data.integrationSystem.auths.length, 1);
      // VIEWERs get no secrets; nobody gets one after the generating mutation.
      assert.equal(data.integrationSystem.auths[0].auth.credential.clientSecret, null);
      assert.equal(data.integrationSystem.auths[0].auth.credential.url, `${TEST_ORIGIN}/oauth2/token`);
    },
  },
  {
    field: "createIntegrationSystem",
    kind: "write",
    prepare: async () => ({
      query: `mutation($in: IntegrationSystemInput!) { createIntegrationSystem(in: $in) { id name } }`,
      variables: { in: { name: unique("created") } },
    }),
    check: async (data, _role, call) => {
      assert.equal(data.createIntegrationSystem.name, (call.variables!.in as { name: string }).name);
      assert.ok(await app.db.integrationSystem.findUnique({ where: { id: data.createIntegrationSystem.id } }));
    },
  },
  {
    field: "updateIntegrationSystem",
    kind: "write",
    prepare: async () => {
      const system = await newSystem();
      return {
        query: `mutation($id: ID!, $in: IntegrationSystemInput!) { updateIntegrationSystem(id: $id, in: $in) { id name description } }`,
        variables: { id: system.id, in: { name: unique("renamed"), description: "changed" } },
      };
    },
    check: async (data, _role, call) => {
      const row = await app.db.integrationSystem.findUnique({ where: { id: call.variables!.id as string } });
      assert.equal(row?.description, "changed");
      assert.equal(data.updateIntegrationSystem.description, "changed");
    },
  },
  {
    field: "deleteIntegrationSystem",
    kind: "write",
    prepare: async () => {
      const system = await newSystem();
      await generateClientCredentials(app.db, app.admin.principal, system.id);
      return { query: `mutation($id: ID!) { deleteIntegrationSystem(id: $id) { id } }`, variables: { id: system.id } };
    },
    check: async (_data, _role, call) => {
      assert.equal(await app.db.integrationSystem.count({ where: { id: call.variables!.id as string } }), 0);
      assert.equal(await app.db.systemAuth.count({ where: { integrationSystemId: call.variables!.id as string } }), 0);
    },
  },
  {
    field: "generateClientCredentialsForIntegrationSystem",
    kind: "write",
    prepare: async () => {
      const system = await newSystem();
      return {
        query: `mutation($id: ID!) { generateClientCredentialsForIntegrationSystem(id: $id) {
          id referenceObjectId auth { credential { ... on OAuthCredentialData { clientId clientSecret } } } } }`,
        variables: { id: system.id },
      };
    },
    check: async (data, _role, call) => {
      const generated = data.generateClientCredentialsForIntegrationSystem;
      assert.equal(generated.referenceObjectId, call.variables!.id);
      assert.match(generated.auth.credential.clientSecret, /^cmp_cs_/);
      const row = await app.db.systemAuth.findUnique({ where: { id: generated.id } });
      assert.equal(row?.secretHash, sha256(generated.auth.credential.clientSecret));
    },
  },
  {
    field: "deleteSystemAuthForIntegrationSystem",
    kind: "write",
    prepare: async () => {
      const system = await newSystem();
      const auth = await generateClientCredentials(app.db, app.admin.principal, system.id);
      return { query: `mutation($id: ID!) { deleteSystemAuthForIntegrationSystem(id: $id) { id } }`, variables: { id: auth.id } };
    },
    check: async (data) => {
      assert.equal(await app.db.systemAuth.count({ where: { id: data.deleteSystemAuthForIntegrationSystem.id } }), 0);
    },
  },
  {
    field: "viewer",
    kind: "read",
    prepare: async () => ({ query: VIEWER_QUERY }),
    check: (data, role) => {
      assert.equal(data.viewer.kind, "USER");
      assert.equal(data.viewer.role, role);
      assert.equal(data.viewer.scopes.includes("integration_system:write"), role === "ADMIN");
    },
  },
  {
    field: "users",
    kind: "read",
    prepare: async () => ({ query: `{ users { id email role createdAt } }` }),
    check: (data) => {
      const emails = data.users.map((user: { email: string }) => user.email);
      assert.ok(emails.includes(app.admin.user.email) && emails.includes(app.viewer.user.email));
      assert.ok(!JSON.stringify(data).includes("scrypt"), "no password hashes");
    },
  },
  {
    field: "createUser",
    kind: "write",
    prepare: async () => ({
      query: `mutation($in: CreateUserInput!) { createUser(in: $in) { id email role } }`,
      variables: { in: { email: `${unique("new")}@example.test`, password: PASSWORD, role: "VIEWER" } },
    }),
    check: async (data) => {
      assert.equal(data.createUser.role, "VIEWER");
      assert.ok(await app.db.user.findUnique({ where: { id: data.createUser.id } }));
    },
  },
  {
    field: "deleteUser",
    kind: "write",
    prepare: async () => {
      const victim = await newCaller("VIEWER");
      return { query: `mutation($id: ID!) { deleteUser(id: $id) { id } }`, variables: { id: victim.user.id } };
    },
    check: async (_data, _role, call) => {
      assert.equal(await app.db.user.count({ where: { id: call.variables!.id as string } }), 0);
      assert.equal(await app.db.apiToken.count({ where: { userId: call.variables!.id as string } }), 0);
    },
  },
  {
    field: "apiTokens",
    kind: "read",
    prepare: async () => ({ query: `{ apiTokens { id name createdAt lastUsedAt expiresAt } }` }),
    check: (data) => {
      assert.ok(data.apiTokens.length >= 1);
    },
  },
  {
    field: "createApiToken",
    kind: "write",
    prepare: async () => ({
      query: `mutation($name: String!) { createApiToken(name: $name, expiresInDays: 7) { token apiToken { id name } } }`,
      variables: { name: unique("token") },
    }),
    check: async (data) => {
      assert.match(data.createApiToken.token, /^cmp_pat_/);
      assert.ok(await app.db.apiToken.findUnique({ where: { id: data.createApiToken.apiToken.id } }));
    },
  },
  {
    field: "revokeApiToken",
    kind: "write",
    // The caller's own token, so a refusal is about the role and not about ownership.
    prepare: async (owner) => {
      const { apiToken } = await createApiToken(app.db, owner.principal, { name: unique("to revoke") });
      return { query: `mutation($id: ID!) { revokeApiToken(id: $id) { id name } }`, variables: { id: apiToken.id } };
    },
    check: async (_data, _role, call) => {
      assert.equal(await app.db.apiToken.count({ where: { id: call.variables!.id as string } }), 0);
    },
  },
  {
    field: "auditEvents",
    kind: "admin-read",
    prepare: async () => ({ query: `{ auditEvents(first: 5) { totalCount data { action actor { type label } } } }` }),
    check: (data) => {
      assert.ok(data.auditEvents.totalCount > 0);
      assert.ok(data.auditEvents.data.length > 0);
    },
  },
  {
    field: "tenants",
    kind: "read",
    prepare: async () => {
      await newTenant();
      return { query: `{ tenants(first: 5) { totalCount data { id externalId name createdAt updatedAt } } }` };
    },
    check: (data) => {
      assert.ok(data.tenants.totalCount >= 1);
      assert.ok(data.tenants.data[0].externalId);
    },
  },
  {
    field: "tenant",
    kind: "read",
    prepare: async () => {
      const tenant = await newTenant();
      return { query: `query($id: ID!) { tenant(id: $id) { id externalId } }`, variables: { id: tenant.externalId } };
    },
    check: (data, _role, call) => {
      assert.equal(data.tenant.externalId, call.variables!.id);
    },
  },
  {
    field: "createTenant",
    kind: "write",
    prepare: async () => ({
      query: `mutation($in: TenantInput!) { createTenant(in: $in) { id externalId name } }`,
      variables: { in: { externalId: unique("created-tenant"), name: "Created" } },
    }),
    check: async (data) => {
      assert.ok(await app.db.tenant.findUnique({ where: { id: data.createTenant.id } }));
    },
  },
  {
    field: "updateTenant",
    kind: "write",
    prepare: async () => {
      const tenant = await newTenant();
      return {
        query: `mutation($id: ID!, $in: TenantInput!) { updateTenant(id: $id, in: $in) { id name } }`,
        variables: { id: tenant.id, in: { externalId: tenant.externalId, name: "Renamed" } },
      };
    },
    check: async (data) => {
      assert.equal(data.updateTenant.name, "Renamed");
    },
  },
  {
    field: "deleteTenant",
    kind: "write",
    prepare: async () => {
      const { tenant } = await newApplication();
      return { query: `mutation($id: ID!) { deleteTenant(id: $id, cascade: true) { id } }`, variables: { id: tenant.id } };
    },
    check: async (_data, _role, call) => {
      assert.equal(await app.db.tenant.count({ where: { id: call.variables!.id as string } }), 0);
      assert.equal(await app.db.application.count({ where: { tenantId: call.variables!.id as string } }), 0);
    },
  },
  {
    field: "applications",
    kind: "read",
    prepare: async () => {
      const { headers } = await newApplication();
      return { query: `{ applications(first: 10) { totalCount data { id name tenant { externalId } integrationSystem { id } } } }`, headers };
    },
    check: (data, _role, call) => {
      assert.equal(data.applications.totalCount, 1);
      assert.equal(data.applications.data[0].tenant.externalId, call.headers!.tenant);
    },
  },
  {
    field: "application",
    kind: "read",
    prepare: async () => {
      const { application, headers } = await newApplication();
      return { query: `query($id: ID!) { application(id: $id) { id name } }`, variables: { id: application.id }, headers };
    },
    check: (data, _role, call) => {
      assert.equal(data.application.id, call.variables!.id);
    },
  },
  {
    field: "registerApplication",
    kind: "write",
    prepare: async () => {
      const tenant = await newTenant();
      return {
        query: `mutation($in: ApplicationRegisterInput!) { registerApplication(in: $in) { id name integrationSystemID } }`,
        variables: { in: { name: "Registered", description: "by the matrix" } },
        headers: { tenant: tenant.id },
      };
    },
    check: async (data) => {
      assert.equal(data.registerApplication.integrationSystemID, null);
      assert.ok(await app.db.application.findUnique({ where: { id: data.registerApplication.id } }));
    },
  },
  {
    field: "updateApplication",
    kind: "write",
    prepare: async () => {
      const { application, headers } = await newApplication();
      return {
        query: `mutation($id: ID!, $in: ApplicationUpdateInput!) { updateApplication(id: $id, in: $in) { id name } }`,
        variables: { id: application.id, in: { name: "Updated" } },
        headers,
      };
    },
    check: (data) => {
      assert.equal(data.updateApplication.name, "Updated");
    },
  },
  {
    field: "unregisterApplication",
    kind: "write",
    prepare: async () => {
      const { application, headers } = await newApplication();
      return { query: `mutation($id: ID!) { unregisterApplication(id: $id) { id } }`, variables: { id: application.id }, headers };
    },
    check: async (_data, _role, call) => {
      assert.equal(await app.db.application.count({ where: { id: call.variables!.id as string } }), 0);
    },
  },
];

test("the matrix covers every query and mutation in the schema", async () => {
  const data = await app.ok<any>(`{ query: __type(name: "Query") { fields { name } } mutation: __type(name: "Mutation") { fields { name } } }`);
  const inSchema = [...data.query.fields, ...data.mutation.fields].map((field: { name: string }) => field.name).sort();
  assert.deepEqual(operations.map((operation) => operation.field).sort(), inSchema);
});

const sessions: Partial<Record<Role, string>> = {};
async function sessionOf(role: Role): Promise<string> {
  const caller = role === "ADMIN" ? app.admin : app.viewer;
  // Made directly, so the matrix does not spend the login throttle's budget.
  return (sessions[role] ??= `${SESSION_COOKIE}=${(await createSession(app.db, caller.user.id, 1)).cookieValue}`);
}

const callers: { name: string; role: Role | null; as: () => Promise<Caller | { cookie: string } | null> }[] = [
  { name: "anonymous", role: null, as: async () => null },
  { name: "VIEWER (API token)", role: "VIEWER", as: async () => app.viewer },
  { name: "VIEWER (session)", role: "VIEWER", as: async () => ({ cookie: await sessionOf("VIEWER") }) },
  { name: "ADMIN (API token)", role: "ADMIN", as: async () => app.admin },
  { name: "ADMIN (session)", role: "ADMIN", as: async () => ({ cookie: await sessionOf("ADMIN") }) },
];

for (const operation of operations) {
  for (const caller of callers) {
    const adminOnly = operation.kind !== "read";
    const expected = !caller.role ? "401 UNAUTHENTICATED" : caller.role === "VIEWER" && adminOnly ? "FORBIDDEN" : "allowed";
    test(`${operation.field} (${operation.kind}) as ${caller.name}: ${expected}`, async () => {
      const call = await operation.prepare(caller.role === "VIEWER" ? app.viewer : app.admin);
      const as = await caller.as();
      const before = await snapshot();
      const response = await app.graphql(call.query, call.variables, as && call.headers ? { ...as, headers: call.headers } : as);
      if (!caller.role) {
        assertUnauthenticated(response);
        assert.equal(response.headers.get("www-authenticate"), "Bearer");
        await assertUnchanged(before, `an anonymous ${operation.field}`);
      } else if (caller.role === "VIEWER" && adminOnly) {
        assert.equal(response.status, 200);
        const error = onlyError(response);
        assert.equal(error.extensions.code, "FORBIDDEN", error.message);
        assert.deepEqual((error as { path?: string[] }).path, [operation.field]);
        assert.equal(response.body.data, null);
        await assertUnchanged(before, `a VIEWER's ${operation.field}`);
      } else {
        assert.equal(response.status, 200);
        assert.equal(response.body.errors, undefined, JSON.stringify(response.body.errors));
        await operation.check(response.body.data, caller.role, call);
      }
    });
  }
}

// ---------------------------------------------------------------------------
// login, sessions, logout

test("login answers 204 with an HttpOnly, SameSite=Lax session cookie that works for GraphQL", async () => {
  const user = await newCaller("VIEWER");
  const response = await login(`  ${user.user.email.toUpperCase()} `, PASSWORD, newAddress());
  assert.equal(response.status, 204);
  assert.equal(await response.text(), "");
  assert.equal(response.headers.get("cache-control"), "no-store");

  const [pair, ...attributes] = response.headers.get("set-cookie")!.split(";").map((part) => part.trim());
  assert.ok(pair.startsWith(`${SESSION_COOKIE}=`));
  assert.ok(attributes.includes("HttpOnly"), "HttpOnly");
  assert.ok(attributes.includes("SameSite=Lax"), "SameSite=Lax");
  assert.ok(attributes.includes("Path=/"), "Path=/");
  assert.ok(!attributes.includes("Secure"), "no Secure flag on plain http");
  const expires = attributes.find((attribute) => attribute.startsWith("Expires="));
  assert.ok(expires && Date.parse(expires.slice("Expires=".length)) > Date.now(), "expires in the future");

  const viewer = await app.graphql(VIEWER_QUERY, {}, { cookie: pair });
  assert.equal(viewer.status, 200);
  assert.deepEqual(
    { ...viewer.body.data!.viewer, scopes: undefined },
    { kind: "USER", role: "VIEWER", authMethod: "SESSION", scopes: undefined, user: { id: user.user.id, email: user.user.email, role: "VIEWER" } },
  );

  // Only the hash of the session token is stored.
  const token = pair.slice(`${SESSION_COOKIE}=`.length).split(".")[0];
  const rows = await app.db.session.findMany({ where: { userId: user.user.id } });
  assert.equal(rows.length, 1);
  assert.equal(rows[0].tokenHash, sha256(token));
  assert.ok(!JSON.stringify(rows).includes(token));
});

test("a wrong password and an unknown email both answer 401 with the same message, and set no cookie", async () => {
  const user = await newCaller("VIEWER");
  const wrong = await login(user.user.email, "not the password at all", newAddress());
  const unknown = await login(`${unique("nobody")}@example.test`, PASSWORD, newAddress());
  for (const response of [wrong, unknown]) {
    assert.equal(response.status, 401);
    assert.equal(response.headers.get("set-cookie"), null);
  }
  assert.deepEqual(await wrong.json(), await unknown.json());
  assert.equal(await app.db.session.count({ where: { userId: user.user.id } }), 0);
});

test("login refuses bodies that are not a JSON object with email and password", async () => {
  const form = await loginRoute(
    new Request(`${TEST_ORIGIN}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", "x-compass-client-address": newAddress() },
      body: `email=${encodeURIComponent(app.admin.user.email)}&password=${encodeURIComponent(PASSWORD)}`,
    }),
  );
  assert.equal(form.status, 415);
  assert.equal(form.headers.get("set-cookie"), null);
  assert.equal((await postJson(loginRoute, "/api/auth/login", { email: app.admin.user.email }, { "x-compass-client-address": newAddress() })).status, 400);
  assert.equal((await postJson(loginRoute, "/api/auth/login", [1, 2], { "x-compass-client-address": newAddress() })).status, 400);
});

async function assertThrottled(response: Response) {
  assert.equal(response.status, 429);
  const retryAfter = Number(response.headers.get("retry-after"));
  assert.ok(Number.isInteger(retryAfter) && retryAfter >= 1, `Retry-After is a positive number of seconds, got ${response.headers.get("retry-after")}`);
  assert.equal((await response.json()).error, "too_many_attempts");
  assert.equal(response.headers.get("set-cookie"), null);
}

test("repeated failed logins for one account are throttled with 429 and Retry-After, from any address", async () => {
  const user = await newCaller("VIEWER");
  const other = await newCaller("VIEWER");
  // Five free tries, at once and from different addresses: the account is what is counted.
  const failures = await Promise.all(Array.from({ length: 5 }, (_, i) => login(user.user.email, `wrong password ${i}`, newAddress())));
  assert.deepEqual(failures.map((response) => response.status), Array(5).fill(401));
  // Now even the right password waits, wherever it comes from.
  const address = newAddress();
  await assertThrottled(await login(user.user.email, PASSWORD, address));
  await assertThrottled(await login(user.user.email.toUpperCase(), PASSWORD, newAddress()));
  assert.equal(await app.db.session.count({ where: { userId: user.user.id } }), 0);
  // Other accounts, from the same address, are not affected.
  assert.equal((await login(other.user.email, PASSWORD, address)).status, 204);
});

test("repeated failed logins from one address are throttled, whichever accounts they try", async () => {
  const address = newAddress();
  // Twenty free tries, at once.
  const failures = await Promise.all(Array.from({ length: 20 }, () => login(`${unique("guess")}@example.test`, "some guess 123", address)));
  assert.deepEqual(failures.map((response) => response.status), Array(20).fill(401));
  await assertThrottled(await login(app.admin.user.email, PASSWORD, address));
  // The same account from elsewhere is fine: the address was throttled, not the account.
  assert.equal((await login(app.admin.user.email, PASSWORD, newAddress())).status, 204);
});

test("a successful login makes its address known: others' failures on the account no longer hold it back", async () => {
  const user = await newCaller("VIEWER");
  const tryWrong = async (count: number) =>
    (await Promise.all(Array.from({ length: count }, () => login(user.user.email, "wrong password", newAddress())))).map((r) => r.status).sort();
  assert.deepEqual(await tryWrong(4), Array(4).fill(401));
  const home = newAddress();
  assert.equal((await login(user.user.email, PASSWORD, home)).status, 204);
  // The success gave back only its own attempt: one more check from unknown addresses, then they wait.
  assert.deepEqual(await tryWrong(5), [401, 429, 429, 429, 429]);
  await assertThrottled(await login(user.user.email, PASSWORD, newAddress()));
  // The address that signed in before is not held back by them.
  assert.equal((await login(user.user.email, PASSWORD, home)).status, 204);
});

test("logout ends the session on the server: the old cookie answers 401 afterwards", async () => {
  const user = await newCaller("ADMIN");
  const cookie = await loginCookie(user);
  assert.equal((await app.graphql(VIEWER_QUERY, {}, { cookie })).status, 200);

  const response = await logoutRoute(new Request(`${TEST_ORIGIN}/api/auth/logout`, { method: "POST", headers: { cookie } }));
  assert.equal(response.status, 204);
  const cleared = response.headers.get("set-cookie")!;
  assert.ok(cleared.startsWith(`${SESSION_COOKIE}=;`) && cleared.includes("Max-Age=0"), cleared);
  assert.equal(await app.db.session.count({ where: { userId: user.user.id } }), 0);

  assertUnauthenticated(await app.graphql(VIEWER_QUERY, {}, { cookie }));
});

test("an expired session answers 401", async () => {
  const user = await newCaller("ADMIN");
  const cookie = await loginCookie(user);
  assert.equal((await app.graphql(VIEWER_QUERY, {}, { cookie })).status, 200);
  const token = cookie.slice(`${SESSION_COOKIE}=`.length).split(".")[0];
  const { count } = await app.db.session.updateMany({ where: { tokenHash: sha256(token) }, data: { expiresAt: new Date(Date.now() - 1000) } });
  assert.equal(count, 1);
  assertUnauthenticated(await app.graphql(VIEWER_QUERY, {}, { cookie }));
});

test("a cookie with a tampered signature or token answers 401", async () => {
  const cookie = await loginCookie(await newCaller("ADMIN"));
  const flip = (char: string) => (char === "A" ? "B" : "A");
  const badSignature = cookie.slice(0, -1) + flip(cookie.slice(-1));
  const dot = cookie.indexOf(".");
  const badToken = cookie.slice(0, dot - 1) + flip(cookie[dot - 1]) + cookie.slice(dot);
  const unsigned = cookie.slice(0, dot);
  for (const forged of [badSignature, badToken, unsigned, `${SESSION_COOKIE}=garbage`]) {
    assertUnauthenticated(await app.graphql(VIEWER_QUERY, {}, { cookie: forged }));
  }
  assert.equal((await app.graphql(VIEWER_QUERY, {}, { cookie })).status, 200, "the genuine cookie still works");
});

// ---------------------------------------------------------------------------
// personal API tokens

const CREATE_TOKEN = `mutation($name: String!, $days: Int) {
  createApiToken(name: $name, expiresInDays: $days) { token apiToken { id name createdAt lastUsedAt expiresAt } } }`;

test("an API token is shown once, listed without its secret, stored as a hash, and acts as its user", async () => {
  const admin = await newCaller("ADMIN");
  const created = (await app.ok<any>(CREATE_TOKEN, { name: "  deploy bot  ", days: 30 }, admin)).createApiToken;
  const { token, apiToken } = created;
  assert.match(token, /^cmp_pat_[A-Za-z0-9_-]{43}$/);
  assert.equal(apiToken.name, "deploy bot");
  const days = (Date.parse(apiToken.expiresAt) - Date.now()) / 86_400_000;
  assert.ok(days > 29.9 && days <= 30, `expires in 30 days, got ${days}`);

  // Listed for its owner, without the secret; ApiToken has no field that could hold it.
  const listed = (await app.ok<any>(`{ apiTokens { id name createdAt lastUsedAt expiresAt } }`, {}, admin)).apiTokens;
  assert.ok(listed.some((row: { id: string }) => row.id === apiToken.id));
  assert.ok(!JSON.stringify(listed).includes(token.slice("cmp_pat_".length)));
  const fields = (await app.ok<any>(`{ __type(name: "ApiToken") { fields { name } } }`, {}, admin)).__type.fields;
  assert.deepEqual(fields.map((field: { name: string }) => field.name).sort(), ["createdAt", "expiresAt", "id", "lastUsedAt", "name"]);
  // Other users do not see it.
  const theirs = (await app.ok<any>(`{ apiTokens { id } }`, {}, app.admin)).apiTokens;
  assert.ok(!theirs.some((row: { id: string }) => row.id === apiToken.id));

  // At rest: only the hash.
  const row = await app.db.apiToken.findUniqueOrThrow({ where: { id: apiToken.id } });
  assert.equal(row.tokenHash, sha256(token));
  assert.ok(!JSON.stringify(row).includes(token.slice("cmp_pat_".length)));

  const viewer = await app.graphql(VIEWER_QUERY, {}, { token });
  assert.equal(viewer.status, 200);
  assert.deepEqual(
    { ...viewer.body.data!.viewer, scopes: undefined },
    { kind: "USER", role: "ADMIN", authMethod: "API_TOKEN", scopes: undefined, user: { id: admin.user.id, email: admin.user.email, role: "ADMIN" } },
  );
});

test("a revoked API token answers 401", async () => {
  const admin = await newCaller("ADMIN");
  const { token, apiToken } = (await app.ok<any>(CREATE_TOKEN, { name: "short-lived" }, admin)).createApiToken;
  assert.equal(apiToken.expiresAt, null, "no expiry when expiresInDays is omitted");
  assert.equal((await app.graphql(VIEWER_QUERY, {}, { token })).status, 200);
  const revoked = (await app.ok<any>(`mutation($id: ID!) { revokeApiToken(id: $id) { id name } }`, { id: apiToken.id }, admin)).revokeApiToken;
  assert.deepEqual(revoked, { id: apiToken.id, name: "short-lived" });
  assertUnauthenticated(await app.graphql(VIEWER_QUERY, {}, { token }));
  assert.equal(await app.db.apiToken.count({ where: { id: apiToken.id } }), 0);
  // The caller's other token is untouched.
  assert.equal((await app.graphql(VIEWER_QUERY, {}, admin)).status, 200);
});

test("an expired API token answers 401", async () => {
  const admin = await newCaller("ADMIN");
  const { token, apiToken } = (await app.ok<any>(CREATE_TOKEN, { name: "expiring", days: 1 }, admin)).createApiToken;
  assert.equal((await app.graphql(VIEWER_QUERY, {}, { token })).status, 200);
  await app.db.apiToken.update({ where: { id: apiToken.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
  assertUnauthenticated(await app.graphql(VIEWER_QUERY, {}, { token }));
});

test("unknown bearer tokens and malformed Authorization headers answer 401", async () => {
  for (const authorization of [`Bearer cmp_pat_${"A".repeat(43)}`, "Bearer some-other-token", "Basic dXNlcjpwYXNz", "Bearer", `Bearer ${app.admin.token} extra`]) {
    assertUnauthenticated(await app.graphql(VIEWER_QUERY, {}, { headers: { authorization } }));
  }
});

test("revoking another user's API token is NOT_FOUND and leaves it working", async () => {
  const other = await newCaller("ADMIN");
  const before = await snapshot();
  for (const victim of [other, app.viewer]) {
    const victimTokenId = (await app.db.apiToken.findFirstOrThrow({ where: { userId: victim.user.id } })).id;
    const response = await app.graphql(`mutation($id: ID!) { revokeApiToken(id: $id) { id } }`, { id: victimTokenId }, app.admin);
    assert.equal(onlyError(response).extensions.code, "NOT_FOUND");
    assert.equal((await app.graphql(VIEWER_QUERY, {}, victim)).status, 200);
  }
  await assertUnchanged(before, "revoking another user's token");
});

test("createApiToken refuses expiresInDays outside 1-365 and empty names with BAD_USER_INPUT", async () => {
  const before = await snapshot();
  for (const [variables, field] of [
    [{ name: "zero", days: 0 }, "expiresInDays"],
    [{ name: "too long", days: 366 }, "expiresInDays"],
    [{ name: "negative", days: -1 }, "expiresInDays"],
    [{ name: "   " }, "name"],
    [{ name: "x".repeat(65) }, "name"],
  ] as const) {
    const error = onlyError(await app.graphql(CREATE_TOKEN, variables, app.admin));
    assert.equal(error.extensions.code, "BAD_USER_INPUT", JSON.stringify(variables));
    assert.equal(error.extensions.field, field);
  }
  await assertUnchanged(before, "refused token creations");
});

// ---------------------------------------------------------------------------
// CSRF: the JSON endpoint is closed to cross-site requests carrying the cookie

function rawPost(headers: Record<string, string>, body: string | Uint8Array) {
  return app.server.fetch(`${TEST_ORIGIN}/api/graphql`, { method: "POST", headers, body });
}
const CREATE = (name: string) => `mutation { createIntegrationSystem(in: {name: "${name}"}) { id } }`;

test("form-like content types (what a cross-site HTML form can send) answer 415 and create nothing", async () => {
  const cookie = await sessionOf("ADMIN");
  const before = await snapshot();
  const query = CREATE(unique("csrf form"));
  for (const [contentType, body] of [
    ["application/x-www-form-urlencoded", `query=${encodeURIComponent(query)}`],
    ["multipart/form-data; boundary=x", `--x\r\nContent-Disposition: form-data; name="query"\r\n\r\n${query}\r\n--x--\r\n`],
    ["text/plain", JSON.stringify({ query })],
  ]) {
    const response = await rawPost({ "content-type": contentType, cookie }, body);
    assert.equal(response.status, 415, contentType);
    assert.equal((await response.json()).errors[0].extensions.code, "BAD_REQUEST");
  }
  // Without any content type, too (a byte body gets no default one).
  assert.equal((await rawPost({ cookie }, new TextEncoder().encode(JSON.stringify({ query })))).status, 415);
  await assertUnchanged(before, "form posts");
});

test("cookie requests from a foreign origin or marked cross-site answer 403 and create nothing", async () => {
  const cookie = await sessionOf("ADMIN");
  const before = await snapshot();
  for (const headers of <Record<string, string>[]>[
    { origin: "https://evil.example" },
    { origin: "http://compass.test.evil.example" },
    { origin: "https://compass.test" },
    { origin: "null" },
    { "sec-fetch-site": "cross-site" },
  ]) {
    const response = await rawPost({ "content-type": "application/json", cookie, ...headers }, JSON.stringify({ query: CREATE(unique("csrf")) }));
    assert.equal(response.status, 403, JSON.stringify(headers));
    assert.equal((await response.json()).errors[0].extensions.code, "FORBIDDEN");
  }
  // Mutations never run over GET, where no preflight or content type protects them.
  const get = await app.server.fetch(`${TEST_ORIGIN}/api/graphql?query=${encodeURIComponent(CREATE(unique("csrf get")))}`, { headers: { cookie } });
  assert.equal(get.status, 405);
  await assertUnchanged(before, "cross-site cookie requests");
});

test("cookie requests from the same origin, and bearer requests from any origin, are served", async () => {
  const cookie = await sessionOf("ADMIN");
  for (const headers of <Record<string, string>[]>[
    { cookie, origin: TEST_ORIGIN },
    { cookie, origin: TEST_ORIGIN, "sec-fetch-site": "same-origin" },
    { cookie },
    // A bearer token is no ambient credential: another site cannot make a browser send it.
    { authorization: `Bearer ${app.admin.token}`, origin: "https://evil.example" },
    { authorization: `Bearer ${app.admin.token}`, "sec-fetch-site": "cross-site" },
  ]) {
    const name = unique("same origin");
    const response = await rawPost({ "content-type": "application/json", ...headers }, JSON.stringify({ query: CREATE(name) }));
    const body = await response.json();
    assert.equal(response.status, 200, JSON.stringify(body));
    assert.equal(body.errors, undefined);
    assert.ok(await app.db.integrationSystem.findUnique({ where: { id: body.data.createIntegrationSystem.id } }));
  }
});

// ---------------------------------------------------------------------------
// GraphiQL and introspection

test("GraphiQL: anonymous browsers are redirected to the login page; signed-in users get it", async () => {
  const anonymous = await app.server.fetch(`${TEST_ORIGIN}/api/graphql`, { headers: { accept: "text/html,application/xhtml+xml" } });
  assert.equal(anonymous.status, 302);
  assert.match(anonymous.headers.get("location")!, /^\/login(\?|$)/);
  assert.ok(!(await anonymous.text()).includes("<html"));

  const cookie = await sessionOf("VIEWER");
  const signedIn = await app.server.fetch(`${TEST_ORIGIN}/api/graphql`, { headers: { accept: "text/html", cookie } });
  assert.equal(signedIn.status, 200);
  assert.match(signedIn.headers.get("content-type")!, /^text\/html/);
  assert.match(await signedIn.text(), /<html/i);

  // An expired or forged session is no login either: back to the login page.
  const stale = await app.server.fetch(`${TEST_ORIGIN}/api/graphql`, { headers: { accept: "text/html", cookie: `${SESSION_COOKIE}=x.y` } });
  assert.equal(stale.status, 302);
  assert.match(stale.headers.get("location")!, /^\/login(\?|$)/);
  // Anonymous GETs for data get 401, not a page.
  const query = await app.server.fetch(`${TEST_ORIGIN}/api/graphql?query=${encodeURIComponent("{ __typename }")}`, { headers: { accept: "application/json" } });
  assert.equal(query.status, 401);
});

const INTROSPECTION = `{ __schema { queryType { name } mutationType { name } types { name } } }`;

test("introspection is closed to anonymous callers and open to every signed-in one", async () => {
  assertUnauthenticated(await app.graphql(INTROSPECTION, {}, null));
  assertUnauthenticated(await app.graphql(`{ __typename }`, {}, null));
  for (const as of [app.viewer, app.admin, { cookie: await sessionOf("VIEWER") }]) {
    const response = await app.graphql(INTROSPECTION, {}, as);
    assert.equal(response.status, 200);
    assert.equal(response.body.data!.__schema.queryType.name, "Query");
    assert.ok(response.body.data!.__schema.types.some((type: { name: string }) => type.name === "IntegrationSystem"));
  }
});

// ---------------------------------------------------------------------------
// the first admin. Last: it empties the users table.

async function removeAllUsers() {
  await app.db.apiToken.deleteMany({});
  await app.db.session.deleteMany({});
  await app.db.user.deleteMany({});
}

test("first admin: a one-time setup link on an empty database, or ADMIN_EMAIL/ADMIN_PASSWORD", async () => {
  await removeAllUsers();
  const link = await ensureFirstAdmin(app.db, { email: null, password: null });
  assert.equal(link.created, false);
  assert.match(link.setupToken!, /^cmp_setup_/);
  const stored = await app.db.setupToken.findMany();
  assert.equal(stored.length, 1);
  assert.equal(stored[0].tokenHash, sha256(link.setupToken!));

  const setup = (body: Record<string, unknown>) => postJson(setupRoute, "/api/auth/setup", body);
  const email = "first.admin@example.test";

  const wrongToken = await setup({ token: `cmp_setup_${"A".repeat(43)}`, email, password: PASSWORD });
  assert.equal(wrongToken.status, 400);
  assert.equal((await wrongToken.json()).field, "token");
  const weakPassword = await setup({ token: link.setupToken, email, password: "short" });
  assert.equal(weakPassword.status, 400);
  assert.equal((await weakPassword.json()).field, "setup.password");
  assert.equal(await app.db.user.count(), 0);

  const done = await setup({ token: link.setupToken, email, password: PASSWORD });
  assert.equal(done.status, 204);
  const setCookie = done.headers.get("set-cookie")!;
  assert.ok(setCookie.includes("HttpOnly") && setCookie.includes("SameSite=Lax"), setCookie);
  const viewer = await app.graphql(VIEWER_QUERY, {}, { cookie: cookieOf(done) });
  assert.equal(viewer.status, 200);
  assert.equal(viewer.body.data!.viewer.role, "ADMIN");
  assert.equal(viewer.body.data!.viewer.authMethod, "SESSION");
  assert.equal(viewer.body.data!.viewer.user.email, email);

  // Used up: not again, not for anyone else.
  const reused = await setup({ token: link.setupToken, email: "second.admin@example.test", password: PASSWORD });
  assert.equal(reused.status, 400);
  assert.equal(await app.db.user.count(), 1);
  assert.equal(await app.db.setupToken.count(), 0);
  // With a user present, a start hands out no link.
  assert.deepEqual(await ensureFirstAdmin(app.db, { email: null, password: null }), { created: false, setupToken: null });

  // From the environment instead.
  await removeAllUsers();
  const fromEnv = await ensureFirstAdmin(app.db, { email: " Env.Admin@Example.test ", password: PASSWORD });
  assert.deepEqual(fromEnv, { created: true, setupToken: null });
  const user = await app.db.user.findUniqueOrThrow({ where: { email: "env.admin@example.test" } });
  assert.equal(user.role, "ADMIN");
  const loggedIn = await login("env.admin@example.test", PASSWORD, newAddress());
  assert.equal(loggedIn.status, 204);
  assert.equal((await app.graphql(VIEWER_QUERY, {}, { cookie: cookieOf(loggedIn) })).body.data!.viewer.role, "ADMIN");
  // A second start with the same environment changes nothing.
  assert.deepEqual(await ensureFirstAdmin(app.db, { email: "env.admin@example.test", password: PASSWORD }), { created: false, setupToken: null });
  assert.equal(await app.db.user.count(), 1);
});

test("other sites can neither sign people in or out nor use the cookie through CORS", async () => {
  const user = await newCaller("VIEWER");
  const foreign = { origin: "https://evil.example", "content-type": "application/json" };
  const signIn = await loginRoute(
    new Request(`${TEST_ORIGIN}/api/auth/login`, {
      method: "POST",
      headers: { ...foreign, "x-compass-client-address": newAddress() },
      body: JSON.stringify({ email: user.user.email, password: PASSWORD }),
    }),
  );
  assert.equal(signIn.status, 403);
  assert.equal(signIn.headers.get("set-cookie"), null);

  const cookie = await loginCookie(user);
  const signOut = await logoutRoute(new Request(`${TEST_ORIGIN}/api/auth/logout`, { method: "POST", headers: { ...foreign, cookie } }));
  assert.equal(signOut.status, 403);
  assert.equal((await app.graphql(VIEWER_QUERY, {}, { cookie })).status, 200, "the session survives");

  const preflight = await app.server.fetch(`${TEST_ORIGIN}/api/graphql`, {
    method: "OPTIONS",
    headers: { origin: "https://evil.example", "access-control-request-method": "POST", "access-control-request-headers": "content-type" },
  });
  assert.equal(preflight.status, 204, "bearer-token callers on other sites pass the preflight");
  assert.equal(preflight.headers.get("access-control-allow-credentials"), null, "but never with the cookie");
});

test("a browser's own Origin is same-site even when the server sees another listening address", async () => {
  // Behind the custom server, Next builds request.url from its own address;
  // the browser's Host and Origin name the public one.
  const user = await newCaller("VIEWER");
  const response = await loginRoute(
    new Request("http://127.0.0.1:1/api/auth/login", {
      method: "POST",
      headers: {
        host: "director.example:8443",
        origin: "http://director.example:8443",
        "content-type": "application/json",
        "x-compass-client-address": newAddress(),
      },
      body: JSON.stringify({ email: user.user.email, password: PASSWORD }),
    }),
  );
  assert.equal(response.status, 204);
});
