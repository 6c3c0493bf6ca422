/**
 * Issue 14's authorization matrix for the callers that are not users: every
 * new operation (runtimes, labels, label definitions, applications' and
 * runtimes' credentials) asked by an integration system holding the scope it
 * needs, one holding every grantable scope but that one, an application's
 * token, a runtime's token, a token of another tenant's application, and the
 * application's and the runtime's client certificates (issue 25). The
 * users' rows (anonymous, VIEWER, ADMIN) are in test/auth-matrix.api.test.ts.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { registerApplication } from "@/domain/applications/application.service";
import { registerRuntime } from "@/domain/runtimes/runtime.service";
import { RUNTIME_CONTEXT } from "@/domain/tenant-objects/kinds/runtime-context";
import { BUNDLE } from "@/domain/tenant-objects/kinds/bundle";
import { API_DEFINITION } from "@/domain/tenant-objects/kinds/api-definition";
import { EVENT_DEFINITION } from "@/domain/tenant-objects/kinds/event-definition";
import { DOCUMENT } from "@/domain/tenant-objects/kinds/document";
import { INTEGRATION_DEPENDENCY } from "@/domain/tenant-objects/kinds/integration-dependency";
import { BUNDLE_INSTANCE_AUTH } from "@/domain/tenant-objects/kinds/bundle-instance-auth";
import { requestInstanceAuth } from "@/domain/catalog/instance-auths";
import { createApplicationTemplate } from "@/domain/application-templates/application-template.service";
import { registerObject } from "@/domain/tenant-objects/tenant-object.service";
import { createTenant } from "@/domain/tenants/tenant.service";
import { addTenantAccess } from "@/domain/tenants/tenant-access.service";
import { createIntegrationSystem } from "@/domain/integration-systems/integration-system.service";
import { generateClientCredentials } from "@/domain/credentials/system-auth.service";
import { requestObjectCredentials } from "@/domain/credentials/object-credentials.service";
import { setLabel } from "@/domain/labels/label.service";
import { APPLICATION } from "@/domain/tenant-objects/kinds/application";
import { addWebhook } from "@/domain/webhooks/webhook.service";
import { createLabelDefinition } from "@/domain/labels/label-definition.service";
import { integrationSystemPrincipal } from "@/domain/principals/principal";
import { SCOPES, type Scope } from "@/lib/scopes";
import { DEFAULT_INTEGRATION_SYSTEM_SCOPES, GRANTABLE_INTEGRATION_SYSTEM_SCOPES } from "@/lib/config";
import { issueAccessToken } from "@/oauth2/grants/client-credentials";
import { ensureCertificateAuthority } from "@/domain/pairing/certificate-authority.service";
import { connectorConfiguration, signCertificateRequest } from "@/domain/pairing/connector.service";
import { requestOneTimeToken } from "@/domain/pairing/one-time-token.service";
import { pairingSettings } from "@/domain/pairing/settings";
import { csrOnSharedKey } from "./pairing-support";
import { type GraphQLResponse, TEST_ORIGIN, ensureApplicationTemplate, onlyError, recordSecret, setupTestApp } from "./harness";

process.env.INTEGRATION_SYSTEM_SCOPES = GRANTABLE_INTEGRATION_SYSTEM_SCOPES.join(" ");
// The certificate callers come through a proxy that forwards their certificate (X-Forwarded-Client-Cert).
process.env.TRUST_PROXY = "true";
const app = await setupTestApp();
await ensureCertificateAuthority(app.db, pairingSettings(app.instance.config).ca);
const listening = await app.listen();
const admin = app.admin.principal;
const tenant = await createTenant(app.db, admin, { externalId: "objects-matrix", name: "Objects Matrix" });
const otherTenant = await createTenant(app.db, admin, { externalId: "objects-matrix-other", name: "Other" });
const system = await createIntegrationSystem(app.db, admin, { name: "objects matrix system" });
const systemActor = integrationSystemPrincipal({ integrationSystemId: system.id, integrationSystemName: system.name, clientId: "fixture" }, null);
const headers = { tenant: tenant.externalId };
let serial = 0;
const unique = (prefix: string) => `${prefix}-${++serial}`;

async function tokenOf(credentialId: string): Promise<string> {
  const server = app.instance.oauth2;
  const client = await server.clients.find(credentialId);
  assert.ok(client);
  const { access_token } = await issueAccessToken(server, client, [...client.scopes], TEST_ORIGIN);
  recordSecret(access_token);
  return access_token;
}

const systemTokens = new Map<string, string>();
async function systemToken(scopes: readonly string[]): Promise<string> {
  const key = [...scopes].sort().join(" ");
  if (!systemTokens.has(key)) {
    const credential = await generateClientCredentials(app.db, admin, system.id, { scopes, grantable: GRANTABLE_INTEGRATION_SYSTEM_SCOPES });
    recordSecret(credential.clientSecret);
    systemTokens.set(key, await tokenOf(credential.id));
  }
  return systemTokens.get(key)!;
}

async function objectToken(kind: "APPLICATION" | "RUNTIME", id: string, where = tenant): Promise<string> {
  const credential = await requestObjectCredentials(app.db, admin, where, kind, id);
  recordSecret(credential.clientSecret);
  return tokenOf(credential.id);
}

/** What each operation works on: an application and a runtime the system manages (the token callers are these two). */
interface Fixture {
  appId: string;
  runtimeId: string;
  /** A runtime context under that runtime. */
  runtimeContextId: string;
}

async function fixture(): Promise<Fixture> {
  const application = await registerApplication(app.db, systemActor, tenant, { name: unique("matrix-app") });
  const runtime = await registerRuntime(app.db, systemActor, tenant, { name: unique("matrix-rt") });
  await setLabel(app.db, admin, { tenantId: tenant.id, type: "APPLICATION", id: application.id }, "preset", "x");
  await setLabel(app.db, admin, { tenantId: tenant.id, type: "RUNTIME", id: runtime.id }, "preset", "x");
  const context = await registerObject(RUNTIME_CONTEXT, app.db, systemActor, tenant, { key: "preset", value: "x" }, runtime.id);
  return { appId: application.id, runtimeId: runtime.id, runtimeContextId: context.id };
}

type Outcome = "allowed" | "FORBIDDEN";
interface Row {
  field: string;
  /** The scope an integration system needs. */
  needs: Scope;
  /** What the fixture's own application and runtime may do. */
  application: Outcome;
  runtime: Outcome;
  prepare: (f: Fixture) => Promise<{ query: string; variables?: Record<string, unknown> }>;
  /** Checks an allowed answer. */
  check: (data: any, f: Fixture) => Promise<void> | void;
}

const credentialOf = async (kind: "APPLICATION" | "RUNTIME", id: string) => {
  const credential = await requestObjectCredentials(app.db, admin, tenant, kind, id);
  recordSecret(credential.clientSecret);
  return credential.id;
};

/** A webhook on the fixture's application, added by an admin. */
const webhookOf = (f: Fixture) =>
  addWebhook(
    app.db,
    admin,
    tenant,
    { kind: APPLICATION, arg: "applicationID", id: f.appId },
    { type: "CONFIGURATION_CHANGED", url: "https://hooks.example.com/o" },
  );

