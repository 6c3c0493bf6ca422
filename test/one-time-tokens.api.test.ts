/**
 * Issue 25, item 1: one-time tokens for applications and runtimes (Compass's
 * requestOneTimeTokenForApplication / requestOneTimeTokenForRuntime and its
 * OneTimeToken types). Who may ask (admins, the managing integration system),
 * what `systemAuthID` ties the pairing to, the token's security (256 random
 * bits, only a hash stored, never logged or audited, expiry by setting, one
 * use under a parallel burst, a newer token replacing an older one).
 */
process.env.ONE_TIME_TOKEN_RUNTIME_TTL_SECONDS = "120";

import assert from "node:assert/strict";
import { test } from "node:test";
import { registerApplication } from "@/domain/applications/application.service";
import { registerRuntime } from "@/domain/runtimes/runtime.service";
import { createTenant } from "@/domain/tenants/tenant.service";
import { createIntegrationSystem } from "@/domain/integration-systems/integration-system.service";
import { generateClientCredentials } from "@/domain/credentials/system-auth.service";
import { requestObjectCredentials } from "@/domain/credentials/object-credentials.service";
import { ONE_TIME_TOKEN_PREFIX, PAIRING_NOTE, issueSigningToken, spendOneTimeToken } from "@/domain/pairing/one-time-token.service";
import { type Principal, integrationSystemPrincipal } from "@/domain/principals/principal";
import { GRANTABLE_INTEGRATION_SYSTEM_SCOPES, resetConfig } from "@/lib/config";
import { sha256 } from "@/lib/crypto";
import { issueAccessToken } from "@/oauth2/grants/client-credentials";
import { TEST_ORIGIN, auditEventsOf, capturedLog, onlyError, recordSecret, setupTestApp } from "./harness";

resetConfig();
const app = await setupTestApp();
const admin = app.admin.principal;
const tenant = await createTenant(app.db, admin, { externalId: "ott-tenant", name: "Pairing" });
const other = await createTenant(app.db, admin, { externalId: "ott-other", name: "Other" });
let serial = 0;
const unique = (prefix: string) => `${prefix}-${++serial}`;
const newApp = (actor: Principal = admin, where = tenant) => registerApplication(app.db, actor, where, { name: unique("ott-app") });

const TOKEN_FIELDS = "token connectorURL legacyConnectorURL used expiresAt createdAt usedAt raw rawEncoded type scenarioGroups";
const FOR_APP = `mutation($id: ID!, $auth: ID) { result: requestOneTimeTokenForApplication(id: $id, systemAuthID: $auth) { ${TOKEN_FIELDS} } }`;
const FOR_RUNTIME = `mutation($id: ID!, $auth: ID) { result: requestOneTimeTokenForRuntime(id: $id, systemAuthID: $auth) { token connectorURL used expiresAt createdAt usedAt raw rawEncoded type } }`;

async function request(query: string, variables: Record<string, unknown>, as: Parameters<typeof app.graphql>[2] = app.admin, tenantId = tenant.externalId) {
  const answer = await app.graphql(query, variables, { ...(as as object), headers: { tenant: tenantId } });
  const token = answer.body.data?.result?.token;
  if (token) recordSecret(token);
  return answer;
}
async function okToken(query: string, variables: Record<string, unknown>, as?: Parameters<typeof app.graphql>[2]) {
  const answer = await request(query, variables, as);
  assert.equal(answer.body.errors, undefined, JSON.stringify(answer.body.errors));
  return answer.body.data!.result;
}

async function systemToken(systemId: string) {
  const credential = await generateClientCredentials(app.db, admin, systemId, { grantable: GRANTABLE_INTEGRATION_SYSTEM_SCOPES });
  recordSecret(credential.clientSecret);
  const client = await app.instance.oauth2.clients.find(credential.id);
  assert.ok(client);
  const { access_token } = await issueAccessToken(app.instance.oauth2, client, [...client.scopes], TEST_ORIGIN);
  recordSecret(access_token);
  return { token: access_token };
}

