/**
 * The authorization server and the resource server over real HTTP (the same
 * fast path server/main.ts serves), with openid-client as the reference client
 * and jose as an independent verifier. Runs on SQLite and PostgreSQL.
 */
import assert from "node:assert/strict";
import http from "node:http";
import { test } from "node:test";
import { SignJWT, createRemoteJWKSet, decodeJwt, decodeProtectedHeader, generateKeyPair, jwtVerify } from "jose";
import * as openid from "openid-client";
import { setupTestApp } from "./harness";

const app = await setupTestApp();
const base = await app.listen();

interface Credentials {
  systemId: string;
  clientId: string;
  clientSecret: string;
  url: string;
}

let systems = 0;
async function newCredentials(systemId?: string, args: { scopes?: string[]; expiresInDays?: number } = {}): Promise<Credentials> {
  const id =
    systemId ??
    (
      await app.ok<{ createIntegrationSystem: { id: string } }>(`mutation($in: IntegrationSystemInput!) { createIntegrationSystem(in: $in) { id } }`, {
        in: { name: `oauth system ${++systems}` },
      })
    ).createIntegrationSystem.id;
  const data = await app.ok<any>(
    `mutation($id: ID!, $days: Int, $scopes: [String!]) { generateClientCredentialsForIntegrationSystem(id: $id, expiresInDays: $days, scopes: $scopes) {
       id auth { credential { ... on OAuthCredentialData { clientId clientSecret url } } } } }`,
    { id, days: args.expiresInDays, scopes: args.scopes },
  );
  const credential = data.generateClientCredentialsForIntegrationSystem.auth.credential;
  return { systemId: id, ...credential };
}

const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString("base64")}`;

async function tokenRequest(body: Record<string, string>, headers: Record<string, string> = {}) {
  const response = await fetch(`${base}/oauth2/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
    body: new URLSearchParams(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null };
}

async function accessToken(credentials: Credentials, scope?: string): Promise<string> {
  const response = await tokenRequest(
    { grant_type: "client_credentials", ...(scope ? { scope } : {}) },
    { authorization: basic(credentials.clientId, credentials.clientSecret) },
  );
  assert.equal(response.status, 200, JSON.stringify(response.body));
  return response.body.access_token;
}

