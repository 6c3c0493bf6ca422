/**
 * Issue 11, finding 2's class: check-then-act around an await. A one-time
 * setup link under a parallel burst: exactly one request may use it.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { POST as setupRoute } from "@/app/api/auth/setup/route";
import { ensureFirstAdmin } from "@/domain/users/user.service";
import { startup } from "@/app/startup";
import { PASSWORD, TEST_ORIGIN, setupTestApp } from "@/test/harness";

const app = await setupTestApp();
// Run start-up while users exist, so the route's own start-up hands out no link of its own.
await startup();

// The race needs two transactions to overlap closely, so the burst is repeated.
for (let round = 1; round <= 5; round++)
  test(`40 parallel requests with one setup link create exactly one admin (round ${round})`, async () => {
    await app.db.apiToken.deleteMany({});
    await app.db.session.deleteMany({});
    await app.db.user.deleteMany({});
    const { setupToken } = await ensureFirstAdmin(app.db, { email: null, password: null });
    assert.ok(setupToken);
    const responses = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        setupRoute(
          new Request(`${TEST_ORIGIN}/api/auth/setup`, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ token: setupToken, email: `first-admin-${i}@example.test`, password: PASSWORD }),
          }),
        ),
      ),
    );
    const statuses = responses.map((response) => response.status);
    assert.equal(statuses.filter((status) => status === 204).length, 1, `exactly one succeeds, got ${statuses.join(",")}`);
    assert.equal(statuses.filter((status) => status === 400).length, 39);
    assert.equal(await app.db.user.count(), 1, "one admin");
    assert.equal(await app.db.setupToken.count(), 0, "the link is used up");
  });