test("an admin's token for an application: Compass's fields, a new system auth for the certificate, 5 minutes", async () => {
  const application = await newApp();
  const before = Date.now();
  const answer = await okToken(FOR_APP, { id: application.id });
  assert.match(answer.token, new RegExp(`^${ONE_TIME_TOKEN_PREFIX}[A-Za-z0-9_-]{43}$`), "256 random bits, base64url");
  assert.equal(answer.connectorURL, `${TEST_ORIGIN}/connector/graphql`);
  assert.equal(answer.legacyConnectorURL, "");
  assert.equal(answer.used, false);
  assert.equal(answer.usedAt, null);
  assert.equal(answer.type, "Application");
  assert.deepEqual(answer.scenarioGroups, []);
  const lifetime = Date.parse(answer.expiresAt) - Date.parse(answer.createdAt);
  assert.equal(lifetime, 300_000, "ONE_TIME_TOKEN_APPLICATION_TTL_SECONDS defaults to Compass's 5 minutes");
  assert.ok(Date.parse(answer.createdAt) >= before - 1000 && Date.parse(answer.createdAt) <= Date.now() + 1000);
  const raw = JSON.parse(answer.raw);
  assert.deepEqual(Object.keys(raw), ["token", "connectorURL", "used", "expiresAt", "createdAt", "usedAt", "type", "scenario_groups"]);
  assert.equal(raw.token, answer.token);
  assert.equal(raw.connectorURL, answer.connectorURL);
  assert.equal(Buffer.from(answer.rawEncoded, "base64").toString(), answer.raw);
  // Stored as a hash only, for a new system auth of the application made for the certificate.
  const row = await app.db.oneTimeToken.findUniqueOrThrow({ where: { tokenHash: sha256(answer.token) } });
  assert.equal(row.ownerId, application.id);
  assert.equal(row.purpose, "PAIRING");
  const auth = await app.db.systemAuth.findUniqueOrThrow({ where: { id: row.systemAuthId } });
  assert.equal(auth.applicationId, application.id);
  assert.equal(auth.note, PAIRING_NOTE);
  assert.equal(auth.scopes, "application:read label_definition:read");
});

test("a runtime's token lasts ONE_TIME_TOKEN_RUNTIME_TTL_SECONDS (Compass: 60 minutes; 120 s in this file)", async () => {
  const runtime = await registerRuntime(app.db, admin, tenant, { name: unique("ott-rt") });
  const answer = await okToken(FOR_RUNTIME, { id: runtime.id });
  assert.equal(answer.type, "Runtime");
  assert.equal(Date.parse(answer.expiresAt) - Date.parse(answer.createdAt), 120_000);
  const row = await app.db.oneTimeToken.findUniqueOrThrow({ where: { tokenHash: sha256(answer.token) } });
  assert.equal((await app.db.systemAuth.findUniqueOrThrow({ where: { id: row.systemAuthId } })).runtimeId, runtime.id);
});

test("systemAuthID ties the token to that system auth of the object; another object's, or none, is NOT_FOUND on systemAuthID", async () => {
  const application = await newApp();
  const credential = await requestObjectCredentials(app.db, admin, tenant, "APPLICATION", application.id);
  recordSecret(credential.clientSecret);
  const authsBefore = await app.db.systemAuth.count();
  const answer = await okToken(FOR_APP, { id: application.id, auth: credential.id });
  assert.equal((await app.db.oneTimeToken.findUniqueOrThrow({ where: { tokenHash: sha256(answer.token) } })).systemAuthId, credential.id);
  assert.equal(await app.db.systemAuth.count(), authsBefore, "no new system auth");

  const stranger = await newApp();
  const strangersAuth = await requestObjectCredentials(app.db, admin, tenant, "APPLICATION", stranger.id);
  recordSecret(strangersAuth.clientSecret);
  for (const auth of [strangersAuth.id, "00000000-0000-0000-0000-000000000000"]) {
    const error = onlyError(await request(FOR_APP, { id: application.id, auth }));
    assert.equal(error.extensions.code, "NOT_FOUND");
    assert.equal(error.extensions.field, "systemAuthID");
  }
  // An application's system auth does not pair a runtime either.
  const runtime = await registerRuntime(app.db, admin, tenant, { name: unique("ott-rt") });
  assert.equal(onlyError(await request(FOR_RUNTIME, { id: runtime.id, auth: credential.id })).extensions.field, "systemAuthID");
});

