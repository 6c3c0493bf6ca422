/**
 * Issue 23: who may change what an application offers, and what happens to
 * it with the application. Bundles, API and event definitions, documents and
 * integration dependencies are written as their application is: admins, the
 * integration system managing it, and the application itself through its own
 * token, for itself only; tenants stay apart; everything is audited, and goes
 * with the application. Credentials given with them are stored sealed and
 * never written to the audit log. Runs on SQLite and PostgreSQL.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { registerApplication, unregisterApplication } from "@/domain/applications/application.service";
import { createTenant } from "@/domain/tenants/tenant.service";
import { createIntegrationSystem } from "@/domain/integration-systems/integration-system.service";
import { generateClientCredentials } from "@/domain/credentials/system-auth.service";
import { requestObjectCredentials } from "@/domain/credentials/object-credentials.service";
import { integrationSystemPrincipal } from "@/domain/principals/principal";
import { GRANTABLE_INTEGRATION_SYSTEM_SCOPES } from "@/lib/config";
import { issueAccessToken } from "@/oauth2/grants/client-credentials";
import { TEST_ORIGIN, recordSecret, setupTestApp } from "./harness";

process.env.INTEGRATION_SYSTEM_SCOPES = GRANTABLE_INTEGRATION_SYSTEM_SCOPES.join(" ");
const app = await setupTestApp();
const admin = app.admin.principal;
const tenant = await createTenant(app.db, admin, { externalId: "catalog-access", name: "Catalog Access" });
const otherTenant = await createTenant(app.db, admin, { externalId: "catalog-access-other", name: "Other" });
const system = await createIntegrationSystem(app.db, admin, { name: "catalog system" });
const systemActor = integrationSystemPrincipal({ integrationSystemId: system.id, integrationSystemName: system.name, clientId: "fixture" }, null);
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

const systemCredential = await generateClientCredentials(app.db, admin, system.id, { grantable: GRANTABLE_INTEGRATION_SYSTEM_SCOPES });
recordSecret(systemCredential.clientSecret);
const systemToken = await tokenOf(systemCredential.id);

async function applicationToken(id: string): Promise<string> {
  const credential = await requestObjectCredentials(app.db, admin, tenant, "APPLICATION", id);
  recordSecret(credential.clientSecret);
  return tokenOf(credential.id);
}

async function as(token: string, query: string, variables: Record<string, unknown>, where = tenant) {
  const response = await app.graphql(query, variables, { token, headers: { tenant: where.externalId } });
  return response.body as { data?: any; errors?: { message: string; extensions: Record<string, unknown> }[] };
}

const ADD_BUNDLE = `mutation($id: ID!, $in: BundleCreateInput!) { addBundle(applicationID: $id, in: $in) { id name } }`;
const ADD_API = `mutation($id: ID!) { addAPIDefinitionToBundle(bundleID: $id, in: { name: "orders", targetURL: "https://orders.example.com" }) { id } }`;
const ADD_DOCUMENT = `mutation($id: ID!) { addDocumentToBundle(bundleID: $id, in: { title: "T", displayName: "D", description: "d", format: MARKDOWN }) { id } }`;
const codeOf = (body: { errors?: { extensions: Record<string, unknown> }[] }) => body.errors?.[0]?.extensions.code;

test("an application's own token changes its own bundles and what is in them, and nothing of another application", async () => {
  const own = await registerApplication(app.db, admin, tenant, { name: unique("own") });
  const other = await registerApplication(app.db, admin, tenant, { name: unique("other") });
  const token = await applicationToken(own.id);
  const bundle = (await as(token, ADD_BUNDLE, { id: own.id, in: { name: "mine" } })).data.addBundle;
  assert.equal(bundle.name, "mine");
  assert.ok((await as(token, ADD_API, { id: bundle.id })).data.addAPIDefinitionToBundle.id);
  assert.ok((await as(token, ADD_DOCUMENT, { id: bundle.id })).data.addDocumentToBundle.id);

  assert.equal(codeOf(await as(token, ADD_BUNDLE, { id: other.id, in: { name: "theirs" } })), "FORBIDDEN");
  const theirs = (await as(app.admin.token, ADD_BUNDLE, { id: other.id, in: { name: "theirs" } })).data.addBundle;
  for (const [query, variables] of [
    [ADD_API, { id: theirs.id }],
    [ADD_DOCUMENT, { id: theirs.id }],
    [`mutation($id: ID!) { deleteBundle(id: $id) { id } }`, { id: theirs.id }],
    [`mutation($id: ID!) { updateBundle(id: $id, in: { name: "x" }) { id } }`, { id: theirs.id }],
  ] as const) {
    assert.equal(codeOf(await as(token, query, variables)), "FORBIDDEN", query);
  }
  assert.equal(await app.db.aPIDefinition.count({ where: { bundleId: theirs.id } }), 0);
  assert.equal(await app.db.bundle.count({ where: { id: theirs.id } }), 1);
});

test("an integration system changes the bundles of the applications it manages, which it then manages too, and no others", async () => {
  const managed = await registerApplication(app.db, systemActor, tenant, { name: unique("managed") });
  const unmanaged = await registerApplication(app.db, admin, tenant, { name: unique("unmanaged") });
  const bundle = (
    await as(systemToken, ADD_BUNDLE, { id: managed.id, in: { name: "offered", apiDefinitions: [{ name: "a", targetURL: "https://a.example.com" }] } })
  ).data.addBundle;
  const stored = await app.db.bundle.findUniqueOrThrow({ where: { id: bundle.id } });
  assert.equal(stored.integrationSystemId, system.id);
  assert.equal((await app.db.aPIDefinition.findFirstOrThrow({ where: { bundleId: bundle.id } })).integrationSystemId, system.id);
  const refused = await as(systemToken, ADD_BUNDLE, { id: unmanaged.id, in: { name: "not mine" } });
  assert.equal(codeOf(refused), "FORBIDDEN");
  assert.equal(await app.db.bundle.count({ where: { applicationId: unmanaged.id } }), 0);
  // Deleting a system that still manages bundles is refused, counting them.
  const remove = await as(app.admin.token, `mutation($id: ID!) { unregisterIntegrationSystem(id: $id) { id } }`, { id: system.id });
  assert.equal(codeOf(remove), "CONFLICT");
});

test("tenants stay apart: another tenant's bundle is unknown, and a bundle asked for under another application is null", async () => {
  const first = await registerApplication(app.db, admin, tenant, { name: unique("first") });
  const second = await registerApplication(app.db, admin, tenant, { name: unique("second") });
  const bundle = (await as(app.admin.token, ADD_BUNDLE, { id: first.id, in: { name: "b" } })).data.addBundle;
  assert.equal(codeOf(await as(app.admin.token, ADD_API, { id: bundle.id }, otherTenant)), "NOT_FOUND");
  assert.equal(codeOf(await as(app.admin.token, `mutation($id: ID!) { deleteBundle(id: $id) { id } }`, { id: bundle.id }, otherTenant)), "NOT_FOUND");
  const read = await as(app.admin.token, `query($a: ID!, $b: ID!) { application(id: $a) { bundle(id: $b) { id } } }`, { a: second.id, b: bundle.id });
  assert.equal(read.data.application.bundle, null);
  const page = await as(app.admin.token, `query($id: ID!) { apisForApplication(appID: $id) { totalCount } }`, { id: first.id }, otherTenant);
  assert.equal(codeOf(page), "NOT_FOUND");
});

test("a bundle's default instance auth and a fetch request's credentials are sealed at rest, never audited, and shown only with webhooks.auth:read", async () => {
  const application = await registerApplication(app.db, admin, tenant, { name: unique("sealed") });
  const password = `pw-${crypto.randomUUID()}`;
  recordSecret(password);
  const auth = { credential: { basic: { username: "svc", password } } };
  const bundle = (
    await as(app.admin.token, ADD_BUNDLE, {
      id: application.id,
      in: {
        name: "sealed",
        defaultInstanceAuth: auth,
        apiDefinitions: [
          {
            name: "a",
            targetURL: "https://a.example.com",
            spec: { type: "OPEN_API", format: "JSON", fetchRequest: { url: "https://a.example.com/spec", auth } },
          },
        ],
      },
    })
  ).data.addBundle;
  const row = await app.db.bundle.findUniqueOrThrow({ where: { id: bundle.id } });
  assert.ok(row.defaultInstanceAuthSealed && !row.defaultInstanceAuthSealed.includes(password));
  const api = await app.db.aPIDefinition.findFirstOrThrow({ where: { bundleId: bundle.id } });
  assert.ok(api.fetchAuthSealed && !api.fetchAuthSealed.includes(password) && !api.fetchRequest?.includes(password));
  const audits = await app.db.auditEvent.findMany({ where: { objectId: { in: [bundle.id, api.id] } } });
  assert.equal(audits.length, 2);
  for (const event of audits) assert.ok(!JSON.stringify(event).includes(password));

  const QUERY = `query($a: ID!, $b: ID!) { application(id: $a) { bundle(id: $b) { defaultInstanceAuth { credential { ... on BasicCredentialData { password } } }
    apiDefinitions { data { spec { fetchRequest { auth { credential { ... on BasicCredentialData { password } } } } } } } } } }`;
  const adminRead = (await as(app.admin.token, QUERY, { a: application.id, b: bundle.id })).data.application.bundle;
  assert.equal(adminRead.defaultInstanceAuth.credential.password, password);
  assert.equal(adminRead.apiDefinitions.data[0].spec.fetchRequest.auth.credential.password, password);
  const viewerRead = (await as(app.viewer.token, QUERY, { a: application.id, b: bundle.id })).data.application.bundle;
  assert.equal(viewerRead.defaultInstanceAuth, null);
  assert.equal(viewerRead.apiDefinitions.data[0].spec.fetchRequest.auth, null);
});

test("unregistering an application removes its bundles and all in them, each audited as unregistered with the application", async () => {
  const application = await registerApplication(app.db, admin, tenant, { name: unique("doomed") });
  const bundle = (
    await as(app.admin.token, ADD_BUNDLE, {
      id: application.id,
      in: {
        name: "b",
        apiDefinitions: [{ name: "a", targetURL: "https://a.example.com" }],
        eventDefinitions: [{ name: "e" }],
        documents: [{ title: "T", displayName: "D", description: "d", format: "MARKDOWN" }],
      },
    })
  ).data.addBundle;
  await as(
    app.admin.token,
    `mutation($id: ID!) { addIntegrationDependencyToApplication(appID: $id, in: { name: "d", ordID: "ns:integrationDependency:d:v1" }) { id } }`,
    {
      id: application.id,
    },
  );
  await unregisterApplication(app.db, admin, tenant, application.id);
  for (const table of ["bundle", "aPIDefinition", "eventDefinition", "integrationDependency"] as const) {
    assert.equal(await (app.db[table] as unknown as { count(args: object): Promise<number> }).count({ where: { applicationId: application.id } }), 0, table);
  }
  assert.equal(await app.db.document.count({ where: { bundleId: bundle.id } }), 0);
  const removed = await app.db.auditEvent.findMany({
    where: { action: { endsWith: "_UNREGISTERED" }, OR: [{ objectId: application.id }, { details: { contains: application.id } }] },
  });
  assert.deepEqual(removed.map((event) => event.action).sort(), [
    "API_DEFINITION_UNREGISTERED",
    "APPLICATION_UNREGISTERED",
    "BUNDLE_UNREGISTERED",
    "EVENT_DEFINITION_UNREGISTERED",
    "INTEGRATION_DEPENDENCY_UNREGISTERED",
  ]);
  const documentRemoved = await app.db.auditEvent.findFirst({ where: { action: "DOCUMENT_UNREGISTERED", details: { contains: bundle.id } } });
  assert.ok(documentRemoved);
});
