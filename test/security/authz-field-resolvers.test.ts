/**
 * The authorization matrix of nested fields. Some field resolvers check a
 * scope of their own (a related object needs its own read scope, as it does
 * at the top level); the root matrix (test/auth-matrix.api.test.ts) cannot
 * see those. Each such field has a row here, asked by an ADMIN, a VIEWER, and
 * integration systems whose credentials hold only some scopes: exactly what
 * the path to the field needs (allowed), and everything grantable but the
 * field's own scope (FORBIDDEN at the field's path).
 *
 * A scan of the resolver files fails the file when a field resolver that
 * checks rights has no row, so a new one cannot go untested.
 */
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { registerApplication } from "@/domain/applications/application.service";
import { registerRuntime } from "@/domain/runtimes/runtime.service";
import { requestObjectCredentials } from "@/domain/credentials/object-credentials.service";
import { SCOPES, type Scope } from "@/lib/scopes";
import { createIntegrationSystem } from "@/domain/integration-systems/integration-system.service";
import { generateClientCredentials } from "@/domain/credentials/system-auth.service";
import { createTenant } from "@/domain/tenants/tenant.service";
import { GRANTABLE_INTEGRATION_SYSTEM_SCOPES } from "@/lib/config";
import { issueAccessToken } from "@/oauth2/grants/client-credentials";
import { type GraphQLResponse, TEST_ORIGIN, onlyError, recordSecret, setupTestApp } from "@/test/harness";

// Every grantable scope may be given to a credential here, integration_system.auths:read included.
process.env.INTEGRATION_SYSTEM_SCOPES = GRANTABLE_INTEGRATION_SYSTEM_SCOPES.join(" ");
const app = await setupTestApp();

// ---------------------------------------------------------------------------
// fixtures: a tenant, a system that manages one application in it, and another system

const tenant = await createTenant(app.db, app.admin.principal, { externalId: "field-matrix", name: "Field Matrix" });
const system = await createIntegrationSystem(app.db, app.admin.principal, { name: "field matrix system" });
const otherSystem = await createIntegrationSystem(app.db, app.admin.principal, { name: "field matrix other system" });
const systemCredential = await generateClientCredentials(app.db, app.admin.principal, system.id, { scopes: [SCOPES.integrationSystemRead] });
recordSecret(systemCredential.clientSecret);
const otherCredential = await generateClientCredentials(app.db, app.admin.principal, otherSystem.id, { scopes: [SCOPES.integrationSystemRead] });
recordSecret(otherCredential.clientSecret);
const otherCredentialId = otherCredential.id;
const application = await registerApplication(app.db, app.admin.principal, tenant, { name: "Managed App", integrationSystemID: system.id });
assert.equal(application.integrationSystemId, system.id);
// Issue 14: an application's and a runtime's credentials (AppSystemAuth, RuntimeSystemAuth).
const appCredential = await requestObjectCredentials(app.db, app.admin.principal, tenant, "APPLICATION", application.id);
recordSecret(appCredential.clientSecret);
const runtime = await registerRuntime(app.db, app.admin.principal, tenant, { name: "field-matrix-runtime" });
const runtimeCredential = await requestObjectCredentials(app.db, app.admin.principal, tenant, "RUNTIME", runtime.id);
recordSecret(runtimeCredential.clientSecret);

/**
 * An access token of `owner` from a credential that holds exactly `scopes`,
 * issued by the product's token issuer for the origin the tests call.
 */
async function systemToken(scopes: readonly string[], owner = system): Promise<string> {
  const credential = await generateClientCredentials(app.db, app.admin.principal, owner.id, { scopes, grantable: GRANTABLE_INTEGRATION_SYSTEM_SCOPES });
  recordSecret(credential.clientSecret);
  const server = app.instance.oauth2;
  const client = await server.clients.find(credential.id);
  assert.ok(client);
  const { access_token } = await issueAccessToken(server, client, [...client.scopes], TEST_ORIGIN);
  return access_token;
}

// ---------------------------------------------------------------------------
// the rows

interface FieldRow {
  /** Type.field, as the resolver files name it. */
  field: string;
  /** The scope the field's resolver checks. */
  needs: Scope;
  /** The scopes its parent (the way to reach the field) needs. */
  parentNeeds: Scope[];
  query: string;
  variables?: Record<string, unknown>;
  headers?: Record<string, string>;
  /** Where the refusal is reported, and what data the refused answer holds. */
  path: string[];
  /** Refused by answering null at `path` without an error (Compass's @sanitize), not FORBIDDEN. */
  sanitized?: boolean;
  refused: Record<string, unknown>;
  /** Checks an allowed answer exactly. */
  check: (data: any) => void;
}