/** A GraphQL call over HTTP with a bearer token. */
async function graphqlAs(token: string, query: string, variables?: Record<string, unknown>) {
  const response = await fetch(`${base}/api/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as { data?: any; errors?: { message: string; extensions: { code: string } }[] },
  };
}

const READ_SYSTEM = `query($id: ID!) { integrationSystem(id: $id) { id name } }`;

async function assertTokenWorks(token: string, systemId: string) {
  const response = await graphqlAs(token, READ_SYSTEM, { id: systemId });
  assert.equal(response.status, 200, JSON.stringify(response.body));
  assert.equal(response.body.errors, undefined);
  assert.equal(response.body.data.integrationSystem.id, systemId);
}

async function assertTokenRefused(token: string) {
  const response = await graphqlAs(token, `{ viewer { kind } }`);
  assert.equal(response.status, 401, JSON.stringify(response.body));
  assert.equal(response.headers.get("www-authenticate"), 'Bearer error="invalid_token"');
  assert.equal(response.body.errors?.[0].extensions.code, "UNAUTHENTICATED");
}

// ---------------------------------------------------------------- the real client

test("openid-client discovers the server from its metadata and gets tokens with Basic and with Post; the token calls GraphQL and verifies against the JWKS", async () => {
  const credentials = await newCredentials();
  for (const auth of [openid.ClientSecretBasic(credentials.clientSecret), openid.ClientSecretPost(credentials.clientSecret)]) {
    const config = await openid.discovery(new URL(base), credentials.clientId, undefined, auth, {
      algorithm: "oauth2",
      execute: [openid.allowInsecureRequests],
    });
    assert.equal(config.serverMetadata().token_endpoint, `${base}/oauth2/token`);
    assert.equal(credentials.url, `http://compass.test/oauth2/token`, "the mutation's url is absolute, from the request's origin");
    const tokens = await openid.clientCredentialsGrant(config, { scope: "integration_system:read" });
    assert.equal(tokens.token_type.toLowerCase(), "bearer");
    assert.equal(tokens.scope, "integration_system:read");
    assert.ok(tokens.expires_in! > 3000 && tokens.expires_in! <= 3600);

    const response = await openid.fetchProtectedResource(
      config,
      tokens.access_token,
      new URL(`${base}/api/graphql`),
      "POST",
      JSON.stringify({ query: READ_SYSTEM, variables: { id: credentials.systemId } }),
      new Headers({ "content-type": "application/json" }),
    );
    assert.equal(response.status, 200);
    assert.equal(((await response.json()) as any).data.integrationSystem.id, credentials.systemId);

    const jwks = createRemoteJWKSet(new URL(config.serverMetadata().jwks_uri!));
    const { payload, protectedHeader } = await jwtVerify(tokens.access_token, jwks, {
      issuer: base,
      audience: `${base}/api/graphql`,
      typ: "at+jwt",
      algorithms: ["ES256"],
    });
    assert.equal(protectedHeader.typ, "at+jwt");
    assert.equal(payload.sub, credentials.clientId);
    assert.equal(payload.client_id, credentials.clientId);
    assert.equal(payload.integration_system_id, credentials.systemId);
    assert.equal(payload.scope, "integration_system:read");
    assert.equal(typeof payload.jti, "string");
    assert.equal(payload.exp! - payload.iat!, 3600);
  }
});

test("metadata (RFC 8414) names every endpoint under the issuer and the supported methods", async () => {
  const response = await fetch(`${base}/.well-known/oauth-authorization-server`);
  assert.equal(response.status, 200);
  // Public and cacheable, without the no-cache Pragma of token answers contradicting it.
  assert.equal(response.headers.get("cache-control"), "public, max-age=300");
  assert.equal(response.headers.get("pragma"), null);
  const jwksResponse = await fetch(`${base}/.well-known/jwks.json`);
  assert.equal(jwksResponse.headers.get("cache-control"), "public, max-age=60");
  assert.equal(jwksResponse.headers.get("pragma"), null);
  const metadata = (await response.json()) as Record<string, unknown>;
  assert.equal(metadata.issuer, base);
  assert.equal(metadata.token_endpoint, `${base}/oauth2/token`);
  assert.equal(metadata.jwks_uri, `${base}/.well-known/jwks.json`);
  assert.equal(metadata.introspection_endpoint, `${base}/oauth2/introspect`);
  assert.equal(metadata.revocation_endpoint, `${base}/oauth2/revoke`);
  assert.deepEqual(metadata.grant_types_supported, ["client_credentials"]);
  assert.deepEqual(metadata.token_endpoint_auth_methods_supported, ["client_secret_basic", "client_secret_post"]);
  assert.deepEqual(metadata.scopes_supported, ["integration_system:read", "application:read", "application:write", "tenant:read"]);
  const jwks = (await (await fetch(`${base}/.well-known/jwks.json`)).json()) as { keys: Record<string, unknown>[] };
  assert.ok(jwks.keys.length >= 1);
  for (const key of jwks.keys) {
    assert.equal(key.kty, "EC");
    assert.equal(key.alg, "ES256");
    assert.equal(typeof key.kid, "string");
    assert.equal(key.d, undefined, "never the private half");
  }
});

