/**
 * The users page's API: inviting, roles, password reset links, changing one's
 * own password, reading one user, and sessions (one's own, and anyone's for admins).
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { POST as resetRoute } from "@/app/api/auth/reset-password/route";
import { startup } from "@/app/startup";
import { createApiToken } from "@/domain/api-tokens/api-token.service";
import { changeUserRole } from "@/domain/users/user.service";
import { sha256 } from "@/lib/crypto";
import { assertUnauthenticated, authSupport, cookieOf, postJson } from "./auth-support";
import { type Caller, PASSWORD, onlyError, recordSecret, setupTestApp } from "./harness";

const app = await setupTestApp();
await startup();
const { unique, newAddress, login } = authSupport(app);

const INVITE = `mutation($in: InviteUserInput!) { inviteUser(in: $in) { token url expiresAt user { id email role } } }`;
const RESET_LINK = `mutation($id: ID!) { createPasswordResetLink(id: $id) { token url expiresAt user { id } } }`;
const CHANGE_ROLE = `mutation($id: ID!, $role: Role!) { changeUserRole(id: $id, role: $role) { id role } }`;
const CHANGE_PASSWORD = `mutation($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) { id } }`;
const KEEP_TOKENS = `mutation($c: String!, $n: String!, $revoke: Boolean!) { changePassword(currentPassword: $c, newPassword: $n, revokeApiTokens: $revoke) { id } }`;
const SESSIONS = `{ viewer { user { id sessions { id current address userAgent createdAt lastSeenAt expiresAt } } } }`;
const END_SESSION = `mutation($id: ID!) { endSession(id: $id) { id } }`;
const USER = `query($id: ID!) { user(id: $id) { id email role sessions { id userAgent current } } }`;
const NEW_PASSWORD = "a brand new passphrase";

function useLink(token: string, password: string) {
  recordSecret(password);
  return postJson(resetRoute, "/api/auth/reset-password", { token, password }, { "x-compass-client-address": newAddress() });
}

async function invite(role: "ADMIN" | "VIEWER" = "VIEWER") {
  const data = await app.ok<{ inviteUser: { token: string; url: string; expiresAt: string; user: { id: string; email: string; role: string } } }>(INVITE, {
    in: { email: `${unique("invited")}@example.test`, role },
  });
  recordSecret(data.inviteUser.token);
  return data.inviteUser;
}

/** Signs in through the route with a browser of its own, and returns the cookie. */
async function signIn(email: string, password = PASSWORD, userAgent = "TestBrowser/1.0") {
  recordSecret(password);
  const response = await postJson(
    (await import("@/app/api/auth/login/route")).POST,
    "/api/auth/login",
    { email, password },
    { "x-compass-client-address": newAddress(), "user-agent": userAgent },
  );
  assert.equal(response.status, 204);
  return cookieOf(response);
}

test("an invited user gets a one-time link: no password works until they use it, then it signs them in", async () => {
  const link = await invite("VIEWER");
  assert.match(link.token, /^cmp_reset_[A-Za-z0-9_-]{43}$/);
  assert.ok(link.url.endsWith(`/reset-password#token=${link.token}`), "the token travels in the fragment, which no server sees");
  assert.ok(Date.parse(link.expiresAt) > Date.now() + 23 * 3600_000);
  const row = await app.db.passwordResetToken.findFirstOrThrow({ where: { userId: link.user.id } });
  assert.equal(row.tokenHash, sha256(link.token), "only the hash is stored");

  assert.equal((await login(link.user.email, PASSWORD, newAddress())).status, 401, "no password works before the link is used");

  const used = await useLink(link.token, NEW_PASSWORD);
  assert.equal(used.status, 204);
  const cookie = cookieOf(used);
  const viewer = await app.graphql(`{ viewer { user { email role } } }`, {}, { cookie });
  assert.deepEqual(viewer.body.data!.viewer.user, { email: link.user.email, role: "VIEWER" });
  assert.equal((await login(link.user.email, NEW_PASSWORD, newAddress())).status, 204);

  const again = await useLink(link.token, "yet another passphrase");
  assert.equal(again.status, 400);
  assert.equal((await again.json()).field, "token");
});