const rows: FieldRow[] = [
  {
    field: "Application.tenant",
    needs: SCOPES.tenantRead,
    parentNeeds: [SCOPES.applicationRead],
    query: `query($id: ID!) { application(id: $id) { id tenant { id internalID externalId } } }`,
    variables: { id: application.id },
    headers: { tenant: tenant.externalId },
    path: ["application", "tenant"],
    // Tenant! is non-null: the refusal nulls the application.
    refused: { application: null },
    check: (data) =>
      assert.deepEqual(data, { application: { id: application.id, tenant: { id: "field-matrix", internalID: tenant.id, externalId: "field-matrix" } } }),
  },
  {
    field: "Application.integrationSystem",
    needs: SCOPES.integrationSystemRead,
    parentNeeds: [SCOPES.applicationRead],
    query: `query($id: ID!) { application(id: $id) { id integrationSystem { id name } } }`,
    variables: { id: application.id },
    headers: { tenant: tenant.externalId },
    path: ["application", "integrationSystem"],
    refused: { application: { id: application.id, integrationSystem: null } },
    check: (data) => assert.deepEqual(data, { application: { id: application.id, integrationSystem: { id: system.id, name: system.name } } }),
  },
  {
    field: "IntegrationSystem.applications",
    needs: SCOPES.applicationRead,
    parentNeeds: [SCOPES.integrationSystemRead],
    query: `query($id: ID!) { integrationSystem(id: $id) { id applications { totalCount data { id name } } } }`,
    variables: { id: system.id },
    path: ["integrationSystem", "applications"],
    refused: { integrationSystem: null },
    check: (data) =>
      assert.deepEqual(data, { integrationSystem: { id: system.id, applications: { totalCount: 1, data: [{ id: application.id, name: "Managed App" }] } } }),
  },
  // Compass's @sanitize: without the scope these answer null, not FORBIDDEN, and the rest of the answer stays.
  {
    field: "IntSysSystemAuth.auth",
    needs: SCOPES.integrationSystemAuthsRead,
    parentNeeds: [SCOPES.integrationSystemRead],
    query: `query($id: ID!) { integrationSystem(id: $id) { id auths { id auth { credential { ... on OAuthCredentialData { clientId } } } } } }`,
    // The other system: its one credential is all the answer holds, however many tokens this file issues for `system`.
    variables: { id: otherSystem.id },
    path: ["integrationSystem", "auths", "0", "auth"],
    sanitized: true,
    refused: { integrationSystem: { id: otherSystem.id, auths: [{ id: otherCredentialId, auth: null }] } },
    check: (data) =>
      assert.deepEqual(data, {
        integrationSystem: { id: otherSystem.id, auths: [{ id: otherCredentialId, auth: { credential: { clientId: otherCredentialId } } }] },
      }),
  },
  {
    field: "IntSysSystemAuth.secretHint",
    needs: SCOPES.integrationSystemAuthsRead,
    parentNeeds: [SCOPES.integrationSystemRead],
    query: `query($id: ID!) { integrationSystem(id: $id) { id auths { id secretHint } } }`,
    variables: { id: otherSystem.id },
    path: ["integrationSystem", "auths", "0", "secretHint"],
    sanitized: true,
    refused: { integrationSystem: { id: otherSystem.id, auths: [{ id: otherCredentialId, secretHint: null }] } },
    check: (data) =>
      assert.deepEqual(data, {
        integrationSystem: { id: otherSystem.id, auths: [{ id: otherCredentialId, secretHint: otherCredential.clientSecret.slice(-4) }] },
      }),
  },
  {
    field: "AppSystemAuth.auth",
    needs: SCOPES.integrationSystemAuthsRead,
    parentNeeds: [SCOPES.applicationRead],
    query: `query($id: ID!) { application(id: $id) { id auths { id auth { credential { ... on OAuthCredentialData { clientId clientSecret } } } } } }`,
    variables: { id: application.id },
    headers: { tenant: tenant.externalId },
    path: ["application", "auths", "0", "auth"],
    sanitized: true,
    refused: { application: { id: application.id, auths: [{ id: appCredential.id, auth: null }] } },
    check: (data) =>
      assert.deepEqual(data, {
        application: { id: application.id, auths: [{ id: appCredential.id, auth: { credential: { clientId: appCredential.id, clientSecret: null } } }] },
      }),
  },
  {
    field: "RuntimeSystemAuth.auth",
    needs: SCOPES.integrationSystemAuthsRead,
    parentNeeds: [SCOPES.runtimeRead],
    query: `query($id: ID!) { runtime(id: $id) { id auths { id auth { credential { ... on OAuthCredentialData { clientId clientSecret } } } } } }`,
    variables: { id: runtime.id },
    headers: { tenant: tenant.externalId },
    path: ["runtime", "auths", "0", "auth"],
    sanitized: true,
    refused: { runtime: { id: runtime.id, auths: [{ id: runtimeCredential.id, auth: null }] } },
    check: (data) =>
      assert.deepEqual(data, {
        runtime: { id: runtime.id, auths: [{ id: runtimeCredential.id, auth: { credential: { clientId: runtimeCredential.id, clientSecret: null } } }] },
      }),
  },
];

