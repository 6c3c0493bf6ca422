/**
 * Issue 23, item 3: bundle instance auths, the credentials a runtime gets for
 * a bundle's APIs. Kyma Compass's six documents for them
 * (test/fixtures/compass/examples, verbatim but for this run's ids) with the
 * assertions of tests/director/tests/bundle_instance_auth_test.go, then the
 * whole flow with real tokens: a runtime's token requests, an integration
 * system's token sets, the runtime reads, another runtime is refused, and
 * deletion. The credentials never reach the audit log, an error or another
 * caller. Runs on SQLite and PostgreSQL.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { registerApplication } from "@/domain/applications/application.service";
import { registerRuntime } from "@/domain/runtimes/runtime.service";
import { RUNTIME } from "@/domain/tenant-objects/kinds/runtime";
import { unregisterObject } from "@/domain/tenant-objects/tenant-object.service";
import { createTenant } from "@/domain/tenants/tenant.service";
import { createIntegrationSystem } from "@/domain/integration-systems/integration-system.service";
import { generateClientCredentials } from "@/domain/credentials/system-auth.service";
import { requestObjectCredentials } from "@/domain/credentials/object-credentials.service";
import { integrationSystemPrincipal } from "@/domain/principals/principal";
import { GRANTABLE_INTEGRATION_SYSTEM_SCOPES } from "@/lib/config";
import { issueAccessToken } from "@/oauth2/grants/client-credentials";
import { exampleDocument } from "./compass-example-documents";
import { TEST_ORIGIN, recordSecret, setupTestApp } from "./harness";

process.env.INTEGRATION_SYSTEM_SCOPES = GRANTABLE_INTEGRATION_SYSTEM_SCOPES.join(" ");
const app = await setupTestApp();
const admin = app.admin.principal;
const ID = "aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa";
let serial = 0;
const unique = (prefix: string) => `${prefix}-${++serial}`;

type Body = { data?: any; errors?: { message: string; extensions: Record<string, unknown> }[] };
async function call(token: string, tenant: string, query: string, variables: Record<string, unknown> = {}): Promise<Body> {
  return (await app.graphql(query, variables, { token, headers: { tenant } })).body as Body;
}
async function ok(token: string, tenant: string, query: string, variables: Record<string, unknown> = {}) {
  const body = await call(token, tenant, query, variables);
  assert.equal(body.errors, undefined, JSON.stringify(body.errors));
  return body.data;
}
const example = async (folder: string, tenant: string, ids: string | readonly string[], token = app.admin.token) =>
  (await ok(token, tenant, exampleDocument(folder, `${folder}.graphql`, { [ID]: ids }))).result;

async function tokenOf(credentialId: string): Promise<string> {
  const server = app.instance.oauth2;
  const client = await server.clients.find(credentialId);
  assert.ok(client);
  const { access_token } = await issueAccessToken(server, client, [...client.scopes], TEST_ORIGIN);
  recordSecret(access_token);
  return access_token;
}

/** A tenant with an application (managed by an integration system), one bundle, and two runtimes. */
async function setting(bundleInput: Record<string, unknown> = {}) {
  const tenant = await createTenant(app.db, admin, { externalId: unique("instance-auths"), name: "Instance auths" });
  const system = await createIntegrationSystem(app.db, admin, { name: unique("provider") });
  const systemActor = integrationSystemPrincipal({ integrationSystemId: system.id, integrationSystemName: system.name, clientId: "fixture" }, null);
  const application = await registerApplication(app.db, systemActor, tenant, { name: unique("shop") });
  const bundle = (
    await ok(app.admin.token, tenant.externalId, `mutation($id: ID!, $in: BundleCreateInput!) { addBundle(applicationID: $id, in: $in) { id } }`, {
      id: application.id,
      in: { name: "orders", ...bundleInput },
    })
  ).addBundle as { id: string };
  const [runtime, otherRuntime] = [
    await registerRuntime(app.db, admin, tenant, { name: unique("edge") }),
    await registerRuntime(app.db, admin, tenant, { name: unique("other") }),
  ];
  const runtimeToken = async (id: string) => {
    const credential = await requestObjectCredentials(app.db, admin, tenant, "RUNTIME", id);
    recordSecret(credential.clientSecret);
    return tokenOf(credential.id);
  };
  const systemCredential = await generateClientCredentials(app.db, admin, system.id, { grantable: GRANTABLE_INTEGRATION_SYSTEM_SCOPES });
  recordSecret(systemCredential.clientSecret);
  return {
    tenant: tenant.externalId,
    tenantRow: tenant,
    application,
    bundle,
    runtime,
    otherRuntime,
    runtimeToken: await runtimeToken(runtime.id),
    otherRuntimeToken: await runtimeToken(otherRuntime.id),
    systemToken: await tokenOf(systemCredential.id),
  };
}

