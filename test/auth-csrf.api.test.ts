/**
 * Cross-site requests: the JSON endpoint refuses cookie requests other
 * sites could forge (form content types, foreign origins, GET mutations), and
 * other sites can neither sign people in or out nor use the cookie via CORS.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { POST as loginRoute } from "@/app/api/auth/login/route";
import { POST as logoutRoute } from "@/app/api/auth/logout/route";
import { startup } from "@/app/startup";
import { VIEWER_QUERY, authSupport } from "./auth-support";
import { PASSWORD, TEST_ORIGIN, setupTestApp } from "./harness";

const app = await setupTestApp();
// The route handlers run start-up on first use; run it now, while users exist,
// so it cannot hand out a setup link of its own.
await startup();
const { unique, snapshot, assertUnchanged, newCaller, newAddress, loginCookie, sessionOf } = authSupport(app);

// ---------------------------------------------------------------------------
// CSRF: the JSON endpoint is closed to cross-site requests carrying the cookie

function rawPost(headers: Record<string, string>, body: string | Uint8Array) {
  return app.server.fetch(`${TEST_ORIGIN}/api/graphql`, { method: "POST", headers, body });
}
const CREATE = (name: string) => `mutation { createIntegrationSystem(in: {name: "${name}"}) { id } }`;

test("form-like content types (what a cross-site HTML form can send) answer 415 and create nothing", async () => {
  const cookie = await sessionOf("ADMIN");
  const before = await snapshot();
  const query = CREATE(unique("csrf form"));
  for (const [contentType, body] of [
    ["application/x-www-form-urlencoded", `query=${encodeURIComponent(query)}`],
    ["multipart/form-data; boundary=x", `--x\r\nContent-Disposition: form-data; name="query"\r\n\r\n${query}\r\n--x--\r\n`],
    ["text/plain", JSON.stringify({ query })],
  ]) {
    const response = await rawPost({ "content-type": contentType, cookie }, body);
    assert.equal(response.status, 415, contentType);
    assert.equal((await response.json()).errors[0].extensions.code, "BAD_REQUEST");
  }
  // Without any content type, too (a byte body gets no default one).
  assert.equal((await rawPost({ cookie }, new TextEncoder().encode(JSON.stringify({ query })))).status, 415);
  await assertUnchanged(before, "form posts");
});

test("cookie requests from a foreign origin or marked cross-site answer 403 and create nothing", async () => {
  const cookie = await sessionOf("ADMIN");
  const before = await snapshot();
  for (const headers of <Record<string, string>[]>[
    { origin: "https://evil.example" },
    { origin: "http://compass.test.evil.example" },
    { origin: "https://compass.test" },
    { origin: "null" },
    { "sec-fetch-site": "cross-site" },
  ]) {
    const response = await rawPost({ "content-type": "application/json", cookie, ...headers }, JSON.stringify({ query: CREATE(unique("csrf")) }));
    assert.equal(response.status, 403, JSON.stringify(headers));
    assert.equal((await response.json()).errors[0].extensions.code, "FORBIDDEN");
  }
  // Mutations never run over GET, where no preflight or content type protects them.
  const get = await app.server.fetch(`${TEST_ORIGIN}/api/graphql?query=${encodeURIComponent(CREATE(unique("csrf get")))}`, { headers: { cookie } });
  assert.equal(get.status, 405);
  await assertUnchanged(before, "cross-site cookie requests");
});

test("cookie requests from the same origin, and bearer requests from any origin, are served", async () => {
  const cookie = await sessionOf("ADMIN");
  for (const headers of <Record<string, string>[]>[
    { cookie, origin: TEST_ORIGIN },
    { cookie, origin: TEST_ORIGIN, "sec-fetch-site": "same-origin" },
    { cookie },
    // A bearer token is no ambient credential: another site cannot make a browser send it.
    { authorization: `Bearer ${app.admin.token}`, origin: "https://evil.example" },
    { authorization: `Bearer ${app.admin.token}`, "sec-fetch-site": "cross-site" },
  ]) {
    const name = unique("same origin");
    const response = await rawPost({ "content-type": "application/json", ...headers }, JSON.stringify({ query: CREATE(name) }));
    const body = await response.json();
    assert.equal(response.status, 200, JSON.stringify(body));
    assert.equal(body.errors, undefined);
    assert.equal((await app.db.integrationSystem.findUniqueOrThrow({ where: { id: body.data.createIntegrationSystem.id } })).name, name);
  }
});

test("other sites can neither sign people in or out nor use the cookie through CORS", async () => {
  const user = await newCaller("VIEWER");
  const foreign = { origin: "https://evil.example", "content-type": "application/json" };
  const signIn = await loginRoute(
    new Request(`${TEST_ORIGIN}/api/auth/login`, {
      method: "POST",
      headers: { ...foreign, "x-compass-client-address": newAddress() },
      body: JSON.stringify({ email: user.user.email, password: PASSWORD }),
    }),
  );
  assert.equal(signIn.status, 403);
  assert.equal(signIn.headers.get("set-cookie"), null);

  const cookie = await loginCookie(user);
  const signOut = await logoutRoute(new Request(`${TEST_ORIGIN}/api/auth/logout`, { method: "POST", headers: { ...foreign, cookie } }));
  assert.equal(signOut.status, 403);
  assert.equal((await app.graphql(VIEWER_QUERY, {}, { cookie })).status, 200, "the session survives");

  const preflight = await app.server.fetch(`${TEST_ORIGIN}/api/graphql`, {
    method: "OPTIONS",
    headers: { origin: "https://evil.example", "access-control-request-method": "POST", "access-control-request-headers": "content-type" },
  });
  assert.equal(preflight.status, 204, "bearer-token callers on other sites pass the preflight");
  assert.equal(preflight.headers.get("access-control-allow-credentials"), null, "but never with the cookie");
});

test("a browser's own Origin is same-site even when the server sees another listening address", async () => {
  // Behind the custom server, Next builds request.url from its own address;
  // the browser's Host and Origin name the public one.
  const user = await newCaller("VIEWER");
  const response = await loginRoute(
    new Request("http://127.0.0.1:1/api/auth/login", {
      method: "POST",
      headers: {
        host: "director.example:8443",
        origin: "http://director.example:8443",
        "content-type": "application/json",
        "x-compass-client-address": newAddress(),
      },
      body: JSON.stringify({ email: user.user.email, password: PASSWORD }),
    }),
  );
  assert.equal(response.status, 204);
});
