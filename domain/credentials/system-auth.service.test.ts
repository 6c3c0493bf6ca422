import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { test } from "node:test";
import { rejectsWithCode, setupTestApp } from "@/test/harness";
import { SCOPES } from "@/lib/scopes";
import { createIntegrationSystem } from "@/domain/integration-systems/integration-system.service";
import { DEFAULT_INTEGRATION_SYSTEM_SCOPES } from "@/lib/config";
import { CLIENT_SECRET_PREFIX, deleteSystemAuth, generateClientCredentials } from "./system-auth.service";

const app = await setupTestApp();
const actor = app.admin.principal;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

async function snapshot() {
  return { auths: await app.db.systemAuth.findMany({ orderBy: { id: "asc" } }), audit: await app.db.auditEvent.count() };
}

let systems = 0;
const newSystem = () => createIntegrationSystem(app.db, actor, { name: `auth system ${++systems}` });

test("generated credentials: a UUID client id and a prefixed secret with at least 256 random bits", async () => {
  const system = await newSystem();
  const secrets = new Set<string>();
  for (let i = 0; i < 5; i++) {
    const credentials = await generateClientCredentials(app.db, actor, system.id);
    assert.match(credentials.id, UUID);
    assert.equal(credentials.integrationSystemId, system.id);
    assert.ok(credentials.clientSecret.startsWith(CLIENT_SECRET_PREFIX));
    assert.equal(CLIENT_SECRET_PREFIX, "cmp_cs_");
    const random = credentials.clientSecret.slice(CLIENT_SECRET_PREFIX.length);
    assert.match(random, /^[A-Za-z0-9_-]+$/, "base64url after the prefix");
    assert.ok(random.length * 6 >= 256, `at least 256 bits after the prefix, got ${random.length * 6}`);
    secrets.add(credentials.clientSecret);
  }
  assert.equal(secrets.size, 5, "every secret is new");
});

test("only a SHA-256 hash and a 4-character hint are stored, never the secret", async () => {
  const system = await newSystem();
  const { clientSecret, ...returned } = await generateClientCredentials(app.db, actor, system.id);
  const row = await app.db.systemAuth.findUniqueOrThrow({ where: { id: returned.id } });
  assert.deepEqual(row, returned, "the returned row is the stored row plus the secret");
  const random = clientSecret.slice(CLIENT_SECRET_PREFIX.length);
  for (const [column, value] of Object.entries(row)) {
    const text = value instanceof Date ? value.toISOString() : String(value);
    assert.ok(!text.includes(random), `column ${column} holds the secret`);
  }
  assert.equal(row.secretHash, createHash("sha256").update(clientSecret).digest("base64url"));
  assert.equal(row.secretHint, clientSecret.slice(-4));
  assert.equal(row.secretHint.length, 4);
});

test("default scopes are the configured set and never include integration_system:write", async () => {
  const system = await newSystem();
  const credentials = await generateClientCredentials(app.db, actor, system.id);
  const scopes = credentials.scopes.split(" ");
  assert.ok(!scopes.includes(SCOPES.integrationSystemWrite));
  assert.ok(!DEFAULT_INTEGRATION_SYSTEM_SCOPES.includes(SCOPES.integrationSystemWrite));
  assert.deepEqual([...scopes].sort(), ["application:read", "application:write", "integration_system:read", "tenant:read"]);
});

