import assert from "node:assert/strict";
import { test } from "node:test";
import { createIntegrationSystem } from "@/domain/integration-systems/integration-system.service";
import { generateClientCredentials } from "@/domain/credentials/system-auth.service";
import { setupTestApp } from "@/test/harness";
import type { Db } from "@/lib/db";
import { ClientRegistry, FRESHNESS_MS } from "./client-registry";

const app = await setupTestApp();
let systems = 0;
async function newCredential() {
  const system = await createIntegrationSystem(app.db, app.admin.principal, { name: `registry system ${++systems}` });
  return generateClientCredentials(app.db, app.admin.principal, system.id);
}

test("another instance's deletion is noticed within FRESHNESS_MS, this process's at once", async () => {
  assert.ok(FRESHNESS_MS <= 1000, "DESIGN: a deletion is honoured within a second on every instance");
  const clock = { now: Date.now() };
  const registry = new ClientRegistry(app.db, () => clock.now);
  const credential = await newCredential();
  assert.ok(await registry.authenticate(credential.id, credential.clientSecret));
  assert.equal(await registry.authenticate(credential.id, `${credential.clientSecret}x`), null, "a wrong secret fails");

  // Deleted behind this registry's back (as by another instance):
  await app.db.systemAuth.delete({ where: { id: credential.id } });
  clock.now += FRESHNESS_MS - 1;
  assert.ok(await registry.find(credential.id), "still cached just inside the window");
  clock.now += 1;
  assert.equal(await registry.find(credential.id), null, "refused once the window has passed");

  const other = await newCredential();
  assert.ok(await registry.find(other.id));
  await app.db.systemAuth.delete({ where: { id: other.id } });
  registry.forget([other.id]);
  assert.equal(await registry.find(other.id), null, "forgotten in this process: refused at once");
});

test("a read that raced a deletion in this process is not cached", async () => {
  const credential = await newCredential();
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  // A database whose read returns the row as it was before the delete, late.
  const row = await app.db.systemAuth.findUnique({
    where: { id: credential.id },
    select: { id: true, secretHash: true, scopes: true, expiresAt: true, integrationSystem: { select: { id: true, name: true } } },
  });
  let reads = 0;
  const slowDb = { systemAuth: { findUnique: async () => (reads++ === 0 ? (await gate, row) : null) } } as unknown as Db;
  const registry = new ClientRegistry(slowDb);
  const racing = registry.find(credential.id);
  registry.forget([credential.id]);
  release();
  assert.ok(await racing, "the racing caller sees the old row");
  assert.equal(await registry.find(credential.id), null, "but it was not cached: the next request reads again");
});

test("concurrent lookups of one client share one database read", async () => {
  const credential = await newCredential();
  let reads = 0;
  const countingDb = {
    systemAuth: { findUnique: (args: object) => (reads++, app.db.systemAuth.findUnique(args as never)) },
  } as unknown as Db;
  const registry = new ClientRegistry(countingDb);
  const results = await Promise.all(Array.from({ length: 20 }, () => registry.find(credential.id)));
  assert.ok(results.every((client) => client?.clientId === credential.id));
  assert.equal(reads, 1);
});

test("revocations: this process's at once, the database's within FRESHNESS_MS", async () => {
  const clock = { now: Date.now() };
  const registry = new ClientRegistry(app.db, () => clock.now);
  assert.equal(await registry.isRevoked("jti-1"), false);
  registry.markRevoked("jti-1");
  assert.equal(await registry.isRevoked("jti-1"), true);

  assert.equal(await registry.isRevoked("jti-2"), false);
  await app.db.revokedAccessToken.create({ data: { jti: "jti-2", clientId: "c", expiresAt: new Date(clock.now + 60_000) } });
  clock.now += FRESHNESS_MS;
  assert.equal(await registry.isRevoked("jti-2"), true);
});

test("lastUsedAt is written in one batch for many token requests", async () => {
  const credential = await newCredential();
  const registry = new ClientRegistry(app.db);
  for (let i = 0; i < 100; i++) registry.recordUse(credential.id);
  assert.equal((await app.db.systemAuth.findUniqueOrThrow({ where: { id: credential.id } })).lastUsedAt, null, "not on the request path");
  await registry.flushLastUsed();
  const row = await app.db.systemAuth.findUniqueOrThrow({ where: { id: credential.id } });
  assert.ok(row.lastUsedAt && Math.abs(Date.now() - row.lastUsedAt.getTime()) < 5000);
});
