/**
 * Issue 14: applications and runtimes calling the API as themselves. Their
 * client credentials come from the integration systems' machinery; their
 * access tokens carry the tenant and are confined to it and to their own
 * object. Runtimes' lifecycle is here too.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { decodeJwt } from "jose";
import { createTenant } from "@/domain/tenants/tenant.service";
import { createIntegrationSystem } from "@/domain/integration-systems/integration-system.service";
import { generateClientCredentials } from "@/domain/credentials/system-auth.service";
import { SCOPES } from "@/lib/scopes";
import { GRANTABLE_INTEGRATION_SYSTEM_SCOPES } from "@/lib/config";
import { recordSecret, setupTestApp } from "./harness";

process.env.INTEGRATION_SYSTEM_SCOPES = GRANTABLE_INTEGRATION_SYSTEM_SCOPES.join(" ");
const app = await setupTestApp();
const base = await app.listen();

const tenant = await createTenant(app.db, app.admin.principal, { externalId: "objects-tenant", name: "Objects" });
const other = await createTenant(app.db, app.admin.principal, { externalId: "objects-other", name: "Other" });

interface Answer {
  status: number;
  body: { data?: any; errors?: { message: string; path?: string[]; extensions: Record<string, any> }[] };
}

/** A GraphQL call over real HTTP, where tokens from the real token endpoint are valid. */
async function call(query: string, variables: Record<string, unknown>, token: string, tenantHeader: string | null = tenant.externalId): Promise<Answer> {
  const headers: Record<string, string> = { "content-type": "application/json", authorization: `Bearer ${token}` };
  if (tenantHeader) headers.tenant = tenantHeader;
  const response = await fetch(`${base}/api/graphql`, { method: "POST", headers, body: JSON.stringify({ query, variables }) });
  return { status: response.status, body: (await response.json()) as Answer["body"] };
}

async function ok(query: string, variables: Record<string, unknown>, token: string, tenantHeader?: string | null) {
  const answer = await call(query, variables, token, tenantHeader);
  assert.equal(answer.body.errors, undefined, JSON.stringify(answer.body.errors));
  return answer.body.data;
}

function refused(answer: Answer, code: string, what: string) {
  assert.equal(answer.body.errors?.length, 1, `${what}: ${JSON.stringify(answer.body)}`);
  assert.equal(answer.body.errors![0].extensions.code, code, `${what}: ${answer.body.errors![0].message}`);
}

