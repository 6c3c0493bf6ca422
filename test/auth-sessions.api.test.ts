/**
 * Signing in and out: the session cookie, wrong passwords, the login
 * throttle, logout, expired and tampered sessions.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { POST as loginRoute } from "@/app/api/auth/login/route";
import { POST as logoutRoute } from "@/app/api/auth/logout/route";
import { SESSION_COOKIE } from "@/domain/users/session.service";
import { sha256 } from "@/lib/crypto";
import { startup } from "@/app/startup";
import { VIEWER_QUERY, assertUnauthenticated, authSupport, postJson } from "./auth-support";
import { PASSWORD, TEST_ORIGIN, recordSecret, setupTestApp } from "./harness";

const app = await setupTestApp();
// The route handlers run start-up on first use; run it now, while users exist,
// so it cannot hand out a setup link of its own.
await startup();
const { unique, newCaller, newAddress, login, loginCookie } = authSupport(app);

// ---------------------------------------------------------------------------
// login, sessions, logout

test("login answers 204 with an HttpOnly, SameSite=Lax session cookie that works for GraphQL", async () => {
  const user = await newCaller("VIEWER");
  const response = await login(`  ${user.user.email.toUpperCase()} `, PASSWORD, newAddress());
  assert.equal(response.status, 204);
  assert.equal(await response.text(), "");
  assert.equal(response.headers.get("cache-control"), "no-store");

  const [pair, ...attributes] = response.headers
    .get("set-cookie")!
    .split(";")
    .map((part) => part.trim());
  recordSecret(pair.slice(`${SESSION_COOKIE}=`.length));
  assert.ok(pair.startsWith(`${SESSION_COOKIE}=`));
  assert.ok(attributes.includes("HttpOnly"), "HttpOnly");
  assert.ok(attributes.includes("SameSite=Lax"), "SameSite=Lax");
  assert.ok(attributes.includes("Path=/"), "Path=/");
  assert.ok(!attributes.includes("Secure"), "no Secure flag on plain http");
  const expires = attributes.find((attribute) => attribute.startsWith("Expires="));
  assert.ok(expires && Date.parse(expires.slice("Expires=".length)) > Date.now(), "expires in the future");

  const viewer = await app.graphql(VIEWER_QUERY, {}, { cookie: pair });
  assert.equal(viewer.status, 200);
  assert.deepEqual(
    { ...viewer.body.data!.viewer, scopes: undefined },
    { kind: "USER", role: "VIEWER", authMethod: "SESSION", scopes: undefined, user: { id: user.user.id, email: user.user.email, role: "VIEWER" } },
  );

  // Only the hash of the session token is stored.
  const token = pair.slice(`${SESSION_COOKIE}=`.length).split(".")[0];
  const rows = await app.db.session.findMany({ where: { userId: user.user.id } });
  assert.equal(rows.length, 1);
  assert.equal(rows[0].tokenHash, sha256(token));
  assert.ok(!JSON.stringify(rows).includes(token));
});

test("a wrong password and an unknown email both answer 401 with the same message, and set no cookie", async () => {
  const user = await newCaller("VIEWER");
  const wrong = await login(user.user.email, "not the password at all", newAddress());
  const unknown = await login(`${unique("nobody")}@example.test`, PASSWORD, newAddress());
  for (const response of [wrong, unknown]) {
    assert.equal(response.status, 401);
    assert.equal(response.headers.get("set-cookie"), null);
  }
  assert.deepEqual(await wrong.json(), await unknown.json());
  assert.equal(await app.db.session.count({ where: { userId: user.user.id } }), 0);
});

test("login refuses bodies that are not a JSON object with email and password", async () => {
  const form = await loginRoute(
    new Request(`${TEST_ORIGIN}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", "x-compass-client-address": newAddress() },
      body: `email=${encodeURIComponent(app.admin.user.email)}&password=${encodeURIComponent(PASSWORD)}`,
    }),
  );
  assert.equal(form.status, 415);
  assert.equal(form.headers.get("set-cookie"), null);
  assert.equal((await postJson(loginRoute, "/api/auth/login", { email: app.admin.user.email }, { "x-compass-client-address": newAddress() })).status, 400);
  assert.equal((await postJson(loginRoute, "/api/auth/login", [1, 2], { "x-compass-client-address": newAddress() })).status, 400);
});

async function assertThrottled(response: Response) {
  assert.equal(response.status, 429);
  const retryAfter = Number(response.headers.get("retry-after"));
  assert.ok(Number.isInteger(retryAfter) && retryAfter >= 1, `Retry-After is a positive number of seconds, got ${response.headers.get("retry-after")}`);
  assert.equal((await response.json()).error, "too_many_attempts");
  assert.equal(response.headers.get("set-cookie"), null);
}

test("repeated failed logins for one account are throttled with 429 and Retry-After, from any address", async () => {
  const user = await newCaller("VIEWER");
  const other = await newCaller("VIEWER");
  // Five free tries, at once and from different addresses: the account is what is counted.
  const failures = await Promise.all(Array.from({ length: 5 }, (_, i) => login(user.user.email, `wrong password ${i}`, newAddress())));
  assert.deepEqual(
    failures.map((response) => response.status),
    Array(5).fill(401),
  );
  // Now even the right password waits, wherever it comes from.
  const address = newAddress();
  await assertThrottled(await login(user.user.email, PASSWORD, address));
  await assertThrottled(await login(user.user.email.toUpperCase(), PASSWORD, newAddress()));
  assert.equal(await app.db.session.count({ where: { userId: user.user.id } }), 0);
  // Other accounts, from the same address, are not affected.
  assert.equal((await login(other.user.email, PASSWORD, address)).status, 204);
});

test("repeated failed logins from one address are throttled, whichever accounts they try", async () => {
  const address = newAddress();
  // Twenty free tries, at once.
  const failures = await Promise.all(Array.from({ length: 20 }, () => login(`${unique("guess")}@example.test`, "some guess 123", address)));
  assert.deepEqual(
    failures.map((response) => response.status),
    Array(20).fill(401),
  );
  await assertThrottled(await login(app.admin.user.email, PASSWORD, address));
  // The same account from elsewhere is fine: the address was throttled, not the account.
  assert.equal((await login(app.admin.user.email, PASSWORD, newAddress())).status, 204);
});

test("a successful login makes its address known: others' failures on the account no longer hold it back", async () => {
  const user = await newCaller("VIEWER");
  const tryWrong = async (count: number) =>
    (await Promise.all(Array.from({ length: count }, () => login(user.user.email, "wrong password", newAddress())))).map((r) => r.status).sort();
  assert.deepEqual(await tryWrong(4), Array(4).fill(401));
  const home = newAddress();
  assert.equal((await login(user.user.email, PASSWORD, home)).status, 204);
  // The success gave back only its own attempt: one more check from unknown addresses, then they wait.
  assert.deepEqual(await tryWrong(5), [401, 429, 429, 429, 429]);
  await assertThrottled(await login(user.user.email, PASSWORD, newAddress()));
  // The address that signed in before is not held back by them.
  assert.equal((await login(user.user.email, PASSWORD, home)).status, 204);
});

test("logout ends the session on the server: the old cookie answers 401 afterwards", async () => {
  const user = await newCaller("ADMIN");
  const cookie = await loginCookie(user);
  assert.equal((await app.graphql(VIEWER_QUERY, {}, { cookie })).status, 200);

  const response = await logoutRoute(new Request(`${TEST_ORIGIN}/api/auth/logout`, { method: "POST", headers: { cookie } }));
  assert.equal(response.status, 204);
  const cleared = response.headers.get("set-cookie")!;
  assert.ok(cleared.startsWith(`${SESSION_COOKIE}=;`) && cleared.includes("Max-Age=0"), cleared);
  assert.equal(await app.db.session.count({ where: { userId: user.user.id } }), 0);

  assertUnauthenticated(await app.graphql(VIEWER_QUERY, {}, { cookie }));
});

test("an expired session answers 401", async () => {
  const user = await newCaller("ADMIN");
  const cookie = await loginCookie(user);
  assert.equal((await app.graphql(VIEWER_QUERY, {}, { cookie })).status, 200);
  const token = cookie.slice(`${SESSION_COOKIE}=`.length).split(".")[0];
  const { count } = await app.db.session.updateMany({ where: { tokenHash: sha256(token) }, data: { expiresAt: new Date(Date.now() - 1000) } });
  assert.equal(count, 1);
  assertUnauthenticated(await app.graphql(VIEWER_QUERY, {}, { cookie }));
});

test("a cookie with a tampered signature or token answers 401", async () => {
  const cookie = await loginCookie(await newCaller("ADMIN"));
  const flip = (char: string) => (char === "A" ? "B" : "A");
  const badSignature = cookie.slice(0, -1) + flip(cookie.slice(-1));
  const dot = cookie.indexOf(".");
  const badToken = cookie.slice(0, dot - 1) + flip(cookie[dot - 1]) + cookie.slice(dot);
  const unsigned = cookie.slice(0, dot);
  for (const forged of [badSignature, badToken, unsigned, `${SESSION_COOKIE}=garbage`]) {
    assertUnauthenticated(await app.graphql(VIEWER_QUERY, {}, { cookie: forged }));
  }
  assert.equal((await app.graphql(VIEWER_QUERY, {}, { cookie })).status, 200, "the genuine cookie still works");
});
