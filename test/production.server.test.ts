/**
 * The production server end to end: server/main.ts (custom server with the
 * GraphQL fast path, Next for everything else) over real HTTP, as the README's
 * curl walk-through uses it.
 */
import assert from "node:assert/strict";
import fs from "node:fs";
import { after, describe, test } from "node:test";
import { createPostgresDatabase } from "./postgres";
import { type RunningServer, randomSecretKey, startServer, tempSqliteUrl } from "./server-process";
import { rawRequest } from "./security/http-client";

const ADMIN = { email: "admin@example.com", password: "a long admin password" };
const servers: RunningServer[] = [];
const dirs: string[] = [];
after(async () => {
  await Promise.all(servers.map((server) => server.stop()));
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

async function graphql(server: RunningServer, query: string, headers: Record<string, string>, variables?: object) {
  const response = await fetch(`${server.url}/api/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as any };
}

describe("on the embedded SQLite default", async () => {
  const database = tempSqliteUrl();
  dirs.push(database.dir);
  const server = await startServer({ DATABASE_URL: database.url, ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password });
  servers.push(server);
  const secrets: string[] = [ADMIN.password];

  test("creates the database, its secret key file (owner-only) and the first admin", () => {
    assert.ok(fs.existsSync(`${database.dir}/compass.db`));
    const mode = fs.statSync(`${database.dir}/secret.key`).mode & 0o777;
    assert.equal(mode, 0o600);
    secrets.push(fs.readFileSync(`${database.dir}/secret.key`, "utf8").trim());
  });

  test("health reports the database", async () => {
    const response = await fetch(`${server.url}/api/health`);
    assert.equal(response.status, 200);
    const health = await response.json();
    assert.equal(health.status, "ok");
    assert.equal(health.database.provider, "sqlite");
    assert.equal(health.database.status, "up");
    assert.equal(typeof health.database.latencyMs, "number");
  });

  test("/favicon.ico, which browsers still ask for, leads to the console's icon rather than a 404", async () => {
    const favicon = await fetch(`${server.url}/favicon.ico`, { redirect: "manual" });
    assert.equal(favicon.status, 308);
    assert.equal(favicon.headers.get("location"), "/icon.svg");
    const icon = await fetch(`${server.url}/favicon.ico`);
    assert.equal(icon.status, 200);
    assert.match(icon.headers.get("content-type") ?? "", /^image\/svg\+xml/);
  });

  test("the README walk-through: log in, create an API token, create an integration system, list", async () => {
    const login = await fetch(`${server.url}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(ADMIN),
    });
    assert.equal(login.status, 204);
    const cookie = login.headers.get("set-cookie")!.split(";")[0];
    secrets.push(cookie.split("=")[1]);

    const token = await graphql(server, `mutation { createApiToken(name: "automation") { token } }`, { cookie });
    assert.equal(token.status, 200, JSON.stringify(token.body));
    const apiToken = token.body.data.createApiToken.token as string;
    secrets.push(apiToken);

    const created = await graphql(server, `mutation { createIntegrationSystem(in: {name: "IntegrationSystemFromBigProvider"}) { id name } }`, {
      authorization: `Bearer ${apiToken}`,
    });
    assert.equal(created.body.data.createIntegrationSystem.name, "IntegrationSystemFromBigProvider");

    const credentials = await graphql(
      server,
      `mutation($id: ID!) { generateClientCredentialsForIntegrationSystem(id: $id) { auth { credential { ... on OAuthCredentialData { clientSecret url } } } } }`,
      { authorization: `Bearer ${apiToken}` },
      { id: created.body.data.createIntegrationSystem.id },
    );
    const credential = credentials.body.data.generateClientCredentialsForIntegrationSystem.auth.credential;
    assert.equal(credential.url, `${server.url}/oauth2/token`, "the token URL is absolute, from the request's origin");
    secrets.push(credential.clientSecret);

    const list = await graphql(server, `{ integrationSystems { data { name } totalCount } }`, { authorization: `Bearer ${apiToken}` });
    assert.deepEqual(list.body.data.integrationSystems, { data: [{ name: "IntegrationSystemFromBigProvider" }], totalCount: 1 });
  });

  test("anonymous GraphQL is 401 on the fast path; pages still go through Next", async () => {
    const anonymous = await graphql(server, "{ __typename }", {});
    assert.equal(anonymous.status, 401);
    assert.equal(anonymous.body.errors[0].extensions.code, "UNAUTHENTICATED");
    const loginPage = await fetch(`${server.url}/login`);
    assert.equal(loginPage.status, 200);
    assert.match(await loginPage.text(), /Sign in/);
    // The console opens on its overview, which sends a signed-out visitor to sign in and back.
    const home = await fetch(`${server.url}/`, { redirect: "manual" });
    assert.equal(home.status, 307);
    assert.equal(new URL(home.headers.get("location")!, server.url).pathname, "/overview");
    const list = await fetch(`${server.url}/integration-systems?q=crm`, { redirect: "manual" });
    assert.equal(list.status, 307);
    const toLogin = new URL(list.headers.get("location")!, server.url);
    assert.equal(toLogin.pathname, "/login");
    assert.equal(toLogin.searchParams.get("next"), "/integration-systems?q=crm");
  });

  test("X-Forwarded-Proto from a client (TRUST_PROXY unset) changes neither the cookie nor the origin (issue 11)", async () => {
    const login = (headers: Record<string, string>) =>
      fetch(`${server.url}/api/auth/login`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(ADMIN) });
    const claimed = await login({ "x-forwarded-proto": "https", "x-forwarded-host": "evil.example" });
    assert.equal(claimed.status, 204);
    const cookie = claimed.headers.get("set-cookie")!;
    secrets.push(cookie.split(";")[0].split("=")[1]);
    assert.doesNotMatch(cookie, /;\s*secure/i, "no Secure cookie over http");
    const httpsOrigin = await login({ "x-forwarded-proto": "https", origin: server.url.replace("http:", "https:") });
    assert.equal(httpsOrigin.status, 403, "an https origin is another site to an http server");
  });

  test("pages carry a Content-Security-Policy whose nonce is on every script Next renders (issue 11)", async () => {
    for (const path of ["/login", "/logout"]) {
      const page = await fetch(`${server.url}${path}`);
      assert.equal(page.status, 200);
      const policy = page.headers.get("content-security-policy") ?? "";
      const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
      assert.ok(nonce, `${path}: a nonce in ${policy}`);
      assert.match(policy, /frame-ancestors 'none'/);
      assert.doesNotMatch(policy, /script-src[^;]*'unsafe-(inline|eval)'/);
      const scripts = (await page.text()).match(/<script\b[^>]*>/g) ?? [];
      assert.ok(scripts.length > 0);
      for (const tag of scripts) assert.ok(tag.includes(`nonce="${nonce}"`), `${path}: ${tag}`);
      assert.equal(page.headers.get("x-content-type-options"), "nosniff");
      assert.equal(page.headers.get("x-frame-options"), "DENY");
    }
    const health = await fetch(`${server.url}/api/health`);
    assert.equal(health.headers.get("x-content-type-options"), "nosniff");
    assert.equal(health.headers.get("x-frame-options"), "DENY");
  });

  test("a Host this server does not answer for gets 421 on the Next side too (issue 11)", async () => {
    for (const path of ["/login", "/api/health", "/api/auth/login"]) {
      const refused = await rawRequest(server.url, { path, headers: { host: "127.0.0.1:3701@evil.example" } });
      assert.equal(refused.status, 421, path);
    }
    assert.equal((await rawRequest(server.url, { path: "/login", headers: { host: "localhost:1" } })).status, 200);
  });

  test("the server log holds none of the secrets it handled", () => {
    const log = server.log();
    assert.ok(log.includes("Compass Director is listening"));
    for (const secret of secrets) assert.ok(!log.includes(secret), "a secret reached the log");
  });
});

