/**
 * SIGTERM with slow requests in flight (server/shutdown.ts): readiness fails
 * at once, new connections are refused after the grace period, a request in
 * flight finishes and its write is kept, one that never finishes is cut at
 * SHUTDOWN_TIMEOUT_SECONDS, the batched lastUsedAt write is flushed, and the
 * process exits 0.
 */
import assert from "node:assert/strict";
import fs from "node:fs";
import http from "node:http";
import { after, test } from "node:test";
import Database from "better-sqlite3";
import { randomSecretKey, startServer, tempSqliteUrl } from "./server-process";

const ADMIN = { email: "admin@example.com", password: "a long shutdown password" };
const GRACE_SECONDS = 1;
const TIMEOUT_SECONDS = 3;

const database = tempSqliteUrl();
after(() => fs.rmSync(database.dir, { recursive: true, force: true }));

/** A POST whose body is sent in two parts: the request is in flight until `finish()`. */
function slowPost(url: string, path: string, headers: Record<string, string>, body: string) {
  const bytes = Buffer.from(body);
  const request = http.request(`${url}${path}`, { method: "POST", headers: { ...headers, "content-length": String(bytes.length) }, agent: false });
  const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
    request.on("response", (response) => {
      let text = "";
      response.setEncoding("utf8");
      response.on("data", (chunk) => (text += chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body: text }));
      response.on("error", reject);
    });
    request.on("error", reject);
  });
  request.write(bytes.subarray(0, 10));
  return { answer, finish: () => request.end(bytes.subarray(10)) };
}

test("SIGTERM: readiness fails at once, new connections are refused after the grace period, requests in flight finish and are kept, exit 0", async () => {
  const server = await startServer({
    DATABASE_URL: database.url,
    SECRET_KEY: randomSecretKey(),
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    SHUTDOWN_GRACE_SECONDS: String(GRACE_SECONDS),
    SHUTDOWN_TIMEOUT_SECONDS: String(TIMEOUT_SECONDS),
  });
  const exited = new Promise<number | null>((resolve) => server.process.once("exit", (code) => resolve(code)));
  try {
    const ready = await fetch(`${server.url}/api/health/ready`);
    assert.equal(ready.status, 200);
    assert.deepEqual({ ...(await ready.json()), database: undefined }, { status: "ready", shuttingDown: false, migrations: "done", database: undefined });

    const login = await fetch(`${server.url}/api/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(ADMIN) });
    const cookie = login.headers.get("set-cookie")!.split(";")[0];
    const created = await fetch(`${server.url}/api/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie },
      body: JSON.stringify({ query: `mutation { createApiToken(name: "shutdown") { token } }` }),
    });
    const apiToken = ((await created.json()) as any).data.createApiToken.token as string;
    const bearer = { authorization: `Bearer ${apiToken}`, "content-type": "application/json" };
    // Its first use is recorded in a batch written every 5 s: only the shutdown's flush writes it in time.
    const read = await fetch(`${server.url}/api/graphql`, {
      method: "POST",
      headers: bearer,
      body: JSON.stringify({ query: "{ integrationSystems(first: 1) { totalCount } }" }),
    });
    assert.equal(read.status, 200);

    const slow = slowPost(
      server.url,
      "/api/graphql",
      bearer,
      JSON.stringify({ query: `mutation { createIntegrationSystem(in: {name: "written-during-shutdown"}) { id } }` }),
    );
    const stalled = slowPost(
      server.url,
      "/api/graphql",
      bearer,
      JSON.stringify({ query: `mutation { createIntegrationSystem(in: {name: "never-finished"}) { id } }` }),
    );
    const stalledOutcome = stalled.answer.then(
      (answer) => `answered ${answer.status}`,
      (error: NodeJS.ErrnoException) => `cut: ${error.code}`,
    );
    await new Promise((resolve) => setTimeout(resolve, 200));

    const signalledAt = performance.now();
    server.process.kill("SIGTERM");
    await new Promise((resolve) => setTimeout(resolve, 150));
    const notReady = await fetch(`${server.url}/api/health/ready`);
    assert.equal(notReady.status, 503, "readiness fails at once");
    assert.equal(((await notReady.json()) as any).shuttingDown, true);
    assert.equal((await fetch(`${server.url}/api/health/live`)).status, 200, "still live, and still accepting, during the grace period");

    await new Promise((resolve) => setTimeout(resolve, GRACE_SECONDS * 1000 + 300));
    await assert.rejects(fetch(`${server.url}/api/health/live`), "new connections are refused after the grace period");

    slow.finish();
    const answer = await slow.answer;
    assert.equal(answer.status, 200, answer.body);
    const systemId = JSON.parse(answer.body).data.createIntegrationSystem.id as string;

    assert.equal(await exited, 0);
    const took = (performance.now() - signalledAt) / 1000;
    assert.match(await stalledOutcome, /^cut: ECONNRESET$/);
    assert.ok(took >= GRACE_SECONDS + TIMEOUT_SECONDS - 0.5 && took < GRACE_SECONDS + TIMEOUT_SECONDS + 5, `stopped ${took.toFixed(1)} s after SIGTERM`);
    assert.match(server.log(), /"msg":"stopped"/);

    const db = new Database(`${database.dir}/compass.db`, { readonly: true });
    try {
      assert.deepEqual(db.prepare(`SELECT name FROM "IntegrationSystem" WHERE id = ?`).get(systemId), { name: "written-during-shutdown" });
      assert.deepEqual(
        db.prepare(`SELECT count(*) AS n FROM "IntegrationSystem" WHERE name = 'never-finished'`).get(),
        { n: 0 },
        "a request cut short wrote nothing",
      );
      const { lastUsedAt } = db.prepare(`SELECT "lastUsedAt" FROM "ApiToken" WHERE name = 'shutdown'`).get() as { lastUsedAt: unknown };
      assert.notEqual(lastUsedAt, null, "the batched lastUsedAt write was flushed");
    } finally {
      db.close();
    }
  } finally {
    await server.stop();
  }
});