test("a successful token response is no-store and carries exactly the RFC 6749 members", async () => {
  const credentials = await newCredentials();
  const response = await tokenRequest({ grant_type: "client_credentials" }, { authorization: basic(credentials.clientId, credentials.clientSecret) });
  assert.equal(response.status, 200);
  assert.equal(response.headers.get("cache-control"), "no-store");
  assert.equal(response.headers.get("pragma"), "no-cache");
  assert.match(response.headers.get("content-type")!, /^application\/json/);
  assert.deepEqual(Object.keys(response.body).sort(), ["access_token", "expires_in", "scope", "token_type"]);
  assert.equal(response.body.token_type, "Bearer");
  assert.equal(response.body.scope, "integration_system:read application:read application:write tenant:read");
  const header = decodeProtectedHeader(response.body.access_token);
  assert.deepEqual(Object.keys(header).sort(), ["alg", "kid", "typ"]);
});

test("client_secret_basic form-decodes id and secret (RFC 6749 §2.3.1)", async () => {
  const credentials = await newCredentials();
  // Encode every character, including ones encodeURIComponent leaves alone: the server must decode them.
  const encodeAll = (value: string) => [...Buffer.from(value)].map((byte) => `%${byte.toString(16).padStart(2, "0")}`).join("");
  const header = `Basic ${Buffer.from(`${encodeAll(credentials.clientId)}:${encodeAll(credentials.clientSecret)}`).toString("base64")}`;
  const response = await tokenRequest({ grant_type: "client_credentials" }, { authorization: header });
  assert.equal(response.status, 200, JSON.stringify(response.body));
});

// ---------------------------------------------------------------- RFC 6749 §5.2 errors

test("token endpoint errors follow RFC 6749 §5.2 with the right status codes", async () => {
  const credentials = await newCredentials();
  const auth = { authorization: basic(credentials.clientId, credentials.clientSecret) };
  const cases: { name: string; body: Record<string, string>; headers?: Record<string, string>; status: number; error: string; basicChallenge?: boolean }[] = [
    { name: "no client authentication", body: { grant_type: "client_credentials" }, status: 401, error: "invalid_client" },
    {
      name: "wrong secret with Basic",
      body: { grant_type: "client_credentials" },
      headers: { authorization: basic(credentials.clientId, "cmp_cs_wrong") },
      status: 401,
      error: "invalid_client",
      basicChallenge: true,
    },
    {
      name: "wrong secret with Post",
      body: { grant_type: "client_credentials", client_id: credentials.clientId, client_secret: "cmp_cs_wrong" },
      status: 401,
      error: "invalid_client",
    },
    {
      name: "unknown client",
      body: { grant_type: "client_credentials" },
      headers: { authorization: basic("0190c3c6-0000-7000-8000-000000000000", credentials.clientSecret) },
      status: 401,
      error: "invalid_client",
    },
    { name: "malformed Basic", body: { grant_type: "client_credentials" }, headers: { authorization: "Basic !!!" }, status: 401, error: "invalid_client" },
    { name: "missing grant_type", body: {}, headers: auth, status: 400, error: "invalid_request" },
    { name: "password grant", body: { grant_type: "password", username: "a", password: "b" }, headers: auth, status: 400, error: "unsupported_grant_type" },
    { name: "authorization_code grant", body: { grant_type: "authorization_code", code: "x" }, headers: auth, status: 400, error: "unsupported_grant_type" },
    // The client is authenticated before the grant type is looked at (as oidc-provider does): a caller who cannot authenticate learns nothing more.
    { name: "password grant without credentials", body: { grant_type: "password", username: "a", password: "b" }, status: 401, error: "invalid_client" },
    {
      name: "password grant with a wrong secret",
      body: { grant_type: "password" },
      headers: { authorization: basic(credentials.clientId, "cmp_cs_wrong") },
      status: 401,
      error: "invalid_client",
    },
    {
      name: "scope not granted",
      body: { grant_type: "client_credentials", scope: "integration_system:write" },
      headers: auth,
      status: 400,
      error: "invalid_scope",
    },
    {
      name: "unknown scope",
      body: { grant_type: "client_credentials", scope: "integration_system:read nope" },
      headers: auth,
      status: 400,
      error: "invalid_scope",
    },
    { name: "malformed scope", body: { grant_type: "client_credentials", scope: 'a"b' }, headers: auth, status: 400, error: "invalid_scope" },
    {
      name: "two authentication methods",
      body: { grant_type: "client_credentials", client_id: credentials.clientId, client_secret: credentials.clientSecret },
      headers: auth,
      status: 400,
      error: "invalid_request",
    },
    {
      name: "client_secret without client_id",
      body: { grant_type: "client_credentials", client_secret: credentials.clientSecret },
      status: 400,
      error: "invalid_request",
    },
  ];
  for (const c of cases) {
    const response = await tokenRequest(c.body, c.headers);
    assert.equal(response.status, c.status, `${c.name}: ${JSON.stringify(response.body)}`);
    assert.equal(response.body.error, c.error, c.name);
    assert.equal(typeof response.body.error_description, "string", c.name);
    assert.ok(!JSON.stringify(response.body).includes(credentials.clientSecret), `${c.name}: the secret is not echoed`);
    assert.equal(response.headers.get("cache-control"), "no-store", c.name);
    if (c.status === 401) assert.match(response.headers.get("www-authenticate") ?? "", /^Basic realm=/, `${c.name}: WWW-Authenticate`);
  }
});

