/**
 * Metrics, request ids and the access log on the production server
 * (server/metrics.ts, server/observe.ts): /metrics on METRICS_PORT only,
 * parsed from the exposition format, and its counters move with the requests
 * made; label values stay bounded; every answer carries a request id, which
 * the access-log line carries too, and no secret reaches the log.
 */
import assert from "node:assert/strict";
import fs from "node:fs";
import { after, test } from "node:test";
import { freePort, randomSecretKey, startServer, tempSqliteUrl } from "./server-process";

const ADMIN = { email: "admin@example.com", password: "a long metrics password" };
const database = tempSqliteUrl();
after(() => fs.rmSync(database.dir, { recursive: true, force: true }));

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** The Prometheus text exposition format: `name{label="value",...} number` lines, `#` comments. */
function parseExposition(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split("\n")) {
    if (line === "" || line.startsWith("#")) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    assert.ok(match, `not an exposition line: ${line}`);
    const labels: Record<string, string> = {};
    for (const [, name, value] of (match[2] ?? "").matchAll(/([a-zA-Z_]\w*)="((?:[^"\\]|\\.)*)"/g)) labels[name] = value;
    samples.push({ name: match[1], labels, value: Number(match[3]) });
  }
  return samples;
}

const valueOf = (samples: Sample[], name: string, labels: Record<string, string> = {}) =>
  samples
    .filter((sample) => sample.name === name && Object.entries(labels).every(([key, value]) => sample.labels[key] === value))
    .reduce((sum, sample) => sum + sample.value, 0);

