/**
 * Access-token claims, one at a time. Each forgery is signed with the
 * server's OWN current signing key (read from the test's database through the
 * product's key ring), so the signature is valid and the only thing wrong is
 * the one claim or header the case changes. Each must be refused both where
 * the token is used (401 UNAUTHENTICATED on /api/graphql) and where it is
 * looked at (active: false on introspection, asked by an admin, who may
 * introspect any token).
 */
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { test } from "node:test";
import { CompactSign } from "jose";
import { createIntegrationSystem } from "@/domain/integration-systems/integration-system.service";
import { generateClientCredentials } from "@/domain/credentials/system-auth.service";
import { KeyRing } from "@/oauth2/signing-keys";
import { recordSecret, setupTestApp } from "@/test/harness";

const app = await setupTestApp();
const base = await app.listen();
const ISSUER = base;
const AUDIENCE = `${base}/api/graphql`;

async function newCredential(name: string, scopes: string[]) {
  const system = await createIntegrationSystem(app.db, app.admin.principal, { name });
  const credential = await generateClientCredentials(app.db, app.admin.principal, system.id, { scopes });
  recordSecret(credential.clientSecret);
  return { systemId: system.id, clientId: credential.id };
}

// Ours may read integration systems and tenants, nothing else.
const ours = await newCredential("jwt claims system", ["integration_system:read", "tenant:read"]);
const theirs = await newCredential("another system", ["integration_system:read", "tenant:read", "application:read", "application:write"]);

/** The server's own signing key, as the token endpoint would use it. */
const signingKey = await new KeyRing(app.db, 3600).activeKey();
const now = () => Math.floor(Date.now() / 1000);

type Claims = Record<string, unknown>;
/** A token exactly like an issued one, with `change` applied to its claims (undefined removes a claim) and header. */
async function forge(change: { claims?: Claims; header?: Claims } = {}): Promise<string> {
  const issuedAt = now();
  const claims: Claims = {
    iss: ISSUER,
    sub: ours.clientId,
    aud: AUDIENCE,
    client_id: ours.clientId,
    integration_system_id: ours.systemId,
    scope: "integration_system:read tenant:read",
    jti: randomUUID(),
    iat: issuedAt,
    exp: issuedAt + 300,
    ...change.claims,
  };
  const header: Claims = { alg: "ES256", typ: "at+jwt", kid: signingKey.kid, ...change.header };
  return new CompactSign(new TextEncoder().encode(JSON.stringify(withoutUndefined(claims))))
    .setProtectedHeader(withoutUndefined(header) as { alg: string })
    .sign(signingKey.privateKey);
}

function withoutUndefined(object: Claims): Claims {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined));
}

async function useToken(token: string) {
  const response = await fetch(`${base}/api/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: `{ viewer { kind clientId scopes } }` }),
  });
  return { status: response.status, body: (await response.json()) as { data?: any; errors?: { extensions: { code: string } }[] } };
}

async function introspect(token: string) {
  const response = await fetch(`${base}/oauth2/introspect`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", authorization: `Bearer ${app.admin.token}` },
    body: new URLSearchParams({ token }),
  });
  assert.equal(response.status, 200);
  return (await response.json()) as Record<string, unknown>;
}

async function assertRefused(token: string, what: string) {
  const used = await useToken(token);
  assert.equal(used.status, 401, `${what}: ${JSON.stringify(used.body)}`);
  assert.equal(used.body.errors?.length, 1, what);
  assert.equal(used.body.errors![0].extensions.code, "UNAUTHENTICATED", what);
  assert.equal(used.body.data, undefined, what);
  assert.deepEqual(await introspect(token), { active: false }, what);
}

test("the forgery machinery itself: an unchanged token signed with the server's key is accepted", async () => {
  // Without this, every refusal below could be about the forging, not the claim.
  const token = await forge();
  const used = await useToken(token);
  assert.equal(used.status, 200, JSON.stringify(used.body));
  assert.deepEqual(used.body.data, { viewer: { kind: "INTEGRATION_SYSTEM", clientId: ours.clientId, scopes: ["integration_system:read", "tenant:read"] } });
  const introspection = await introspect(token);
  assert.equal(introspection.active, true);
  assert.equal(introspection.client_id, ours.clientId);
});

const cases: [string, { claims?: Claims; header?: Claims }][] = [
  ["typ: JWT instead of at+jwt", { header: { typ: "JWT" } }],
  ["typ: missing", { header: { typ: undefined } }],
  ["aud: another server's API", { claims: { aud: "https://elsewhere.example/api/graphql" } }],
  ["aud: the issuer rather than its API", { claims: { aud: ISSUER } }],
  ["aud: a list holding ours and another", { claims: { aud: [AUDIENCE, "https://elsewhere.example/api/graphql"] } }],
  ["aud: missing", { claims: { aud: undefined } }],
  ["iss: another issuer", { claims: { iss: "https://elsewhere.example" } }],
  ["iss: ours with a trailing slash", { claims: { iss: `${ISSUER}/` } }],
  ["iss: missing", { claims: { iss: undefined } }],
  ["exp: a minute ago", { claims: { exp: now() - 60 } }],
  ["exp: missing", { claims: { exp: undefined } }],
  ["nbf: in two minutes", { claims: { nbf: now() + 120 } }],
  ["iat: in two minutes", { claims: { iat: now() + 120, exp: now() + 420 } }],
  ["iat: missing", { claims: { iat: undefined } }],
  ["client_id: another client than sub", { claims: { client_id: theirs.clientId } }],
  ["client_id and sub: another existing client, integration_system_id ours", { claims: { client_id: theirs.clientId, sub: theirs.clientId } }],
  ["client_id and sub: a client that does not exist", { claims: { client_id: randomUUID(), sub: randomUUID() } }],
  ["client_id: missing", { claims: { client_id: undefined } }],
  ["scope: one the client does not have", { claims: { scope: "integration_system:read application:write" } }],
  ["scope: one this server does not know", { claims: { scope: "integration_system:read admin:all" } }],
  ["scope: missing", { claims: { scope: undefined } }],
  ["integration_system_id: another system's", { claims: { integration_system_id: theirs.systemId } }],
  ["integration_system_id: missing", { claims: { integration_system_id: undefined } }],
  ["jti: missing", { claims: { jti: undefined } }],
];

for (const [what, change] of cases) {
  test(`a token signed with the server's own key is refused when only one thing differs: ${what}`, async () => {
    await assertRefused(await forge(change), what);
  });
}

test("a client_id that does not match sub is refused even when both name existing clients", async () => {
  // The reverse of the case above: sub names the other client.
  await assertRefused(await forge({ claims: { sub: theirs.clientId } }), "sub: another client than client_id");
});