test("a repeated parameter, a non-form body and credentials in the URL are invalid_request", async () => {
  const credentials = await newCredentials();
  const post = (path: string, body: string, type = "application/x-www-form-urlencoded") =>
    fetch(`${base}${path}`, { method: "POST", headers: { "content-type": type, authorization: basic(credentials.clientId, credentials.clientSecret) }, body });
  for (const response of [
    await post("/oauth2/token", "grant_type=client_credentials&grant_type=client_credentials"),
    await post("/oauth2/token", JSON.stringify({ grant_type: "client_credentials" }), "application/json"),
    await post(`/oauth2/token?client_secret=${credentials.clientSecret}`, "grant_type=client_credentials"),
  ]) {
    assert.equal(response.status, 400);
    assert.equal(((await response.json()) as any).error, "invalid_request");
  }
  const big = await post("/oauth2/token", `grant_type=client_credentials&pad=${"x".repeat(20_000)}`);
  assert.equal(big.status, 413);
});

test("only POST on the token, introspection and revocation endpoints; only GET on the documents", async () => {
  for (const path of ["/oauth2/token", "/oauth2/introspect", "/oauth2/revoke"]) {
    for (const method of ["GET", "PUT", "DELETE"]) {
      const response = await fetch(`${base}${path}`, { method });
      assert.equal(response.status, 405, `${method} ${path}`);
      assert.equal(response.headers.get("allow"), "POST");
    }
  }
  for (const path of ["/.well-known/oauth-authorization-server", "/.well-known/jwks.json"]) {
    const response = await fetch(`${base}${path}`, { method: "POST", body: "x" });
    assert.equal(response.status, 405, `POST ${path}`);
    assert.equal((await fetch(`${base}${path}`, { method: "HEAD" })).status, 200, `HEAD ${path}`);
  }
});

// ---------------------------------------------------------------- scopes

test("scope narrowing: a token carries only what was asked for, and fields check their scope", async () => {
  const credentials = await newCredentials();
  const narrow = await accessToken(credentials, "tenant:read");
  assert.equal(decodeJwt(narrow).scope, "tenant:read");
  const refused = await graphqlAs(narrow, READ_SYSTEM, { id: credentials.systemId });
  assert.equal(refused.body.errors?.[0].extensions.code, "FORBIDDEN");
  const full = await accessToken(credentials);
  await assertTokenWorks(full, credentials.systemId);
  const list = await graphqlAs(full, `{ integrationSystems(first: 5) { data { id } } }`);
  assert.equal(list.body.errors, undefined);
});

