/**
 * Security events in the audit log: sign-in, failed sign-in, sign-out,
 * session ended and password changed. None holds a secret, and a failed
 * sign-in for an unknown email looks, to the caller, like any other.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { POST as logoutRoute } from "@/app/api/auth/logout/route";
import { POST as loginRoute } from "@/app/api/auth/login/route";
import { startup } from "@/app/startup";
import { SECURITY_ACTIONS } from "@/domain/audit/audit.service";
import { authSupport, cookieOf, postJson } from "./auth-support";
import { PASSWORD, TEST_ORIGIN, auditEventsOf, recordSecret, setupTestApp } from "./harness";

const app = await setupTestApp();
await startup();
const { unique, newCaller, newAddress } = authSupport(app);

function signIn(email: string, password: string, address: string, userAgent = "SecurityTest/1.0") {
  recordSecret(password);
  return postJson(loginRoute, "/api/auth/login", { email, password }, { "x-compass-client-address": address, "user-agent": userAgent });
}

function signOut(cookie: string) {
  return logoutRoute(new Request(`${TEST_ORIGIN}/api/auth/logout`, { method: "POST", headers: { cookie } }));
}

const AUDIT_QUERY = `{ auditEvents(first: 20) { data { action objectType objectId objectLabel details actor { type id label authMethod } } } }`;

test("a sign-in is recorded as the user, with the address and browser, and without the password or cookie", async () => {
  const user = await newCaller("VIEWER");
  const address = newAddress();
  const { result: response, events } = await auditEventsOf(app.db, () => signIn(user.user.email, PASSWORD, address));
  assert.equal(response.status, 204);
  const cookie = cookieOf(response);
  assert.equal(events.length, 1);
  const [event] = events;
  const session = await app.db.session.findFirstOrThrow({ where: { userId: user.user.id } });
  assert.deepEqual(
    {
      action: event.action,
      actor: [event.actorType, event.actorId, event.actorLabel, event.authMethod],
      object: [event.objectType, event.objectId, event.objectLabel],
    },
    { action: "USER_SIGNED_IN", actor: ["USER", user.user.id, user.user.email, "PASSWORD"], object: ["Session", session.id, user.user.email] },
  );
  assert.deepEqual(JSON.parse(event.details!), { address, userAgent: "SecurityTest/1.0" });
  const row = JSON.stringify(event);
  assert.ok(!row.includes(PASSWORD) && !row.includes(cookie.split("=")[1].split(".")[0]) && !row.includes(session.tokenHash));
});

test("failed sign-ins are recorded alike for a wrong password and an unknown email, and the unknown email's text is not kept", async () => {
  const user = await newCaller("VIEWER");
  const typed = `${unique("nobody")}@example.test`;
  const wrong = await auditEventsOf(app.db, () => signIn(user.user.email, "not the password at all", newAddress()));
  const unknown = await auditEventsOf(app.db, () => signIn(typed, PASSWORD, newAddress()));
  // The caller sees the same answer either way (no enumeration through content) ...
  assert.equal(wrong.result.status, 401);
  assert.equal(unknown.result.status, 401);
  assert.deepEqual(await wrong.result.json(), await unknown.result.json());
  // ... and both paths do the same work: one password check and one audit insert each.
  assert.equal(wrong.events.length, 1);
  assert.equal(unknown.events.length, 1);
  const [known, anonymous] = [wrong.events[0], unknown.events[0]];
  assert.equal(known.action, "USER_SIGN_IN_FAILED");
  assert.equal(anonymous.action, "USER_SIGN_IN_FAILED");
  assert.deepEqual([known.actorId, known.actorLabel, known.objectId], [user.user.id, user.user.email, user.user.id]);
  assert.equal(JSON.parse(known.details!).reason, "wrong password");
  assert.deepEqual([anonymous.actorId, anonymous.actorLabel], [null, "unknown account"]);
  assert.equal(JSON.parse(anonymous.details!).reason, "unknown account");
  assert.ok(!JSON.stringify(anonymous).includes(typed.split("@")[0]), "what was typed as the email is not kept: it may be a password");
  assert.ok(!JSON.stringify(known).includes("not the password at all"));
});

test("an email field holding a password leaves no trace of it in the audit log", async () => {
  const typedPassword = `MyS3cret-${unique("pw")}`;
  const { events } = await auditEventsOf(app.db, () => signIn(typedPassword, typedPassword, newAddress()));
  assert.equal(events.length, 1);
  assert.ok(!JSON.stringify(events).includes(typedPassword));
});

test("throttled sign-in attempts check no password and write nothing", async () => {
  const user = await newCaller("VIEWER");
  const address = newAddress();
  for (let i = 0; i < 5; i++) assert.equal((await signIn(user.user.email, `wrong password ${i}!`, address)).status, 401);
  const { result, events } = await auditEventsOf(app.db, () => signIn(user.user.email, "wrong password again", address));
  assert.equal(result.status, 429);
  assert.equal(events.length, 0);
});

test("sign-out is recorded once, as the user; a repeated sign-out with the same cookie records nothing", async () => {
  const user = await newCaller("VIEWER");
  const cookie = cookieOf(await signIn(user.user.email, PASSWORD, newAddress()));
  const session = await app.db.session.findFirstOrThrow({ where: { userId: user.user.id } });
  const first = await auditEventsOf(app.db, () => signOut(cookie));
  assert.equal(first.result.status, 204);
  assert.deepEqual(
    first.events.map((event) => [event.action, event.actorId, event.authMethod, event.objectId]),
    [["USER_SIGNED_OUT", user.user.id, "SESSION", session.id]],
  );
  const second = await auditEventsOf(app.db, () => signOut(cookie));
  assert.equal(second.result.status, 204);
  assert.equal(second.events.length, 0);
});

test("admins read the security events through the API, in the same shape as every event", async () => {
  const user = await newCaller("VIEWER");
  const cookie = cookieOf(await signIn(user.user.email, PASSWORD, newAddress()));
  const session = await app.db.session.findFirstOrThrow({ where: { userId: user.user.id } });
  await app.ok(`mutation($id: ID!) { endSession(id: $id) { id } }`, { id: session.id });
  const newPassword = "a security test passphrase";
  recordSecret(newPassword);
  const other = await newCaller("VIEWER");
  const otherCookie = cookieOf(await signIn(other.user.email, PASSWORD, newAddress()));
  const changed = await app.graphql(
    `mutation($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) { id } }`,
    { c: PASSWORD, n: newPassword },
    { cookie: otherCookie },
  );
  assert.equal(changed.body.errors, undefined, JSON.stringify(changed.body));
  await signOut(otherCookie);

  const events = (await app.ok(AUDIT_QUERY)).auditEvents.data as { action: string; actor: { id: string; authMethod: string }; objectLabel: string }[];
  const seen = events.filter((event) => [user.user.email, other.user.email].includes(event.objectLabel)).map((event) => event.action);
  assert.deepEqual(seen.reverse(), ["USER_SIGNED_IN", "SESSION_ENDED", "USER_SIGNED_IN", "PASSWORD_CHANGED", "USER_SIGNED_OUT"]);
  for (const action of seen) assert.ok((SECURITY_ACTIONS as readonly string[]).includes(action), action);
  assert.ok(!JSON.stringify(events).includes(newPassword) && !JSON.stringify(events).includes(PASSWORD));
  void cookie;
});
