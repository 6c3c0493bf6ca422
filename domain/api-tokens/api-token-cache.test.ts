import assert from "node:assert/strict";
import { test } from "node:test";
import { setupTestApp } from "@/test/harness";
import type { Db } from "@/lib/db";
import { sha256 } from "@/lib/crypto";
import { userPrincipal } from "@/domain/principals/principal";
import { createUser, deleteUser, toIdentity } from "@/domain/users/user.service";
import { API_TOKEN_FRESHNESS_MS, ApiTokenCache } from "./api-token-cache";
import { createApiToken, revokeApiToken, userForApiToken } from "./api-token.service";

const app = await setupTestApp();
let users = 0;

async function newToken(options: { expiresInDays?: number } = {}) {
  const user = await createUser(app.db, "SYSTEM", { email: `cache-${++users}@example.test`, password: "a long enough password", role: "VIEWER" });
  const owner = userPrincipal(toIdentity(user), "SESSION");
  const { token, apiToken } = await createApiToken(app.db, owner, { name: "cache test", ...options });
  return { user, owner, token, apiToken };
}

/** A database that counts apiToken.findUnique calls and passes them on. */
function countingDb() {
  const counter = { reads: 0 };
  const db = {
    apiToken: {
      findUnique: (args: object) => (counter.reads++, app.db.apiToken.findUnique(args as never)),
      updateMany: (args: object) => app.db.apiToken.updateMany(args as never),
    },
  } as unknown as Db;
  return { db, counter };
}

test("another instance's revocation is noticed within API_TOKEN_FRESHNESS_MS", async () => {
  assert.ok(API_TOKEN_FRESHNESS_MS <= 1000, "DESIGN: a revoked token is refused within a second on every instance");
  const clock = { now: Date.now() };
  const cache = new ApiTokenCache(app.db, () => clock.now);
  const { token, apiToken, user } = await newToken();
  assert.equal((await cache.owner(token))?.user.id, user.id);

  // Deleted behind this cache's back (as by another instance):
  await app.db.apiToken.delete({ where: { id: apiToken.id } });
  clock.now += API_TOKEN_FRESHNESS_MS - 1;
  assert.equal((await cache.owner(token))?.apiTokenId, apiToken.id, "still cached just inside the window");
  clock.now += 1;
  assert.equal(await cache.owner(token), null, "refused once the window has passed");
});

test("a token revoked or a user deleted through this process is refused at once", async () => {
  const revoked = await newToken();
  assert.ok(await userForApiToken(app.instance, revoked.token));
  await revokeApiToken(app.db, revoked.owner, revoked.apiToken.id);
  assert.equal(await userForApiToken(app.instance, revoked.token), null, "revoked: refused on the next request");

  const deleted = await newToken();
  assert.ok(await userForApiToken(app.instance, deleted.token));
  await deleteUser(app.db, app.admin.principal, deleted.user.id);
  assert.equal(await userForApiToken(app.instance, deleted.token), null, "its user deleted: refused on the next request");
});

test("expiry is checked on every use, cached or not", async () => {
  const clock = { now: Date.now() };
  const { db, counter } = countingDb();
  const cache = new ApiTokenCache(db, () => clock.now);
  const { token, apiToken } = await newToken({ expiresInDays: 1 });
  assert.ok(await cache.owner(token));
  clock.now = apiToken.expiresAt!.getTime() - 1;
  assert.ok(await cache.owner(token), "a millisecond before expiry (read again: the entry was stale)");
  clock.now = apiToken.expiresAt!.getTime();
  const reads = counter.reads;
  assert.equal(await cache.owner(token), null, "expired, though the entry is fresh");
  assert.equal(counter.reads, reads, "answered from the cache");
});

test("a read that raced a revocation in this process is not cached", async () => {
  const { token, apiToken } = await newToken();
  const row = await app.db.apiToken.findUnique({
    where: { tokenHash: sha256(token) },
    select: { id: true, expiresAt: true, lastUsedAt: true, scopes: true, user: { select: { id: true, email: true, role: true } } },
  });
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  let reads = 0;
  const slowDb = { apiToken: { findUnique: async () => (reads++ === 0 ? (await gate, row) : null) } } as unknown as Db;
  const cache = new ApiTokenCache(slowDb);
  const racing = cache.owner(token);
  cache.forgetTokens([apiToken.id]);
  release();
  assert.ok(await racing, "the racing caller sees the old row");
  assert.equal(await cache.owner(token), null, "but it was not cached: the next request reads again");
});

test("concurrent requests with one token share one read; unknown tokens are cached too", async () => {
  const { token } = await newToken();
  const { db, counter } = countingDb();
  const cache = new ApiTokenCache(db);
  const owners = await Promise.all(Array.from({ length: 20 }, () => cache.owner(token)));
  assert.ok(owners.every((owner) => owner !== null));
  assert.equal(counter.reads, 1);
  const unknown = `cmp_pat_${"B".repeat(43)}`;
  await Promise.all(Array.from({ length: 20 }, () => cache.owner(unknown)));
  assert.equal(await cache.owner(unknown), null);
  assert.equal(counter.reads, 2);
});

test("lastUsedAt is written in a batch off the request path, at most once a minute per token", async () => {
  const clock = { now: Date.now() };
  let writes = 0;
  const db = {
    apiToken: {
      findUnique: (args: object) => app.db.apiToken.findUnique(args as never),
      updateMany: (args: object) => (writes++, app.db.apiToken.updateMany(args as never)),
    },
  } as unknown as Db;
  const cache = new ApiTokenCache(db, () => clock.now);
  const { token, apiToken } = await newToken();
  for (let i = 0; i < 5; i++) assert.ok(await cache.owner(token));
  assert.equal(writes, 0, "nothing written while answering");
  await cache.flushLastUsed();
  assert.equal(writes, 1);
  assert.equal((await app.db.apiToken.findUniqueOrThrow({ where: { id: apiToken.id } })).lastUsedAt?.getTime(), clock.now);
  clock.now += 30_000;
  assert.ok(await cache.owner(token));
  await cache.flushLastUsed();
  assert.equal(writes, 1, "used again within a minute: not written again");
  clock.now += 31_000;
  assert.ok(await cache.owner(token));
  await cache.flushLastUsed();
  assert.equal(writes, 2);
});