test("metrics on their own port move with the traffic; request ids and the access log", async () => {
  const metricsPort = await freePort();
  const server = await startServer({
    DATABASE_URL: database.url,
    SECRET_KEY: randomSecretKey(),
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    METRICS_PORT: String(metricsPort),
  });
  const scrape = async () => {
    const response = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
    assert.equal(response.status, 200);
    assert.match(response.headers.get("content-type")!, /^text\/plain; version=0\.0\.4/);
    return parseExposition(await response.text());
  };
  try {
    const graphql = async (query: string, headers: Record<string, string>, extra: object = {}) => {
      const response = await fetch(`${server.url}/api/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body: JSON.stringify({ query, ...extra }),
      });
      return { response, body: (await response.json()) as any };
    };
    const login = await fetch(`${server.url}/api/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(ADMIN) });
    const cookie = login.headers.get("set-cookie")!.split(";")[0];
    const apiToken = (await graphql(`mutation { createApiToken(name: "metrics") { token } }`, { cookie })).body.data.createApiToken.token as string;
    const bearer = { authorization: `Bearer ${apiToken}` };
    const system = (await graphql(`mutation { createIntegrationSystem(in: {name: "metered"}) { id } }`, bearer)).body.data.createIntegrationSystem.id;
    const credential = (
      await graphql(
        `mutation($id: ID!) { generateClientCredentialsForIntegrationSystem(id: $id) { auth { credential { ... on OAuthCredentialData { clientId clientSecret } } } } }`,
        bearer,
        { variables: { id: system } },
      )
    ).body.data.generateClientCredentialsForIntegrationSystem.auth.credential;
    const tokenRequest = (secret: string) =>
      fetch(`${server.url}/oauth2/token`, {
        method: "POST",
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          authorization: `Basic ${Buffer.from(`${credential.clientId}:${secret}`).toString("base64")}`,
        },
        body: "grant_type=client_credentials",
      });

    assert.equal((await fetch(`${server.url}/metrics`)).headers.get("content-type")?.startsWith("text/plain; version"), false, "never on the public port");
    const before = await scrape();

    const issued = await tokenRequest(credential.clientSecret);
    assert.equal(issued.status, 200);
    const accessToken = ((await issued.json()) as { access_token: string }).access_token;
    assert.equal((await tokenRequest("not-the-secret")).status, 401);
    const named = await graphql(`query IntegrationSystemList { integrationSystems(first: 1) { totalCount } }`, { authorization: `Bearer ${accessToken}` });
    assert.equal(named.response.status, 200);
    // The client's own request id is not believed without TRUST_PROXY.
    const invented = await graphql(`query Attacker12345 { integrationSystems(first: 1) { totalCount } }`, { ...bearer, "x-request-id": "forged-id" });
    const requestId = invented.response.headers.get("x-request-id")!;
    assert.match(requestId, /^[0-9a-f-]{36}$/);
    assert.equal((await graphql(`{ integrationSystems(first: 1) { totalCount } }`, { authorization: "Bearer cmp_pat_not-a-token" })).response.status, 401);
    const failedLogin = await fetch(`${server.url}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ ...ADMIN, password: "wrong wrong wrong" }),
    });
    assert.equal(failedLogin.status, 401);
    assert.match(failedLogin.headers.get("x-request-id")!, /^[0-9a-f-]{36}$/, "answers from Next carry the id too");

    const now = await scrape();
    const moved = (name: string, labels: Record<string, string> = {}) => valueOf(now, name, labels) - valueOf(before, name, labels);
    assert.equal(moved("compass_oauth2_tokens_issued_total", { grant_type: "client_credentials" }), 1);
    assert.equal(moved("compass_oauth2_tokens_refused_total", { error: "invalid_client" }), 1);
    assert.equal(moved("compass_auth_failures_total", { kind: "client_credentials" }), 1);
    assert.equal(moved("compass_auth_failures_total", { kind: "bearer_token" }), 1);
    assert.equal(moved("compass_auth_failures_total", { kind: "password" }), 1, "counted in the Next child, relayed to the parent");
    assert.equal(moved("compass_http_requests_total", { route: "/oauth2/token", method: "POST", status: "200" }), 1);
    assert.equal(moved("compass_http_requests_total", { route: "/oauth2/token", method: "POST", status: "401" }), 1);
    assert.equal(moved("compass_http_requests_total", { route: "/api/graphql", method: "POST", status: "401" }), 1);
    assert.equal(moved("compass_http_request_duration_seconds_count", { route: "/api/graphql", method: "POST" }), 3);
    assert.equal(moved("compass_graphql_operations_total", { operation: "IntegrationSystemList", outcome: "success" }), 1);
    assert.equal(moved("compass_graphql_operations_total", { operation: "other", outcome: "success" }), 1);
    assert.ok(moved("compass_cache_lookups_total", { cache: "client_credential" }) >= 2);
    assert.ok(moved("compass_cache_lookups_total", { cache: "api_token" }) >= 2);
    assert.ok(moved("compass_db_query_duration_seconds_count") > 0);
    assert.ok(now.some((sample) => sample.name === "nodejs_eventloop_lag_seconds"));
    assert.ok(now.some((sample) => sample.name === "process_cpu_user_seconds_total"));
    for (const sample of now) {
      for (const value of Object.values(sample.labels))
        assert.ok(!/Attacker12345|forged-id|not-a-token/.test(value), `a client's text became a label: ${JSON.stringify(sample)}`);
    }

    // One access-log line per request, with the answer's id, and no secret anywhere in the log.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const lines = server
      .log()
      .split("\n")
      .filter((line) => line.startsWith("{"))
      .map((line) => JSON.parse(line));
    const access = lines.filter((line) => line.msg === "request" && line.requestId === requestId);
    assert.equal(access.length, 1);
    assert.deepEqual(
      { ...access[0], time: undefined, durationMs: typeof access[0].durationMs },
      {
        time: undefined,
        level: "info",
        msg: "request",
        requestId,
        method: "POST",
        route: "/api/graphql",
        path: "/api/graphql",
        status: 200,
        durationMs: "number",
        caller: "api_token",
      },
    );
    assert.equal(lines.filter((line) => line.msg === "request" && line.route === "/oauth2/token" && line.caller === "client").length, 2);
    for (const secret of [apiToken, accessToken, credential.clientSecret, ADMIN.password, cookie.split("=")[1]]) {
      assert.ok(!server.log().includes(secret), "a secret reached the log");
    }
  } finally {
    await server.stop();
  }
  await assert.rejects(fetch(`http://127.0.0.1:${metricsPort}/metrics`), "the metrics listener stops with the server");
});
