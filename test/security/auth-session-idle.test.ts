/**
 * Issue 11, hardening gap "session cookie": an idle timeout (default 2 h,
 * SESSION_IDLE_TIMEOUT_MINUTES) on top of the absolute lifetime, with a
 * last-seen time that is not written on every request.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { createSession } from "@/domain/users/session.service";
import { resetConfig } from "@/lib/config";
import { setupTestApp } from "@/test/harness";

const app = await setupTestApp();
const VIEWER = `{ viewer { authMethod } }`;
const MINUTE = 60_000;

async function sessionIdleFor(ms: number) {
  const user = await app.newCaller("VIEWER");
  const session = await createSession(app.db, user.user.id, 12);
  const token = session.cookieValue.split(".")[0];
  await app.db.session.updateMany({ where: { userId: user.user.id }, data: { lastSeenAt: new Date(Date.now() - ms) } });
  const row = await app.db.session.findFirstOrThrow({ where: { userId: user.user.id } });
  return { cookie: `compass_session=${session.cookieValue}`, id: row.id, token };
}

const lastSeen = async (id: string) => (await app.db.session.findUniqueOrThrow({ where: { id } })).lastSeenAt.getTime();
const settle = () => new Promise((resolve) => setTimeout(resolve, 100));

test("a session unused for over 2 hours has ended, though its 12-hour lifetime has not", async () => {
  const { cookie } = await sessionIdleFor(120 * MINUTE + 30_000);
  const response = await app.graphql(VIEWER, {}, { cookie });
  assert.equal(response.status, 401);
  assert.equal(response.body.errors?.[0].extensions.code, "UNAUTHENTICATED");
});

test("a session used within 2 hours works, and its use moves the idle clock", async () => {
  const { cookie, id } = await sessionIdleFor(119 * MINUTE);
  const before = await lastSeen(id);
  assert.equal((await app.graphql(VIEWER, {}, { cookie })).body.data?.viewer.authMethod, "SESSION");
  await settle();
  assert.ok((await lastSeen(id)) > before + 118 * MINUTE, "lastSeenAt moved to now");
});

test("last-seen is written at most once a minute: 20 requests in a row write it once", async () => {
  const { cookie, id } = await sessionIdleFor(5 * MINUTE);
  await app.graphql(VIEWER, {}, { cookie });
  await settle();
  const first = await lastSeen(id);
  assert.ok(first > Date.now() - MINUTE, "the first request after a while writes");
  for (let i = 0; i < 20; i++) assert.equal((await app.graphql(VIEWER, {}, { cookie })).status, 200);
  await settle();
  assert.equal(await lastSeen(id), first, "the next 20, within the minute, write nothing");
});

test("SESSION_IDLE_TIMEOUT_MINUTES sets the timeout", async (t) => {
  process.env.SESSION_IDLE_TIMEOUT_MINUTES = "10";
  resetConfig();
  t.after(() => {
    delete process.env.SESSION_IDLE_TIMEOUT_MINUTES;
    resetConfig();
  });
  assert.equal((await app.graphql(VIEWER, {}, { cookie: (await sessionIdleFor(11 * MINUTE)).cookie })).status, 401);
  assert.equal((await app.graphql(VIEWER, {}, { cookie: (await sessionIdleFor(9 * MINUTE)).cookie })).status, 200);
  await settle(); // the last-seen write, off the request path, finishes before the database is closed
});

test("SESSION_IDLE_TIMEOUT_MINUTES=1 is accepted, and use every 20 s keeps such a session alive (use recorded every quarter of the timeout)", async (t) => {
  process.env.SESSION_IDLE_TIMEOUT_MINUTES = "1";
  resetConfig();
  t.after(() => {
    delete process.env.SESSION_IDLE_TIMEOUT_MINUTES;
    resetConfig();
  });
  // Used 20 s ago: this use is recorded, so 50 s from now the session still works.
  const { cookie, id } = await sessionIdleFor(20_000);
  assert.equal((await app.graphql(VIEWER, {}, { cookie })).status, 200);
  await settle();
  assert.ok((await lastSeen(id)) > Date.now() - 5_000, "a use 20 s after the last one is recorded");
  assert.equal((await app.graphql(VIEWER, {}, { cookie: (await sessionIdleFor(MINUTE + 5_000)).cookie })).status, 401);
  await settle();
});