function assertForbiddenAt(response: GraphQLResponse, fieldPath: string[], refused: Record<string, unknown>, what: string) {
  assert.equal(response.status, 200, what);
  const error = onlyError(response);
  assert.equal(error.extensions.code, "FORBIDDEN", `${what}: ${error.message}`);
  assert.deepEqual((error as { path?: string[] }).path, fieldPath, what);
  assert.deepEqual(response.body.data, refused, what);
}

function assertSanitized(response: GraphQLResponse, refused: Record<string, unknown>, what: string) {
  assert.equal(response.status, 200, what);
  assert.equal(response.body.errors, undefined, `${what}: ${JSON.stringify(response.body.errors)}`);
  assert.deepEqual(response.body.data, refused, what);
}

function assertAllowed(response: GraphQLResponse, row: FieldRow, what: string) {
  assert.equal(response.status, 200, what);
  assert.equal(response.body.errors, undefined, `${what}: ${JSON.stringify(response.body.errors)}`);
  row.check(response.body.data);
}

for (const row of rows) {
  const ask = (as: { token: string }) => app.graphql(row.query, row.variables, { ...as, headers: row.headers });

  test(`${row.field} (needs ${row.needs}): ADMIN and VIEWER are served`, async () => {
    assertAllowed(await ask(app.admin), row, "ADMIN");
    assertAllowed(await ask(app.viewer), row, "VIEWER");
  });

  test(`${row.field}: a system whose credential holds exactly ${[...row.parentNeeds, row.needs].join(" + ")} is served`, async () => {
    // The system's own record for IntegrationSystem.applications; the other system's may be read for auths.
    assertAllowed(await ask({ token: await systemToken([...row.parentNeeds, row.needs]) }), row, "narrow system token");
  });

  test(`${row.field}: a system whose credential holds every grantable scope but ${row.needs} is ${row.sanitized ? "answered null" : "FORBIDDEN"} at ${row.path.join(".")}`, async () => {
    const allBut = GRANTABLE_INTEGRATION_SYSTEM_SCOPES.filter((scope) => scope !== row.needs);
    assert.ok(
      row.parentNeeds.every((scope) => allBut.includes(scope)),
      "the parent stays reachable",
    );
    const response = await ask({ token: await systemToken(allBut) });
    if (row.sanitized) assertSanitized(response, row.refused, "system token without the field's scope");
    else assertForbiddenAt(response, row.path, row.refused, "system token without the field's scope");
  });
}

test("IntegrationSystem.applications: a system may list its own applications across tenants, not another system's", async () => {
  const token = await systemToken(GRANTABLE_INTEGRATION_SYSTEM_SCOPES);
  const query = `query($id: ID!) { integrationSystem(id: $id) { id applications { totalCount } } }`;
  const own = await app.graphql(query, { id: system.id }, { token });
  assert.deepEqual(own.body, { data: { integrationSystem: { id: system.id, applications: { totalCount: 1 } } } });
  assertForbiddenAt(
    await app.graphql(query, { id: otherSystem.id }, { token }),
    ["integrationSystem", "applications"],
    { integrationSystem: null },
    "another system's list",
  );
  // Users read any system's list.
  const asViewer = await app.graphql(query, { id: otherSystem.id }, app.viewer);
  assert.deepEqual(asViewer.body, { data: { integrationSystem: { id: otherSystem.id, applications: { totalCount: 0 } } } });
});

