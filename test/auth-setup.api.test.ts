/**
 * The first admin: a one-time setup link on an empty database, or
 * ADMIN_EMAIL/ADMIN_PASSWORD.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { POST as setupRoute } from "@/app/api/auth/setup/route";
import { ensureFirstAdmin } from "@/domain/users/user.service";
import { sha256 } from "@/lib/crypto";
import { startup } from "@/app/startup";
import { VIEWER_QUERY, authSupport, cookieOf, postJson } from "./auth-support";
import { PASSWORD, recordSecret, setupTestApp } from "./harness";

const app = await setupTestApp();
// The route handlers run start-up on first use; run it now, while users exist,
// so it cannot hand out a setup link of its own.
await startup();
const { newAddress, login } = authSupport(app);

// ---------------------------------------------------------------------------
// the first admin. Last: it empties the users table.

async function removeAllUsers() {
  await app.db.apiToken.deleteMany({});
  await app.db.session.deleteMany({});
  await app.db.user.deleteMany({});
}

test("first admin: a one-time setup link on an empty database, or ADMIN_EMAIL/ADMIN_PASSWORD", async () => {
  await removeAllUsers();
  const link = await ensureFirstAdmin(app.db, { email: null, password: null });
  recordSecret(link.setupToken);
  assert.equal(link.created, false);
  assert.match(link.setupToken!, /^cmp_setup_/);
  const stored = await app.db.setupToken.findMany();
  assert.equal(stored.length, 1);
  assert.equal(stored[0].tokenHash, sha256(link.setupToken!));

  const setup = (body: Record<string, unknown>) => postJson(setupRoute, "/api/auth/setup", body);
  const email = "first.admin@example.test";

  const wrongToken = await setup({ token: `cmp_setup_${"A".repeat(43)}`, email, password: PASSWORD });
  assert.equal(wrongToken.status, 400);
  assert.equal((await wrongToken.json()).field, "token");
  const weakPassword = await setup({ token: link.setupToken, email, password: "short" });
  assert.equal(weakPassword.status, 400);
  assert.equal((await weakPassword.json()).field, "setup.password");
  assert.equal(await app.db.user.count(), 0);

  const done = await setup({ token: link.setupToken, email, password: PASSWORD });
  assert.equal(done.status, 204);
  const setCookie = done.headers.get("set-cookie")!;
  assert.ok(setCookie.includes("HttpOnly") && setCookie.includes("SameSite=Lax"), setCookie);
  const viewer = await app.graphql(VIEWER_QUERY, {}, { cookie: cookieOf(done) });
  assert.equal(viewer.status, 200);
  assert.equal(viewer.body.data!.viewer.role, "ADMIN");
  assert.equal(viewer.body.data!.viewer.authMethod, "SESSION");
  assert.equal(viewer.body.data!.viewer.user.email, email);

  // Used up: not again, not for anyone else.
  const reused = await setup({ token: link.setupToken, email: "second.admin@example.test", password: PASSWORD });
  assert.equal(reused.status, 400);
  assert.equal(await app.db.user.count(), 1);
  assert.equal(await app.db.setupToken.count(), 0);
  // With a user present, a start hands out no link.
  assert.deepEqual(await ensureFirstAdmin(app.db, { email: null, password: null }), { created: false, setupToken: null });

  // From the environment instead.
  await removeAllUsers();
  const fromEnv = await ensureFirstAdmin(app.db, { email: " Env.Admin@Example.test ", password: PASSWORD });
  assert.deepEqual(fromEnv, { created: true, setupToken: null });
  const user = await app.db.user.findUniqueOrThrow({ where: { email: "env.admin@example.test" } });
  assert.equal(user.role, "ADMIN");
  const loggedIn = await login("env.admin@example.test", PASSWORD, newAddress());
  assert.equal(loggedIn.status, 204);
  assert.equal((await app.graphql(VIEWER_QUERY, {}, { cookie: cookieOf(loggedIn) })).body.data!.viewer.role, "ADMIN");
  // A second start with the same environment changes nothing.
  assert.deepEqual(await ensureFirstAdmin(app.db, { email: "env.admin@example.test", password: PASSWORD }), { created: false, setupToken: null });
  assert.equal(await app.db.user.count(), 1);
});
