import assert from "node:assert/strict";
import { test } from "node:test";
import { provider, setupTestApp } from "@/test/harness";
import type { Db } from "./db";
import { checkHealth } from "./health";

const app = await setupTestApp();

/** A stand-in database whose only query behaves as given. */
const fakeDb = (query: () => Promise<unknown>) => ({ $queryRawUnsafe: query }) as unknown as Db;

test("ok with a working database", async () => {
  const health = await checkHealth(app.db);
  assert.equal(health.status, "ok");
  assert.equal(health.database.provider, provider);
  assert.equal(health.database.status, "up");
  assert.equal(typeof health.database.latencyMs, "number");
  assert.ok(health.database.latencyMs! >= 0 && health.database.latencyMs! < 2_000);
});

test("unavailable when the query fails", async () => {
  for (const query of [
    () => Promise.reject(new Error("connection refused")),
    () => {
      throw new Error("thrown at once");
    },
  ]) {
    const health = await checkHealth(fakeDb(query as () => Promise<unknown>));
    assert.deepEqual(health, { status: "unavailable", database: { provider, status: "down", message: "the database query failed" } });
  }
});

test("says when the database is unreachable", async () => {
  const refused = Object.assign(new Error("Can't reach database server"), { code: "P1001" });
  const health = await checkHealth(fakeDb(() => Promise.reject(refused)));
  assert.deepEqual(health, { status: "unavailable", database: { provider, status: "down", message: "the database is unreachable" } });
});

test("unavailable after about 2 s when the database never answers", async () => {
  const started = performance.now();
  const health = await checkHealth(fakeDb(() => new Promise(() => {})));
  const elapsed = performance.now() - started;
  assert.deepEqual(health, { status: "unavailable", database: { provider, status: "down", message: "the database did not answer within 2 s" } });
  assert.ok(elapsed >= 1_900 && elapsed < 3_000, `took ${Math.round(elapsed)} ms`);
});

test("a slow but answering database is still ok", async () => {
  const health = await checkHealth(fakeDb(() => new Promise((resolve) => setTimeout(() => resolve([{ 1: 1 }]), 300))));
  assert.equal(health.status, "ok");
  assert.ok(health.database.latencyMs! >= 290);
});