test("a link used by a parallel burst sets the password exactly once", async () => {
  const link = await invite();
  const passwords = Array.from({ length: 8 }, (_, i) => `burst password number ${i}`);
  const responses = await Promise.all(passwords.map((password) => useLink(link.token, password)));
  const won = responses.map((response, i) => (response.status === 204 ? i : -1)).filter((i) => i >= 0);
  assert.equal(won.length, 1, `exactly one request uses the link (statuses ${responses.map((r) => r.status)})`);
  for (const response of responses) if (response.status !== 204) assert.equal(response.status, 400);
  assert.equal((await login(link.user.email, passwords[won[0]], newAddress())).status, 204, "the winner's password is the one set");
  const changes = await app.db.auditEvent.count({ where: { objectId: link.user.id, action: "PASSWORD_CHANGED" } });
  assert.equal(changes, 1);
});

test("an expired link, an unknown one and a short password are refused with their field", async () => {
  const link = await invite();
  const short = await useLink(link.token, "short");
  assert.equal(short.status, 400);
  assert.equal((await short.json()).field, "password");
  assert.equal(await app.db.passwordResetToken.count({ where: { userId: link.user.id } }), 1, "a refused password leaves the link usable");

  await app.db.passwordResetToken.updateMany({ where: { userId: link.user.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
  const expired = await useLink(link.token, NEW_PASSWORD);
  assert.equal(expired.status, 400);
  assert.equal((await expired.json()).field, "token");

  const unknown = await useLink(`cmp_reset_${"x".repeat(43)}`, NEW_PASSWORD);
  assert.equal(unknown.status, 400);
});

test("a reset link replaces earlier ones, keeps the old password until used, and then ends every session", async () => {
  const target = await app.newCaller("VIEWER");
  const cookie = await signIn(target.user.email);
  const first = (await app.ok(RESET_LINK, { id: target.user.id })).createPasswordResetLink;
  const second = (await app.ok(RESET_LINK, { id: target.user.id })).createPasswordResetLink;
  recordSecret(first.token, second.token);
  assert.notEqual(first.token, second.token);
  assert.equal((await app.graphql(`{ viewer { kind } }`, {}, { cookie })).status, 200, "the session works until the link is used");

  assert.equal((await useLink(first.token, NEW_PASSWORD)).status, 400, "the older link no longer works");
  assert.equal((await app.graphql(`{ viewer { kind } }`, {}, target)).status, 200, "the API token works until the link is used");
  assert.equal((await useLink(second.token, NEW_PASSWORD)).status, 204);
  assertUnauthenticated(await app.graphql(`{ viewer { kind } }`, {}, { cookie }));
  // Account recovery revokes the API tokens too, at once (issue 20, finding 7).
  assertUnauthenticated(await app.graphql(`{ viewer { kind } }`, {}, target));
  assert.equal(await app.db.apiToken.count({ where: { userId: target.user.id } }), 0);
  assert.equal((await login(target.user.email, PASSWORD, newAddress())).status, 401, "the old password is gone");

  const events = await app.db.auditEvent.findMany({ where: { objectId: target.user.id }, orderBy: { id: "asc" } });
  assert.deepEqual(
    events.map((event) => event.action),
    ["USER_CREATED", "PASSWORD_RESET_LINK_CREATED", "PASSWORD_RESET_LINK_CREATED", "PASSWORD_CHANGED", "USER_SIGN_IN_FAILED"],
  );
  assert.equal(events[1].actorId, app.admin.user.id);
  assert.deepEqual(JSON.parse(events[3].details!), { via: "reset link", sessionsEnded: 1, apiTokensRevoked: 1 });
  for (const event of events) assert.ok(!JSON.stringify(event).includes(second.token.slice(10, 30)), "no event holds the link");
});

test("only admins invite, reset, change roles; bad input names its field", async () => {
  const target = await app.newCaller("VIEWER");
  for (const [query, variables] of [
    [INVITE, { in: { email: `${unique("x")}@example.test`, role: "VIEWER" } }],
    [RESET_LINK, { id: target.user.id }],
    [CHANGE_ROLE, { id: target.user.id, role: "ADMIN" }],
  ] as const) {
    const response = await app.graphql(query, variables, app.viewer);
    assert.equal(onlyError(response).extensions.code, "FORBIDDEN", query);
  }
  const bad = await app.graphql(INVITE, { in: { email: "not an email", role: "VIEWER" } }, app.admin);
  assert.deepEqual([onlyError(bad).extensions.code, onlyError(bad).extensions.field], ["BAD_USER_INPUT", "in.email"]);
  const duplicate = await app.graphql(INVITE, { in: { email: target.user.email.toUpperCase(), role: "VIEWER" } }, app.admin);
  assert.deepEqual([onlyError(duplicate).extensions.code, onlyError(duplicate).extensions.field], ["CONFLICT", "in.email"]);
  const missing = await app.graphql(RESET_LINK, { id: "no-such-user" }, app.admin);
  assert.equal(onlyError(missing).extensions.code, "NOT_FOUND");
});

test("changing a role takes effect at the next request and is audited", async () => {
  const target = await app.newCaller("VIEWER");
  const { result, events } = await (async () => {
    const before = await app.db.auditEvent.count();
    const data = await app.ok(CHANGE_ROLE, { id: target.user.id, role: "ADMIN" });
    const after = await app.db.auditEvent.findMany({ orderBy: { id: "asc" }, skip: before });
    return { result: data, events: after };
  })();
  assert.deepEqual(result.changeUserRole, { id: target.user.id, role: "ADMIN" });
  assert.equal(events.length, 1);
  assert.equal(events[0].action, "USER_ROLE_CHANGED");
  assert.deepEqual(JSON.parse(events[0].details!), { role: { from: "VIEWER", to: "ADMIN" } });
  const viewer = await app.graphql(`{ viewer { role } }`, {}, target);
  assert.equal(viewer.body.data!.viewer.role, "ADMIN");
});

test("changing one's own password needs the current one, ends one's other sessions and keeps this one", async () => {
  const me = await app.newCaller("VIEWER");
  const here = await signIn(me.user.email, PASSWORD, "Here/1.0");
  const elsewhere = await signIn(me.user.email, PASSWORD, "Elsewhere/1.0");
  const asHere = { cookie: here };

  const wrong = await app.graphql(CHANGE_PASSWORD, { c: "not my password at all", n: NEW_PASSWORD }, asHere);
  assert.deepEqual([onlyError(wrong).extensions.code, onlyError(wrong).extensions.field], ["BAD_USER_INPUT", "currentPassword"]);
  const short = await app.graphql(CHANGE_PASSWORD, { c: PASSWORD, n: "short" }, asHere);
  assert.deepEqual([onlyError(short).extensions.code, onlyError(short).extensions.field], ["BAD_USER_INPUT", "newPassword"]);
  assert.equal((await app.graphql(`{ viewer { kind } }`, {}, { cookie: elsewhere })).status, 200, "refused changes end nothing");

  recordSecret(NEW_PASSWORD);
  const changed = await app.graphql(CHANGE_PASSWORD, { c: PASSWORD, n: NEW_PASSWORD }, asHere);
  assert.equal(changed.body.errors, undefined, JSON.stringify(changed.body));
  assert.equal((await app.graphql(`{ viewer { kind } }`, {}, asHere)).status, 200, "the session in use stays");
  assertUnauthenticated(await app.graphql(`{ viewer { kind } }`, {}, { cookie: elsewhere }));
  // The API tokens are revoked by default, at once.
  assertUnauthenticated(await app.graphql(`{ viewer { kind } }`, {}, me));
  assert.equal((await login(me.user.email, NEW_PASSWORD, newAddress())).status, 204);

  const [event] = await app.db.auditEvent.findMany({ where: { objectId: me.user.id, action: "PASSWORD_CHANGED" } });
  assert.equal(event.actorId, me.user.id);
  assert.deepEqual(JSON.parse(event.details!), { via: "own account", sessionsEnded: 1, apiTokensRevoked: 1 });
  assert.ok(!JSON.stringify(event).includes(NEW_PASSWORD) && !JSON.stringify(event).includes(PASSWORD));
});

test("a password change may keep the API tokens; made with a token, it keeps that one and revokes the others", async () => {
  const me = await app.newCaller("VIEWER");
  const other = await createApiToken(app.db, me.principal, { name: "other" });
  recordSecret(other.token, NEW_PASSWORD, `${NEW_PASSWORD} again`);
  const kept = await app.graphql(KEEP_TOKENS, { c: PASSWORD, n: NEW_PASSWORD, revoke: false }, me);
  assert.equal(kept.body.errors, undefined, JSON.stringify(kept.body));
  assert.equal(await app.db.apiToken.count({ where: { userId: me.user.id } }), 2, "unticked: both tokens stay");
  assert.equal((await app.graphql(`{ viewer { kind } }`, {}, { token: other.token })).status, 200);

  const revoked = await app.graphql(CHANGE_PASSWORD, { c: NEW_PASSWORD, n: `${NEW_PASSWORD} again` }, me);
  assert.equal(revoked.body.errors, undefined, JSON.stringify(revoked.body));
  assertUnauthenticated(await app.graphql(`{ viewer { kind } }`, {}, { token: other.token }));
  assert.equal((await app.graphql(`{ viewer { kind } }`, {}, me)).status, 200, "the token making the call stays, like the session making it");
  const details = (await app.db.auditEvent.findMany({ where: { objectId: me.user.id, action: "PASSWORD_CHANGED" }, orderBy: { id: "asc" } })).map((event) =>
    JSON.parse(event.details!),
  );
  assert.deepEqual(details.map((detail) => detail.apiTokensRevoked).sort(), [0, 1]);
});

test("changing one's own password ends the outstanding reset links", async () => {
  const me = await app.newCaller("VIEWER");
  const link = (await app.ok(RESET_LINK, { id: me.user.id })).createPasswordResetLink;
  recordSecret(link.token);
  const changed = await app.graphql(CHANGE_PASSWORD, { c: PASSWORD, n: NEW_PASSWORD }, me);
  assert.equal(changed.body.errors, undefined, JSON.stringify(changed.body));
  assert.equal(await app.db.passwordResetToken.count({ where: { userId: me.user.id } }), 0);
  const used = await useLink(link.token, `${NEW_PASSWORD} by the link`);
  assert.equal(used.status, 400, "the link died with the old password");
  assert.equal((await login(me.user.email, NEW_PASSWORD, newAddress())).status, 204, "the changed password stands");
});

test("an invitation as ADMIN makes an admin", async () => {
  const invited = await invite("ADMIN");
  assert.equal(invited.user.role, "ADMIN");
  assert.equal((await useLink(invited.token, NEW_PASSWORD)).status, 204);
  const cookie = await signIn(invited.user.email, NEW_PASSWORD);
  const viewer = await app.graphql(`{ viewer { role } }`, {}, { cookie });
  assert.equal(viewer.body.data?.viewer.role, "ADMIN");
  // And it may do what only admins do.
  const created = await app.graphql(
    `mutation { createTenant(in: { externalId: "by-the-invited-admin", name: "x" }) { id } }`,
    {},
    { cookie, headers: { origin: "http://compass.test" } },
  );
  assert.equal(created.body.errors, undefined, JSON.stringify(created.body));
});

test("users see their own sessions and end them; admins end anyone's; others' are out of reach", async () => {
  const me = await app.newCaller("VIEWER");
  const other = await app.newCaller("VIEWER");
  const mine = await signIn(me.user.email, PASSWORD, "Mine/1.0 (X11)");
  const mySecond = await signIn(me.user.email, PASSWORD, "Mine/2.0");
  const theirs = await signIn(other.user.email);

  const listed = (await app.graphql(SESSIONS, {}, { cookie: mine })).body.data!.viewer.user.sessions as {
    id: string;
    current: boolean;
    userAgent: string;
    address: string;
  }[];
  assert.equal(listed.length, 2);
  assert.deepEqual(listed.map((s) => s.current).sort(), [false, true]);
  assert.deepEqual(listed.map((s) => s.userAgent).sort(), ["Mine/1.0 (X11)", "Mine/2.0"]);
  assert.ok(listed.every((s) => /^198\.51\./.test(s.address)));
  const second = listed.find((s) => !s.current)!;

  // Another user's sessions: not listed, and not endable (NOT_FOUND, as for an unknown id).
  const theirSessions = await app.db.session.findMany({ where: { userId: other.user.id } });
  const peek = await app.graphql(`{ users { id sessions { id } } }`, {}, { cookie: mine });
  assert.equal(peek.body.errors?.[0].extensions.code, "FORBIDDEN");
  const foreign = await app.graphql(END_SESSION, { id: theirSessions[0].id }, { cookie: mine });
  assert.equal(onlyError(foreign).extensions.code, "NOT_FOUND");
  assert.equal((await app.graphql(`{ viewer { kind } }`, {}, { cookie: theirs })).status, 200);

  await app.ok(END_SESSION, { id: second.id }, me);
  assertUnauthenticated(await app.graphql(`{ viewer { kind } }`, {}, { cookie: mySecond }));
  assert.equal((await app.graphql(`{ viewer { kind } }`, {}, { cookie: mine })).status, 200);

  // An admin ends the other user's session.
  await app.ok(END_SESSION, { id: theirSessions[0].id });
  assertUnauthenticated(await app.graphql(`{ viewer { kind } }`, {}, { cookie: theirs }));
  const ended = await app.db.auditEvent.findMany({
    where: { action: "SESSION_ENDED", objectId: { in: [second.id, theirSessions[0].id] } },
    orderBy: { id: "asc" },
  });
  assert.deepEqual(
    ended.map((event) => [event.actorId, event.objectLabel]),
    [
      [me.user.id, me.user.email],
      [app.admin.user.id, other.user.email],
    ],
  );
  const again = await app.graphql(END_SESSION, { id: second.id }, app.admin);
  assert.equal(onlyError(again).extensions.code, "NOT_FOUND");
});

test("user(id): any user reads a user, only admins and the user themself their sessions; unknown ids are null", async () => {
  const me = await app.newCaller("VIEWER");
  const other = await app.newCaller("VIEWER");
  const mine = await signIn(me.user.email, PASSWORD, "Mine/1.0");
  await signIn(other.user.email, PASSWORD, "Theirs/1.0");
  await signIn(other.user.email, PASSWORD, "Theirs/2.0");
  type Answer = { user: { id: string; email: string; role: string; sessions: { id: string; userAgent: string; current: boolean }[] } | null };

  // An admin reads another user: that user's sessions, and no one else's.
  const read = await app.ok<Answer>(USER, { id: other.user.id });
  assert.deepEqual({ ...read.user, sessions: undefined }, { id: other.user.id, email: other.user.email, role: "VIEWER", sessions: undefined });
  const stored = await app.db.session.findMany({ where: { userId: other.user.id }, select: { id: true } });
  assert.deepEqual(read.user!.sessions.map((s) => s.id).sort(), stored.map((s) => s.id).sort());
  assert.deepEqual(read.user!.sessions.map((s) => [s.userAgent, s.current]).sort(), [
    ["Theirs/1.0", false],
    ["Theirs/2.0", false],
  ]);

  // A viewer reads themself, by API token and by session (the session in use is marked).
  const byToken = await app.ok<Answer>(USER, { id: me.user.id }, me);
  assert.deepEqual([byToken.user!.id, byToken.user!.email], [me.user.id, me.user.email]);
  const bySession = await app.graphql(USER, { id: me.user.id }, { cookie: mine });
  assert.equal(bySession.body.errors, undefined, JSON.stringify(bySession.body));
  assert.deepEqual(
    bySession.body.data!.user.sessions.map((s: { userAgent: string; current: boolean }) => [s.userAgent, s.current]),
    [["Mine/1.0", true]],
  );

  // A viewer reads another user as the users list shows them, but not their sessions (FORBIDDEN, so the
  // non-null sessions make the user null): nothing of theirs beyond the list's fields.
  const USER_FIELDS = `query($id: ID!) { user(id: $id) { id email role } }`;
  const listed = await app.ok<Answer>(USER_FIELDS, { id: other.user.id }, me);
  assert.deepEqual(listed.user, { id: other.user.id, email: other.user.email, role: "VIEWER" });
  for (const [id, as] of [
    [other.user.id, me],
    [other.user.id, { cookie: mine }],
    [app.admin.user.id, me],
  ] as const) {
    const refused = await app.graphql(USER, { id }, as);
    const error = onlyError(refused);
    assert.equal(error.extensions.code, "FORBIDDEN", error.message);
    assert.deepEqual((error as { path?: string[] }).path, ["user", "sessions"]);
    assert.deepEqual(refused.body.data, { user: null });
    assert.ok(!JSON.stringify(refused.body).includes("Theirs/"), "none of the other user's sessions");
  }
  assert.deepEqual((await app.graphql(USER, { id: "no-such-user" }, me)).body, { data: { user: null } });

  // An id no user has is null to an admin; anonymous callers are UNAUTHENTICATED.
  const unknown = await app.graphql(USER, { id: "no-such-user" }, app.admin);
  assert.deepEqual(unknown.body, { data: { user: null } });
  assertUnauthenticated(await app.graphql(USER, { id: other.user.id }, null));
});

test("the last admin can be neither demoted nor deleted, even when two admins demote each other at once", async () => {
  // Runs last: it leaves exactly two admins and restores the others afterwards.
  const [one, two]: Caller[] = [await app.newCaller("ADMIN"), await app.newCaller("ADMIN")];
  const others = await app.db.user.findMany({ where: { role: "ADMIN", id: { notIn: [one.user.id, two.user.id] } } });
  await app.db.user.updateMany({ where: { id: { in: others.map((user) => user.id) } }, data: { role: "VIEWER" } });
  try {
    const results = await Promise.allSettled([
      changeUserRole(app.db, one.principal, two.user.id, "VIEWER"),
      changeUserRole(app.db, two.principal, one.user.id, "VIEWER"),
    ]);
    assert.deepEqual(results.map((r) => r.status).sort(), ["fulfilled", "rejected"]);
    const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    assert.equal(refused.reason.code, "CONFLICT");
    assert.equal(await app.db.user.count({ where: { role: "ADMIN" } }), 1);
    const last = (await app.db.user.findFirstOrThrow({ where: { role: "ADMIN" } })).id;
    const lastCaller = last === one.user.id ? one : two;
    const demote = await app.graphql(CHANGE_ROLE, { id: last, role: "VIEWER" }, lastCaller);
    assert.deepEqual([onlyError(demote).extensions.code, onlyError(demote).extensions.field], ["CONFLICT", "role"]);
    const remove = await app.graphql(`mutation($id: ID!) { deleteUser(id: $id) { id } }`, { id: last }, lastCaller);
    assert.equal(onlyError(remove).extensions.code, "CONFLICT");
  } finally {
    await app.db.user.updateMany({ where: { id: { in: others.map((user) => user.id) } }, data: { role: "ADMIN" } });
  }
});