test("an integration system's token reads integration systems but cannot create, change, delete them or see credentials", async () => {
  const credentials = await newCredentials();
  const token = await accessToken(credentials);
  const viewer = await graphqlAs(token, `{ viewer { kind authMethod clientId user { id } integrationSystem { id } scopes } }`);
  assert.deepEqual(viewer.body.data.viewer, {
    kind: "INTEGRATION_SYSTEM",
    authMethod: "ACCESS_TOKEN",
    clientId: credentials.clientId,
    user: null,
    integrationSystem: { id: credentials.systemId },
    scopes: ["application:read", "application:write", "integration_system:read", "tenant:read"],
  });
  const before = await app.db.integrationSystem.count();
  for (const [query, variables] of [
    [`mutation { createIntegrationSystem(in: {name: "made by a system"}) { id } }`, {}],
    [`mutation($id: ID!) { updateIntegrationSystem(id: $id, in: {name: "renamed"}) { id } }`, { id: credentials.systemId }],
    [`mutation($id: ID!) { deleteIntegrationSystem(id: $id) { id } }`, { id: credentials.systemId }],
    [`mutation($id: ID!) { generateClientCredentialsForIntegrationSystem(id: $id) { id } }`, { id: credentials.systemId }],
    [`mutation($id: ID!) { deleteSystemAuthForIntegrationSystem(id: $id) { id } }`, { id: credentials.clientId }],
    [`mutation { createApiToken(name: "x") { token } }`, {}],
    [`{ auditEvents { data { id } } }`, {}],
  ] as const) {
    const response = await graphqlAs(token, query, variables);
    assert.equal(response.body.errors?.[0].extensions.code, "FORBIDDEN", `${query}: ${JSON.stringify(response.body)}`);
  }
  assert.equal(await app.db.integrationSystem.count(), before);
  // Credentials are not refused but sanitized, as Compass does: ids only, their data null.
  const auths = await graphqlAs(token, `query($id: ID!) { integrationSystem(id: $id) { auths { id secretHint auth { credential { __typename } } } } }`, {
    id: credentials.systemId,
  });
  assert.deepEqual(auths.body, { data: { integrationSystem: { auths: [{ id: credentials.clientId, secretHint: null, auth: null }] } } });
});

// ---------------------------------------------------------------- forged tokens

test("forged and foreign tokens are UNAUTHENTICATED", async () => {
  const credentials = await newCredentials();
  const good = await accessToken(credentials);
  const [header, payload, signature] = good.split(".");
  const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const claims = decodeJwt(good);
  const ownHeader = decodeProtectedHeader(good);
  const attacker = await generateKeyPair("ES256");
  const forged = {
    "alg none": `${b64({ alg: "none", typ: "at+jwt", kid: ownHeader.kid })}.${payload}.`,
    "HS256 with the public key as secret": await new SignJWT(claims)
      .setProtectedHeader({ alg: "HS256", typ: "at+jwt", kid: ownHeader.kid })
      .sign(new TextEncoder().encode(JSON.stringify(((await (await fetch(`${base}/.well-known/jwks.json`)).json()) as any).keys[0]))),
    "unknown kid": await new SignJWT(claims).setProtectedHeader({ alg: "ES256", typ: "at+jwt", kid: "not-a-key" }).sign(attacker.privateKey),
    "right kid, another key": await new SignJWT(claims).setProtectedHeader({ alg: "ES256", typ: "at+jwt", kid: ownHeader.kid }).sign(attacker.privateKey),
    "tampered payload": `${header}.${b64({ ...claims, scope: "integration_system:write" })}.${signature}`,
    "tampered signature": `${header}.${payload}.${signature.slice(0, -4)}${signature.slice(-4) === "AAAA" ? "BBBB" : "AAAA"}`,
    "not a JWT": "hello",
    "typ JWT": await new SignJWT(claims).setProtectedHeader({ alg: "ES256", typ: "JWT", kid: ownHeader.kid }).sign(attacker.privateKey),
  };
  for (const [name, token] of Object.entries(forged)) {
    const response = await graphqlAs(token, `{ viewer { kind } }`);
    assert.equal(response.status, 401, `${name}: ${JSON.stringify(response.body)}`);
    assert.equal(response.body.errors?.[0].extensions.code, "UNAUTHENTICATED", name);
  }
  await assertTokenWorks(good, credentials.systemId);
});

