/**
 * Issue 11, finding 2's class: check-then-act around an await. A user holds
 * at most API_TOKENS_PER_USER_MAX live API tokens, and a parallel burst of
 * creations cannot push past it.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { API_TOKENS_PER_USER_MAX } from "@/domain/api-tokens/api-token.service";
import { onlyError, setupTestApp } from "@/test/harness";

const app = await setupTestApp();

const CREATE = `mutation($name: String!) { createApiToken(name: $name) { apiToken { id } } }`;

test("a parallel burst of 80 token creations stops at the limit", async () => {
  const caller = await app.newCaller("ADMIN"); // holds one token already
  const responses = await Promise.all(Array.from({ length: 80 }, (_, i) => app.graphql(CREATE, { name: `burst ${i}` }, caller)));
  const created = responses.filter((response) => !response.body.errors).length;
  assert.equal(created, API_TOKENS_PER_USER_MAX - 1);
  assert.equal(await app.db.apiToken.count({ where: { userId: caller.user.id } }), API_TOKENS_PER_USER_MAX);
  const refused = responses.find((response) => response.body.errors)!;
  assert.equal(onlyError(refused).extensions.code, "CONFLICT");
  assert.equal(onlyError(refused).extensions.limit, API_TOKENS_PER_USER_MAX);
});

test("revoking or expiry makes room again; other users are not affected", async () => {
  const caller = await app.newCaller("ADMIN");
  for (let i = 1; i < API_TOKENS_PER_USER_MAX; i++) await app.ok(CREATE, { name: `t${i}` }, caller);
  assert.equal(onlyError(await app.graphql(CREATE, { name: "one too many" }, caller)).extensions.code, "CONFLICT");
  const oldest = await app.db.apiToken.findFirstOrThrow({ where: { userId: caller.user.id, name: "t1" } });
  await app.db.apiToken.update({ where: { id: oldest.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
  await app.ok(CREATE, { name: "after an expiry" }, caller);
  const other = await app.newCaller("ADMIN");
  await app.ok(CREATE, { name: "someone else's" }, other);
});