const INSTANCE_AUTHS = `query($a: ID!, $b: ID!) { application(id: $a) { bundle(id: $b) { instanceAuths { id runtimeID status { condition reason message }
  auth { credential { ... on BasicCredentialData { username password } ... on OAuthCredentialData { clientId clientSecret url } } } } } } }`;

test("Compass's documents: request-bundle-instance-auth-creation, set-, request-…-deletion, delete- (TestRequestBundleInstanceAuthCreation, TestSetBundleInstanceAuth, …)", async () => {
  const { tenant, application, bundle } = await setting();
  // As a caller that acts for runtimes (the admin): for no runtime in particular, PENDING.
  const requested = await example("request-bundle-instance-auth-creation", tenant, bundle.id);
  assert.equal(requested.runtimeID, null);
  assert.equal(requested.runtimeContextID, null);
  assert.deepEqual(JSON.parse(requested.context), { ContextData: "ContextValue" });
  assert.deepEqual(JSON.parse(requested.inputParams), { InKey: "InValue" });
  assert.deepEqual([requested.status.condition, requested.status.reason], ["PENDING", "CredentialsNotProvided"]);
  const read = (await ok(app.admin.token, tenant, INSTANCE_AUTHS, { a: application.id, b: bundle.id })).application.bundle.instanceAuths;
  assert.equal(read.length, 1);
  assert.equal(read[0].id, requested.id);

  const set = await example("set-bundle-instance-auth", tenant, requested.id);
  assert.equal(set.status.condition, "SUCCEEDED");
  assert.deepEqual(set.auth.credential, { username: "admin", password: "secret" });
  assert.deepEqual(set.auth.additionalHeaders, { "header-A": ["ha1", "ha2"], "header-B": ["hb1", "hb2"] });

  const deletionRequested = await example("request-bundle-instance-auth-deletion", tenant, requested.id);
  assert.equal(deletionRequested.status.condition, "UNUSED");
  assert.equal(deletionRequested.status.reason, "PendingDeletion");
  const deleted = await example("delete-bundle-instance-auth", tenant, requested.id);
  assert.equal(deleted.id, requested.id);
  assert.equal(await app.db.bundleInstanceAuth.count({ where: { id: requested.id } }), 0);
});

test("Compass's documents: create-bundle-instance-auth and update-bundle-instance-auth (TestCreateUpdateBundleInstanceAuth)", async () => {
  const { tenant, bundle, runtime } = await setting();
  const created = await example("create-bundle-instance-auth", tenant, [bundle.id, runtime.id]);
  assert.equal(created.runtimeID, runtime.id);
  assert.equal(created.status.condition, "SUCCEEDED");
  assert.deepEqual(created.auth.credential, { username: "admin", password: "secret" });
  const updated = await example("update-bundle-instance-auth", tenant, [created.id, bundle.id]);
  assert.equal(updated.id, created.id);
  assert.deepEqual(updated.auth.credential, { clientId: "clientid", clientSecret: "grazynasecret", url: "url.net" });
  assert.equal(updated.status.condition, "SUCCEEDED");
  // Under another bundle it is unknown.
  const otherBundle = await setting();
  const elsewhere = await call(
    app.admin.token,
    tenant,
    exampleDocument("update-bundle-instance-auth", undefined, { [ID]: [created.id, otherBundle.bundle.id] }),
  );
  assert.equal(elsewhere.errors?.[0].extensions.code, "NOT_FOUND");
});