test("a credential can be narrowed to some of the scopes and given an expiry; anything else is BAD_USER_INPUT", async () => {
  const system = await newSystem();
  const narrowed = await generateClientCredentials(app.db, actor, system.id, { scopes: ["integration_system:read"], expiresInDays: 30 });
  assert.equal(narrowed.scopes, "integration_system:read");
  const days = (narrowed.expiresAt!.getTime() - Date.now()) / 86_400_000;
  assert.ok(days > 29.9 && days <= 30, `expires in 30 days, got ${days}`);
  const before = await snapshot();
  await rejectsWithCode(generateClientCredentials(app.db, actor, system.id, { scopes: ["integration_system:write"] }), "BAD_USER_INPUT", "scopes");
  await rejectsWithCode(generateClientCredentials(app.db, actor, system.id, { scopes: [] }), "BAD_USER_INPUT", "scopes");
  await rejectsWithCode(generateClientCredentials(app.db, actor, system.id, { expiresInDays: 0 }), "BAD_USER_INPUT", "expiresInDays");
  await rejectsWithCode(generateClientCredentials(app.db, actor, system.id, { expiresInDays: 366 }), "BAD_USER_INPUT", "expiresInDays");
  assert.deepEqual(await snapshot(), before, "nothing written");
});

test("generating for an unknown system is NOT_FOUND and writes nothing", async () => {
  for (const id of ["3f1c2d8e-1111-4222-8333-944455556666", "not-a-uuid", ""]) {
    const before = await snapshot();
    await rejectsWithCode(generateClientCredentials(app.db, actor, id), "NOT_FOUND");
    assert.deepEqual(await snapshot(), before);
  }
});

test("deleteSystemAuth deletes one credential and leaves its siblings", async () => {
  const system = await newSystem();
  const [first, second, third] = [
    await generateClientCredentials(app.db, actor, system.id),
    await generateClientCredentials(app.db, actor, system.id),
    await generateClientCredentials(app.db, actor, system.id),
  ];
  const before = await app.db.auditEvent.count();
  const deleted = await deleteSystemAuth(app.db, actor, second.id);
  assert.equal(deleted.id, second.id);
  assert.equal(deleted.integrationSystemId, system.id);
  assert.ok(!("integrationSystem" in deleted), "the returned row is the credential alone");
  const left = await app.db.systemAuth.findMany({ where: { integrationSystemId: system.id } });
  assert.deepEqual(left.map((row) => row.id).sort(), [first.id, third.id].sort());
  assert.ok(await app.db.integrationSystem.findUnique({ where: { id: system.id } }), "the system stays");

  const events = await app.db.auditEvent.findMany({ where: { action: "CLIENT_CREDENTIALS_DELETED" } });
  assert.equal(await app.db.auditEvent.count(), before + 1);
  assert.equal(events.length, 1);
  assert.equal(events[0].objectId, system.id);
  assert.equal(events[0].actorId, app.admin.user.id);
  assert.deepEqual(JSON.parse(events[0].details ?? "{}"), { clientId: second.id });

  for (const id of [second.id, "3f1c2d8e-1111-4222-8333-944455556666", "nope"]) {
    const snap = await snapshot();
    await rejectsWithCode(deleteSystemAuth(app.db, actor, id), "NOT_FOUND");
    assert.deepEqual(await snapshot(), snap);
  }
});

test("audit events of generation name the actor and the client id, and never hold the secret", async () => {
  const system = await newSystem();
  const before = new Set((await app.db.auditEvent.findMany({ select: { id: true } })).map((row) => row.id));
  const credentials = await generateClientCredentials(app.db, actor, system.id);
  const added = (await app.db.auditEvent.findMany()).filter((event) => !before.has(event.id));
  assert.equal(added.length, 1);
  assert.equal(added[0].action, "CLIENT_CREDENTIALS_GENERATED");
  assert.equal(added[0].objectId, system.id);
  assert.equal(added[0].actorId, app.admin.user.id);
  assert.equal(JSON.parse(added[0].details ?? "{}").clientId, credentials.id);
  await deleteSystemAuth(app.db, actor, credentials.id);

  const random = credentials.clientSecret.slice(CLIENT_SECRET_PREFIX.length);
  for (const event of await app.db.auditEvent.findMany()) {
    assert.ok(!JSON.stringify(event).includes(random), `audit event ${event.action} holds a secret`);
  }
});
