/**
 * Issue 11, hardening gap "session cookie": over https the session cookie is
 * `__Host-` prefixed (Secure, Path=/, no Domain), so no other host can plant
 * or replace it; an unprefixed cookie is then ignored.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { POST as loginRoute } from "@/app/api/auth/login/route";
import { POST as logoutRoute } from "@/app/api/auth/logout/route";
import { resetConfig } from "@/lib/config";
import { CLIENT_ADDRESS_HEADER } from "@/lib/http";
import { startup } from "@/app/startup";
import { PASSWORD, TEST_ORIGIN, setupTestApp } from "@/test/harness";

const app = await setupTestApp();
await startup();

const VIEWER = `{ viewer { user { email } authMethod } }`;
let address = 0;

function withPublicUrl(url: string | null) {
  if (url) process.env.PUBLIC_URL = url;
  else delete process.env.PUBLIC_URL;
  resetConfig();
}

async function signIn(): Promise<string> {
  const user = await app.newCaller("VIEWER");
  const response = await loginRoute(
    new Request(`${TEST_ORIGIN}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json", [CLIENT_ADDRESS_HEADER]: `198.18.0.${++address}` },
      body: JSON.stringify({ email: user.user.email, password: PASSWORD }),
    }),
  );
  assert.equal(response.status, 204);
  return response.headers.get("set-cookie")!;
}

test("over https the cookie is __Host- prefixed, Secure, Path=/ and has no Domain", async (t) => {
  withPublicUrl("https://console.example.com");
  t.after(() => withPublicUrl(null));
  const setCookie = await signIn();
  const attributes = setCookie.split(";").map((part) => part.trim());
  assert.match(attributes[0], /^__Host-compass_session=[^;]+$/);
  assert.ok(attributes.includes("Secure"));
  assert.ok(attributes.includes("Path=/"));
  assert.ok(attributes.includes("HttpOnly"));
  assert.ok(!attributes.some((attribute) => /^domain=/i.test(attribute)), "no Domain");

  const value = attributes[0].slice(attributes[0].indexOf("=") + 1);
  const signedIn = await app.graphql(VIEWER, {}, { cookie: `__Host-compass_session=${value}` });
  assert.equal(signedIn.body.data?.viewer.authMethod, "SESSION");
  // The same value under the unprefixed name (as another host could plant it) is not read.
  const planted = await app.graphql(VIEWER, {}, { cookie: `compass_session=${value}` });
  assert.equal(planted.status, 401);

  const logout = await logoutRoute(new Request(`${TEST_ORIGIN}/api/auth/logout`, { method: "POST", headers: { cookie: `__Host-compass_session=${value}` } }));
  assert.match(logout.headers.get("set-cookie")!, /^__Host-compass_session=; Path=\/; HttpOnly; SameSite=Lax; Max-Age=0; Secure$/);
  assert.equal((await app.graphql(VIEWER, {}, { cookie: `__Host-compass_session=${value}` })).status, 401, "logout ended the session");
});

test("over plain http (development) the cookie keeps its plain name, without Secure", async () => {
  withPublicUrl(null);
  const setCookie = await signIn();
  assert.match(setCookie, /^compass_session=/);
  assert.ok(!/;\s*Secure/i.test(setCookie));
  const value = setCookie.split(";")[0].slice("compass_session=".length);
  assert.equal((await app.graphql(VIEWER, {}, { cookie: `compass_session=${value}` })).body.data?.viewer.authMethod, "SESSION");
});