test("a newer token for the same system auth replaces the older one", async () => {
  const application = await newApp();
  const first = await okToken(FOR_APP, { id: application.id });
  const { systemAuthId } = await app.db.oneTimeToken.findUniqueOrThrow({ where: { tokenHash: sha256(first.token) } });
  const second = await okToken(FOR_APP, { id: application.id, auth: systemAuthId });
  assert.equal(await spendOneTimeToken(app.db, first.token, ["PAIRING"]), null);
  assert.equal((await spendOneTimeToken(app.db, second.token, ["PAIRING"]))?.systemAuthId, systemAuthId);
});

test("who may ask: the managing integration system for its own objects; not another system, a viewer, or an object itself", async () => {
  const manager = await createIntegrationSystem(app.db, admin, { name: unique("ott-manager") });
  const outsider = await createIntegrationSystem(app.db, admin, { name: unique("ott-outsider") });
  const managerToken = await systemToken(manager.id);
  const outsiderToken = await systemToken(outsider.id);
  const managerPrincipal = integrationSystemPrincipal({ integrationSystemId: manager.id, integrationSystemName: manager.name, clientId: "fixture" }, null);
  const managed = await newApp(managerPrincipal);
  const runtime = await registerRuntime(app.db, managerPrincipal, tenant, { name: unique("ott-rt") });
  assert.equal(managed.integrationSystemId, manager.id);

  assert.equal((await okToken(FOR_APP, { id: managed.id }, managerToken)).type, "Application");
  assert.equal((await okToken(FOR_RUNTIME, { id: runtime.id }, managerToken)).type, "Runtime");

  const before = await app.db.oneTimeToken.count();
  assert.equal(onlyError(await request(FOR_APP, { id: managed.id }, outsiderToken)).extensions.code, "FORBIDDEN");
  assert.equal(onlyError(await request(FOR_RUNTIME, { id: runtime.id }, outsiderToken)).extensions.code, "FORBIDDEN");
  assert.equal(onlyError(await request(FOR_APP, { id: managed.id }, app.viewer)).extensions.code, "FORBIDDEN");
  // The application itself, with its own client credentials, may not pair itself.
  const own = await requestObjectCredentials(app.db, admin, tenant, "APPLICATION", managed.id);
  recordSecret(own.clientSecret);
  const client = await app.instance.oauth2.clients.find(own.id);
  const { access_token } = await issueAccessToken(app.instance.oauth2, client!, [...client!.scopes], TEST_ORIGIN);
  recordSecret(access_token);
  assert.equal(onlyError(await request(FOR_APP, { id: managed.id }, { token: access_token })).extensions.code, "FORBIDDEN");
  assert.equal(await app.db.oneTimeToken.count(), before, "nothing issued to those refused");
});

test("tenants apart: an application of another tenant is NOT_FOUND; no tenant header is BAD_USER_INPUT", async () => {
  const elsewhere = await newApp(admin, other);
  assert.equal(onlyError(await request(FOR_APP, { id: elsewhere.id })).extensions.code, "NOT_FOUND");
  const noTenant = onlyError(await app.graphql(FOR_APP, { id: elsewhere.id }, app.admin));
  assert.equal(noTenant.extensions.code, "BAD_USER_INPUT");
  assert.equal(noTenant.extensions.field, "header:tenant");
});