test("Application.integrationSystem is null without a check when no system manages the application", async () => {
  // The one field resolver that answers before its check: nothing to protect.
  const unmanaged = await registerApplication(app.db, app.admin.principal, tenant, { name: "Unmanaged App" });
  const token = await systemToken([SCOPES.applicationRead]);
  const response = await app.graphql(
    `query($id: ID!) { application(id: $id) { id integrationSystem { id } } }`,
    { id: unmanaged.id },
    {
      token,
      headers: { tenant: tenant.id },
    },
  );
  assert.deepEqual(response.body, { data: { application: { id: unmanaged.id, integrationSystem: null } } });
});

// ---------------------------------------------------------------------------
// no field resolver that checks rights goes without a row

const RIGHTS_CHECK = /\b(requireScope|requireUser|requireAdmin|hasScope|forbidden|unauthenticated)\(/;

const GRAPHQL_ROOT = path.join(import.meta.dirname, "../../graphql");

/** `name:` keys at an object's indentation in `source`, each with its body (to the next key). */
function fieldsOf(source: string): { name: string; body: string; index: number }[] {
  const fields = [...source.matchAll(/^ {2}(\w+)\s*:/gm)];
  return fields.map((match, i) => ({ name: match[1], body: source.slice(match.index, fields[i + 1]?.index ?? source.length), index: match.index }));
}

/**
 * The resolver factories of graphql/tenant-objects/resolvers.ts (a kind's
 * resolver files are one line over them): whether one checks rights, and
 * which fields of the object it builds do.
 */
function resolverFactories(): Map<string, { checks: boolean; checkedFields: string[] }> {
  const source = fs.readFileSync(path.join(GRAPHQL_ROOT, "tenant-objects/resolvers.ts"), "utf8");
  const exports = [...source.matchAll(/^export const (\w+)\b/gm)];
  return new Map(
    exports.map((match, i) => {
      const body = source.slice(match.index, exports[i + 1]?.index ?? source.length);
      const checkedFields = fieldsOf(body).filter((field) => RIGHTS_CHECK.test(field.body));
      return [match[1], { checks: RIGHTS_CHECK.test(body), checkedFields: checkedFields.map((field) => field.name) }];
    }),
  );
}

/** Type.field of every field resolver (outside Query and Mutation) whose body checks rights, itself or through a factory. */
function checkedFieldResolvers(): string[] {
  const factories = resolverFactories();
  const SPREAD = /^\s*(?:\.\.\.|export const \w+\b[^=]*=\s*)(\w+)\(.*$/gm;
  const found: string[] = [];
  for (const file of fs.readdirSync(GRAPHQL_ROOT, { recursive: true, encoding: "utf8" })) {
    const parts = file.split(path.sep);
    if (!file.endsWith(".ts") || file.endsWith(".test.ts") || !parts.includes("resolvers")) continue;
    if (parts.includes("Query") || parts.includes("Mutation")) continue;
    const source = fs.readFileSync(path.join(GRAPHQL_ROOT, file), "utf8");
    const type = /export const (\w+)\b/.exec(source)?.[1];
    if (!type) continue;
    // Fields a factory builds (`...relationFields(KIND)`, `= credentialFields(KIND)`): its checked ones.
    for (const [, factory] of source.matchAll(SPREAD)) for (const field of factories.get(factory)?.checkedFields ?? []) found.push(`${type}.${field}`);
    const own = source.replace(SPREAD, "");
    // A field's body runs from its `name:` at the object's indentation to the next one; a factory that checks counts as a check.
    const fields = fieldsOf(own);
    for (const field of fields) {
      const calls = [...field.body.matchAll(/\b(\w+)\(/g)].some(([, name]) => factories.get(name)?.checks && !factories.get(name)?.checkedFields.length);
      if (RIGHTS_CHECK.test(field.body) || calls) found.push(`${type}.${field.name}`);
    }
    // A check outside any field (a shared helper) must be seen too: it would otherwise escape the scan.
    const outside = fields.length ? own.slice(0, fields[0].index) : own;
    assert.ok(!RIGHTS_CHECK.test(outside.replace(/^import .*$/gm, "")), `${file}: a rights check outside a field resolver; give it a row`);
  }
  return found.sort();
}

test("every field resolver that checks rights has a row in this matrix, and every row names one", () => {
  const scanned = checkedFieldResolvers();
  assert.ok(scanned.includes("Application.integrationSystem"), "the scan finds the known checks");
  assert.deepEqual(rows.map((row) => row.field).sort(), scanned);
});
