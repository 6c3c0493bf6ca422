/**
 * Issue 20, finding 9 and its class: bytes a client controls that a decoder
 * could choke on (percent-encoding, base64, JSON) answer a 4xx or count as
 * absent; never a 500. Cookies, cursors of every paged list, bearer tokens,
 * Basic client authentication and JSON bodies, each through its way in.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { POST as loginRoute } from "@/app/api/auth/login/route";
import { POST as logoutRoute } from "@/app/api/auth/logout/route";
import { SESSION_COOKIE, sessionCookieValue } from "@/domain/users/session.service";
import { createTenant } from "@/domain/tenants/tenant.service";
import { CLIENT_ADDRESS_HEADER } from "@/lib/http";
import { capturedLog, setupTestApp, TEST_ORIGIN } from "@/test/harness";

const app = await setupTestApp();
const base = await app.listen();
const tenant = await createTenant(app.db, app.admin.principal, { externalId: "malformed", name: "Malformed" });

/** Percent-encoding that decodeURIComponent throws on, and the attack's own value. */
const BAD_PERCENT = ["%E0%A4%A", "%", "%zz", "%C0%AF", "a%ED%A0%80b"];
const base64 = (text: string) => Buffer.from(text, "latin1").toString("base64url");
const BAD_CURSORS = [
  ...BAD_PERCENT,
  "!!!",
  "@@",
  base64("{"),
  base64('["x"'),
  base64("\xff\xfe"),
  base64("null"),
  base64("[]"),
  base64('"s"'),
  "e".repeat(5000),
];

test("a malformed session cookie is no cookie: 401 from the API, 204 from logout, no session for pages, nothing logged as an error", async () => {
  for (const value of BAD_PERCENT) {
    const cookie = `${SESSION_COOKIE}=${value}`;
    const before = capturedLog().length;
    const api = await fetch(`${base}/api/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie },
      body: '{"query":"{ viewer { kind } }"}',
    });
    assert.equal(api.status, 401, value);
    assert.equal((await api.json()).errors[0].extensions.code, "UNAUTHENTICATED");
    // With a valid API token beside it, the token counts.
    const withToken = await app.graphql(`{ viewer { kind } }`, {}, { token: app.admin.token, cookie });
    assert.equal(withToken.status, 200, value);
    const logout = await logoutRoute(new Request(`${TEST_ORIGIN}/api/auth/logout`, { method: "POST", headers: { cookie } }));
    assert.equal(logout.status, 204, value);
    // Console pages read the cookie through the same function.
    assert.equal(sessionCookieValue(`theme=dark; ${cookie}`, false), null, value);
    assert.doesNotMatch(capturedLog().slice(before), /URIError|"level":"error"/, value);
  }
});

test("a malformed cursor is BAD_USER_INPUT on every paged list in the schema", async () => {
  const schema = await app.ok<any>(`{ __type(name: "Query") { fields { name args { name type { kind } } } } }`);
  const paged = schema.__type.fields.filter((field: { args: { name: string }[] }) => field.args.some((arg) => arg.name === "after"));
  assert.ok(paged.length >= 5, "the lists are found");
  // Lists that name what they list: a real one, so only the cursor can be wrong.
  const runtime = await app.graphql<any>(
    `mutation { registerRuntime(in: { name: "malformed" }) { id } }`,
    {},
    { token: app.admin.token, headers: { tenant: tenant.externalId } },
  );
  const application = await app.graphql<any>(
    `mutation { registerApplication(in: { name: "malformed" }) { id } }`,
    {},
    { token: app.admin.token, headers: { tenant: tenant.externalId } },
  );
  const required: Record<string, string> = {
    runtimeID: runtime.body.data.registerRuntime.id,
    appID: application.body.data.registerApplication.id,
    localTenantID: "local",
    // formationTemplatesByName: its page is read whatever the name matches.
    name: "malformed",
  };
  for (const { name, args } of paged as { name: string; args: { name: string; type: { kind: string } }[] }[]) {
    const named = args
      .filter((arg) => arg.type.kind === "NON_NULL")
      .map((arg) => {
        assert.ok(arg.name in required, `${name}: a value for its required ${arg.name}`);
        return `, ${arg.name}: ${JSON.stringify(required[arg.name])}`;
      })
      .join("");
    for (const cursor of BAD_CURSORS) {
      const response = await app.graphql(
        `query($after: PageCursor) { ${name}(after: $after${named}) { totalCount } }`,
        { after: cursor },
        {
          token: app.admin.token,
          headers: { tenant: tenant.externalId },
        },
      );
      // A literal cursor is checked while the variables are coerced: 400 (GraphQL over HTTP), the same code.
      assert.ok([200, 400].includes(response.status), `${name} ${cursor.slice(0, 20)}: ${response.status}`);
      const codes = (response.body.errors ?? []).map((error) => error.extensions.code);
      assert.deepEqual(codes, ["BAD_USER_INPUT"], `${name} after ${cursor.slice(0, 20)}: ${JSON.stringify(response.body.errors)}`);
    }
  }
});

test("a malformed bearer token is 401, never 500", async () => {
  const jwtLike = [
    `eyJ${"%".repeat(3)}.e30.x`,
    "eyJ.eyJ.eyJ",
    `${base64("{")}.${base64("{}")}.sig`,
    `${base64('{"alg":"ES256","kid":"\u0000"}')}.${base64("[")}.AA`,
    "eyJhbGciOiJFUzI1NiJ9.%E0%A4%A.x",
  ];
  for (const token of [...jwtLike, ...BAD_PERCENT, "cmp_pat_%E0%A4%A"]) {
    const response = await fetch(`${base}/api/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: '{"query":"{ viewer { kind } }"}',
    });
    assert.equal(response.status, 401, token);
  }
});

