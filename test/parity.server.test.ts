/**
 * One HTTP edge: every hot route answers the same whether server/main.ts
 * serves it on its fast path (server/fast-path.ts) or Next serves it through
 * its route file (app/api/graphql/route.ts, app/oauth2/*, app/.well-known/*),
 * as under `next dev`. Two servers on one database (after `npm run build`):
 * server/main.ts, and test/next-route-server.ts, the same request entry and
 * Next child with the fast path left out. Each request goes to both; status,
 * the headers a client acts on and the body must match once what differs by
 * nature (ids, tokens, times, nonces) is replaced by placeholders.
 */
import assert from "node:assert/strict";
import fs from "node:fs";
import { after, before, describe, test } from "node:test";
import { type RunningServer, randomSecretKey, startServer, tempSqliteUrl } from "./server-process";

const ADMIN = { email: "admin@example.com", password: "a long parity password" };
/** https, so the HSTS header is part of what is compared. */
const PUBLIC_URL = "https://parity.test";

/** The headers a client (or a browser) acts on; the rest (date, connection, vary...) is transport. */
const COMPARED_HEADERS = [
  "content-type",
  "cache-control",
  "pragma",
  "www-authenticate",
  "allow",
  "location",
  "retry-after",
  "access-control-allow-origin",
  "access-control-allow-methods",
  "content-security-policy",
  "x-content-type-options",
  "x-frame-options",
  "referrer-policy",
  "strict-transport-security",
];

type Side = "fast" | "next";

interface Answer {
  status: number;
  headers: Record<string, string | null>;
  body: unknown;
}

/**
 * What differs by nature between two correct answers, as placeholders: JWTs,
 * cuid-style ids, ISO times, epoch seconds, error ids, CSP nonces, the side's
 * own name in names it created.
 */
function normalise(text: string, side: Side): string {
  return text
    .replace(/eyJ[\w-]+\.[\w-]+\.[\w-]+/g, "<jwt>")
    .replace(/'nonce-[A-Za-z0-9+/=]+'/g, "'nonce-<n>'")
    .replace(/nonce="[A-Za-z0-9+/=]+"/g, 'nonce="<n>"')
    .replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z/g, "<time>")
    .replace(/error id [\w-]+/g, "error id <id>")
    .replace(/\b[a-z][a-z0-9]{24}\b/g, "<id>")
    .replace(/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/g, "<uuid>")
    .replaceAll(`Parity ${side}`, "Parity <side>");
}

/** Epoch-second claims (introspection) become their offset from iat: equal lifetimes compare equal. */
function normaliseJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normaliseJson);
  if (value && typeof value === "object") {
    const record = value as Record<string, unknown>;
    const iat = typeof record.iat === "number" ? record.iat : null;
    return Object.fromEntries(
      Object.entries(record).map(([key, field]) => [
        key,
        iat !== null && ["iat", "exp", "nbf"].includes(key) && typeof field === "number" ? `iat+${field - iat}` : normaliseJson(field),
      ]),
    );
  }
  return value;
}

interface Probe {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  /** Built per side, so each side's writes touch its own objects. */
  body?: (side: Side) => string;
}

async function send(server: RunningServer, side: Side, probe: Probe): Promise<Answer> {
  const response = await fetch(`${server.url}${probe.path}`, {
    method: probe.method ?? "GET",
    headers: probe.headers,
    body: probe.body?.(side),
    redirect: "manual",
  });
  const text = normalise(await response.text(), side);
  let body: unknown = text;
  if ((response.headers.get("content-type") ?? "").includes("json") && text !== "") body = normaliseJson(JSON.parse(text));
  const headers: Record<string, string | null> = {};
  for (const name of COMPARED_HEADERS) {
    const value = response.headers.get(name);
    headers[name] = value === null ? null : normalise(value, side);
  }
  return { status: response.status, headers, body };
}

