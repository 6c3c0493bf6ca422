/**
 * Traces (server/tracing.ts): with OTEL_EXPORTER_OTLP_ENDPOINT pointing at an
 * OTLP/HTTP receiver on 127.0.0.1 (this test's), a token request and a
 * GraphQL read arrive as connected spans (the HTTP request, the token
 * endpoint's work; the GraphQL operation, its resolvers, the database
 * queries), under the caller's `traceparent` (TRUST_PROXY is set), and no
 * secret appears in any attribute.
 */
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { after, test } from "node:test";
import { randomSecretKey, startServer, tempSqliteUrl } from "./server-process";

const ADMIN = { email: "admin@example.com", password: "a long tracing password" };
const database = tempSqliteUrl();
after(() => fs.rmSync(database.dir, { recursive: true, force: true }));

interface Span {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  attributes: { key: string; value: Record<string, unknown> }[];
}

/** The OTLP/HTTP JSON export: resourceSpans → scopeSpans → spans. */
async function otlpReceiver() {
  const spans: Span[] = [];
  const server = http.createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => {
      assert.equal(req.url, "/v1/traces");
      assert.match(req.headers["content-type"] ?? "", /^application\/json/);
      for (const resource of JSON.parse(body).resourceSpans ?? []) for (const scope of resource.scopeSpans ?? []) spans.push(...scope.spans);
      res.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  after(() => new Promise((resolve) => server.close(resolve)));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, spans };
}

const traceparent = () => {
  const traceId = randomBytes(16).toString("hex");
  const parentId = randomBytes(8).toString("hex");
  return { traceId, parentId, header: `00-${traceId}-${parentId}-01` };
};

test("a token request and a GraphQL read arrive as connected spans, without secrets", async () => {
  const receiver = await otlpReceiver();
  const server = await startServer({
    DATABASE_URL: database.url,
    SECRET_KEY: randomSecretKey(),
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    TRUST_PROXY: "true",
    OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
    OTEL_BSP_SCHEDULE_DELAY: "100",
  });
  const secrets: string[] = [ADMIN.password];
  let tokenTrace: ReturnType<typeof traceparent>;
  let readTrace: ReturnType<typeof traceparent>;
  try {
    const graphql = async (query: string, headers: Record<string, string>, variables?: object) => {
      const response = await fetch(`${server.url}/api/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as any;
      assert.equal(response.status, 200, JSON.stringify(body));
      return body.data;
    };
    const login = await fetch(`${server.url}/api/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(ADMIN) });
    const cookie = login.headers.get("set-cookie")!.split(";")[0];
    secrets.push(cookie.split("=")[1]);
    const apiToken = (await graphql(`mutation { createApiToken(name: "traces") { token } }`, { cookie })).createApiToken.token;
    secrets.push(apiToken);
    const bearer = { authorization: `Bearer ${apiToken}` };
    const system = (await graphql(`mutation { createIntegrationSystem(in: {name: "traced"}) { id } }`, bearer)).createIntegrationSystem.id;
    const credential = (
      await graphql(
        `mutation($id: ID!) { generateClientCredentialsForIntegrationSystem(id: $id) { auth { credential { ... on OAuthCredentialData { clientId clientSecret } } } } }`,
        bearer,
        { id: system },
      )
    ).generateClientCredentialsForIntegrationSystem.auth.credential;
    secrets.push(credential.clientSecret);

    tokenTrace = traceparent();
    const token = await fetch(`${server.url}/oauth2/token`, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        authorization: `Basic ${Buffer.from(`${credential.clientId}:${credential.clientSecret}`).toString("base64")}`,
        traceparent: tokenTrace.header,
      },
      body: "grant_type=client_credentials",
    });
    assert.equal(token.status, 200);
    const accessToken = ((await token.json()) as { access_token: string }).access_token;
    secrets.push(accessToken);

    readTrace = traceparent();
    await graphql(
      `query IntegrationSystemDetail($id: ID!) { integrationSystem(id: $id) { id name } }`,
      { authorization: `Bearer ${accessToken}`, traceparent: readTrace.header },
      { id: system },
    );
  } finally {
    // Stopping exports what is left.
    await server.stop();
  }
  assert.equal(server.process.exitCode, 0);

  const inTrace = (traceId: string) => receiver.spans.filter((span) => span.traceId === traceId);
  const child = (spans: Span[], parent: Span, name: RegExp) => spans.find((span) => span.parentSpanId === parent.spanId && name.test(span.name));

  const tokenSpans = inTrace(tokenTrace!.traceId);
  const tokenRequest = tokenSpans.find((span) => span.name === "POST /oauth2/token");
  assert.ok(tokenRequest, `no HTTP span in the token request's trace: ${tokenSpans.map((span) => span.name)}`);
  assert.equal(tokenRequest.parentSpanId, tokenTrace!.parentId, "the HTTP span continues the caller's trace");
  assert.ok(child(tokenSpans, tokenRequest, /^oauth2\.token$/), "the token endpoint's span is the request's child");

  const readSpans = inTrace(readTrace!.traceId);
  const readRequest = readSpans.find((span) => span.name === "POST /api/graphql");
  assert.ok(readRequest, `no HTTP span in the read's trace: ${readSpans.map((span) => span.name)}`);
  assert.equal(readRequest.parentSpanId, readTrace!.parentId);
  const operation = child(readSpans, readRequest, /IntegrationSystemDetail/);
  assert.ok(operation, `no GraphQL operation span under the request: ${readSpans.map((span) => `${span.name} < ${span.parentSpanId}`)}`);
  const connected = (span: Span): boolean => span === readRequest || readSpans.some((parent) => parent.spanId === span.parentSpanId && connected(parent));
  assert.ok(
    readSpans.some((span) => /integrationSystem/.test(span.name) && span !== operation && connected(span)),
    "a resolver span",
  );
  assert.ok(
    readSpans.some((span) => span.name.startsWith("prisma:") && connected(span)),
    `database spans in the read's trace: ${readSpans.map((span) => span.name)}`,
  );

  const attributeText = JSON.stringify(receiver.spans.map((span) => span.attributes));
  for (const secret of secrets) assert.ok(!attributeText.includes(secret), "a secret is in a span attribute");
});