test("a token is only good at the origin that issued it: iss and aud are checked", async () => {
  const credentials = await newCredentials();
  const token = await accessToken(credentials);
  // The same token presented under another Host is another issuer's (fetch cannot set Host).
  const status = await new Promise<number>((resolve, reject) => {
    const request = http.request(`${base}/api/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}`, host: "evil.test" },
    });
    request.on("response", (response) => {
      response.resume();
      resolve(response.statusCode!);
    });
    request.on("error", reject);
    request.end(JSON.stringify({ query: "{ viewer { kind } }" }));
  });
  assert.equal(status, 401);
});

// ---------------------------------------------------------------- deletion, revocation, expiry

test("a deleted credential's token is refused at once while a sibling credential keeps working", async () => {
  const first = await newCredentials();
  const second = await newCredentials(first.systemId);
  const firstToken = await accessToken(first);
  const secondToken = await accessToken(second);
  await assertTokenWorks(firstToken, first.systemId);
  await app.ok(`mutation($id: ID!) { deleteSystemAuthForIntegrationSystem(id: $id) { id } }`, { id: first.clientId });
  await assertTokenRefused(firstToken);
  await assertTokenWorks(secondToken, first.systemId);
  const again = await tokenRequest({ grant_type: "client_credentials" }, { authorization: basic(first.clientId, first.clientSecret) });
  assert.equal(again.status, 401);
  assert.equal(again.body.error, "invalid_client");
  assert.equal((await tokenRequest({ grant_type: "client_credentials" }, { authorization: basic(second.clientId, second.clientSecret) })).status, 200);
});

test("deleting an integration system refuses every token of all its credentials at once", async () => {
  const first = await newCredentials();
  const second = await newCredentials(first.systemId);
  const tokens = [await accessToken(first), await accessToken(second)];
  for (const token of tokens) await assertTokenWorks(token, first.systemId);
  await app.ok(`mutation($id: ID!) { deleteIntegrationSystem(id: $id) { id } }`, { id: first.systemId });
  for (const token of tokens) await assertTokenRefused(token);
  assert.equal(await app.db.systemAuth.count({ where: { integrationSystemId: first.systemId } }), 0);
});

test("an expired credential gets no tokens, its tokens stop working, and tokens never outlive it", async () => {
  const credentials = await newCredentials(undefined, { expiresInDays: 1 });
  const token = await accessToken(credentials);
  assert.equal(decodeJwt(token).exp! - decodeJwt(token).iat!, 3600);
  // Let the credential expire in 2 s.
  await app.db.systemAuth.update({ where: { id: credentials.clientId }, data: { expiresAt: new Date(Date.now() + 2000) } });
  await new Promise((resolve) => setTimeout(resolve, 1100)); // past the cache's freshness
  const capped = await accessToken(credentials);
  assert.ok(decodeJwt(capped).exp! - decodeJwt(capped).iat! <= 2, "a token expires with its credential");
  await new Promise((resolve) => setTimeout(resolve, 2000));
  await assertTokenRefused(token);
  const refused = await tokenRequest({ grant_type: "client_credentials" }, { authorization: basic(credentials.clientId, credentials.clientSecret) });
  assert.equal(refused.status, 401);
  assert.equal(refused.body.error, "invalid_client");
});

// ---------------------------------------------------------------- introspection and revocation

