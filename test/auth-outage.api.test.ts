/**
 * The /api/auth/* routes share the failure policy of the other ways in
 * (app/api/auth/json-route.ts): a database outage is 503 with Retry-After,
 * a bug a 500 with an error id, never Next's bare 500.
 */
import { getInstance } from "@/app/instance";
import { processSlots } from "@/lib/process-slots";
import assert from "node:assert/strict";
import net from "node:net";
import { after, test } from "node:test";
import { POST as loginRoute } from "@/app/api/auth/login/route";
import { POST as setupRoute } from "@/app/api/auth/setup/route";
import { startup } from "@/app/startup";
import { type Db, createDb } from "@/lib/db";
import { RETRY_AFTER_SECONDS } from "@/lib/db-errors";
import { PASSWORD, TEST_ORIGIN, setupTestApp } from "./harness";

const app = await setupTestApp();
await startup();

/** A PostgreSQL address nothing listens on: every query fails as a refused connection. */
async function deadDatabase(): Promise<Db> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  const db = createDb(`postgresql://postgres@127.0.0.1:${port}/compass`);
  after(() => db.$disconnect().catch(() => undefined));
  return db;
}

/** Runs `call` with the process's instance (getInstance(), which the route files use) on `db` instead. */
async function withDatabase<T>(db: Db, call: () => Promise<T>): Promise<T> {
  const live = processSlots.instance;
  processSlots.instance = { ...getInstance(), db };
  try {
    return await call();
  } finally {
    processSlots.instance = live;
  }
}

let addresses = 0;
const post = (route: (request: Request) => Promise<Response>, path: string, body: unknown) =>
  route(
    new Request(`${TEST_ORIGIN}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-compass-client-address": `203.0.113.${++addresses}` },
      body: JSON.stringify(body),
    }),
  );

test("signing in during a database outage answers 503 with Retry-After", async () => {
  const dead = await deadDatabase();
  const response = await withDatabase(dead, () => post(loginRoute, "/api/auth/login", { email: "someone@example.test", password: PASSWORD }));
  assert.equal(response.status, 503);
  assert.equal(response.headers.get("retry-after"), String(RETRY_AFTER_SECONDS));
  assert.equal(response.headers.get("cache-control"), "no-store");
  assert.equal(response.headers.get("set-cookie"), null);
  assert.deepEqual(await response.json(), { error: "temporarily_unavailable", message: "The database is unavailable: retry shortly" });
});

test("a bug in a sign-in answers 500 with an error id and no details", async () => {
  const broken = new Proxy(app.db, {
    get: (target, property) =>
      property === "user"
        ? { findUnique: () => Promise.reject(new Error("Invalid `prisma.user.findUnique()` invocation: secret detail")) }
        : Reflect.get(target, property),
  });
  const response = await withDatabase(broken, () => post(loginRoute, "/api/auth/login", { email: "someone@example.test", password: PASSWORD }));
  assert.equal(response.status, 500);
  const body = (await response.json()) as { error: string; message: string };
  assert.equal(body.error, "server_error");
  assert.match(body.message, /^Internal server error \(error id [0-9a-f-]{36}\)$/);
  assert.ok(!JSON.stringify(body).includes("secret detail"));
});

test("a setup request during a database outage answers 503 with Retry-After", async () => {
  const dead = await deadDatabase();
  const response = await withDatabase(dead, () =>
    post(setupRoute, "/api/auth/setup", { token: `cmp_setup_${"A".repeat(43)}`, email: "first@example.test", password: PASSWORD }),
  );
  assert.equal(response.status, 503);
  assert.equal(response.headers.get("retry-after"), String(RETRY_AFTER_SECONDS));
});