/** An access token from POST /oauth2/token for client credentials. */
async function tokenFor(clientId: string, clientSecret: string): Promise<string> {
  recordSecret(clientSecret);
  const response = await fetch(`${base}/oauth2/token`, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      authorization: `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`).toString("base64")}`,
    },
    body: new URLSearchParams({ grant_type: "client_credentials" }),
  });
  const body = (await response.json()) as { access_token: string };
  assert.equal(response.status, 200, JSON.stringify(body));
  recordSecret(body.access_token);
  return body.access_token;
}

const adminToken = app.admin.token;
const CREDENTIAL_FIELDS = `id type tenantId referenceObjectId ... on AppSystemAuth { createdAt } auth { credential { ... on OAuthCredentialData { clientId clientSecret url } } }`;

async function register(kind: "Application" | "Runtime", name: string, tenantHeader = tenant.externalId, token = adminToken): Promise<string> {
  const data = await ok(`mutation($in: ${kind}RegisterInput!) { r: register${kind}(in: $in) { id } }`, { in: { name } }, token, tenantHeader);
  return data.r.id;
}

async function credentialsOf(kind: "Application" | "Runtime", id: string, token = adminToken) {
  const data = await ok(`mutation($id: ID!) { c: requestClientCredentialsFor${kind}(id: $id) { ${CREDENTIAL_FIELDS} } }`, { id }, token);
  return data.c;
}

const appId = await register("Application", "self-app");
const otherAppId = await register("Application", "other-app");
const foreignAppId = await register("Application", "foreign-app", other.externalId);
const runtimeId = await register("Runtime", "self-runtime");
const otherRuntimeId = await register("Runtime", "other-runtime");
const appCredential = await credentialsOf("Application", appId);
const runtimeCredential = await credentialsOf("Runtime", runtimeId);
const appToken = await tokenFor(appCredential.auth.credential.clientId, appCredential.auth.credential.clientSecret);
const runtimeToken = await tokenFor(runtimeCredential.auth.credential.clientId, runtimeCredential.auth.credential.clientSecret);

test("an application's credential: an AppSystemAuth naming its tenant and application, the secret once, hashed, audited", async () => {
  assert.deepEqual(
    {
      type: appCredential.type,
      tenantId: appCredential.tenantId,
      referenceObjectId: appCredential.referenceObjectId,
      clientId: appCredential.auth.credential.clientId,
    },
    { type: "APPLICATION", tenantId: tenant.id, referenceObjectId: appId, clientId: appCredential.id },
  );
  assert.match(appCredential.auth.credential.clientSecret, /^cmp_cs_/);
  const row = await app.db.systemAuth.findUniqueOrThrow({ where: { id: appCredential.id } });
  assert.deepEqual(
    { applicationId: row.applicationId, runtimeId: row.runtimeId, integrationSystemId: row.integrationSystemId, tenantId: row.tenantId, scopes: row.scopes },
    { applicationId: appId, runtimeId: null, integrationSystemId: null, tenantId: tenant.id, scopes: "application:read label_definition:read" },
  );
  const listed = await ok(
    `query($id: ID!) { application(id: $id) { auths { id type auth { credential { ... on OAuthCredentialData { clientSecret } } } } } }`,
    { id: appId },
    adminToken,
  );
  assert.deepEqual(listed.application.auths, [{ id: appCredential.id, type: "APPLICATION", auth: { credential: { clientSecret: null } } }]);
  const event = await app.db.auditEvent.findFirstOrThrow({ where: { action: "CLIENT_CREDENTIALS_GENERATED", objectId: appId } });
  assert.equal(event.objectType, "Application");
  assert.equal(JSON.parse(event.details!).clientId, appCredential.id);
  assert.equal(runtimeCredential.type, "RUNTIME");
  assert.equal(runtimeCredential.referenceObjectId, runtimeId);
});

test("application and runtime credentials take an expiry, a subset of their kind's scopes and a note, as integration systems' do", async () => {
  const issued = await ok(
    `mutation($id: ID!, $rt: ID!) {
      a: requestClientCredentialsForApplication(id: $id, expiresInDays: 7, scopes: ["application:read"], note: "ci") {
        ... on AppSystemAuth { expiresAt scopes note } auth { credential { ... on OAuthCredentialData { clientId clientSecret } } } }
      r: requestClientCredentialsForRuntime(id: $rt, scopes: ["runtime:read"]) {
        ... on RuntimeSystemAuth { expiresAt scopes note } auth { credential { ... on OAuthCredentialData { clientId clientSecret } } } }
    }`,
    { id: otherAppId, rt: otherRuntimeId },
    adminToken,
  );
  const days = (Date.parse(issued.a.expiresAt) - Date.now()) / 86_400_000;
  assert.ok(days > 6.9 && days <= 7, `expires in 7 days, got ${days}`);
  assert.deepEqual([issued.a.scopes, issued.a.note], [["application:read"], "ci"]);
  assert.deepEqual([issued.r.expiresAt, issued.r.scopes, issued.r.note], [null, ["runtime:read"], null]);
  // The runtime's token holds only runtime:read: itself, but no longer its tenant's applications.
  const token = await tokenFor(issued.r.auth.credential.clientId, issued.r.auth.credential.clientSecret);
  assert.equal((await ok(`query($id: ID!) { runtime(id: $id) { id } }`, { id: otherRuntimeId }, token)).runtime.id, otherRuntimeId);
  refused(await call(`{ applications { data { id } } }`, {}, token), "FORBIDDEN", "applications without application:read");

  const before = await app.db.systemAuth.count();
  for (const [args, field] of [
    [`scopes: ["runtime:write"]`, "scopes"],
    [`scopes: ["integration_system:write"]`, "scopes"],
    ["scopes: []", "scopes"],
    ["expiresInDays: 0", "expiresInDays"],
    ["expiresInDays: 366", "expiresInDays"],
  ]) {
    for (const [kind, id] of [
      ["Application", otherAppId],
      ["Runtime", otherRuntimeId],
    ]) {
      const answer = await call(`mutation($id: ID!) { requestClientCredentialsFor${kind}(id: $id, ${args}) { id } }`, { id }, adminToken);
      refused(answer, "BAD_USER_INPUT", `${kind} ${args}`);
      assert.equal(answer.body.errors![0].extensions.field, field, `${kind} ${args}`);
    }
  }
  assert.equal(await app.db.systemAuth.count(), before, "nothing written");
});

test("viewer { id type } says APPLICATION or RUNTIME", async () => {
  assert.deepEqual((await ok(`{ viewer { id type kind clientId } }`, {}, appToken)).viewer, {
    id: appId,
    type: "APPLICATION",
    kind: "APPLICATION",
    clientId: appCredential.id,
  });
  assert.deepEqual((await ok(`{ viewer { id type } }`, {}, runtimeToken)).viewer, { id: runtimeId, type: "RUNTIME" });
});

test("an application's and a runtime's access tokens carry their tenant and object, and no other owner", () => {
  const ownerClaims = (token: string) => {
    const claims = decodeJwt(token);
    return {
      sub: claims.sub,
      tenant_id: claims.tenant_id,
      application_id: claims.application_id,
      runtime_id: claims.runtime_id,
      integration_system_id: claims.integration_system_id,
      scope: claims.scope,
    };
  };
  assert.deepEqual(ownerClaims(appToken), {
    sub: appCredential.id,
    tenant_id: tenant.id,
    application_id: appId,
    runtime_id: undefined,
    integration_system_id: undefined,
    scope: "application:read label_definition:read",
  });
  assert.deepEqual(ownerClaims(runtimeToken), {
    sub: runtimeCredential.id,
    tenant_id: tenant.id,
    application_id: undefined,
    runtime_id: runtimeId,
    integration_system_id: undefined,
    scope: "runtime:read application:read",
  });
});

test("a credential row holding more scopes than its kind may have is honoured for its kind's scopes only", async () => {
  const id = await register("Runtime", "over-scoped");
  const credential = await credentialsOf("Runtime", id);
  // As a bug or a hand-edited row could leave it.
  const every = Object.values(SCOPES).join(" ");
  await app.db.systemAuth.update({ where: { id: credential.id }, data: { scopes: every } });
  const token = await tokenFor(credential.id, credential.auth.credential.clientSecret);
  const viewer = (await ok(`{ viewer { scopes } }`, {}, token)).viewer;
  assert.deepEqual([...viewer.scopes].sort(), [SCOPES.applicationRead, SCOPES.runtimeRead].sort());
  for (const [query, variables] of [
    [`mutation { registerRuntime(in: { name: "by an over-scoped runtime" }) { id } }`, {}],
    [`mutation($id: ID!) { unregisterRuntime(id: $id) { id } }`, { id: otherRuntimeId }],
    [`mutation { createLabelDefinition(in: { key: "over" }) { key } }`, {}],
    [`mutation { createTenant(in: { externalId: "over", name: "x" }) { id } }`, {}],
    [`{ integrationSystems { totalCount } }`, {}],
  ] as const) {
    refused(await call(query, variables, token), "FORBIDDEN", query);
  }
  assert.equal(await app.db.runtime.count({ where: { id: otherRuntimeId } }), 1);
});

test("an application reads itself, its labels and its tenant's label definitions, with or without the tenant header", async () => {
  await ok(`mutation { createLabelDefinition(in: { key: "stage" }) { key } }`, {}, adminToken);
  for (const header of [tenant.externalId, tenant.id, null]) {
    const data = await ok(`query($id: ID!) { application(id: $id) { id name labels } labelDefinitions { key } }`, { id: appId }, appToken, header);
    assert.equal(data.application.id, appId);
    assert.deepEqual(data.labelDefinitions, [{ key: "stage" }]);
  }
});

test("an application's token cannot read another application, list them, another tenant, or anything else", async () => {
  const cases: [string, Record<string, unknown>, string | null, string][] = [
    [`query($id: ID!) { application(id: $id) { id } }`, { id: otherAppId }, tenant.externalId, "FORBIDDEN"],
    [`{ applications { data { id } } }`, {}, tenant.externalId, "FORBIDDEN"],
    [`query($id: ID!) { application(id: $id) { id } }`, { id: foreignAppId }, other.externalId, "FORBIDDEN"],
    [`query($id: ID!) { application(id: $id) { id } }`, { id: appId }, other.externalId, "FORBIDDEN"],
    [`query($id: ID!) { application(id: $id) { id } }`, { id: appId }, "no-such-tenant", "FORBIDDEN"],
    [`query($id: ID!) { runtime(id: $id) { id } }`, { id: runtimeId }, tenant.externalId, "FORBIDDEN"],
    [`{ runtimes { data { id } } }`, {}, tenant.externalId, "FORBIDDEN"],
    [`{ integrationSystems { data { id } } }`, {}, null, "FORBIDDEN"],
    [`{ tenants { data { id } } }`, {}, null, "FORBIDDEN"],
    [`{ users { id } }`, {}, null, "FORBIDDEN"],
    [`{ auditEvents { data { id } } }`, {}, null, "FORBIDDEN"],
    [`mutation { registerApplication(in: { name: "sneaky" }) { id } }`, {}, tenant.externalId, "FORBIDDEN"],
    [`mutation($id: ID!) { updateApplication(id: $id, in: { name: "renamed" }) { id } }`, { id: appId }, tenant.externalId, "FORBIDDEN"],
    [`mutation($id: ID!) { setApplicationLabel(applicationID: $id, key: "x", value: 1) { key } }`, { id: otherAppId }, tenant.externalId, "FORBIDDEN"],
    [`mutation($id: ID!) { setRuntimeLabel(runtimeID: $id, key: "x", value: 1) { key } }`, { id: runtimeId }, tenant.externalId, "FORBIDDEN"],
    [`mutation($id: ID!) { requestClientCredentialsForApplication(id: $id) { id } }`, { id: appId }, tenant.externalId, "FORBIDDEN"],
    [`mutation { createLabelDefinition(in: { key: "mine" }) { key } }`, {}, tenant.externalId, "FORBIDDEN"],
    [`mutation { createApiToken(name: "t") { token } }`, {}, null, "FORBIDDEN"],
  ];
  for (const [query, variables, header, code] of cases) {
    const before = await app.db.auditEvent.count();
    refused(await call(query, variables, appToken, header), code, `${query} (${header})`);
    assert.equal(await app.db.auditEvent.count(), before, `${query}: nothing written`);
  }
  // Its application's tenant is not readable through the application either.
  refused(await call(`query($id: ID!) { application(id: $id) { tenant { id } } }`, { id: appId }, appToken), "FORBIDDEN", "Application.tenant");
});

test("an application and a runtime each write their own labels, audited as themselves", async () => {
  const set = await ok(`mutation($id: ID!) { setApplicationLabel(applicationID: $id, key: "stage", value: "dev") { key value } }`, { id: appId }, appToken);
  assert.deepEqual(set.setApplicationLabel, { key: "stage", value: "dev" });
  await ok(`mutation($id: ID!) { setRuntimeLabel(runtimeID: $id, key: "zone", value: ["a"]) { key } }`, { id: runtimeId }, runtimeToken);
  await ok(`mutation($id: ID!) { deleteRuntimeLabel(runtimeID: $id, key: "zone") { key } }`, { id: runtimeId }, runtimeToken);
  const event = await app.db.auditEvent.findFirstOrThrow({ where: { action: "LABEL_SET", objectId: appId } });
  assert.deepEqual(
    { actorType: event.actorType, actorId: event.actorId, authMethod: event.authMethod },
    { actorType: "APPLICATION", actorId: appId, authMethod: "ACCESS_TOKEN" },
  );
  refused(
    await call(`mutation($id: ID!) { setRuntimeLabel(runtimeID: $id, key: "zone", value: 1) { key } }`, { id: otherRuntimeId }, runtimeToken),
    "FORBIDDEN",
    "another runtime",
  );
});

test("a runtime reads itself and its tenant's applications, nothing else", async () => {
  const data = await ok(
    `query($id: ID!) { runtime(id: $id) { id status { condition } } applications(first: 10) { totalCount data { id labels } } }`,
    { id: runtimeId },
    runtimeToken,
  );
  assert.equal(data.runtime.status.condition, "INITIAL");
  assert.equal(data.applications.totalCount, 2);
  refused(await call(`query($id: ID!) { runtime(id: $id) { id } }`, { id: otherRuntimeId }, runtimeToken), "FORBIDDEN", "another runtime");
  refused(await call(`{ runtimes { data { id } } }`, {}, runtimeToken), "FORBIDDEN", "runtimes");
  refused(await call(`{ labelDefinitions { key } }`, {}, runtimeToken), "FORBIDDEN", "label definitions");
  refused(await call(`{ applications { data { id } } }`, {}, runtimeToken, other.externalId), "FORBIDDEN", "another tenant's applications");
  refused(await call(`mutation { registerRuntime(in: { name: "sneaky" }) { id } }`, {}, runtimeToken), "FORBIDDEN", "registerRuntime");
});

test("unregistering an application deletes its credentials, and its tokens stop working at once", async () => {
  const id = await register("Application", "short-lived");
  const credential = await credentialsOf("Application", id);
  const token = await tokenFor(credential.id, credential.auth.credential.clientSecret);
  assert.equal((await ok(`{ viewer { id } }`, {}, token)).viewer.id, id);
  await ok(`mutation($id: ID!) { unregisterApplication(id: $id) { id } }`, { id }, adminToken);
  assert.equal(await app.db.systemAuth.count({ where: { applicationId: id } }), 0);
  const after = await call(`{ viewer { id } }`, {}, token);
  assert.equal(after.status, 401);
  refused(after, "UNAUTHENTICATED", "a deleted application's token");
});

test("runtimes: register, update (status timestamp moves with the condition), unregister with its credentials", async () => {
  const created = await ok(
    `mutation { registerRuntime(in: { name: "lifecycle", description: "d", labels: { a: 1 }, applicationNamespace: "ns" }) {
    id name description labels applicationNamespace status { condition timestamp } metadata { creationTimestamp } } }`,
    {},
    adminToken,
  );
  const runtime = created.registerRuntime;
  assert.deepEqual(
    { ...runtime, id: undefined, status: undefined, metadata: undefined },
    {
      id: undefined,
      name: "lifecycle",
      description: "d",
      labels: { a: 1, isNormalized: "true" },
      applicationNamespace: "ns",
      status: undefined,
      metadata: undefined,
    },
  );
  assert.equal(runtime.status.condition, "INITIAL");
  assert.equal(runtime.status.timestamp, runtime.metadata.creationTimestamp);
  const updated = await ok(
    `mutation($id: ID!) { updateRuntime(id: $id, in: { name: "lifecycle", statusCondition: CONNECTED }) { description status { condition timestamp } labels } }`,
    { id: runtime.id },
    adminToken,
  );
  assert.equal(updated.updateRuntime.status.condition, "CONNECTED");
  assert.ok(updated.updateRuntime.status.timestamp > runtime.status.timestamp);
  assert.equal(updated.updateRuntime.description, null);
  assert.deepEqual(updated.updateRuntime.labels, { a: 1, isNormalized: "true" });
  const duplicate = await call(`mutation { registerRuntime(in: { name: "LIFECYCLE" }) { id } }`, {}, adminToken);
  refused(duplicate, "CONFLICT", "duplicate name");
  const credential = await credentialsOf("Runtime", runtime.id);
  const token = await tokenFor(credential.id, credential.auth.credential.clientSecret);
  assert.equal((await ok(`{ viewer { id } }`, {}, token)).viewer.id, runtime.id);
  await ok(`mutation($id: ID!) { unregisterRuntime(id: $id) { id } }`, { id: runtime.id }, adminToken);
  assert.equal(await app.db.systemAuth.count({ where: { id: credential.id } }), 0);
  // Its tokens stop working at once, well within any cache's freshness.
  refused(await call(`{ viewer { id } }`, {}, token), "UNAUTHENTICATED", "an unregistered runtime's token");
  assert.equal(await app.db.label.count({ where: { objectId: runtime.id } }), 0);
  const actions = (await app.db.auditEvent.findMany({ where: { objectId: runtime.id }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] })).map(
    (event) => event.action,
  );
  assert.deepEqual(actions, ["RUNTIME_REGISTERED", "RUNTIME_UPDATED", "CLIENT_CREDENTIALS_GENERATED", "RUNTIME_UNREGISTERED"]);
});

test("an integration system manages the runtimes and applications it registers, their labels and credentials, and no others", async () => {
  const system = await createIntegrationSystem(app.db, app.admin.principal, { name: "objects system" });
  const credential = await generateClientCredentials(app.db, app.admin.principal, system.id, {
    scopes: [SCOPES.applicationRead, SCOPES.applicationWrite, SCOPES.runtimeRead, SCOPES.runtimeWrite],
    grantable: GRANTABLE_INTEGRATION_SYSTEM_SCOPES,
  });
  const token = await tokenFor(credential.id, credential.clientSecret);
  const own = await register("Runtime", "system-runtime", tenant.externalId, token);
  const ownApp = await register("Application", "system-app", tenant.externalId, token);
  assert.equal((await app.db.runtime.findUniqueOrThrow({ where: { id: own } })).integrationSystemId, system.id);
  await ok(`mutation($id: ID!) { setRuntimeLabel(runtimeID: $id, key: "k", value: "v") { key } }`, { id: own }, token);
  const issued = await credentialsOf("Runtime", own, token);
  assert.match(issued.auth.credential.clientSecret, /^cmp_cs_/);
  await ok(`mutation($id: ID!) { deleteSystemAuthForRuntime(authID: $id) { id } }`, { id: issued.id }, token);
  const appLabels = await ok(`query($id: ID!) { application(id: $id) { labels } }`, { id: ownApp }, token);
  assert.deepEqual(appLabels.application.labels, { integrationSystemID: system.id });
  for (const [query, variables] of [
    [`mutation($id: ID!) { setRuntimeLabel(runtimeID: $id, key: "k", value: "v") { key } }`, { id: runtimeId }],
    [`mutation($id: ID!) { requestClientCredentialsForRuntime(id: $id) { id } }`, { id: runtimeId }],
    [`mutation($id: ID!) { deleteSystemAuthForRuntime(authID: $id) { id } }`, { id: runtimeCredential.id }],
    [`mutation($id: ID!) { requestClientCredentialsForApplication(id: $id) { id } }`, { id: appId }],
    [`mutation($id: ID!) { updateRuntime(id: $id, in: { name: "taken-over" }) { id } }`, { id: runtimeId }],
  ] as const) {
    refused(await call(query, variables, token), "FORBIDDEN", query);
  }
  // The system still manages a runtime: it cannot be deleted.
  refused(await call(`mutation($id: ID!) { deleteIntegrationSystem(id: $id) { id } }`, { id: system.id }, adminToken), "CONFLICT", "system with runtimes");
});

test("a credential is deleted only through its own kind's operation and tenant", async () => {
  const cases: [string, string, string | null][] = [
    [`mutation($id: ID!) { deleteSystemAuthForApplication(authID: $id) { id } }`, runtimeCredential.id, tenant.externalId],
    [`mutation($id: ID!) { deleteSystemAuthForRuntime(authID: $id) { id } }`, appCredential.id, tenant.externalId],
    [`mutation($id: ID!) { deleteSystemAuthForIntegrationSystem(authID: $id) { id } }`, appCredential.id, null],
    [`mutation($id: ID!) { deleteSystemAuthForApplication(authID: $id) { id } }`, appCredential.id, other.externalId],
  ];
  for (const [query, id, header] of cases) {
    refused(await call(query, { id }, adminToken, header), "NOT_FOUND", `${query} ${header}`);
  }
  assert.equal(await app.db.systemAuth.count({ where: { id: { in: [appCredential.id, runtimeCredential.id] } } }), 2);
  const deleted = await ok(
    `mutation($id: ID!) { deleteSystemAuthForApplication(authID: $id) { id type referenceObjectId } }`,
    { id: appCredential.id },
    adminToken,
  );
  assert.deepEqual(deleted.deleteSystemAuthForApplication, { id: appCredential.id, type: "APPLICATION", referenceObjectId: appId });
  refused(await call(`{ viewer { id } }`, {}, appToken), "UNAUTHENTICATED", "the deleted credential's token");
});

test("deleting a tenant with cascade removes its runtimes, labels, definitions and credentials", async () => {
  const doomed = await createTenant(app.db, app.admin.principal, { externalId: "objects-doomed", name: "Doomed" });
  const id = await register("Runtime", "doomed-runtime", doomed.externalId);
  await ok(`mutation($id: ID!) { setRuntimeLabel(runtimeID: $id, key: "k", value: 1) { key } }`, { id }, adminToken, doomed.externalId);
  await ok(`mutation { createLabelDefinition(in: { key: "k" }) { key } }`, {}, adminToken, doomed.externalId);
  const data = await ok(
    `mutation($id: ID!) { c: requestClientCredentialsForRuntime(id: $id) { id auth { credential { ... on OAuthCredentialData { clientSecret } } } } }`,
    { id },
    adminToken,
    doomed.externalId,
  );
  const doomedApp = await register("Application", "doomed-app", doomed.externalId);
  const appData = await ok(
    `mutation($id: ID!) { c: requestClientCredentialsForApplication(id: $id) { id auth { credential { ... on OAuthCredentialData { clientSecret } } } } }`,
    { id: doomedApp },
    adminToken,
    doomed.externalId,
  );
  const tokens = [await tokenFor(data.c.id, data.c.auth.credential.clientSecret), await tokenFor(appData.c.id, appData.c.auth.credential.clientSecret)];
  for (const token of tokens) assert.equal((await call(`{ viewer { id } }`, {}, token, null)).status, 200);
  refused(await call(`mutation($id: ID!) { deleteTenant(id: $id) { id } }`, { id: doomed.id }, adminToken, null), "CONFLICT", "tenant with a runtime");
  await ok(`mutation($id: ID!) { deleteTenant(id: $id, cascade: true) { id } }`, { id: doomed.id }, adminToken, null);
  // Its runtimes' and applications' tokens stop working at once.
  for (const token of tokens) refused(await call(`{ viewer { id } }`, {}, token, null), "UNAUTHENTICATED", "a deleted tenant's object's token");
  assert.deepEqual(
    [
      await app.db.runtime.count({ where: { tenantId: doomed.id } }),
      await app.db.label.count({ where: { tenantId: doomed.id } }),
      await app.db.labelDefinition.count({ where: { tenantId: doomed.id } }),
      await app.db.systemAuth.count({ where: { id: data.c.id } }),
    ],
    [0, 0, 0, 0],
  );
});

test("runtimes: `search` matches names containing it, ignoring case, with label filters and paging (issue 27)", async () => {
  const names = ["Search Alpha Edge", "search beta EDGE", "Search Gamma Core"];
  for (const name of names)
    await ok(
      `mutation($in: RuntimeRegisterInput!) { registerRuntime(in: $in) { id } }`,
      { in: { name, labels: { zone: name.includes("Core") ? "core" : "edge" } } },
      adminToken,
    );
  const list = async (variables: Record<string, unknown>) =>
    (
      await ok(
        `query($search: String, $filter: [LabelFilter!], $first: Int, $after: PageCursor) { runtimes(search: $search, filter: $filter, first: $first, after: $after) { data { name } pageInfo { endCursor hasNextPage } totalCount } }`,
        variables,
        adminToken,
      )
    ).runtimes;
  const edge = await list({ search: "edge" });
  assert.deepEqual(
    edge.data.map((row: { name: string }) => row.name),
    ["Search Alpha Edge", "search beta EDGE"],
  );
  assert.equal(edge.totalCount, 2);
  assert.deepEqual(
    (await list({ search: "SEARCH", filter: [{ key: "zone", query: '$ ? (@ == "core")' }] })).data.map((row: { name: string }) => row.name),
    ["Search Gamma Core"],
  );
  const first = await list({ search: "search", first: 2 });
  assert.equal(first.pageInfo.hasNextPage, true);
  assert.deepEqual(
    (await list({ search: "search", first: 2, after: first.pageInfo.endCursor })).data.map((row: { name: string }) => row.name),
    ["Search Gamma Core"],
  );
  assert.equal((await list({ search: "no such runtime" })).totalCount, 0);
});