test("the whole flow with real tokens: the runtime requests, the integration system sets, the runtime reads, another runtime is refused, deletion", async () => {
  const s = await setting({
    instanceAuthRequestInputSchema: JSON.stringify({
      type: "object",
      required: ["region"],
      properties: { region: { type: "string", maxLength: 32, pattern: "^[a-z]+-[0-9]$" } },
    }),
  });
  const REQUEST = `mutation($b: ID!, $in: BundleInstanceAuthRequestInput!) { r: requestBundleInstanceAuthCreation(bundleID: $b, in: $in) { id runtimeID status { condition } auth { accessStrategy } } }`;

  // The bundle's schema: parameters required, and matched (a linear-time pattern engine).
  const missing = await call(s.runtimeToken, s.tenant, REQUEST, { b: s.bundle.id, in: { context: "{}" } });
  assert.equal(missing.errors?.[0].extensions.field, "in.inputParams");
  const badPattern = await call(s.runtimeToken, s.tenant, REQUEST, { b: s.bundle.id, in: { inputParams: JSON.stringify({ region: "eu-west!" }) } });
  assert.equal(badPattern.errors?.[0].extensions.code, "BAD_USER_INPUT");

  const requested = (await ok(s.runtimeToken, s.tenant, REQUEST, { b: s.bundle.id, in: { inputParams: JSON.stringify({ region: "eu-1" }) } })).r;
  assert.equal(requested.runtimeID, s.runtime.id);
  assert.equal(requested.status.condition, "PENDING");
  assert.equal(requested.auth, null);

  // The integration system managing the application sets the credentials.
  const password = `pw-${crypto.randomUUID()}`;
  recordSecret(password);
  const SET = `mutation($id: ID!, $in: BundleInstanceAuthSetInput!) { s: setBundleInstanceAuth(authID: $id, in: $in) { status { condition reason } } }`;
  const set = (await ok(s.systemToken, s.tenant, SET, { id: requested.id, in: { auth: { credential: { basic: { username: "runtime-edge", password } } } } })).s;
  assert.deepEqual(set.status, { condition: "SUCCEEDED", reason: "CredentialsProvided" });
  // Once set, it cannot be set again, and the refusal names no credential.
  const again = await call(s.systemToken, s.tenant, SET, { id: requested.id, in: { auth: { credential: { basic: { username: "x", password } } } } });
  assert.equal(again.errors?.[0].extensions.code, "CONFLICT");
  assert.ok(!JSON.stringify(again).includes(password));

  // The runtime reads its own, credentials included.
  const mine = (await ok(s.runtimeToken, s.tenant, INSTANCE_AUTHS, { a: s.application.id, b: s.bundle.id })).application.bundle.instanceAuths;
  assert.equal(mine.length, 1);
  assert.deepEqual(mine[0].auth.credential, { username: "runtime-edge", password });

  // Another runtime sees none of them, cannot read it by id, and cannot ask for its deletion.
  const theirs = (await ok(s.otherRuntimeToken, s.tenant, INSTANCE_AUTHS, { a: s.application.id, b: s.bundle.id })).application.bundle.instanceAuths;
  assert.deepEqual(theirs, []);
  const byId = await ok(s.otherRuntimeToken, s.tenant, `query($id: ID!) { bundleInstanceAuth(id: $id) { id } bundleByInstanceAuth(authID: $id) { id } }`, {
    id: requested.id,
  });
  assert.deepEqual(byId, { bundleInstanceAuth: null, bundleByInstanceAuth: null });
  const DELETION = `mutation($id: ID!) { d: requestBundleInstanceAuthDeletion(authID: $id) { id status { condition } } }`;
  assert.equal((await call(s.otherRuntimeToken, s.tenant, DELETION, { id: requested.id })).errors?.[0].extensions.code, "FORBIDDEN");
  // Nor may a runtime set credentials or delete one: that is the application side's.
  assert.equal(
    (await call(s.runtimeToken, s.tenant, SET, { id: requested.id, in: { auth: { credential: { basic: { username: "me", password: "pw" } } } } })).errors?.[0]
      .extensions.code,
    "FORBIDDEN",
  );

  // A VIEWER sees the request but not the credentials.
  const viewed = (await ok(app.viewer.token, s.tenant, INSTANCE_AUTHS, { a: s.application.id, b: s.bundle.id })).application.bundle.instanceAuths;
  assert.equal(viewed[0].auth, null);

  // Deletion: the runtime is done (UNUSED), the integration system deletes.
  const unused = (await ok(s.runtimeToken, s.tenant, DELETION, { id: requested.id })).d;
  assert.equal(unused.status.condition, "UNUSED");
  const deleted = await ok(s.systemToken, s.tenant, `mutation($id: ID!) { deleteBundleInstanceAuth(authID: $id) { id } }`, { id: requested.id });
  assert.equal(deleted.deleteBundleInstanceAuth.id, requested.id);

  // Never audited: the credentials appear in no audit event.
  const audits = await app.db.auditEvent.findMany({ where: { objectId: requested.id } });
  assert.deepEqual(audits.map((event) => event.action).sort(), [
    "BUNDLE_INSTANCE_AUTH_DELETED",
    "BUNDLE_INSTANCE_AUTH_DELETION_REQUESTED",
    "BUNDLE_INSTANCE_AUTH_REQUESTED",
    "BUNDLE_INSTANCE_AUTH_SET",
  ]);
  for (const event of audits) assert.ok(!JSON.stringify(event).includes(password));
  // Sealed at rest: the column holds no credential.
  assert.equal(await app.db.bundleInstanceAuth.count({ where: { authSealed: { contains: password } } }), 0);
});

