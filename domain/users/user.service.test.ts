import assert from "node:assert/strict";
import { test } from "node:test";
import { verifyPassword } from "@/lib/crypto";
import { PASSWORD, rejectsWithoutChange, setupTestApp } from "@/test/harness";
import { createApiToken } from "@/domain/api-tokens/api-token.service";
import { userPrincipal } from "@/domain/principals/principal";
import { createSession } from "./session.service";
import { checkPassword, createUser, deleteUser, findUser, toIdentity } from "./user.service";

const app = await setupTestApp();
const actor = app.admin.principal;

async function snapshot() {
  return {
    users: await app.db.user.findMany({ orderBy: { id: "asc" } }),
    sessions: await app.db.session.count(),
    tokens: await app.db.apiToken.count(),
    audit: await app.db.auditEvent.count(),
  };
}

const expectRejectedWithoutChange = (fn: () => Promise<unknown>, code: string, field?: string) => rejectsWithoutChange(snapshot, fn, code, field);

const GOOD_PASSWORD = "twelve chars";

test("createUser validates the email and the password length", async () => {
  for (const email of ["", "   ", "no-at-sign", "a@", "@example.test", "a b@example.test", "a@exa mple.test", `${"a".repeat(250)}@example.test`]) {
    await expectRejectedWithoutChange(() => createUser(app.db, actor, { email, password: GOOD_PASSWORD, role: "VIEWER" }), "BAD_USER_INPUT", "in.email");
  }
  for (const password of ["", "short", "elevenchars"]) {
    await expectRejectedWithoutChange(
      () => createUser(app.db, actor, { email: "valid@example.test", password, role: "VIEWER" }),
      "BAD_USER_INPUT",
      "in.password",
    );
  }
  await expectRejectedWithoutChange(
    () => createUser(app.db, actor, { email: "valid@example.test", password: "p".repeat(257), role: "VIEWER" }),
    "BAD_USER_INPUT",
    "in.password",
  );
  const user = await createUser(app.db, actor, { email: "  Twelve@Example.TEST ", password: GOOD_PASSWORD, role: "VIEWER" });
  assert.equal(user.email, "twelve@example.test", "emails are trimmed and lower-cased");
  assert.equal(user.role, "VIEWER");
  const events = await app.db.auditEvent.findMany({ where: { objectId: user.id } });
  assert.equal(events.length, 1);
  assert.equal(events[0].action, "USER_CREATED");
  assert.equal(events[0].actorId, app.admin.user.id);
  assert.ok(!JSON.stringify(events[0]).includes(GOOD_PASSWORD), "the audit event does not hold the password");
});

test("a duplicate email, in any case, is CONFLICT", async () => {
  await createUser(app.db, actor, { email: "dup@example.test", password: GOOD_PASSWORD, role: "VIEWER" });
  for (const email of ["dup@example.test", "DUP@Example.Test", " dup@EXAMPLE.test "]) {
    await expectRejectedWithoutChange(() => createUser(app.db, actor, { email, password: GOOD_PASSWORD, role: "ADMIN" }), "CONFLICT", "in.email");
  }
});

test("the password is stored as a salted scrypt hash, never as itself", async () => {
  const one = await createUser(app.db, actor, { email: "hash-one@example.test", password: PASSWORD, role: "VIEWER" });
  const two = await createUser(app.db, actor, { email: "hash-two@example.test", password: PASSWORD, role: "VIEWER" });
  for (const user of [one, two]) {
    assert.match(user.passwordHash, /^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9_-]+\$[A-Za-z0-9_-]+$/);
    assert.ok(!JSON.stringify(await app.db.user.findUniqueOrThrow({ where: { id: user.id } })).includes(PASSWORD));
    assert.equal(await verifyPassword(PASSWORD, user.passwordHash), true);
  }
  assert.notEqual(one.passwordHash, two.passwordHash, "each hash has its own salt");
});

