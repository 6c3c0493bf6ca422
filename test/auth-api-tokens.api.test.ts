/**
 * Personal API tokens: shown once, stored as a hash, revoked, expired,
 * owned by one user, and validated on creation.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { sha256 } from "@/lib/crypto";
import { API_TOKEN_FRESHNESS_MS } from "@/domain/api-tokens/api-token-cache";
import { VIEWER_QUERY, assertUnauthenticated, authSupport } from "./auth-support";
import { onlyError, recordSecret, setupTestApp } from "./harness";

const app = await setupTestApp();
const { snapshot, assertUnchanged, newCaller } = authSupport(app);

// ---------------------------------------------------------------------------
// personal API tokens

const CREATE_TOKEN = `mutation($name: String!, $days: Int) {
  createApiToken(name: $name, expiresInDays: $days) { token apiToken { id name createdAt lastUsedAt expiresAt } } }`;

test("an API token is shown once, listed without its secret, stored as a hash, and acts as its user", async () => {
  const admin = await newCaller("ADMIN");
  const created = (await app.ok<any>(CREATE_TOKEN, { name: "  deploy bot  ", days: 30 }, admin)).createApiToken;
  const { token, apiToken } = created;
  assert.match(token, /^cmp_pat_[A-Za-z0-9_-]{43}$/);
  assert.equal(apiToken.name, "deploy bot");
  const days = (Date.parse(apiToken.expiresAt) - Date.now()) / 86_400_000;
  assert.ok(days > 29.9 && days <= 30, `expires in 30 days, got ${days}`);

  // Listed for its owner, without the secret; ApiToken has no field that could hold it.
  const listed = (await app.ok<any>(`{ apiTokens { id name createdAt lastUsedAt expiresAt } }`, {}, admin)).apiTokens;
  // Its owner's tokens: the one made by newCaller and this one.
  const ownedIds = (await app.db.apiToken.findMany({ where: { userId: admin.user.id }, select: { id: true } })).map((row) => row.id);
  assert.equal(ownedIds.length, 2);
  assert.deepEqual(listed.map((row: { id: string }) => row.id).sort(), ownedIds.sort());
  assert.deepEqual(
    listed.find((row: { id: string }) => row.id === apiToken.id),
    apiToken,
  );
  assert.ok(!JSON.stringify(listed).includes(token.slice("cmp_pat_".length)));
  const fields = (await app.ok<any>(`{ __type(name: "ApiToken") { fields { name } } }`, {}, admin)).__type.fields;
  assert.deepEqual(fields.map((field: { name: string }) => field.name).sort(), [
    "createdAt",
    "expiresAt",
    "id",
    "lastUsedAt",
    "name",
    "owner",
    "readOnly",
    "scopes",
  ]);
  // Other users do not see it.
  const theirs = (await app.ok<any>(`{ apiTokens { id } }`, {}, app.admin)).apiTokens;
  assert.ok(!theirs.some((row: { id: string }) => row.id === apiToken.id));

  // At rest: only the hash.
  const row = await app.db.apiToken.findUniqueOrThrow({ where: { id: apiToken.id } });
  assert.equal(row.tokenHash, sha256(token));
  assert.ok(!JSON.stringify(row).includes(token.slice("cmp_pat_".length)));

  const viewer = await app.graphql(VIEWER_QUERY, {}, { token });
  assert.equal(viewer.status, 200);
  assert.deepEqual(
    { ...viewer.body.data!.viewer, scopes: undefined },
    { kind: "USER", role: "ADMIN", authMethod: "API_TOKEN", scopes: undefined, user: { id: admin.user.id, email: admin.user.email, role: "ADMIN" } },
  );
});

test("a revoked API token answers 401", async () => {
  const admin = await newCaller("ADMIN");
  const { token, apiToken } = (await app.ok<any>(CREATE_TOKEN, { name: "short-lived" }, admin)).createApiToken;
  assert.equal(apiToken.expiresAt, null, "no expiry when expiresInDays is omitted");
  assert.equal((await app.graphql(VIEWER_QUERY, {}, { token })).status, 200);
  const revoked = (await app.ok<any>(`mutation($id: ID!) { revokeApiToken(id: $id) { id name } }`, { id: apiToken.id }, admin)).revokeApiToken;
  assert.deepEqual(revoked, { id: apiToken.id, name: "short-lived" });
  assertUnauthenticated(await app.graphql(VIEWER_QUERY, {}, { token }));
  assert.equal(await app.db.apiToken.count({ where: { id: apiToken.id } }), 0);
  // The caller's other token is untouched.
  assert.equal((await app.graphql(VIEWER_QUERY, {}, admin)).status, 200);
});

test("an expired API token answers 401", async () => {
  const admin = await newCaller("ADMIN");
  const { token, apiToken } = (await app.ok<any>(CREATE_TOKEN, { name: "expiring", days: 1 }, admin)).createApiToken;
  assert.equal((await app.graphql(VIEWER_QUERY, {}, { token })).status, 200);
  // Moved into the past behind the server's back, as another instance would
  // write it: seen once the cache's freshness window has passed. (Expiry as
  // time passes is checked on every use: domain/api-tokens/api-token-cache.test.ts.)
  await app.db.apiToken.update({ where: { id: apiToken.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
  await new Promise((resolve) => setTimeout(resolve, API_TOKEN_FRESHNESS_MS));
  assertUnauthenticated(await app.graphql(VIEWER_QUERY, {}, { token }));
});

test("unknown bearer tokens and malformed Authorization headers answer 401", async () => {
  for (const authorization of [
    `Bearer cmp_pat_${"A".repeat(43)}`,
    "Bearer some-other-token",
    "Basic dXNlcjpwYXNz",
    "Bearer",
    `Bearer ${app.admin.token} extra`,
  ]) {
    assertUnauthenticated(await app.graphql(VIEWER_QUERY, {}, { headers: { authorization } }));
  }
});

test("a non-admin revoking or listing another user's API token: NOT_FOUND / FORBIDDEN, and it keeps working", async () => {
  const other = await newCaller("ADMIN");
  const before = await snapshot();
  for (const victim of [other, app.admin]) {
    const victimTokenId = (await app.db.apiToken.findFirstOrThrow({ where: { userId: victim.user.id } })).id;
    const response = await app.graphql(`mutation($id: ID!) { revokeApiToken(id: $id) { id } }`, { id: victimTokenId }, app.viewer);
    assert.equal(onlyError(response).extensions.code, "NOT_FOUND");
    assert.equal((await app.graphql(VIEWER_QUERY, {}, victim)).status, 200);
    const listed = await app.graphql(`query($id: ID!) { apiTokens(userId: $id) { id } }`, { id: victim.user.id }, app.viewer);
    assert.equal(onlyError(listed).extensions.code, "FORBIDDEN");
  }
  await assertUnchanged(before, "revoking another user's token");
});

test("a demotion is immediate for the user's API tokens, and admins list and revoke a demoted user's tokens (issue 20, finding 8)", async () => {
  const demoted = await newCaller("ADMIN");
  const spare = (await app.ok<any>(CREATE_TOKEN, { name: "spare" }, demoted)).createApiToken;
  recordSecret(spare.token);
  // Cached as an ADMIN by this use.
  assert.equal((await app.graphql(VIEWER_QUERY, {}, demoted)).body.data!.viewer.role, "ADMIN");
  await app.ok(`mutation($id: ID!) { changeUserRole(id: $id, role: VIEWER) { id } }`, { id: demoted.user.id });
  // The very next request, well within the cache's freshness: no more writes.
  const write = await app.graphql(`mutation { createTenant(in: { externalId: "after-demotion", name: "x" }) { id } }`, {}, demoted);
  assert.equal(onlyError(write).extensions.code, "FORBIDDEN");
  assert.equal((await app.graphql(VIEWER_QUERY, {}, demoted)).body.data!.viewer.role, "VIEWER");

  // An admin sees the demoted user's tokens, and revokes one: refused at once.
  const listed = await app.ok<any>(`query($id: ID!) { apiTokens(userId: $id) { id name } }`, { id: demoted.user.id });
  assert.deepEqual(listed.apiTokens.map((token: { name: string }) => token.name).sort(), ["spare", "tests"]);
  const revoked = await app.ok<any>(`mutation($id: ID!) { revokeApiToken(id: $id) { id name } }`, { id: spare.apiToken.id });
  assert.equal(revoked.revokeApiToken.name, "spare");
  assertUnauthenticated(await app.graphql(VIEWER_QUERY, {}, { token: spare.token }));
  const [event] = await app.db.auditEvent.findMany({ where: { action: "API_TOKEN_REVOKED", objectId: spare.apiToken.id } });
  assert.deepEqual({ actor: event.actorId, details: JSON.parse(event.details!) }, { actor: app.admin.user.id, details: { userId: demoted.user.id } });

  // The demoted user, now a VIEWER, may give up their own last token too.
  const own = (await app.ok<any>(`{ apiTokens { id } }`, {}, demoted)).apiTokens;
  assert.equal(own.length, 1);
  const self = await app.graphql(`mutation($id: ID!) { revokeApiToken(id: $id) { id } }`, { id: own[0].id }, demoted);
  assert.equal(self.body.errors, undefined, JSON.stringify(self.body.errors));
  assertUnauthenticated(await app.graphql(VIEWER_QUERY, {}, demoted));
});

test("createApiToken refuses expiresInDays outside 1-365 and empty names with BAD_USER_INPUT", async () => {
  const before = await snapshot();
  for (const [variables, field] of [
    [{ name: "zero", days: 0 }, "expiresInDays"],
    [{ name: "too long", days: 366 }, "expiresInDays"],
    [{ name: "negative", days: -1 }, "expiresInDays"],
    [{ name: "   " }, "name"],
    [{ name: "x".repeat(65) }, "name"],
  ] as const) {
    const error = onlyError(await app.graphql(CREATE_TOKEN, variables, app.admin));
    assert.equal(error.extensions.code, "BAD_USER_INPUT", JSON.stringify(variables));
    assert.equal(error.extensions.field, field);
  }
  await assertUnchanged(before, "refused token creations");
});