const rows: Row[] = [
  {
    field: "runtimes",
    needs: SCOPES.runtimeRead,
    application: "FORBIDDEN",
    runtime: "FORBIDDEN",
    prepare: async () => ({ query: `{ runtimes(filter: [{ key: "preset", query: "$ ? (@ == \\"x\\")" }]) { data { id } } }` }),
    check: (data, f) => assert.ok(data.runtimes.data.some((row: { id: string }) => row.id === f.runtimeId)),
  },
  {
    field: "runtime",
    needs: SCOPES.runtimeRead,
    application: "FORBIDDEN",
    runtime: "allowed",
    prepare: async (f) => ({ query: `query($id: ID!) { runtime(id: $id) { id labels auths { id } } }`, variables: { id: f.runtimeId } }),
    check: (data, f) => assert.deepEqual(data.runtime, { id: f.runtimeId, labels: { preset: "x", isNormalized: "true" }, auths: data.runtime.auths }),
  },
  {
    field: "registerRuntime",
    needs: SCOPES.runtimeWrite,
    application: "FORBIDDEN",
    runtime: "FORBIDDEN",
    prepare: async () => ({
      query: `mutation($in: RuntimeRegisterInput!) { registerRuntime(in: $in) { id name } }`,
      variables: { in: { name: unique("registered") } },
    }),
    check: async (data) => assert.equal((await app.db.runtime.findUniqueOrThrow({ where: { id: data.registerRuntime.id } })).name, data.registerRuntime.name),
  },
  {
    field: "updateRuntime",
    needs: SCOPES.runtimeWrite,
    application: "FORBIDDEN",
    runtime: "FORBIDDEN",
    prepare: async (f) => ({
      query: `mutation($id: ID!) { updateRuntime(id: $id, in: { name: "${unique("updated")}", statusCondition: FAILED }) { status { condition } } }`,
      variables: { id: f.runtimeId },
    }),
    check: (data) => assert.equal(data.updateRuntime.status.condition, "FAILED"),
  },
  {
    field: "unregisterRuntime",
    needs: SCOPES.runtimeWrite,
    application: "FORBIDDEN",
    runtime: "FORBIDDEN",
    prepare: async (f) => ({ query: `mutation($id: ID!) { unregisterRuntime(id: $id) { id } }`, variables: { id: f.runtimeId } }),
    check: async (_data, f) => assert.equal(await app.db.runtime.count({ where: { id: f.runtimeId } }), 0),
  },
  // Issue 22: runtime contexts are written as their runtime is, by the runtime itself too.
  {
    field: "registerRuntimeContext",
    needs: SCOPES.runtimeWrite,
    application: "FORBIDDEN",
    runtime: "allowed",
    prepare: async (f) => ({
      query: `mutation($id: ID!) { registerRuntimeContext(runtimeID: $id, in: { key: "sub", value: "c1" }) { id } }`,
      variables: { id: f.runtimeId },
    }),
    check: async (data, f) =>
      assert.equal((await app.db.runtimeContext.findUniqueOrThrow({ where: { id: data.registerRuntimeContext.id } })).runtimeId, f.runtimeId),
  },
  {
    field: "updateRuntimeContext",
    needs: SCOPES.runtimeWrite,
    application: "FORBIDDEN",
    runtime: "allowed",
    prepare: async (f) => ({
      query: `mutation($id: ID!) { updateRuntimeContext(id: $id, in: { key: "sub", value: "c2" }) { value } }`,
      variables: { id: f.runtimeContextId },
    }),
    check: (data) => assert.equal(data.updateRuntimeContext.value, "c2"),
  },
  {
    field: "unregisterRuntimeContext",
    needs: SCOPES.runtimeWrite,
    application: "FORBIDDEN",
    runtime: "allowed",
    prepare: async (f) => ({ query: `mutation($id: ID!) { unregisterRuntimeContext(id: $id) { id } }`, variables: { id: f.runtimeContextId } }),
    check: async (_data, f) => assert.equal(await app.db.runtimeContext.count({ where: { id: f.runtimeContextId } }), 0),
  },
  {
    field: "setRuntimeLabel",
    needs: SCOPES.runtimeWrite,
    application: "FORBIDDEN",
    runtime: "allowed",
    prepare: async (f) => ({
      query: `mutation($id: ID!) { setRuntimeLabel(runtimeID: $id, key: "set", value: [1]) { key value } }`,
      variables: { id: f.runtimeId },
    }),
    check: async (data, f) => {
      assert.deepEqual(data.setRuntimeLabel, { key: "set", value: [1] });
      assert.deepEqual((await app.db.label.findFirstOrThrow({ where: { objectId: f.runtimeId, key: "set" } })).value, [1]);
    },
  },
  {
    field: "deleteRuntimeLabel",
    needs: SCOPES.runtimeWrite,
    application: "FORBIDDEN",
    runtime: "allowed",
    prepare: async (f) => ({ query: `mutation($id: ID!) { deleteRuntimeLabel(runtimeID: $id, key: "preset") { key } }`, variables: { id: f.runtimeId } }),
    check: async (_data, f) => assert.equal(await app.db.label.count({ where: { objectId: f.runtimeId, key: "preset" } }), 0),
  },
  {
    field: "requestClientCredentialsForRuntime",
    needs: SCOPES.runtimeWrite,
    application: "FORBIDDEN",
    runtime: "FORBIDDEN",
    prepare: async (f) => ({
      query: `mutation($id: ID!) { requestClientCredentialsForRuntime(id: $id) { id referenceObjectId auth { credential { ... on OAuthCredentialData { clientSecret } } } } }`,
      variables: { id: f.runtimeId },
    }),
    check: (data, f) => {
      assert.equal(data.requestClientCredentialsForRuntime.referenceObjectId, f.runtimeId);
      assert.match(data.requestClientCredentialsForRuntime.auth.credential.clientSecret, /^cmp_cs_/);
    },
  },
  {
    field: "deleteSystemAuthForRuntime",
    needs: SCOPES.runtimeWrite,
    application: "FORBIDDEN",
    runtime: "FORBIDDEN",
    prepare: async (f) => ({
      query: `mutation($id: ID!) { deleteSystemAuthForRuntime(authID: $id) { id } }`,
      variables: { id: await credentialOf("RUNTIME", f.runtimeId) },
    }),
    check: async (data) => assert.equal(await app.db.systemAuth.count({ where: { id: data.deleteSystemAuthForRuntime.id } }), 0),
  },
  {
    field: "setApplicationLabel",
    needs: SCOPES.applicationWrite,
    application: "allowed",
    runtime: "FORBIDDEN",
    prepare: async (f) => ({
      query: `mutation($id: ID!) { setApplicationLabel(applicationID: $id, key: "set", value: {a: true}) { key value } }`,
      variables: { id: f.appId },
    }),
    check: (data) => assert.deepEqual(data.setApplicationLabel, { key: "set", value: { a: true } }),
  },
  {
    field: "deleteApplicationLabel",
    needs: SCOPES.applicationWrite,
    application: "allowed",
    runtime: "FORBIDDEN",
    prepare: async (f) => ({
      query: `mutation($id: ID!) { deleteApplicationLabel(applicationID: $id, key: "preset") { key value } }`,
      variables: { id: f.appId },
    }),
    check: (data) => assert.deepEqual(data.deleteApplicationLabel, { key: "preset", value: "x" }),
  },
  {
    field: "requestClientCredentialsForApplication",
    needs: SCOPES.applicationWrite,
    application: "FORBIDDEN",
    runtime: "FORBIDDEN",
    prepare: async (f) => ({
      query: `mutation($id: ID!) { requestClientCredentialsForApplication(id: $id) { id type referenceObjectId } }`,
      variables: { id: f.appId },
    }),
    check: (data, f) =>
      assert.deepEqual({ ...data.requestClientCredentialsForApplication, id: undefined }, { id: undefined, type: "APPLICATION", referenceObjectId: f.appId }),
  },
  {
    field: "requestOneTimeTokenForApplication",
    needs: SCOPES.applicationWrite,
    application: "FORBIDDEN",
    runtime: "FORBIDDEN",
    prepare: async (f) => ({ query: `mutation($id: ID!) { requestOneTimeTokenForApplication(id: $id) { token type } }`, variables: { id: f.appId } }),
    check: (data) => {
      recordSecret(data.requestOneTimeTokenForApplication.token);
      assert.equal(data.requestOneTimeTokenForApplication.type, "Application");
    },
  },
  {
    field: "requestOneTimeTokenForRuntime",
    needs: SCOPES.runtimeWrite,
    application: "FORBIDDEN",
    runtime: "FORBIDDEN",
    prepare: async (f) => ({ query: `mutation($id: ID!) { requestOneTimeTokenForRuntime(id: $id) { token type } }`, variables: { id: f.runtimeId } }),
    check: (data) => {
      recordSecret(data.requestOneTimeTokenForRuntime.token);
      assert.equal(data.requestOneTimeTokenForRuntime.type, "Runtime");
    },
  },
  {
    field: "deleteSystemAuthForApplication",
    needs: SCOPES.applicationWrite,
    application: "FORBIDDEN",
    runtime: "FORBIDDEN",
    prepare: async (f) => ({
      query: `mutation($id: ID!) { deleteSystemAuthForApplication(authID: $id) { id } }`,
      variables: { id: await credentialOf("APPLICATION", f.appId) },
    }),
    check: async (data) => assert.equal(await app.db.systemAuth.count({ where: { id: data.deleteSystemAuthForApplication.id } }), 0),
  },
  {
    field: "labelDefinitions",
    needs: SCOPES.labelDefinitionRead,
    application: "allowed",
    runtime: "FORBIDDEN",
    prepare: async () => ({ query: `{ labelDefinitions { key } }` }),
    check: async (data) => assert.equal(data.labelDefinitions.length, await app.db.labelDefinition.count({ where: { tenantId: tenant.id } })),
  },
  {
    field: "labelDefinition",
    needs: SCOPES.labelDefinitionRead,
    application: "allowed",
    runtime: "FORBIDDEN",
    prepare: async () => {
      const key = unique("def").replace("-", "_");
      await createLabelDefinition(app.db, admin, tenant, { key, schema: `{"type":"string"}` });
      return { query: `query($key: String!) { labelDefinition(key: $key) { key schema } }`, variables: { key } };
    },
    check: (data) => assert.equal(data.labelDefinition.schema, `{"type":"string"}`),
  },
  {
    field: "createLabelDefinition",
    needs: SCOPES.labelDefinitionWrite,
    application: "FORBIDDEN",
    runtime: "FORBIDDEN",
    prepare: async () => ({
      query: `mutation($key: String!) { createLabelDefinition(in: { key: $key }) { key } }`,
      variables: { key: unique("created").replace("-", "_") },
    }),
    check: async (data) => assert.equal(await app.db.labelDefinition.count({ where: { tenantId: tenant.id, key: data.createLabelDefinition.key } }), 1),
  },
  {
    field: "updateLabelDefinition",
    needs: SCOPES.labelDefinitionWrite,
    application: "FORBIDDEN",
    runtime: "FORBIDDEN",
    prepare: async () => {
      const key = unique("upd").replace("-", "_");
      await createLabelDefinition(app.db, admin, tenant, { key });
      return {
        query: `mutation($key: String!) { updateLabelDefinition(in: { key: $key, schema: "{\\"type\\":\\"number\\"}" }) { schema } }`,
        variables: { key },
      };
    },
    check: (data) => assert.equal(data.updateLabelDefinition.schema, `{"type":"number"}`),
  },
  {
    field: "deleteLabelDefinition",
    needs: SCOPES.labelDefinitionWrite,
    application: "FORBIDDEN",
    runtime: "FORBIDDEN",
    prepare: async () => {
      const key = unique("del").replace("-", "_");
      await createLabelDefinition(app.db, admin, tenant, { key });
      return { query: `mutation($key: String!) { deleteLabelDefinition(key: $key) { key } }`, variables: { key } };
    },
    check: async (data) => assert.equal(await app.db.labelDefinition.count({ where: { tenantId: tenant.id, key: data.deleteLabelDefinition.key } }), 0),
  },
  // Issue 22: webhooks, with the rights over their owner (here the fixture's application).
  {
    field: "addWebhook",
    needs: SCOPES.applicationWrite,
    application: "FORBIDDEN",
    runtime: "FORBIDDEN",
    prepare: async (f) => ({
      query: `mutation($id: ID) { addWebhook(applicationID: $id, in: { type: CONFIGURATION_CHANGED, url: "https://hooks.example.com/om" }) { id applicationID } }`,
      variables: { id: f.appId },
    }),
    check: async (data, f) => {
      assert.equal(data.addWebhook.applicationID, f.appId);
      assert.equal(await app.db.webhook.count({ where: { id: data.addWebhook.id, ownerId: f.appId } }), 1);
    },
  },
  {
    field: "updateWebhook",
    needs: SCOPES.applicationWrite,
    application: "FORBIDDEN",
    runtime: "FORBIDDEN",
    prepare: async (f) => ({
      query: `mutation($id: ID!) { updateWebhook(webhookID: $id, in: { type: CONFIGURATION_CHANGED, url: "https://hooks.example.com/changed" }) { url } }`,
      variables: { id: (await webhookOf(f)).id },
    }),
    check: (data) => assert.equal(data.updateWebhook.url, "https://hooks.example.com/changed"),
  },
  {
    field: "deleteWebhook",
    needs: SCOPES.applicationWrite,
    application: "FORBIDDEN",
    runtime: "FORBIDDEN",
    prepare: async (f) => ({ query: `mutation($id: ID!) { deleteWebhook(webhookID: $id) { id } }`, variables: { id: (await webhookOf(f)).id } }),
    check: async (data) => assert.equal(await app.db.webhook.count({ where: { id: data.deleteWebhook.id } }), 0),
  },
  // Compass's tenant fetcher's writes (issue 22): tenant:write, which an operator grants the one system that keeps tenants in step.
  ...tenantWriteRows(),
];

