/**
 * The instance (app/instance.ts): one object per database holds every piece
 * of in-memory state, two instances on two databases share none of it, and
 * close() leaves nothing behind: the batched lastUsedAt writes are done and
 * no timer of the instance's is left.
 */
import assert from "node:assert/strict";
import { createHook } from "node:async_hooks";
import { after, test } from "node:test";
import { type Instance, createInstance, getInstance } from "@/app/instance";
import { createApiToken } from "@/domain/api-tokens/api-token.service";
import { generateClientCredentials } from "@/domain/credentials/system-auth.service";
import { instanceOf, rawReader } from "@/domain/instance";
import { createIntegrationSystem } from "@/domain/integration-systems/integration-system.service";
import { userPrincipal } from "@/domain/principals/principal";
import { login } from "@/domain/users/login.service";
import { createUser, toIdentity } from "@/domain/users/user.service";
import { createDb } from "@/lib/db";
import { migrate } from "@/lib/migrate";
import { issueAccessToken } from "@/oauth2/grants/client-credentials";
import { ensureSigningKey } from "@/oauth2/signing-keys";
import { PASSWORD, TEST_ORIGIN, createDatabase, recordSecret, setupTestApp } from "./harness";

const app = await setupTestApp();

/** A second instance, on a database of its own, closed and dropped after the file. */
async function otherInstance(): Promise<{ instance: Instance; url: string }> {
  const database = await createDatabase();
  await migrate(database.url);
  const instance = createInstance(database.url);
  await ensureSigningKey(instance.db);
  after(async () => {
    await instance.close();
    await database.drop();
  });
  return { instance, url: database.url };
}

async function adminOf(instance: Instance, email: string) {
  const user = await createUser(instance.db, "SYSTEM", { email, password: PASSWORD, role: "ADMIN" });
  return userPrincipal(toIdentity(user), "SESSION");
}

test("the process's instance is the harness's, and every client finds its own instance", async () => {
  const { instance: other } = await otherInstance();
  assert.equal(app.instance, getInstance(), "the route files and the fast path use the instance the tests use");
  assert.equal(instanceOf(app.db), app.instance);
  assert.equal(instanceOf(other.db), other);
  assert.equal(rawReader(app.db), app.instance.reader);
  assert.equal(rawReader(other.db), other.reader);
  assert.notEqual(other.reader, app.instance.reader);
  for (const part of ["apiTokens", "logins", "oauth2"] as const) assert.notEqual(other[part], app.instance[part], part);
  assert.notEqual(other.oauth2.clients, app.instance.oauth2.clients);
  assert.notEqual(other.oauth2.keys, app.instance.oauth2.keys);
});

test("two instances on two databases share no state: tokens, sign-in throttles, credentials", async () => {
  const { instance: other } = await otherInstance();

  // An API token of one database is unknown to the other's cache.
  const admin = await adminOf(app.instance, `apart-${Date.now()}@example.test`);
  const { token } = await createApiToken(app.db, admin, { name: "apart" });
  recordSecret(token);
  assert.ok(await app.instance.apiTokens.owner(token));
  assert.equal(await other.apiTokens.owner(token), null);

  // Failed sign-ins from one address throttle it on this instance only.
  const address = "198.51.100.77";
  const origin = { address, userAgent: null };
  const guesses = await Promise.all(
    Array.from({ length: 25 }, (_, i) => login(app.instance, { email: `nobody-${i}@example.test`, password: "guess" }, origin, 1)),
  );
  assert.ok(
    guesses.some((result) => result.outcome === "throttled"),
    "the address is throttled here",
  );
  const elsewhere = await login(other, { email: "nobody@example.test", password: "guess" }, origin, 1);
  assert.equal(elsewhere.outcome, "invalid", "and not on the other instance");

  // A credential of the other database: only its own registry knows it.
  const otherAdmin = await adminOf(other, `other-${Date.now()}@example.test`);
  const system = await createIntegrationSystem(other.db, otherAdmin, { name: "apart" });
  const credential = await generateClientCredentials(other.db, otherAdmin, system.id);
  recordSecret(credential.clientSecret);
  assert.ok(await other.oauth2.clients.find(credential.id));
  assert.equal(await app.instance.oauth2.clients.find(credential.id), null);
});

test("close() writes the batched lastUsedAt values, leaves no timer of its own, and may be called twice", async () => {
  const { instance, url } = await otherInstance();
  const admin = await adminOf(instance, `close-${Date.now()}@example.test`);
  const { token, apiToken } = await createApiToken(instance.db, admin, { name: "close" });
  recordSecret(token);
  const system = await createIntegrationSystem(instance.db, admin, { name: "close" });
  const credential = await generateClientCredentials(instance.db, admin, system.id);
  recordSecret(credential.clientSecret);
  const client = (await instance.oauth2.clients.find(credential.id))!;

  // Every timer made from here on, and whether it was cleared or ran.
  const pending = new Set<number>();
  const hook = createHook({
    init(asyncId, type) {
      if (type === "Timeout") pending.add(asyncId);
    },
    destroy(asyncId) {
      pending.delete(asyncId);
    },
  }).enable();
  try {
    // Uses are batched: written seconds later, off the request path.
    assert.ok(await instance.apiTokens.owner(token));
    recordSecret((await issueAccessToken(instance.oauth2, client, [...client.scopes], TEST_ORIGIN)).access_token);
    assert.ok(pending.size > 0, "the uses wait on timers");
    await instance.close();
    await instance.close();
    // destroy hooks run after the turn that cleared the timer.
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(pending.size, 0, "no timer is left");
  } finally {
    hook.disable();
  }

  const reader = createDb(url);
  try {
    assert.ok((await reader.apiToken.findUniqueOrThrow({ where: { id: apiToken.id } })).lastUsedAt, "the API token's use was written");
    assert.ok((await reader.systemAuth.findUniqueOrThrow({ where: { id: credential.id } })).lastUsedAt, "the credential's use was written");
  } finally {
    await reader.$disconnect();
  }
});
