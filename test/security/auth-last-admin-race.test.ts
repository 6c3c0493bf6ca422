/**
 * Issue 11, finding 2's class: check-then-act around an await. The last-admin
 * protection counts admins and then deletes: two admins deleting each other
 * at the same moment must leave one admin, not none.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { type Caller, onlyError, setupTestApp } from "@/test/harness";

const app = await setupTestApp();

const DELETE = `mutation($id: ID!) { deleteUser(id: $id) { id } }`;

// Serialised by the database, so a race needs close overlap: repeated.
for (let round = 1; round <= 5; round++) {
  test(`two admins, the only ones, deleting each other in parallel leave one admin (round ${round})`, async () => {
    const a: Caller = await app.newCaller("ADMIN");
    const b: Caller = await app.newCaller("ADMIN");
    // a and b become the only admins.
    const others = await app.db.user.findMany({ where: { role: "ADMIN", id: { notIn: [a.user.id, b.user.id] } } });
    await Promise.all(others.map((user) => app.graphql(DELETE, { id: user.id }, a)));
    assert.equal(await app.db.user.count({ where: { role: "ADMIN" } }), 2);

    const [first, second] = await Promise.all([app.graphql(DELETE, { id: b.user.id }, a), app.graphql(DELETE, { id: a.user.id }, b)]);
    const refused = [first, second].filter((response) => response.body.errors);
    assert.equal(await app.db.user.count({ where: { role: "ADMIN" } }), 1, "one admin is left");
    assert.equal(refused.length, 1, "exactly one of the two deletions is refused");
    // The loser is refused either as the last admin or, already deleted, as unauthenticated.
    assert.ok(["CONFLICT", "UNAUTHENTICATED"].includes(onlyError(refused[0]).extensions.code), JSON.stringify(refused[0].body));
  });
}