// Issue 22: Compass's application operations.
rows.push(
  {
    field: "applicationsForRuntime",
    needs: SCOPES.applicationRead,
    application: "FORBIDDEN",
    runtime: "allowed",
    prepare: async (f) => {
      await setLabel(app.db, admin, { tenantId: tenant.id, type: "RUNTIME", id: f.runtimeId }, "scenarios", ["matrix"]);
      await setLabel(app.db, admin, { tenantId: tenant.id, type: "APPLICATION", id: f.appId }, "scenarios", ["matrix"]);
      return { query: `query($rt: ID!) { applicationsForRuntime(runtimeID: $rt) { data { id } } }`, variables: { rt: f.runtimeId } };
    },
    check: (data, f) => assert.ok(data.applicationsForRuntime.data.some((row: { id: string }) => row.id === f.appId)),
  },
  {
    field: "unpairApplication",
    needs: SCOPES.applicationWrite,
    application: "FORBIDDEN",
    runtime: "FORBIDDEN",
    prepare: async (f) => ({ query: `mutation($id: ID!) { unpairApplication(id: $id) { id status { condition } } }`, variables: { id: f.appId } }),
    check: (data) => assert.equal(data.unpairApplication.status.condition, "INITIAL"),
  },
  // Compass's default eventing: its eventing:manage is application:write here, on an application the system manages.
  ...(["setDefaultEventingForApplication", "deleteDefaultEventingForApplication"] as const).map(
    (field): Row => ({
      field,
      needs: SCOPES.applicationWrite,
      application: "FORBIDDEN",
      runtime: "FORBIDDEN",
      prepare: async (f) => {
        // A scenario of their own: the oldest runtime of a shared one would answer for a delete.
        const scenario = unique("eventing");
        await setLabel(app.db, admin, { tenantId: tenant.id, type: "APPLICATION", id: f.appId }, "scenarios", [scenario]);
        await setLabel(app.db, admin, { tenantId: tenant.id, type: "RUNTIME", id: f.runtimeId }, "scenarios", [scenario]);
        await setLabel(app.db, admin, { tenantId: tenant.id, type: "RUNTIME", id: f.runtimeId }, "runtime_eventServiceUrl", "https://events.example");
        const args = field === "setDefaultEventingForApplication" ? `appID: $app, runtimeID: "${f.runtimeId}"` : "appID: $app";
        return { query: `mutation($app: String!) { ${field}(${args}) { defaultURL } }`, variables: { app: f.appId } };
      },
      check: (data) => assert.match(data[field].defaultURL, /^https:\/\/events\.example\/mp-matrix-app-\d+\/v1\/events$/),
    }),
  ),
  {
    field: "mergeApplications",
    needs: SCOPES.applicationWrite,
    application: "FORBIDDEN",
    runtime: "FORBIDDEN",
    prepare: async (f) => {
      // The fixture's application is the destination; a source like it, from the same template, managed by the same system.
      const source = await registerApplication(app.db, systemActor, tenant, { name: unique("matrix-source"), baseUrl: "http://base.example" });
      await app.db.application.updateMany({
        where: { id: { in: [source.id, f.appId] } },
        data: { applicationTemplateId: await ensureApplicationTemplate(app.db, "template-1"), baseUrl: "http://base.example" },
      });
      return { query: `mutation($d: ID!, $s: ID!) { mergeApplications(destinationID: $d, sourceID: $s) { id } }`, variables: { d: f.appId, s: source.id } };
    },
    check: (data, f) => assert.equal(data.mergeApplications.id, f.appId),
  },
);