test("with a default instance auth: SUCCEEDED at once, and the runtime's deletion request deletes it (TestRequestBundleInstanceAuthCreationWithDefaultAuth)", async () => {
  const s = await setting({ defaultInstanceAuth: { credential: { basic: { username: "default", password: "default-password-1" } } } });
  const requested = (
    await ok(
      s.runtimeToken,
      s.tenant,
      `mutation($b: ID!) { r: requestBundleInstanceAuthCreation(bundleID: $b, in: {}) { id status { condition }
      auth { credential { ... on BasicCredentialData { username } } } } }`,
      { b: s.bundle.id },
    )
  ).r;
  assert.equal(requested.status.condition, "SUCCEEDED");
  assert.equal(requested.auth.credential.username, "default");
  const gone = await ok(s.runtimeToken, s.tenant, `mutation($id: ID!) { requestBundleInstanceAuthDeletion(authID: $id) { id } }`, { id: requested.id });
  assert.equal(gone.requestBundleInstanceAuthDeletion.id, requested.id);
  assert.equal(await app.db.bundleInstanceAuth.count({ where: { id: requested.id } }), 0);
});

test("setting a FAILED status takes no credentials and needs a message and a reason; the application's own token may set", async () => {
  const s = await setting();
  const requested = (
    await ok(s.runtimeToken, s.tenant, `mutation($b: ID!) { r: requestBundleInstanceAuthCreation(bundleID: $b, in: {}) { id } }`, { b: s.bundle.id })
  ).r;
  const SET = `mutation($id: ID!, $in: BundleInstanceAuthSetInput!) { s: setBundleInstanceAuth(authID: $id, in: $in) { status { condition reason message } } }`;
  const blank = await call(app.admin.token, s.tenant, SET, { id: requested.id, in: { status: { condition: "FAILED", message: "", reason: "" } } });
  assert.equal(blank.errors?.[0].extensions.field, "in.status.message");
  const both = await call(app.admin.token, s.tenant, SET, {
    id: requested.id,
    in: { auth: { credential: { basic: { username: "u", password: "p" } } }, status: { condition: "FAILED", message: "m", reason: "r" } },
  });
  assert.equal(both.errors?.[0].extensions.field, "in.status.condition");
  const credential = await requestObjectCredentials(app.db, admin, s.tenantRow, "APPLICATION", s.application.id);
  recordSecret(credential.clientSecret);
  const applicationToken = await tokenOf(credential.id);
  const failed = (
    await ok(applicationToken, s.tenant, SET, { id: requested.id, in: { status: { condition: "FAILED", message: "No quota left", reason: "QuotaExceeded" } } })
  ).s;
  assert.deepEqual(failed.status, { condition: "FAILED", reason: "QuotaExceeded", message: "No quota left" });
});

test("unregistering a runtime leaves its instance auths UNUSED and for no runtime (TestRuntimeIdInBundleInstanceAuthIsSetToNullWhenDeletingRuntime)", async () => {
  const s = await setting();
  const created = (
    await ok(
      app.admin.token,
      s.tenant,
      `mutation($b: ID!, $in: BundleInstanceAuthCreateInput!) { c: createBundleInstanceAuth(bundleID: $b, in: $in) { id runtimeID } }`,
      {
        b: s.bundle.id,
        in: { runtimeID: s.runtime.id, auth: { credential: { basic: { username: "u", password: "p" } } } },
      },
    )
  ).c;
  assert.equal(created.runtimeID, s.runtime.id);
  await unregisterObject(RUNTIME, app.db, admin, s.tenantRow, s.runtime.id);
  const [after] = (await ok(app.admin.token, s.tenant, INSTANCE_AUTHS, { a: s.application.id, b: s.bundle.id })).application.bundle.instanceAuths;
  assert.equal(after.runtimeID, null);
  assert.equal(after.status.condition, "UNUSED");
});