test("a parallel burst presenting one token: exactly one spends it", async () => {
  const application = await newApp();
  const { token } = await okToken(FOR_APP, { id: application.id });
  const results = await Promise.all(Array.from({ length: 25 }, () => spendOneTimeToken(app.db, token, ["PAIRING"])));
  const winners = results.filter((result) => result !== null);
  assert.equal(winners.length, 1);
  assert.equal(winners[0]!.objectId, application.id);
  assert.equal(await spendOneTimeToken(app.db, token, ["PAIRING"]), null, "spent for good");
});

test("expired, unknown, look-alike, oversized and wrong-purpose tokens spend nothing; a deleted system auth ends its token", async () => {
  const application = await newApp();
  const { token, expiresAt } = await okToken(FOR_APP, { id: application.id });
  const afterExpiry = new Date(Date.parse(expiresAt) + 1);
  assert.equal(await spendOneTimeToken(app.db, token, ["PAIRING"], afterExpiry), null);
  assert.equal(await spendOneTimeToken(app.db, token, ["CSR"]), null, "a pairing token does not sign");
  for (const fake of [
    `${token}x`,
    token.toUpperCase(),
    token.slice(0, -1),
    `${ONE_TIME_TOKEN_PREFIX}${"A".repeat(10_000)}`,
    "",
    token.replace(ONE_TIME_TOKEN_PREFIX, ""),
  ]) {
    assert.equal(await spendOneTimeToken(app.db, fake, ["PAIRING"]), null, fake.slice(0, 20));
  }
  const spent = await spendOneTimeToken(app.db, token, ["PAIRING"]);
  assert.ok(spent, "still good within its lifetime, after all those");
  // The Connector's configuration hands out a signing token for the same system auth.
  const signing = await issueSigningToken(app.db, spent, 300);
  recordSecret(signing.token);
  assert.equal(await spendOneTimeToken(app.db, signing.token, ["PAIRING"]), null, "a signing token does not pair");
  await app.db.systemAuth.delete({ where: { id: spent.systemAuthId } });
  assert.equal(await spendOneTimeToken(app.db, signing.token, ["CSR"]), null, "its system auth is gone");
});

test("the token is never stored, audited or logged; issuing is audited", async () => {
  const application = await newApp();
  const { result, events } = await auditEventsOf(app.db, () => okToken(FOR_APP, { id: application.id }));
  assert.deepEqual(
    events.map((event) => event.action),
    ["CLIENT_CREDENTIALS_GENERATED", "ONE_TIME_TOKEN_ISSUED"],
  );
  const issued = events[1];
  assert.equal(issued.objectId, application.id);
  const details = JSON.parse(issued.details!);
  assert.equal(details.expiresAt, result.expiresAt);
  for (const event of events) assert.ok(!JSON.stringify(event).includes(result.token.slice(ONE_TIME_TOKEN_PREFIX.length)));
  const rows = JSON.stringify(await app.db.oneTimeToken.findMany());
  assert.ok(!rows.includes(result.token.slice(ONE_TIME_TOKEN_PREFIX.length)));
  assert.ok(!capturedLog().includes(result.token.slice(ONE_TIME_TOKEN_PREFIX.length)));
});

test("tokens a day past their expiry are deleted when the next one is issued", async () => {
  const application = await newApp();
  const { token } = await okToken(FOR_APP, { id: application.id });
  await app.db.oneTimeToken.update({ where: { tokenHash: sha256(token) }, data: { expiresAt: new Date(Date.now() - 25 * 3600 * 1000) } });
  const fresh = await okToken(FOR_APP, { id: (await newApp()).id });
  assert.equal(await app.db.oneTimeToken.count({ where: { tokenHash: sha256(token) } }), 0);
  assert.equal(await app.db.oneTimeToken.count({ where: { tokenHash: sha256(fresh.token) } }), 1);
});
