/**
 * The Users page's governance (issue 27): users a page at a time, their last
 * sign-in, pending invitations resent or revoked, and "end all sessions".
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { SESSION_COOKIE, createSession } from "@/domain/users/session.service";
import { completePasswordReset } from "@/domain/users/user.service";
import { VIEWER_QUERY, authSupport } from "./auth-support";
import { PASSWORD, onlyError, recordSecret, setupTestApp } from "./harness";

const app = await setupTestApp();
const { unique, snapshot, assertUnchanged, newCaller } = authSupport(app);

const INVITE = `mutation($email: String!) { inviteUser(in: { email: $email, role: VIEWER }) { token user { id invitationPending lastSignInAt } } }`;
const RESEND = `mutation($id: ID!) { resendInvitation(id: $id) { token expiresAt user { id } } }`;
const REVOKE = `mutation($id: ID!) { revokeInvitation(id: $id) { id email } }`;
const END_ALL = `mutation($id: ID!) { endAllSessions(userId: $id) }`;

async function invite() {
  const invited = (await app.ok<any>(INVITE, { email: `${unique("invited")}@example.test` })).inviteUser;
  recordSecret(invited.token);
  return invited as { token: string; user: { id: string; invitationPending: boolean; lastSignInAt: string | null } };
}

async function cookieFor(userId: string): Promise<string> {
  const { cookieValue } = await createSession(app.db, userId, 1);
  recordSecret(cookieValue);
  return `${SESSION_COOKIE}=${cookieValue}`;
}

test("userPage walks every user once, oldest first, with the total; a forged cursor is BAD_USER_INPUT on after", async () => {
  for (let i = 0; i < 5; i++) await newCaller("VIEWER");
  const all = await app.db.user.findMany({ orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { id: true } });
  const seen: string[] = [];
  let after: string | null = null;
  for (let pages = 0; pages < 20; pages++) {
    const page: any = (
      await app.ok<any>(`query($after: PageCursor) { userPage(first: 2, after: $after) { data { id } totalCount pageInfo { endCursor hasNextPage } } }`, {
        after,
      })
    ).userPage;
    assert.equal(page.totalCount, all.length);
    seen.push(...page.data.map((user: { id: string }) => user.id));
    if (!page.pageInfo.hasNextPage) break;
    after = page.pageInfo.endCursor;
  }
  assert.deepEqual(
    seen,
    all.map((user) => user.id),
  );
  for (const [args, field] of [
    [`first: 2, after: "forged"`, "after"],
    ["first: 0", "first"],
    ["first: 201", "first"],
  ]) {
    const error = onlyError(await app.graphql(`{ userPage(${args}) { totalCount } }`, {}, app.admin));
    assert.deepEqual([error.extensions.code, error.extensions.field], ["BAD_USER_INPUT", field], args);
  }
  // Every signed-in user reads it, as `users`.
  assert.equal((await app.ok<any>(`{ userPage(first: 1) { totalCount } }`, {}, app.viewer)).userPage.totalCount, all.length);
});

test("lastSignInAt is null until a sign-in, then its time", async () => {
  const caller = await newCaller("VIEWER");
  const read = async () => (await app.ok<any>(`query($id: ID!) { user(id: $id) { lastSignInAt } }`, { id: caller.user.id })).user.lastSignInAt;
  assert.equal(await read(), null);
  const before = Date.now();
  await cookieFor(caller.user.id);
  const at = Date.parse(await read());
  assert.ok(at >= before - 1000 && at <= Date.now(), `signed in at ${at}`);
});

test("a pending invitation is resent (the old link stops working) or revoked (the invited user goes); once accepted, CONFLICT", async () => {
  const first = await invite();
  assert.deepEqual([first.user.invitationPending, first.user.lastSignInAt], [true, null]);
  const resent = (await app.ok<any>(RESEND, { id: first.user.id })).resendInvitation;
  recordSecret(resent.token);
  assert.notEqual(resent.token, first.token);
  await assert.rejects(completePasswordReset(app.db, first.token, PASSWORD), /invalid, expired or already used/);

  const revoked = (await app.ok<any>(REVOKE, { id: first.user.id })).revokeInvitation;
  assert.equal(revoked.id, first.user.id);
  assert.equal(await app.db.user.count({ where: { id: first.user.id } }), 0);
  await assert.rejects(completePasswordReset(app.db, resent.token, PASSWORD), /invalid, expired or already used/);

  // Accepted: a member now, whom neither resend nor revoke touches.
  const second = await invite();
  await completePasswordReset(app.db, second.token, PASSWORD);
  assert.equal((await app.ok<any>(`query($id: ID!) { user(id: $id) { invitationPending } }`, { id: second.user.id })).user.invitationPending, false);
  const before = await snapshot();
  for (const mutation of [RESEND, REVOKE]) {
    assert.equal(onlyError(await app.graphql(mutation, { id: second.user.id }, app.admin)).extensions.code, "CONFLICT");
  }
  // Viewers may do neither.
  const third = await invite();
  const afterInvite = await snapshot();
  for (const mutation of [RESEND, REVOKE]) {
    assert.equal(onlyError(await app.graphql(mutation, { id: third.user.id }, app.viewer)).extensions.code, "FORBIDDEN");
  }
  await assertUnchanged(afterInvite, "a viewer's resend and revoke");
  assert.notDeepEqual(before, afterInvite);
});

test("endAllSessions ends every session of a user at once: an admin anyone's, a user their own, nobody else's", async () => {
  const target = await newCaller("VIEWER");
  const cookies = [await cookieFor(target.user.id), await cookieFor(target.user.id)];
  for (const cookie of cookies) assert.equal((await app.graphql(VIEWER_QUERY, {}, { cookie })).status, 200);

  // Another viewer may not.
  const other = await newCaller("VIEWER");
  const before = await snapshot();
  assert.equal(onlyError(await app.graphql(END_ALL, { id: target.user.id }, other)).extensions.code, "FORBIDDEN");
  await assertUnchanged(before, "another viewer's endAllSessions");

  assert.equal((await app.ok<any>(END_ALL, { id: target.user.id })).endAllSessions, 2);
  for (const cookie of cookies) assert.equal((await app.graphql(VIEWER_QUERY, {}, { cookie })).status, 401);
  const event = await app.db.auditEvent.findFirstOrThrow({ where: { action: "SESSION_ENDED", objectId: target.user.id } });
  assert.equal(JSON.parse(event.details!).sessionsEnded, 2);

  // One's own, from a session: that one ends too.
  const own = await cookieFor(target.user.id);
  const self = await app.graphql(END_ALL, { id: target.user.id }, { cookie: own, headers: { origin: "http://compass.test" } });
  assert.equal(self.body.errors, undefined, JSON.stringify(self.body.errors));
  assert.equal(self.body.data!.endAllSessions, 1);
  assert.equal(onlyError(await app.graphql(END_ALL, { id: "no-such-user" }, app.admin)).extensions.code, "NOT_FOUND");
});