test("checkPassword returns the user only for the right password", async () => {
  const user = await createUser(app.db, actor, { email: "login@example.test", password: PASSWORD, role: "VIEWER" });
  assert.equal((await checkPassword(app.db, "login@example.test", PASSWORD))?.id, user.id);
  assert.equal((await checkPassword(app.db, "  LOGIN@Example.test ", PASSWORD))?.id, user.id, "the email ignores case");
  assert.equal(await checkPassword(app.db, "login@example.test", `${PASSWORD}!`), null);
  assert.equal(await checkPassword(app.db, "login@example.test", PASSWORD.toUpperCase()), null);
  assert.equal(await checkPassword(app.db, "login@example.test", ""), null);
  assert.equal(await checkPassword(app.db, "nobody@example.test", PASSWORD), null);
});

test("findUser finds a user by id, and null for an id no user has", async () => {
  assert.equal((await findUser(app.db, app.viewer.user.id))?.email, app.viewer.user.email);
  assert.equal(await findUser(app.db, "no-such-user"), null);
});

test("deleteUser refuses to delete the last admin", async () => {
  assert.equal(await app.db.user.count({ where: { role: "ADMIN" } }), 1);
  await expectRejectedWithoutChange(() => deleteUser(app.db, actor, app.admin.user.id), "CONFLICT");
  await expectRejectedWithoutChange(() => deleteUser(app.db, actor, "3f1c2d8e-1111-4222-8333-944455556666"), "NOT_FOUND");

  const second = await createUser(app.db, actor, { email: "second-admin@example.test", password: PASSWORD, role: "ADMIN" });
  await deleteUser(app.db, actor, second.id);
  await expectRejectedWithoutChange(() => deleteUser(app.db, actor, app.admin.user.id), "CONFLICT");
  assert.equal(await app.db.user.count({ where: { role: "ADMIN" } }), 1);
});

test("deleteUser removes the user's sessions and API tokens, and only theirs, with one audit event", async () => {
  const user = await createUser(app.db, actor, { email: "leaving@example.test", password: PASSWORD, role: "ADMIN" });
  const principal = userPrincipal(toIdentity(user), "SESSION");
  await createSession(app.db, user.id, 1);
  await createSession(app.db, user.id, 1);
  await createApiToken(app.db, principal, { name: "automation" });
  const others = {
    sessions: await app.db.session.count({ where: { userId: { not: user.id } } }),
    tokens: await app.db.apiToken.count({ where: { userId: { not: user.id } } }),
  };
  assert.ok(others.tokens > 0);

  const auditBefore = await app.db.auditEvent.count();
  const deleted = await deleteUser(app.db, actor, user.id);
  assert.equal(deleted.id, user.id);
  assert.equal(await app.db.user.findUnique({ where: { id: user.id } }), null);
  assert.equal(await app.db.session.count({ where: { userId: user.id } }), 0);
  assert.equal(await app.db.apiToken.count({ where: { userId: user.id } }), 0);
  assert.equal(await app.db.session.count(), others.sessions);
  assert.equal(await app.db.apiToken.count(), others.tokens);
  assert.equal(await app.db.auditEvent.count(), auditBefore + 1);
  const [event] = await app.db.auditEvent.findMany({ where: { objectId: user.id, action: "USER_DELETED" } });
  assert.equal(event.actorId, app.admin.user.id);
  assert.equal(await checkPassword(app.db, "leaving@example.test", PASSWORD), null);
});

test("two admins deleting each other at once leave one admin", async () => {
  const other = await createUser(app.db, actor, { email: "racing-admin@example.test", password: PASSWORD, role: "ADMIN" });
  const otherPrincipal = userPrincipal(toIdentity(other), "SESSION");
  const results = await Promise.allSettled([deleteUser(app.db, actor, other.id), deleteUser(app.db, otherPrincipal, app.admin.user.id)]);
  const admins = await app.db.user.count({ where: { role: "ADMIN" } });
  assert.equal(admins, 1, `admins left: ${admins}; results: ${results.map((result) => result.status).join(", ")}`);
  assert.equal(results.filter((result) => result.status === "fulfilled").length, 1);
  const rejected = results.find((result) => result.status === "rejected");
  assert.equal((rejected as PromiseRejectedResult).reason.code, "CONFLICT");
});