test("malformed Basic client authentication and form bodies are invalid_client / invalid_request, never 500", async () => {
  const cases: { authorization?: string; body: string }[] = [
    ...BAD_PERCENT.map((bad) => ({ authorization: `Basic ${Buffer.from(`${bad}:secret`).toString("base64")}`, body: "grant_type=client_credentials" })),
    ...BAD_PERCENT.map((bad) => ({ authorization: `Basic ${Buffer.from(`id:${bad}`).toString("base64")}`, body: "grant_type=client_credentials" })),
    { authorization: `Basic ${Buffer.from([0xff, 0xfe, 0x3a, 0xc0]).toString("base64")}`, body: "grant_type=client_credentials" },
    { authorization: "Basic ====", body: "grant_type=client_credentials" },
    { authorization: "Basic %%%", body: "grant_type=client_credentials" },
    ...BAD_PERCENT.map((bad) => ({ body: `grant_type=client_credentials&client_id=${bad}&client_secret=${bad}` })),
  ];
  let address = 0;
  for (const path of ["/oauth2/token", "/oauth2/introspect", "/oauth2/revoke"]) {
    for (const { authorization, body } of cases) {
      // Each from an address of its own, so the failure throttle stays out of the way.
      const headers = { "content-type": "application/x-www-form-urlencoded", [CLIENT_ADDRESS_HEADER]: `198.18.1.${++address}` };
      const response = await fetch(`${base}${path}`, {
        method: "POST",
        headers: { ...headers, ...(authorization ? { authorization } : {}) },
        body: path === "/oauth2/token" ? body : `${body}&token=x`,
      });
      assert.ok([400, 401].includes(response.status), `${path} ${authorization ?? body}: ${response.status}`);
      assert.match((await response.json()).error, /^invalid_(client|request)$/);
    }
  }
});

test("malformed JSON bodies are 400 on the API and the auth routes", async () => {
  for (const body of ["{", "\xff", '{"query":', "[", "nul", '"\\ud800"']) {
    const api = await fetch(`${base}/api/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${app.admin.token}` },
      body,
    });
    assert.equal(api.status, 400, body);
    const login = await loginRoute(new Request(`${TEST_ORIGIN}/api/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body }));
    assert.equal(login.status, 400, body);
  }
});