const servers: Record<Side, RunningServer | null> = { fast: null, next: null };
const dirs: string[] = [];
after(async () => {
  await Promise.all(Object.values(servers).map((server) => server?.stop()));
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

const json = { "content-type": "application/json" };
const form = { "content-type": "application/x-www-form-urlencoded" };
const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString("base64")}`;
const gql = (query: string, variables?: object) => () => JSON.stringify({ query, variables });

async function graphql(server: RunningServer, headers: Record<string, string>, query: string, variables?: object) {
  const response = await fetch(`${server.url}/api/graphql`, { method: "POST", headers: { ...json, ...headers }, body: JSON.stringify({ query, variables }) });
  const body = (await response.json()) as { data?: any; errors?: unknown[] };
  assert.equal(body.errors, undefined, JSON.stringify(body.errors));
  return body.data;
}

describe("the fast path and the Next route files answer alike", () => {
  /** Per side: a session cookie, an API token, a credential and an access token of it, made through that side. */
  const auth = {} as Record<Side, { cookie: string; apiToken: string; clientId: string; clientSecret: string; accessToken: string }>;

  before(async () => {
    const database = tempSqliteUrl();
    dirs.push(database.dir);
    const env = { DATABASE_URL: database.url, SECRET_KEY: randomSecretKey(), PUBLIC_URL, ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password };
    // One after the other: the first runs start-up (migrations, signing key, admin) on the new database.
    servers.fast = await startServer(env);
    // Here Next also renders GraphiQL's 9 MB page, which production never asks of it (the fast path serves
    // /api/graphql): a larger heap than production's cap for the Next child (server/next-proxy.ts).
    servers.next = await startServer(env, { script: "test/next-route-server.ts", nodeArgs: ["--max-old-space-size=256"] });
    for (const side of ["fast", "next"] as const) {
      const server = servers[side]!;
      const login = await fetch(`${server.url}/api/auth/login`, { method: "POST", headers: json, body: JSON.stringify(ADMIN) });
      assert.equal(login.status, 204);
      const cookie = login.headers.get("set-cookie")!.split(";")[0];
      const { createApiToken } = await graphql(server, { cookie }, `mutation($n: String!) { createApiToken(name: $n) { token } }`, { n: `parity ${side}` });
      const bearer = { authorization: `Bearer ${createApiToken.token}` };
      const { createIntegrationSystem } = await graphql(server, bearer, `mutation($n: String!) { createIntegrationSystem(in: {name: $n}) { id } }`, {
        n: `Parity system ${side}`,
      });
      const generated = await graphql(
        server,
        bearer,
        `mutation($id: ID!) { generateClientCredentialsForIntegrationSystem(id: $id) { auth { credential { ... on OAuthCredentialData { clientId clientSecret } } } } }`,
        { id: createIntegrationSystem.id },
      );
      const { clientId, clientSecret } = generated.generateClientCredentialsForIntegrationSystem.auth.credential;
      const token = await fetch(`${server.url}/oauth2/token`, {
        method: "POST",
        headers: { ...form, authorization: basic(clientId, clientSecret) },
        body: "grant_type=client_credentials",
      });
      assert.equal(token.status, 200);
      const { access_token: accessToken } = (await token.json()) as { access_token: string };
      auth[side] = { cookie, apiToken: createApiToken.token, clientId, clientSecret, accessToken };
    }
  });

  /** Sends `probe(side)` to each side and compares the answers; returns them for further checks. */
  async function same(probe: (side: Side) => Probe): Promise<Answer> {
    const fast = await send(servers.fast!, "fast", probe("fast"));
    const next = await send(servers.next!, "next", probe("next"));
    assert.deepEqual(next, fast, "the Next route's answer (actual) differs from the fast path's (expected)");
    return fast;
  }
  const bearer = (side: Side) => ({ authorization: `Bearer ${auth[side].apiToken}` });

  test("POST /api/graphql: a query", async () => {
    const answer = await same((side) => ({
      method: "POST",
      path: "/api/graphql",
      headers: { ...json, ...bearer(side) },
      body: gql(`{ integrationSystems(first: 5) { data { name } totalCount } }`),
    }));
    assert.equal(answer.status, 200);
    // One system made through each side, on the one database.
    assert.equal((answer.body as any).data.integrationSystems.totalCount, 2);
  });

  test("POST /api/graphql: a mutation", async () => {
    const answer = await same((side) => ({
      method: "POST",
      path: "/api/graphql",
      headers: { ...json, ...bearer(side) },
      body: (s) => JSON.stringify({ query: `mutation($n: String!) { createIntegrationSystem(in: {name: $n}) { id name } }`, variables: { n: `Parity ${s}` } }),
    }));
    assert.deepEqual(answer.body, { data: { createIntegrationSystem: { id: "<uuid>", name: "Parity <side>" } } });
  });

  test("POST /api/graphql: errors (bad input with its field, not found, a syntax error)", async () => {
    const badInput = await same((side) => ({
      method: "POST",
      path: "/api/graphql",
      headers: { ...json, ...bearer(side) },
      body: gql(`mutation { createIntegrationSystem(in: {name: ""}) { id } }`),
    }));
    assert.equal((badInput.body as any).errors[0].extensions.code, "BAD_USER_INPUT");
    assert.equal((badInput.body as any).errors[0].extensions.field, "in.name");
    const notFound = await same((side) => ({
      method: "POST",
      path: "/api/graphql",
      headers: { ...json, ...bearer(side) },
      body: gql(`mutation { deleteIntegrationSystem(id: "nope") { id } }`),
    }));
    assert.equal((notFound.body as any).errors[0].extensions.code, "NOT_FOUND");
    const syntax = await same((side) => ({ method: "POST", path: "/api/graphql", headers: { ...json, ...bearer(side) }, body: gql(`{ integrationSystems(`) }));
    assert.equal((syntax.body as any).errors[0].extensions.code, "GRAPHQL_PARSE_FAILED");
  });

  test("POST /api/graphql: anonymous, a bad token, a form post", async () => {
    const anonymous = await same(() => ({ method: "POST", path: "/api/graphql", headers: json, body: gql(`{ __typename }`) }));
    assert.equal(anonymous.status, 401);
    assert.equal(anonymous.headers["www-authenticate"], "Bearer");
    const badToken = await same(() => ({
      method: "POST",
      path: "/api/graphql",
      headers: { ...json, authorization: "Bearer cmp_pat_not-a-token" },
      body: gql(`{ __typename }`),
    }));
    assert.equal(badToken.status, 401);
    const formPost = await same(() => ({ method: "POST", path: "/api/graphql", headers: form, body: () => "query=%7B__typename%7D" }));
    assert.equal(formPost.status, 415);
  });

  test("GET /api/graphql: GraphiQL for a signed-in user, the login page for anyone else", async () => {
    const page = await same((side) => ({ path: "/api/graphql", headers: { accept: "text/html", cookie: auth[side].cookie } }));
    assert.equal(page.status, 200);
    assert.match(page.headers["content-type"] ?? "", /^text\/html/);
    assert.match(page.headers["content-security-policy"] ?? "", /script-src 'self' 'nonce-<n>'/);
    const anonymous = await same(() => ({ path: "/api/graphql", headers: { accept: "text/html" } }));
    assert.equal(anonymous.status, 302);
    assert.equal(anonymous.headers.location, "/login?next=/api/graphql");
  });

  test("POST /oauth2/token: a token, and the errors (wrong secret, unsupported grant, a body too large)", async () => {
    const issued = await same((side) => ({
      method: "POST",
      path: "/oauth2/token",
      headers: { ...form, authorization: basic(auth[side].clientId, auth[side].clientSecret) },
      body: () => "grant_type=client_credentials&scope=integration_system%3Aread",
    }));
    assert.equal(issued.status, 200);
    assert.deepEqual(issued.body, {
      access_token: "<jwt>",
      token_type: "Bearer",
      expires_in: (issued.body as any).expires_in,
      scope: "integration_system:read",
    });
    const wrongSecret = await same((side) => ({
      method: "POST",
      path: "/oauth2/token",
      headers: { ...form, authorization: basic(auth[side].clientId, "cmp_cs_wrong") },
      body: () => "grant_type=client_credentials",
    }));
    assert.equal(wrongSecret.status, 401);
    assert.equal((wrongSecret.body as any).error, "invalid_client");
    assert.match(wrongSecret.headers["www-authenticate"] ?? "", /^Basic /);
    const grant = await same((side) => ({
      method: "POST",
      path: "/oauth2/token",
      headers: { ...form, authorization: basic(auth[side].clientId, auth[side].clientSecret) },
      body: () => "grant_type=password",
    }));
    assert.equal((grant.body as any).error, "unsupported_grant_type");
    // Multi-byte text: 3,000 characters, 9,000 bytes, over the 8 KiB a form may have.
    const tooLarge = await same(() => ({
      method: "POST",
      path: "/oauth2/token",
      headers: form,
      body: () => `grant_type=client_credentials&x=${"€".repeat(3000)}`,
    }));
    assert.equal(tooLarge.status, 413);
    const wrongMethod = await same(() => ({ path: "/oauth2/token" }));
    assert.equal(wrongMethod.status, 405);
    assert.equal(wrongMethod.headers.allow, "POST");
  });

  test("POST /oauth2/introspect and /oauth2/revoke", async () => {
    const credentials = (side: Side) => ({ ...form, authorization: basic(auth[side].clientId, auth[side].clientSecret) });
    const active = await same((side) => ({
      method: "POST",
      path: "/oauth2/introspect",
      headers: credentials(side),
      body: (s) => `token=${auth[s].accessToken}`,
    }));
    assert.equal((active.body as any).active, true);
    const revoked = await same((side) => ({ method: "POST", path: "/oauth2/revoke", headers: credentials(side), body: (s) => `token=${auth[s].accessToken}` }));
    assert.equal(revoked.status, 200);
    const inactive = await same((side) => ({
      method: "POST",
      path: "/oauth2/introspect",
      headers: credentials(side),
      body: (s) => `token=${auth[s].accessToken}`,
    }));
    assert.deepEqual(inactive.body, { active: false });
  });

  test("GET /.well-known/oauth-authorization-server and /.well-known/jwks.json", async () => {
    const metadata = await same(() => ({ path: "/.well-known/oauth-authorization-server" }));
    assert.equal((metadata.body as any).issuer, PUBLIC_URL);
    const jwks = await same(() => ({ path: "/.well-known/jwks.json" }));
    assert.equal((jwks.body as any).keys[0].alg, "ES256");
    const preflight = await same(() => ({
      method: "OPTIONS",
      path: "/.well-known/jwks.json",
      headers: { origin: "https://elsewhere.test", "access-control-request-method": "GET" },
    }));
    assert.equal(preflight.status, 204);
  });
});