function tenantWriteRows(): Row[] {
  const row = (field: string, prepare: Row["prepare"], check: Row["check"]): Row => ({
    field,
    needs: SCOPES.tenantWrite,
    application: "FORBIDDEN",
    runtime: "FORBIDDEN",
    prepare,
    check,
  });
  const mapping = (externalTenant: string) => ({ name: "Written", externalTenant, type: "account", provider: "matrix" });
  const freshTenant = () => createTenant(app.db, admin, { externalId: unique("matrix-fresh"), name: "Fresh" });
  return [
    row(
      "writeTenant",
      async () => ({ query: `mutation($in: BusinessTenantMappingInput!) { writeTenant(in: $in) }`, variables: { in: mapping(unique("written")) } }),
      async (data) => assert.equal((await app.db.tenant.findUniqueOrThrow({ where: { id: data.writeTenant } })).provider, "matrix"),
    ),
    row(
      "writeTenants",
      async () => ({ query: `mutation($in: [BusinessTenantMappingInput!]) { writeTenants(in: $in) }`, variables: { in: [mapping(unique("written"))] } }),
      async (data) => assert.equal(await app.db.tenant.count({ where: { id: { in: data.writeTenants } } }), 1),
    ),
    row(
      "updateTenant",
      async () => {
        const fresh = await freshTenant();
        return {
          query: `mutation($id: ID!, $in: BusinessTenantMappingInput!) { updateTenant(id: $id, in: $in) { internalID provider } }`,
          variables: { id: fresh.id, in: mapping(fresh.externalId) },
        };
      },
      (data) => assert.equal(data.updateTenant.provider, "matrix"),
    ),
    row(
      "deleteTenants",
      async () => ({ query: `mutation($in: [String!]) { deleteTenants(in: $in) }`, variables: { in: [(await freshTenant()).externalId] } }),
      (data) => assert.equal(data.deleteTenants, 1),
    ),
    row(
      "setTenantLabel",
      async () => ({
        query: `mutation($t: ID!) { setTenantLabel(tenantID: $t, key: "k", value: 1) { key value } }`,
        variables: { t: (await freshTenant()).id },
      }),
      (data) => assert.deepEqual(data.setTenantLabel, { key: "k", value: 1 }),
    ),
    row(
      "addTenantAccess",
      async (f) => ({
        query: `mutation($in: TenantAccessInput!) { addTenantAccess(in: $in) { resourceID owner } }`,
        variables: { in: { tenantID: otherTenant.externalId, resourceID: f.appId, resourceType: "APPLICATION", owner: false } },
      }),
      async (data, f) => {
        assert.deepEqual(data.addTenantAccess, { resourceID: f.appId, owner: false });
        assert.equal(await app.db.tenantAccess.count({ where: { objectId: f.appId, tenantId: otherTenant.id } }), 1);
      },
    ),
    row(
      "removeTenantAccess",
      async (f) => {
        await addTenantAccess(app.db, admin, { tenantID: otherTenant.id, resourceID: f.runtimeId, resourceType: "RUNTIME", owner: true });
        return {
          query: `mutation($r: ID!) { removeTenantAccess(tenantID: "${otherTenant.externalId}", resourceID: $r, resourceType: RUNTIME) { owner } }`,
          variables: { r: f.runtimeId },
        };
      },
      async (data, f) => {
        assert.deepEqual(data.removeTenantAccess, { owner: true });
        assert.equal(await app.db.tenantAccess.count({ where: { objectId: f.runtimeId } }), 0);
      },
    ),
  ];
}

test("the rows cover every operation issues 14 and 22 added", () => {
  assert.deepEqual(rows.map((row) => row.field).sort(), [
    "addTenantAccess",
    "addWebhook",
    "applicationsForRuntime",
    "createLabelDefinition",
    "deleteApplicationLabel",
    "deleteDefaultEventingForApplication",
    "deleteLabelDefinition",
    "deleteRuntimeLabel",
    "deleteSystemAuthForApplication",
    "deleteSystemAuthForRuntime",
    "deleteTenants",
    "deleteWebhook",
    "labelDefinition",
    "labelDefinitions",
    "mergeApplications",
    "registerRuntime",
    "registerRuntimeContext",
    "removeTenantAccess",
    "requestClientCredentialsForApplication",
    "requestClientCredentialsForRuntime",
    "requestOneTimeTokenForApplication",
    "requestOneTimeTokenForRuntime",
    "runtime",
    "runtimes",
    "setApplicationLabel",
    "setDefaultEventingForApplication",
    "setRuntimeLabel",
    "setTenantLabel",
    "unpairApplication",
    "unregisterRuntime",
    "unregisterRuntimeContext",
    "updateLabelDefinition",
    "updateRuntime",
    "updateRuntimeContext",
    "updateTenant",
    "updateWebhook",
    "writeTenant",
    "writeTenants",
  ]);
});

/** Whether an integration system may hold the scope at all (label_definition:write is for people). */
const grantable = (scope: Scope) => GRANTABLE_INTEGRATION_SYSTEM_SCOPES.includes(scope);

