import assert from "node:assert/strict";
import { test } from "node:test";
import { provider, setupTestApp } from "@/test/harness";
import type { Db } from "./db";
import { checkHealth, checkReadiness, healthAnswer, markShuttingDown } from "./health";

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

test("ready: the database answers and holds this build's newest migration", async () => {
  const readiness = await checkReadiness(app.db);
  assert.deepEqual({ ...readiness, database: readiness.database.status }, { status: "ready", shuttingDown: false, migrations: "done", database: "up" });
});

test("not ready while the newest migration is not applied, or the database does not answer", async () => {
  const pending = await checkReadiness(fakeDb(() => Promise.resolve([])));
  assert.deepEqual({ status: pending.status, migrations: pending.migrations }, { status: "not_ready", migrations: "pending" });
  const down = await checkReadiness(fakeDb(() => Promise.reject(new Error("boom"))));
  assert.deepEqual(
    { status: down.status, migrations: down.migrations, database: down.database.status },
    { status: "not_ready", migrations: "unknown", database: "down" },
  );
  assert.equal((await healthAnswer("/api/health/ready", () => fakeDb(() => Promise.resolve([]))))!.status, 503);
  assert.deepEqual(await healthAnswer("/api/health/live", () => fakeDb(() => Promise.reject(new Error("not asked")))), { status: 200, body: { status: "ok" } });
});

// Last: the flag is for the whole process.
test("not ready once shutting down, however healthy the database", async () => {
  markShuttingDown();
  const readiness = await checkReadiness(app.db);
  assert.deepEqual(
    { status: readiness.status, shuttingDown: readiness.shuttingDown, migrations: readiness.migrations },
    { status: "not_ready", shuttingDown: true, migrations: "done" },
  );
  assert.equal((await checkHealth(app.db)).status, "ok", "/api/health keeps its contract");
});