async function formPost(path: string, body: Record<string, string>, headers: Record<string, string>) {
  const response = await fetch(`${base}${path}`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
    body: new URLSearchParams(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null };
}

test("introspection (RFC 7662): a client sees its own tokens, others' are inactive, an admin sees any", async () => {
  const mine = await newCredentials();
  const other = await newCredentials();
  const token = await accessToken(mine, "integration_system:read");
  const own = await formPost("/oauth2/introspect", { token }, { authorization: basic(mine.clientId, mine.clientSecret) });
  assert.equal(own.status, 200);
  assert.equal(own.body.active, true);
  assert.equal(own.body.client_id, mine.clientId);
  assert.equal(own.body.scope, "integration_system:read");
  assert.equal(own.body.integration_system_id, mine.systemId);
  assert.equal(typeof own.body.exp, "number");
  assert.equal(own.headers.get("cache-control"), "no-store");

  const foreign = await formPost("/oauth2/introspect", { token }, { authorization: basic(other.clientId, other.clientSecret) });
  assert.deepEqual(foreign.body, { active: false });
  const admin = await formPost("/oauth2/introspect", { token }, { authorization: `Bearer ${app.admin.token}` });
  assert.equal(admin.body.active, true);
  const viewer = await formPost("/oauth2/introspect", { token }, { authorization: `Bearer ${app.viewer.token}` });
  assert.equal(viewer.status, 401, "a viewer's API token may not introspect");
  const garbage = await formPost("/oauth2/introspect", { token: "garbage" }, { authorization: basic(mine.clientId, mine.clientSecret) });
  assert.deepEqual(garbage.body, { active: false });
  const anonymous = await formPost("/oauth2/introspect", { token }, {});
  assert.equal(anonymous.status, 401);
  assert.equal(anonymous.body.error, "invalid_client");
  const missing = await formPost("/oauth2/introspect", {}, { authorization: basic(mine.clientId, mine.clientSecret) });
  assert.equal(missing.status, 400);
  assert.equal(missing.body.error, "invalid_request");

  // openid-client agrees.
  const config = await openid.discovery(new URL(base), mine.clientId, undefined, openid.ClientSecretBasic(mine.clientSecret), {
    algorithm: "oauth2",
    execute: [openid.allowInsecureRequests],
  });
  assert.equal((await openid.tokenIntrospection(config, token)).active, true);
});

test("revocation (RFC 7009): the revoked token stops working at once, the client's other tokens keep working, unknown tokens answer 200", async () => {
  const credentials = await newCredentials();
  const other = await newCredentials();
  const revoked = await accessToken(credentials);
  const kept = await accessToken(credentials);
  const auth = { authorization: basic(credentials.clientId, credentials.clientSecret) };

  // Another client cannot revoke it (and learns nothing: 200 all the same).
  const foreign = await formPost("/oauth2/revoke", { token: revoked }, { authorization: basic(other.clientId, other.clientSecret) });
  assert.equal(foreign.status, 200);
  await assertTokenWorks(revoked, credentials.systemId);

  const config = await openid.discovery(new URL(base), credentials.clientId, undefined, openid.ClientSecretPost(credentials.clientSecret), {
    algorithm: "oauth2",
    execute: [openid.allowInsecureRequests],
  });
  await openid.tokenRevocation(config, revoked, { token_type_hint: "access_token" });
  await assertTokenRefused(revoked);
  await assertTokenWorks(kept, credentials.systemId);
  assert.deepEqual((await formPost("/oauth2/introspect", { token: revoked }, auth)).body, { active: false });

  for (const token of ["unknown", revoked]) {
    const response = await formPost("/oauth2/revoke", { token, token_type_hint: "refresh_token" }, auth);
    assert.equal(response.status, 200);
  }
  assert.equal((await formPost("/oauth2/revoke", { token: kept }, {})).status, 401);
  assert.equal((await formPost("/oauth2/revoke", {}, auth)).body.error, "invalid_request");
  const audit = await app.db.auditEvent.findMany({ where: { action: "ACCESS_TOKEN_REVOKED", objectId: credentials.systemId } });
  assert.equal(audit.length, 1, "one audit event for the one revocation");
  assert.equal(audit[0].actorType, "INTEGRATION_SYSTEM");
  assert.ok(!audit[0].details!.includes(revoked) && !audit[0].details!.includes(credentials.clientSecret));
});

// ---------------------------------------------------------------- throttling

test("failed client authentications are throttled per client id and per address, without locking out the real client", async () => {
  const credentials = await newCredentials();
  const attempt = (secret: string, address: string) =>
    tokenRequest({ grant_type: "client_credentials" }, { authorization: basic(credentials.clientId, secret), "x-compass-client-address": address });
  // Five failures are free; the fifth starts the wait.
  for (let i = 0; i < 5; i++) assert.equal((await attempt("cmp_cs_guess", "10.0.0.1")).status, 401);
  const throttled = await attempt("cmp_cs_guess", "10.0.0.1");
  assert.equal(throttled.status, 429);
  assert.equal(throttled.body.error, "temporarily_unavailable");
  assert.ok(Number(throttled.headers.get("retry-after")) >= 1);
  // Even the right secret waits at the attacking address...
  assert.equal((await attempt(credentials.clientSecret, "10.0.0.1")).status, 429);
  // ...a new attacking address is held back after its first failure...
  assert.equal((await attempt("cmp_cs_guess", "10.0.0.2")).status, 401);
  assert.equal((await attempt("cmp_cs_guess", "10.0.0.2")).status, 429);
  // ...while the real client, elsewhere, keeps getting tokens.
  assert.equal((await attempt(credentials.clientSecret, "10.0.0.3")).status, 200);
  // And once the wait is over (a few seconds), the right secret works from the attacking address too.
  const waiting = await attempt(credentials.clientSecret, "10.0.0.1");
  assert.equal(waiting.status, 429);
  const seconds = Number(waiting.headers.get("retry-after"));
  assert.ok(seconds >= 1 && seconds <= 4, `a short wait, got ${seconds} s`);
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000 + 100));
  assert.equal((await attempt(credentials.clientSecret, "10.0.0.1")).status, 200);

  // One address guessing across many client ids is held back too.
  for (let i = 0; i < 20; i++) {
    await tokenRequest(
      { grant_type: "client_credentials" },
      { authorization: basic(`0190c3c6-0000-7000-8000-${String(i).padStart(12, "0")}`, "x"), "x-compass-client-address": "10.0.0.9" },
    );
  }
  const blocked = await tokenRequest(
    { grant_type: "client_credentials" },
    { authorization: basic(credentials.clientId, credentials.clientSecret), "x-compass-client-address": "10.0.0.9" },
  );
  assert.equal(blocked.status, 429);
});

// ---------------------------------------------------------------- bookkeeping

test("lastUsedAt is recorded for the credential that got a token", async () => {
  const credentials = await newCredentials();
  const before = await app.db.systemAuth.findUniqueOrThrow({ where: { id: credentials.clientId } });
  assert.equal(before.lastUsedAt, null);
  await accessToken(credentials);
  await app.instance.oauth2.clients.flushLastUsed();
  const after = await app.db.systemAuth.findUniqueOrThrow({ where: { id: credentials.clientId } });
  assert.ok(after.lastUsedAt && Date.now() - after.lastUsedAt.getTime() < 10_000);
  const read = await app.ok<any>(
    `query($id: ID!) { integrationSystem(id: $id) { auths { id lastUsedAt secretHint auth { credential { ... on OAuthCredentialData { clientSecret } } } } } }`,
    { id: credentials.systemId },
  );
  assert.equal(read.integrationSystem.auths[0].lastUsedAt, after.lastUsedAt!.toISOString());
  assert.equal(read.integrationSystem.auths[0].auth.credential.clientSecret, null, "the secret is never read back");
  assert.equal(read.integrationSystem.auths[0].secretHint, credentials.clientSecret.slice(-4));
});