/** A caller signs in with a bearer token, or with a client certificate the Connector issued (forwarded by a trusted proxy). */
type Caller = { name: string; token?: (f: Fixture, row: Row) => Promise<string>; certificate?: (f: Fixture) => Promise<string>; expect: (row: Row) => Outcome };
const callers: Caller[] = [
  {
    name: "integration system holding exactly the scope (every grantable one when it may not hold it)",
    token: (_f, row) => systemToken(grantable(row.needs) ? [row.needs] : GRANTABLE_INTEGRATION_SYSTEM_SCOPES),
    expect: (row) => (grantable(row.needs) ? "allowed" : "FORBIDDEN"),
  },
  {
    name: "integration system holding every grantable scope but the one",
    token: (_f, row) => systemToken(GRANTABLE_INTEGRATION_SYSTEM_SCOPES.filter((s) => s !== row.needs)),
    expect: () => "FORBIDDEN",
  },
  { name: "the application's own token", token: (f) => objectToken("APPLICATION", f.appId), expect: (row) => row.application },
  { name: "the runtime's own token", token: (f) => objectToken("RUNTIME", f.runtimeId), expect: (row) => row.runtime },
  // Issue 25: the certificate column. A certificate acts as its object, as that object's token does.
  { name: "the application's own client certificate", certificate: (f) => objectCertificate("APPLICATION", f.appId), expect: (row) => row.application },
  { name: "the runtime's own client certificate", certificate: (f) => objectCertificate("RUNTIME", f.runtimeId), expect: (row) => row.runtime },
  {
    name: "another tenant's application token",
    token: async () => {
      const foreign = await registerApplication(app.db, admin, otherTenant, { name: unique("foreign") });
      return objectToken("APPLICATION", foreign.id, otherTenant);
    },
    expect: () => "FORBIDDEN",
  },
];

/**
 * An application's or runtime's client certificate, through the whole pairing: a one-time token, the
 * Connector's configuration and a signed CSR (test/connector.api.test.ts checks each step).
 */
async function objectCertificate(kind: "APPLICATION" | "RUNTIME", id: string): Promise<string> {
  const connector = pairingSettings(app.instance.config).connector;
  const issued = await requestOneTimeToken(app.db, admin, tenant, kind, id, { ttlSeconds: 300 });
  recordSecret(issued.token);
  const configuration = await connectorConfiguration(app.db, { kind: "TOKEN", token: issued.token }, connector);
  recordSecret(configuration.token);
  const signed = await signCertificateRequest(app.db, { kind: "TOKEN", token: configuration.token }, await csrOnSharedKey(configuration.subject), connector);
  return Buffer.from(signed.clientCertificate, "base64").toString();
}

