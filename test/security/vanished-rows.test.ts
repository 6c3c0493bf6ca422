/**
 * Issue 20, finding 12 and its class: a read of several rows (a token and its
 * user, a session and its user, a credential and its owner) may find the
 * second gone when a delete commits between its statements. Each such read
 * treats the vanished row as "unknown", never as a 500. The race is made
 * certain by deleting the second row behind the foreign key's back
 * (deleteBehindForeignKeys), which leaves what the racing read would see.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { POST as logoutRoute } from "@/app/api/auth/logout/route";
import { POST as resetRoute } from "@/app/api/auth/reset-password/route";
import { createApiToken } from "@/domain/api-tokens/api-token.service";
import { registerApplication } from "@/domain/applications/application.service";
import { requestObjectCredentials } from "@/domain/credentials/object-credentials.service";
import { generateClientCredentials } from "@/domain/credentials/system-auth.service";
import { createIntegrationSystem } from "@/domain/integration-systems/integration-system.service";
import { registerRuntime } from "@/domain/runtimes/runtime.service";
import { createTenant } from "@/domain/tenants/tenant.service";
import { integrationSystemPrincipal } from "@/domain/principals/principal";
import { SESSION_COOKIE, createSession } from "@/domain/users/session.service";
import { createPasswordResetLink } from "@/domain/users/user.service";
import { postJson } from "@/test/auth-support";
import { TEST_ORIGIN, deleteBehindForeignKeys, onlyError, recordSecret, rejectsWithCode, setupTestApp } from "@/test/harness";

const app = await setupTestApp();

test("an API token whose user is gone is an unknown token: 401, not 500", async () => {
  const victim = await app.newCaller("ADMIN");
  await deleteBehindForeignKeys(app.db, "User", victim.user.id);
  const response = await app.graphql(`{ viewer { kind } }`, {}, { token: victim.token });
  assert.equal(response.status, 401, JSON.stringify(response.body));
});

test("a session whose user is gone is no session: 401 from the API, 204 from logout, NOT_FOUND when an admin ends it", async () => {
  const victim = await app.newCaller("VIEWER");
  const first = await createSession(app.db, victim.user.id, 1);
  const second = await createSession(app.db, victim.user.id, 1);
  recordSecret(first.cookieValue, second.cookieValue);
  await deleteBehindForeignKeys(app.db, "User", victim.user.id);
  const api = await app.graphql(`{ viewer { kind } }`, {}, { cookie: `${SESSION_COOKIE}=${first.cookieValue}` });
  assert.equal(api.status, 401, JSON.stringify(api.body));
  const logout = await logoutRoute(
    new Request(`${TEST_ORIGIN}/api/auth/logout`, { method: "POST", headers: { cookie: `${SESSION_COOKIE}=${first.cookieValue}` } }),
  );
  assert.equal(logout.status, 204);
  const ended = await app.graphql(`mutation($id: ID!) { endSession(id: $id) { id } }`, { id: second.sessionId }, app.admin);
  assert.equal(onlyError(ended).extensions.code, "NOT_FOUND", JSON.stringify(ended.body));
});

test("a reset link whose user is gone is an invalid link: 400, not 500", async () => {
  const victim = await app.newCaller("VIEWER");
  const link = await createPasswordResetLink(app.db, app.admin.principal, victim.user.id);
  recordSecret(link.token);
  await deleteBehindForeignKeys(app.db, "User", victim.user.id);
  const response = await postJson(resetRoute, "/api/auth/reset-password", { token: link.token, password: "a brand new password 1" }, { origin: TEST_ORIGIN });
  assert.equal(response.status, 400, await response.clone().text());
  assert.equal((await response.json()).field, "token");
});

test("a credential whose owner is gone authenticates nobody: invalid_client, and its tokens are 401", async () => {
  const tenant = await createTenant(app.db, app.admin.principal, { externalId: "vanished", name: "Vanished" });
  const system = await createIntegrationSystem(app.db, app.admin.principal, { name: "vanishing system" });
  const application = await registerApplication(app.db, app.admin.principal, tenant, { name: "vanishing app" });
  const runtime = await registerRuntime(app.db, app.admin.principal, tenant, { name: "vanishing runtime" });
  const credentials = [
    { table: "IntegrationSystem", id: system.id, credential: await generateClientCredentials(app.db, app.admin.principal, system.id) },
    {
      table: "Application",
      id: application.id,
      credential: await requestObjectCredentials(app.db, app.admin.principal, tenant, "APPLICATION", application.id),
    },
    { table: "Runtime", id: runtime.id, credential: await requestObjectCredentials(app.db, app.admin.principal, tenant, "RUNTIME", runtime.id) },
  ];
  const base = await app.listen();
  const tokens: string[] = [];
  for (const { credential } of credentials) {
    recordSecret(credential.clientSecret);
    const body = new URLSearchParams({ grant_type: "client_credentials", client_id: credential.id, client_secret: credential.clientSecret! });
    const issued = await fetch(`${base}/oauth2/token`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body });
    assert.equal(issued.status, 200);
    tokens.push(((await issued.json()) as { access_token: string }).access_token);
  }
  for (const { table, id } of credentials) await deleteBehindForeignKeys(app.db, table, id);
  // Past the registry's freshness bound: nothing told this process about the deletes.
  await new Promise((resolve) => setTimeout(resolve, 1100));
  for (const [index, { table, credential }] of credentials.entries()) {
    const body = new URLSearchParams({ grant_type: "client_credentials", client_id: credential.id, client_secret: credential.clientSecret! });
    const refused = await fetch(`${base}/oauth2/token`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body });
    assert.equal(refused.status, 401, table);
    assert.equal(((await refused.json()) as { error: string }).error, "invalid_client");
    const api: { status: number; body: unknown } = await app.graphql(
      `{ viewer { kind } }`,
      {},
      { token: tokens[index], headers: { tenant: tenant.externalId } },
    );
    assert.equal(api.status, 401, `${table}: ${JSON.stringify(api.body)}`);
  }
});

test("an application whose tenant is gone while its page is answered: NOT_FOUND on the field, not INTERNAL_SERVER_ERROR", async () => {
  const tenant = await createTenant(app.db, app.admin.principal, { externalId: "vanishing-tenant", name: "Vanishing" });
  const system = await createIntegrationSystem(app.db, app.admin.principal, { name: "system of an orphan" });
  const actor = integrationSystemPrincipal({ integrationSystemId: system.id, integrationSystemName: system.name, clientId: "fixture" }, null);
  await registerApplication(app.db, actor, tenant, { name: "orphaned app" });
  await deleteBehindForeignKeys(app.db, "Tenant", tenant.id);
  // The application row is still there, as it is for a read that raced the tenant's delete.
  const response = await app.graphql(
    `query($id: ID!) { integrationSystem(id: $id) { applications { data { name tenant { id } } } } }`,
    { id: system.id },
    app.admin,
  );
  const codes = (response.body.errors ?? []).map((error) => error.extensions.code);
  assert.deepEqual(codes, ["NOT_FOUND"], JSON.stringify(response.body.errors));
});

test("a session or an API token for a user deleted a moment ago: UNAUTHENTICATED, not a foreign-key 500", async () => {
  const gone = await app.newCaller("ADMIN");
  // The request authenticated as this user, then the user was deleted (normally, with the cascades).
  await app.db.user.delete({ where: { id: gone.user.id } });
  await rejectsWithCode(createSession(app.db, gone.user.id, 1), "UNAUTHENTICATED");
  await rejectsWithCode(createApiToken(app.db, gone.principal, { name: "too late" }), "UNAUTHENTICATED");
  assert.equal(await app.db.session.count({ where: { userId: gone.user.id } }), 0);
  assert.equal(await app.db.apiToken.count({ where: { userId: gone.user.id } }), 0);
});