describe("without ADMIN_EMAIL, a one-time setup link", async () => {
  const database = tempSqliteUrl();
  dirs.push(database.dir);
  const server = await startServer({ DATABASE_URL: database.url, ADMIN_EMAIL: "", ADMIN_PASSWORD: "" });
  servers.push(server);

  test("is printed to the log and creates the first admin once", async () => {
    const link = /(http\S+\/setup\?token=(cmp_setup_[A-Za-z0-9_-]+))/.exec(server.log());
    assert.ok(link, `no setup link in the log:\n${server.log()}`);
    const token = link[2];
    const page = await fetch(`${server.url}/setup?token=${token}`);
    assert.match(await page.text(), /Create the first admin/);

    const setup = (body: object) =>
      fetch(`${server.url}/api/auth/setup`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    const tooShort = await setup({ token, email: "first@example.com", password: "short" });
    assert.equal(tooShort.status, 400);
    assert.equal((await tooShort.json()).field, "setup.password");

    const done = await setup({ token, email: "first@example.com", password: "a long enough password" });
    assert.equal(done.status, 204);
    const cookie = done.headers.get("set-cookie")!.split(";")[0];
    const viewer = await graphql(server, "{ viewer { role user { email } } }", { cookie });
    assert.deepEqual(viewer.body.data.viewer, { role: "ADMIN", user: { email: "first@example.com" } });

    const again = await setup({ token, email: "second@example.com", password: "a long enough password" });
    assert.equal(again.status, 400, "the link works once");
  });
});

describe("on PostgreSQL", async () => {
  const database = await createPostgresDatabase("compass_server_test");
  after(database.drop);

  test("refuses to start without SECRET_KEY, saying why", async () => {
    const server = await startServer({ DATABASE_URL: database.url, SECRET_KEY: "" }, { waitForReady: false });
    servers.push(server);
    const code = await new Promise<number | null>((resolve) => server.process.once("exit", resolve));
    assert.equal(code, 1);
    assert.match(server.log(), /SECRET_KEY is required with PostgreSQL/);
  });

  test("migrates an empty database on start and serves GraphQL", async () => {
    const server = await startServer({
      DATABASE_URL: database.url,
      SECRET_KEY: randomSecretKey(),
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
    });
    servers.push(server);
    const health = await (await fetch(`${server.url}/api/health`)).json();
    assert.equal(health.database.provider, "postgresql");
    const login = await fetch(`${server.url}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(ADMIN),
    });
    const cookie = login.headers.get("set-cookie")!.split(";")[0];
    const created = await graphql(server, `mutation { createIntegrationSystem(in: {name: "On Postgres"}) { name } }`, {
      cookie,
    });
    assert.equal(created.body.data.createIntegrationSystem.name, "On Postgres");
  });
});