/** A call made with a client certificate, as Envoy forwards it (TRUST_PROXY is on in this file). */
async function withCertificate(certificate: string, call: { query: string; variables?: Record<string, unknown> }): Promise<GraphQLResponse> {
  const response = await fetch(`${listening}/api/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", tenant: headers.tenant, "x-forwarded-client-cert": `Hash=matrix;Cert="${encodeURIComponent(certificate)}"` },
    body: JSON.stringify({ query: call.query, variables: call.variables }),
  });
  return { status: response.status, headers: response.headers, body: await response.json() };
}

for (const row of rows) {
  for (const caller of callers) {
    const expected = caller.expect(row);
    test(`${row.field} as ${caller.name}: ${expected}`, async () => {
      const f = await fixture();
      const call = await row.prepare(f);
      const token = caller.token ? await caller.token(f, row) : null;
      const certificate = caller.certificate ? await caller.certificate(f) : null;
      const before = await app.db.auditEvent.count();
      const response = certificate ? await withCertificate(certificate, call) : await app.graphql(call.query, call.variables, { token: token!, headers });
      assert.equal(response.status, 200);
      if (expected === "allowed") {
        assert.equal(response.body.errors, undefined, JSON.stringify(response.body.errors));
        await row.check(response.body.data, f);
      } else {
        const error = onlyError(response);
        assert.equal(error.extensions.code, "FORBIDDEN", error.message);
        assert.deepEqual((error as { path?: string[] }).path, [row.field]);
        assert.equal(await app.db.auditEvent.count(), before, "nothing written");
      }
    });
  }
}

// ---------------------------------------------------------------------------
// Who owns what (issue 20, finding 6): an integration system changes only what
// it registered, and tenant-wide things no one system owns (label definitions,
// tenants, users, integration systems) are written by people. Every mutation
// in the schema has its rule here, so a new one without a rule fails.

/** A foreign fixture: an application and a runtime in the tenant that an admin and another system registered. */
const otherSystem = await createIntegrationSystem(app.db, admin, { name: "objects matrix other system" });
const otherActor = integrationSystemPrincipal({ integrationSystemId: otherSystem.id, integrationSystemName: otherSystem.name, clientId: "fixture" }, null);

async function foreignFixtures(): Promise<{ by: string; f: Fixture }[]> {
  const result = [];
  for (const [by, actor] of [
    ["an admin", admin],
    ["another integration system", otherActor],
  ] as const) {
    const application = await registerApplication(app.db, actor, tenant, { name: unique("foreign-app") });
    const runtime = await registerRuntime(app.db, actor, tenant, { name: unique("foreign-rt") });
    await setLabel(app.db, admin, { tenantId: tenant.id, type: "APPLICATION", id: application.id }, "preset", "x");
    await setLabel(app.db, admin, { tenantId: tenant.id, type: "RUNTIME", id: runtime.id }, "preset", "x");
    const context = await registerObject(RUNTIME_CONTEXT, app.db, actor, tenant, { key: "preset", value: "x" }, runtime.id);
    result.push({ by, f: { appId: application.id, runtimeId: runtime.id, runtimeContextId: context.id } });
  }
  return result;
}

type Call = { query: string; variables?: Record<string, unknown> };
type SystemRule =
  /** Reserved to people: FORBIDDEN to an integration system holding every grantable scope. */
  | { rule: "people"; call: Call }
  /** Creates an object the calling system then manages. */
  | { rule: "registers"; call: Call; managedBy: (data: any) => Promise<string | null> }
  /** Changes one object: FORBIDDEN on objects the calling system did not register. */
  | { rule: "managed"; call: (f: Fixture) => Promise<Call> }
  /** Tenant-wide, for the one system granted `tenant:write` (decision 0017): its row above tests it. */
  | { rule: "tenant-write" }
  /**
   * Compass's formation rights (decision 0036): global templates and constraints, and a tenant's formations
   * and assignments, for an integration system granted the scope (never by default), on any object of the tenant.
   */
  | { rule: "granted"; scope: string };

const people = (query: string): SystemRule => ({ rule: "people", call: { query } });
const managedRow = (field: string): SystemRule => {
  const row = rows.find((candidate) => candidate.field === field);
  assert.ok(row, field);
  return { rule: "managed", call: row.prepare };
};

/**
 * Issue 23: what an application offers is changed as its application is, so an
 * integration system may change it only under applications it manages. Each
 * call works on a bundle (with one of each kind in it) an admin adds to the
 * foreign fixture's application.
 */
async function catalogOf(f: Fixture) {
  const bundle = await registerObject(BUNDLE, app.db, admin, tenant, { name: unique("bundle") }, f.appId);
  const spec = { type: "OPEN_API", format: "JSON", data: "{}" };
  const api = await registerObject(API_DEFINITION, app.db, admin, tenant, { name: "api", targetURL: "https://a.example.com", spec }, undefined, {
    groupId: bundle.id,
  });
  const event = await registerObject(EVENT_DEFINITION, app.db, admin, tenant, { name: "ev", spec: { ...spec, type: "ASYNC_API" } }, undefined, {
    groupId: bundle.id,
  });
  const document = await registerObject(DOCUMENT, app.db, admin, tenant, { title: "T", displayName: "D", description: "d", format: "MARKDOWN" }, bundle.id);
  const dependency = await registerObject(INTEGRATION_DEPENDENCY, app.db, admin, tenant, { name: "dep", ordID: "ns:integrationDependency:d:v1" }, f.appId);
  const instanceAuth = await registerObject(
    BUNDLE_INSTANCE_AUTH,
    app.db,
    admin,
    tenant,
    { auth: { credential: { basic: { username: "u", password: "p" } } } },
    bundle.id,
  );
  const pending = await requestInstanceAuth(app.db, admin, tenant, bundle.id, {});
  return {
    appId: f.appId,
    bundle: bundle.id,
    api: api.id,
    event: event.id,
    document: document.id,
    dependency: dependency.id,
    instanceAuth: instanceAuth.id,
    pending: pending.id,
  };
}
type Catalog = Awaited<ReturnType<typeof catalogOf>>;
const onCatalog = (query: string, variables: (c: Catalog) => Record<string, unknown>): SystemRule => ({
  rule: "managed",
  call: async (f) => ({ query, variables: variables(await catalogOf(f)) }),
});
const API = `{ name: "x", targetURL: "https://x.example.com" }`;
const catalogRules: Record<string, SystemRule> = {
  addBundle: onCatalog(`mutation($id: ID!) { addBundle(applicationID: $id, in: { name: "x" }) { id } }`, (c) => ({ id: c.appId })),
  updateBundle: onCatalog(`mutation($id: ID!) { updateBundle(id: $id, in: { name: "x" }) { id } }`, (c) => ({ id: c.bundle })),
  deleteBundle: onCatalog(`mutation($id: ID!) { deleteBundle(id: $id) { id } }`, (c) => ({ id: c.bundle })),
  addAPIDefinitionToBundle: onCatalog(`mutation($id: ID!) { addAPIDefinitionToBundle(bundleID: $id, in: ${API}) { id } }`, (c) => ({ id: c.bundle })),
  addAPIDefinitionToApplication: onCatalog(`mutation($id: ID!) { addAPIDefinitionToApplication(appID: $id, in: ${API}) { id } }`, (c) => ({ id: c.appId })),
  updateAPIDefinition: onCatalog(`mutation($id: ID!) { updateAPIDefinition(id: $id, in: ${API}) { id } }`, (c) => ({ id: c.api })),
  updateAPIDefinitionForApplication: onCatalog(`mutation($id: ID!) { updateAPIDefinitionForApplication(id: $id, in: ${API}) { id } }`, (c) => ({ id: c.api })),
  deleteAPIDefinition: onCatalog(`mutation($id: ID!) { deleteAPIDefinition(id: $id) { id } }`, (c) => ({ id: c.api })),
  refetchAPISpec: onCatalog(`mutation($id: ID!) { refetchAPISpec(apiID: $id) { id } }`, (c) => ({ id: c.api })),
  addEventDefinitionToBundle: onCatalog(`mutation($id: ID!) { addEventDefinitionToBundle(bundleID: $id, in: { name: "x" }) { id } }`, (c) => ({
    id: c.bundle,
  })),
  addEventDefinitionToApplication: onCatalog(`mutation($id: ID!) { addEventDefinitionToApplication(appID: $id, in: { name: "x" }) { id } }`, (c) => ({
    id: c.appId,
  })),
  updateEventDefinition: onCatalog(`mutation($id: ID!) { updateEventDefinition(id: $id, in: { name: "x" }) { id } }`, (c) => ({ id: c.event })),
  updateEventDefinitionForApplication: onCatalog(`mutation($id: ID!) { updateEventDefinitionForApplication(id: $id, in: { name: "x" }) { id } }`, (c) => ({
    id: c.event,
  })),
  deleteEventDefinition: onCatalog(`mutation($id: ID!) { deleteEventDefinition(id: $id) { id } }`, (c) => ({ id: c.event })),
  refetchEventDefinitionSpec: onCatalog(`mutation($id: ID!) { refetchEventDefinitionSpec(eventID: $id) { id } }`, (c) => ({ id: c.event })),
  addDocumentToBundle: onCatalog(
    `mutation($id: ID!) { addDocumentToBundle(bundleID: $id, in: { title: "x", displayName: "x", description: "x", format: MARKDOWN }) { id } }`,
    (c) => ({ id: c.bundle }),
  ),
  deleteDocument: onCatalog(`mutation($id: ID!) { deleteDocument(id: $id) { id } }`, (c) => ({ id: c.document })),
  addIntegrationDependencyToApplication: onCatalog(
    `mutation($id: ID!) { addIntegrationDependencyToApplication(appID: $id, in: { name: "x", ordID: "ns:integrationDependency:x:v1" }) { id } }`,
    (c) => ({ id: c.appId }),
  ),
  deleteIntegrationDependency: onCatalog(`mutation($id: ID!) { deleteIntegrationDependency(id: $id) { id } }`, (c) => ({ id: c.dependency })),
  createBundleInstanceAuth: onCatalog(
    `mutation($id: ID!) { createBundleInstanceAuth(bundleID: $id, in: { auth: { credential: { basic: { username: "u", password: "p" } } } }) { id } }`,
    (c) => ({ id: c.bundle }),
  ),
  updateBundleInstanceAuth: onCatalog(`mutation($id: ID!, $b: ID!) { updateBundleInstanceAuth(id: $id, bundleID: $b, in: { context: "{}" }) { id } }`, (c) => ({
    id: c.instanceAuth,
    b: c.bundle,
  })),
  setBundleInstanceAuth: onCatalog(
    `mutation($id: ID!) { setBundleInstanceAuth(authID: $id, in: { status: { condition: FAILED, message: "m", reason: "r" } }) { id } }`,
    (c) => ({ id: c.pending }),
  ),
  deleteBundleInstanceAuth: onCatalog(`mutation($id: ID!) { deleteBundleInstanceAuth(authID: $id) { id } }`, (c) => ({ id: c.instanceAuth })),
  // A runtime asks for its own credentials; people may ask for none in particular; an integration system does not ask.
  requestBundleInstanceAuthCreation: people(`mutation { requestBundleInstanceAuthCreation(bundleID: "x", in: {}) { id } }`),
  requestBundleInstanceAuthDeletion: people(`mutation { requestBundleInstanceAuthDeletion(authID: "x") { id } }`),
};

/**
 * Issue 24: application templates are global. An integration system publishes
 * templates for itself (it is their integrationSystemID) and changes only
 * those; what it registers from any template it manages.
 */
const templateInput = (name: string) => ({ name, applicationInput: { name: "{{name}}" }, placeholders: [{ name: "name" }], accessLevel: "GLOBAL" });
const onAdminTemplate = (query: string, input = false): SystemRule => ({
  rule: "managed",
  call: async () => {
    const template = await createApplicationTemplate(app.db, admin, templateInput(unique("SAP admin template")));
    return { query, variables: { id: template.id, ...(input ? { in: templateInput(unique("SAP taken over")) } : {}) } };
  },
});
const templateRules: Record<string, SystemRule> = {
  createApplicationTemplate: {
    rule: "registers",
    call: {
      query: `mutation($in: ApplicationTemplateInput!) { createApplicationTemplate(in: $in) { id } }`,
      variables: { in: templateInput("SAP by the system") },
    },
    managedBy: async (data) => (await app.db.applicationTemplate.findUniqueOrThrow({ where: { id: data.createApplicationTemplate.id } })).integrationSystemId,
  },
  updateApplicationTemplate: onAdminTemplate(
    `mutation($id: ID!, $in: ApplicationTemplateUpdateInput!) { updateApplicationTemplate(id: $id, in: $in) { id } }`,
    true,
  ),
  deleteApplicationTemplate: onAdminTemplate(`mutation($id: ID!) { deleteApplicationTemplate(id: $id) { id } }`),
  registerApplicationFromTemplate: {
    rule: "registers",
    call: {
      query: `mutation($in: ApplicationFromTemplateInput!) { registerApplicationFromTemplate(in: $in) { id } }`,
      variables: { in: { templateName: "SAP for systems", values: [{ placeholder: "name", value: "from-an-admins-template" }] } },
    },
    managedBy: async (data) => (await app.db.application.findUniqueOrThrow({ where: { id: data.registerApplicationFromTemplate.id } })).integrationSystemId,
  },
};
await createApplicationTemplate(app.db, admin, templateInput("SAP for systems"));

const systemRules: Record<string, SystemRule> = {
  ...catalogRules,
  ...templateRules,
  addWebhook: managedRow("addWebhook"),
  updateWebhook: managedRow("updateWebhook"),
  deleteWebhook: managedRow("deleteWebhook"),
  changePassword: people(`mutation { changePassword(currentPassword: "x", newPassword: "y") { id } }`),
  changeUserRole: people(`mutation { changeUserRole(id: "${app.viewer.user.id}", role: ADMIN) { id } }`),
  confirmSystemAuthSecretStored: people(`mutation { confirmSystemAuthSecretStored(id: "x") { id } }`),
  createApiToken: people(`mutation { createApiToken(name: "x") { token } }`),
  createIntegrationSystem: people(`mutation { createIntegrationSystem(in: { name: "by a system" }) { id } }`),
  createLabelDefinition: people(`mutation { createLabelDefinition(in: { key: "locked", schema: "{\\"const\\":\\"locked\\"}" }) { key } }`),
  createPasswordResetLink: people(`mutation { createPasswordResetLink(id: "${app.admin.user.id}") { token } }`),
  createTenant: people(`mutation { createTenant(in: { externalId: "by-a-system", name: "x" }) { id } }`),
  createUser: people(`mutation { createUser(in: { email: "system@example.test", password: "a long enough password", role: ADMIN }) { id } }`),
  deleteApplicationLabel: managedRow("deleteApplicationLabel"),
  deleteIntegrationSystem: people(`mutation { deleteIntegrationSystem(id: "${otherSystem.id}") { id } }`),
  deleteLabelDefinition: people(`mutation { deleteLabelDefinition(key: "preset", deleteRelatedLabels: true) { key } }`),
  deleteRuntimeLabel: managedRow("deleteRuntimeLabel"),
  deleteSystemAuthForApplication: managedRow("deleteSystemAuthForApplication"),
  deleteSystemAuthForIntegrationSystem: people(`mutation { deleteSystemAuthForIntegrationSystem(id: "x") { id } }`),
  deleteSystemAuthForRuntime: managedRow("deleteSystemAuthForRuntime"),
  deleteTenant: people(`mutation { deleteTenant(id: "${tenant.id}", cascade: true) { id } }`),
  endAllSessions: people(`mutation { endAllSessions(userId: "${app.viewer.user.id}") }`),
  resendInvitation: people(`mutation { resendInvitation(id: "${app.viewer.user.id}") { token } }`),
  revokeInvitation: people(`mutation { revokeInvitation(id: "${app.viewer.user.id}") { id } }`),
  deleteUser: people(`mutation { deleteUser(id: "${app.viewer.user.id}") { id } }`),
  endSession: people(`mutation { endSession(id: "x") { id } }`),
  generateClientCredentialsForIntegrationSystem: people(`mutation { generateClientCredentialsForIntegrationSystem(id: "${otherSystem.id}") { id } }`),
  inviteUser: people(`mutation { inviteUser(in: { email: "invited-by-system@example.test", role: ADMIN }) { token } }`),
  registerApplication: {
    rule: "registers",
    call: { query: `mutation { registerApplication(in: { name: "registered by the system" }) { id } }` },
    managedBy: async (data) => (await app.db.application.findUniqueOrThrow({ where: { id: data.registerApplication.id } })).integrationSystemId,
  },
  registerIntegrationSystem: people(`mutation { registerIntegrationSystem(in: { name: "by a system" }) { id } }`),
  registerRuntime: {
    rule: "registers",
    call: { query: `mutation { registerRuntime(in: { name: "registered by the system" }) { id } }` },
    managedBy: async (data) => (await app.db.runtime.findUniqueOrThrow({ where: { id: data.registerRuntime.id } })).integrationSystemId,
  },
  mergeApplications: {
    rule: "managed",
    // The foreign application is the destination; the source is one the calling system registered.
    call: async (f) => {
      const source = await registerApplication(app.db, systemActor, tenant, { name: unique("merge-source"), baseUrl: "http://base.example" });
      await app.db.application.updateMany({
        where: { id: { in: [source.id, f.appId] } },
        data: { applicationTemplateId: await ensureApplicationTemplate(app.db, "template-1"), baseUrl: "http://base.example" },
      });
      return { query: `mutation($d: ID!, $s: ID!) { mergeApplications(destinationID: $d, sourceID: $s) { id } }`, variables: { d: f.appId, s: source.id } };
    },
  },
  unpairApplication: managedRow("unpairApplication"),
  setDefaultEventingForApplication: managedRow("setDefaultEventingForApplication"),
  deleteDefaultEventingForApplication: managedRow("deleteDefaultEventingForApplication"),
  requestClientCredentialsForApplication: managedRow("requestClientCredentialsForApplication"),
  requestClientCredentialsForIntegrationSystem: people(`mutation { requestClientCredentialsForIntegrationSystem(id: "${otherSystem.id}") { id } }`),
  requestClientCredentialsForRuntime: managedRow("requestClientCredentialsForRuntime"),
  requestOneTimeTokenForApplication: managedRow("requestOneTimeTokenForApplication"),
  requestOneTimeTokenForRuntime: managedRow("requestOneTimeTokenForRuntime"),
  createCertificateSubjectMapping: people(
    `mutation { createCertificateSubjectMapping(in: { subject: "C=DE, L=W, O=A, OU=U, CN=by-a-system", consumerType: "Integration System", tenantAccessLevels: ["global"] }) { id } }`,
  ),
  updateCertificateSubjectMapping: people(
    `mutation { updateCertificateSubjectMapping(id: "x", in: { subject: "C=DE, L=W, O=A, OU=U, CN=by-a-system", consumerType: "Super Admin", tenantAccessLevels: ["global"] }) { id } }`,
  ),
  deleteCertificateSubjectMapping: people(`mutation { deleteCertificateSubjectMapping(id: "x") { id } }`),
  revokeIssuedCertificate: people(`mutation { revokeIssuedCertificate(serial: "x") { serial } }`),
  registerRuntimeContext: managedRow("registerRuntimeContext"),
  updateRuntimeContext: managedRow("updateRuntimeContext"),
  unregisterRuntimeContext: managedRow("unregisterRuntimeContext"),
  revokeApiToken: people(`mutation { revokeApiToken(id: "${app.admin.principal.apiTokenId}") { id } }`),
  setApplicationLabel: managedRow("setApplicationLabel"),
  setRuntimeLabel: managedRow("setRuntimeLabel"),
  setSystemAuthNote: people(`mutation { setSystemAuthNote(id: "x", note: "y") { id } }`),
  unregisterApplication: {
    rule: "managed",
    call: async (f) => ({ query: `mutation($id: ID!) { unregisterApplication(id: $id) { id } }`, variables: { id: f.appId } }),
  },
  unregisterIntegrationSystem: people(`mutation { unregisterIntegrationSystem(id: "${otherSystem.id}") { id } }`),
  unregisterRuntime: managedRow("unregisterRuntime"),
  updateApplication: {
    rule: "managed",
    call: async (f) => ({ query: `mutation($id: ID!) { updateApplication(id: $id, in: { name: "taken over" }) { id } }`, variables: { id: f.appId } }),
  },
  updateIntegrationSystem: people(`mutation { updateIntegrationSystem(id: "${otherSystem.id}", in: { name: "taken over" }) { id } }`),
  updateLabelDefinition: people(`mutation { updateLabelDefinition(in: { key: "preset", schema: "true" }) { key } }`),
  updateRuntime: managedRow("updateRuntime"),
  updateTenant: { rule: "tenant-write" },
  writeTenant: { rule: "tenant-write" },
  writeTenants: { rule: "tenant-write" },
  deleteTenants: { rule: "tenant-write" },
  setTenantLabel: { rule: "tenant-write" },
  addTenantAccess: { rule: "tenant-write" },
  removeTenantAccess: { rule: "tenant-write" },
  ...Object.fromEntries(
    [
      ["createFormationTemplate", SCOPES.formationTemplateWrite],
      ["updateFormationTemplate", SCOPES.formationTemplateWrite],
      ["deleteFormationTemplate", SCOPES.formationTemplateWrite],
      ["setFormationTemplateLabel", SCOPES.formationTemplateWrite],
      ["deleteFormationTemplateLabel", SCOPES.formationTemplateWrite],
      ["createFormationConstraint", SCOPES.formationConstraintWrite],
      ["updateFormationConstraint", SCOPES.formationConstraintWrite],
      ["deleteFormationConstraint", SCOPES.formationConstraintWrite],
      ["attachConstraintToFormationTemplate", SCOPES.formationConstraintWrite],
      ["detachConstraintFromFormationTemplate", SCOPES.formationConstraintWrite],
      ["createFormation", SCOPES.formationWrite],
      ["deleteFormation", SCOPES.formationWrite],
      ["assignFormation", SCOPES.formationWrite],
      ["unassignFormation", SCOPES.formationWrite],
      ["unassignFormationGlobal", SCOPES.formationWrite],
      ["resynchronizeFormationNotifications", SCOPES.formationWrite],
      ["scheduleOperation", SCOPES.applicationWrite],
    ].map(([field, scope]): [string, SystemRule] => [field, { rule: "granted", scope }]),
  ),
};

test("every mutation in the schema has its rule for integration systems", async () => {
  const data = await app.ok<any>(`{ mutation: __type(name: "Mutation") { fields { name } } }`);
  const inSchema = data.mutation.fields.map((field: { name: string }) => field.name).sort();
  assert.deepEqual(Object.keys(systemRules).sort(), inSchema);
});

/** The state a refused call must leave as it was: every row an integration system could reach. */
async function tenantState() {
  const [audit, definitions, labels, applications, runtimes, credentials, tenants, users, systems, webhooks, runtimeContexts] = await Promise.all([
    app.db.auditEvent.count(),
    app.db.labelDefinition.findMany({ orderBy: { id: "asc" } }),
    app.db.label.findMany({ orderBy: { id: "asc" } }),
    app.db.application.findMany({ orderBy: { id: "asc" } }),
    app.db.runtime.findMany({ orderBy: { id: "asc" } }),
    app.db.systemAuth.count(),
    app.db.tenant.findMany({ orderBy: { id: "asc" } }),
    app.db.user.findMany({ orderBy: { id: "asc" }, select: { id: true, role: true, passwordHash: true } }),
    app.db.integrationSystem.findMany({ orderBy: { id: "asc" } }),
    app.db.webhook.findMany({ orderBy: { id: "asc" } }),
    app.db.runtimeContext.findMany({ orderBy: { id: "asc" } }),
  ]);
  return { audit, definitions, labels, applications, runtimes, credentials, tenants, users, systems, webhooks, runtimeContexts };
}

for (const [field, rule] of Object.entries(systemRules)) {
  if (rule.rule === "people") {
    test(`${field}: reserved to people, FORBIDDEN to an integration system holding every grantable scope`, async () => {
      // The admin's definition under the key the attack went for, with a label under it.
      await fixture();
      if (!(await app.db.labelDefinition.findFirst({ where: { tenantId: tenant.id, key: "preset" } }))) {
        await createLabelDefinition(app.db, admin, tenant, { key: "preset", schema: `{"enum":["x"]}` });
      }
      const token = await systemToken(GRANTABLE_INTEGRATION_SYSTEM_SCOPES);
      const before = await tenantState();
      const response = await app.graphql(rule.call.query, rule.call.variables, { token, headers });
      const error = onlyError(response);
      assert.equal(error.extensions.code, "FORBIDDEN", error.message);
      assert.deepEqual(await tenantState(), before, "nothing changed");
    });
  } else if (rule.rule === "tenant-write") {
    test(`${field}: tenant:write, tested by its row`, () => {
      assert.equal(rows.find((row) => row.field === field)?.needs, SCOPES.tenantWrite);
    });
  } else if (rule.rule === "granted") {
    // Who holds the scope is the auth matrix's and the formation tests' (test/compass-formation*.api.test.ts) to check.
    test(`${field}: ${rule.scope}, which an integration system may be granted (formations' never by default)`, () => {
      assert.ok(GRANTABLE_INTEGRATION_SYSTEM_SCOPES.includes(rule.scope));
      assert.ok(rule.scope === SCOPES.applicationWrite || !DEFAULT_INTEGRATION_SYSTEM_SCOPES.includes(rule.scope), "not a default scope");
    });
  } else if (rule.rule === "registers") {
    test(`${field}: the calling integration system manages what it registers`, async () => {
      const response = await app.graphql(rule.call.query, rule.call.variables, { token: await systemToken(GRANTABLE_INTEGRATION_SYSTEM_SCOPES), headers });
      assert.equal(response.body.errors, undefined, JSON.stringify(response.body.errors));
      assert.equal(await rule.managedBy(response.body.data), system.id);
    });
  } else {
    test(`${field}: FORBIDDEN to an integration system on what an admin or another system registered`, async () => {
      const token = await systemToken(GRANTABLE_INTEGRATION_SYSTEM_SCOPES);
      for (const { by, f } of await foreignFixtures()) {
        const call = await rule.call(f);
        const before = await tenantState();
        const response = await app.graphql(call.query, call.variables, { token, headers });
        const error = onlyError(response);
        assert.equal(error.extensions.code, "FORBIDDEN", `registered by ${by}: ${error.message}`);
        assert.deepEqual(await tenantState(), before, `registered by ${by}: nothing changed`);
      }
    });
  }
}
