/**
 * `npm run test:faults` (about 3 minutes; not part of `npm test`):
 *
 * (a) kill -9 of one of two instances (on the machine's PostgreSQL) in the
 *     middle of the load: every acknowledged write is in the database, no
 *     credential is left without its integration system, the audit log
 *     matches, and the other instance keeps serving without a single failure.
 * (b) PostgreSQL restarted during the load, on a dedicated server this script
 *     starts (initdb into a temp folder, its own port; never the machine's
 *     shared server): requests fail fast with 503 (OAuth2
 *     temporarily_unavailable, GraphQL SERVICE_UNAVAILABLE, with Retry-After),
 *     /api/health answers 503 saying the database is unreachable, and service
 *     resumes by itself, the same processes, once the database is back.
 * (c) SQLite: kill -9 during writes leaves a database that opens, passes
 *     PRAGMA integrity_check, holds every acknowledged write, and serves again.
 *
 * Options: --only a|b|c to run one part.
 */
import { randomBytes } from "node:crypto";
import path from "node:path";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import { makeTempDir, runBench } from "./bench-support";
import { check, fixed, say, sleep, summary, table } from "./cluster/checks";
import { sharedPostgresDatabase, startDedicatedPostgres } from "./cluster/databases";
import { type Instance, killInstance, startInstance } from "./cluster/instances";
import { adminApiToken, graphql, READ_SYSTEMS, timedRequest } from "./cluster/client";
import { Ledger, verifyLedger, verifyLedgerOnPostgres } from "./cluster/ledger";
import { type Operation, type WorkloadResult, firstFailures, runWorkload, tokenClients, totals, workloadTable } from "./cluster/workload";

const { values } = parseArgs({ options: { only: { type: "string" } } });
const figures: string[][] = [["fault", "figure", "value"]];

const five = (result: WorkloadResult) => [...result.byOperation.values()].reduce((max, stats) => Math.max(max, stats.slowest5xxMs), 0);

// ---------------------------------------------------------------- (a)

async function killOneInstance(): Promise<void> {
  say("(a) kill -9 of instance B in the middle of the load on two instances");
  const databaseUrl = await sharedPostgresDatabase("compass_faults");
  const env = { DATABASE_URL: databaseUrl, SECRET_KEY: randomBytes(32).toString("hex") };
  const [a, b] = await Promise.all([startInstance("A", env), startInstance("B", env)]);
  const apiToken = await adminApiToken(a);
  const ledger = new Ledger();
  const credentials = await tokenClients([a], apiToken, ledger, 10, "Fault client");
  let targets: Instance[] = [a, b];
  let killedAt = 0;
  const killer = (async () => {
    await sleep(10_000);
    killInstance(b);
    killedAt = performance.now();
    // A load balancer stops sending to an instance that refuses connections.
    targets = [a];
    say("(a) B killed (SIGKILL to its process group)");
  })();
  const result = await runWorkload({ clients: 100, durationMs: 25_000, targets: () => targets, apiToken, credentials }, ledger);
  await killer;
  process.stdout.write(`\n(a) load across the kill\n${workloadTable(result)}\n\n`);
  const onA = result.byInstance.get("A")!;
  const onB = result.byInstance.get("B")!;
  check("(a) B is gone", b.child.exitCode !== null || b.child.signalCode !== null, `signal ${b.child.signalCode}`);
  check(
    "(a) A kept serving: no 5xx and no unanswered request on A",
    onA.s5xx === 0 && onA.errors === 0,
    `${onA.answered} answered, ${onA.s5xx} 5xx, ${onA.errors} unanswered`,
  );
  check(
    "(a) A answered until the end of the load",
    onA.lastAnsweredAt > killedAt + 10_000,
    `last answer ${fixed((onA.lastAnsweredAt - killedAt) / 1000)} s after the kill`,
  );
  check(
    "(a) no 5xx and no 4xx from either instance (only requests in flight to B went unanswered)",
    totals(result).s5xx === 0 && totals(result).s4xx === 0,
    `${totals(result).s5xx} 5xx, ${totals(result).s4xx} 4xx, ${onB.errors} unanswered on B`,
  );
  const health = await timedRequest(a.port, { method: "GET", path: "/api/health" });
  check("(a) A is healthy after the kill", health.status === 200, `HTTP ${health.status}`);
  await verifyLedgerOnPostgres("(a)", ledger, databaseUrl);
  figures.push(["(a) kill -9", "requests answered by A / by B before the kill", `${onA.answered} / ${onB.answered}`]);
  figures.push(["(a) kill -9", "requests to B without an answer (in flight at the kill)", String(onB.errors)]);
  figures.push(["(a) kill -9", "unacknowledged mutations", String(ledger.unacknowledged)]);
}

// ---------------------------------------------------------------- (b)

async function restartPostgres(): Promise<void> {
  say("(b) PostgreSQL stopped and started again during the load (a dedicated server)");
  const postgres = await startDedicatedPostgres();
  const env = { DATABASE_URL: postgres.url, SECRET_KEY: randomBytes(32).toString("hex") };
  const [a, b] = await Promise.all([startInstance("A", env), startInstance("B", env)]);
  const pids = [a.child.pid, b.child.pid];
  const apiToken = await adminApiToken(a);
  const ledger = new Ledger();
  const credentials = await tokenClients([a], apiToken, ledger, 10, "Fault client");
  const healthDuringOutage: { status: number; body: string }[] = [];
  let downAt = 0;
  let upAt = 0;
  let recoveredAfterMs = Number.NaN;
  const outage = (async () => {
    await sleep(8_000);
    await postgres.stop();
    downAt = performance.now();
    say("(b) PostgreSQL stopped");
    // Down for 8 s, health polled meanwhile (it waits up to 2 s itself).
    while (performance.now() - downAt < 8_000) {
      for (const instance of [a, b]) {
        const reply = await timedRequest(instance.port, { method: "GET", path: "/api/health" }).catch(() => null);
        if (reply) healthDuringOutage.push({ status: reply.status, body: reply.text });
      }
      await sleep(500);
    }
    await postgres.start();
    upAt = performance.now();
    say("(b) PostgreSQL started again");
    for (;;) {
      const replies = await Promise.all([a, b].map((instance) => timedRequest(instance.port, { method: "GET", path: "/api/health" }).catch(() => null)));
      if (replies.every((reply) => reply?.status === 200)) break;
      if (performance.now() - upAt > 30_000) break;
      await sleep(100);
    }
    recoveredAfterMs = performance.now() - upAt;
  })();
  const result = await runWorkload({ clients: 50, durationMs: 30_000, targets: () => [a, b], apiToken, credentials, backoffMs: 100 }, ledger);
  await outage;
  process.stdout.write(`\n(b) load across the restart\n${workloadTable(result)}\n\n`);
  const kinds = new Map<string, number>();
  for (const stats of result.byOperation.values()) for (const [kind, count] of stats.fiveXxKinds) kinds.set(kind, (kinds.get(kind) ?? 0) + count);
  const expectedKinds = new Set(["503 temporarily_unavailable retry-after=5", "503 SERVICE_UNAVAILABLE retry-after=5"]);
  const kindList = [...kinds].map(([kind, count]) => `${kind}: ${count}`).join(", ");
  check("(b) the outage was felt: requests were refused while the database was down", totals(result).s5xx > 0, `${totals(result).s5xx} 5xx`);
  check(
    "(b) every 5xx is a 503 with Retry-After (temporarily_unavailable / SERVICE_UNAVAILABLE), none a 500",
    [...kinds.keys()].every((kind) => expectedKinds.has(kind)),
    kindList,
  );
  check("(b) 503s come fast: the slowest within 3 s (no hang)", five(result) < 3_000, `slowest 5xx ${fixed(five(result), 0)} ms`);
  check("(b) no request went unanswered", totals(result).errors === 0, `${totals(result).errors}`);
  const downHealth = healthDuringOutage.filter((reply) => reply.status === 503);
  const says = downHealth.every((reply) => {
    const body = JSON.parse(reply.body);
    return body.status === "unavailable" && body.database.status === "down" && body.database.message === "the database is unreachable";
  });
  check(
    "(b) /api/health answers 503 during the outage, saying the database is unreachable",
    downHealth.length > 0 && says && healthDuringOutage.every((reply) => reply.status === 503),
    `${downHealth.length} of ${healthDuringOutage.length} answers 503; e.g. ${downHealth[0]?.body}`,
  );
  check(
    "(b) both instances healthy again after the restart, without being restarted",
    Number.isFinite(recoveredAfterMs) &&
      recoveredAfterMs < 30_000 &&
      [a, b].every((instance, i) => instance.child.pid === pids[i] && instance.child.exitCode === null),
    `healthy ${fixed(recoveredAfterMs, 0)} ms after PostgreSQL was up`,
  );
  // After the outage: a fresh round that must succeed completely.
  const after = await runWorkload({ clients: 50, durationMs: 10_000, targets: () => [a, b], apiToken, credentials }, ledger);
  process.stdout.write(`\n(b) load after the restart\n${workloadTable(after)}\n\n`);
  check(
    "(b) service resumed: 10 s of load after the restart without a failure",
    totals(after).s5xx + totals(after).s4xx + totals(after).errors === 0 && totals(after).answered > 0,
    `${totals(after).answered} answered; ${firstFailures(after)}`,
  );
  await verifyLedgerOnPostgres("(b)", ledger, postgres.url);
  figures.push(["(b) PostgreSQL restart", "database down for", `${fixed((upAt - downAt) / 1000)} s`]);
  figures.push(["(b) PostgreSQL restart", "503 answers during the outage", String(totals(result).s5xx)]);
  figures.push(["(b) PostgreSQL restart", "slowest 503", `${fixed(five(result), 0)} ms`]);
  figures.push(["(b) PostgreSQL restart", "both instances healthy after PostgreSQL was up", `${fixed(recoveredAfterMs, 0)} ms`]);
  figures.push(["(b) PostgreSQL restart", "requests answered 2xx after the restart (10 s)", String(totals(after).answered)]);
}

// ---------------------------------------------------------------- (c)

async function killSqliteWriter(): Promise<void> {
  say("(c) kill -9 of an instance on SQLite during writes");
  const dir = makeTempDir("compass-faults-sqlite-");
  const file = path.join(dir, "compass.db");
  const env = { DATABASE_URL: `file:${file}`, SECRET_KEY: randomBytes(32).toString("hex") };
  const a = await startInstance("S", env);
  const apiToken = await adminApiToken(a);
  const ledger = new Ledger();
  const credentials = await tokenClients([a], apiToken, ledger, 2, "Fault client");
  const writes: Record<Operation, number> = { token: 0, read: 0, create: 60, generate: 20, deleteCredential: 8, deleteSystem: 12 };
  let targets: Instance[] = [a];
  const killer = (async () => {
    await sleep(6_000);
    killInstance(a);
    targets = [];
    say("(c) S killed (SIGKILL to its process group) in the middle of writes");
  })();
  const result = await runWorkload({ clients: 20, durationMs: 15_000, targets: () => targets, apiToken, credentials, mix: writes }, ledger);
  await killer;
  await a.exited;
  process.stdout.write(`\n(c) writes until the kill\n${workloadTable(result)}\n\n`);
  const acknowledged = ledger.audit.length;
  check(
    "(c) writes were acknowledged before the kill, and some were in flight",
    acknowledged > 20 && ledger.unacknowledged > 0,
    `${acknowledged} acknowledged, ${ledger.unacknowledged} in flight`,
  );
  const db = new Database(file);
  try {
    const integrity = db.pragma("integrity_check", { simple: true });
    check("(c) the database opens and passes PRAGMA integrity_check", integrity === "ok", String(integrity));
    await verifyLedger("(c)", ledger, async (sql) => db.prepare(sql).all() as Record<string, unknown>[]);
  } finally {
    db.close();
  }
  const again = await startInstance("S2", env);
  const read = await graphql(again.port, apiToken, READ_SYSTEMS);
  check("(c) a server started on the database afterwards serves it", read.status === 200 && !read.json?.errors, `HTTP ${read.status}`);
  figures.push(["(c) SQLite kill -9", "writes acknowledged / in flight at the kill", `${acknowledged} / ${ledger.unacknowledged}`]);
}

async function main(): Promise<boolean> {
  const parts: Record<string, () => Promise<void>> = { a: killOneInstance, b: restartPostgres, c: killSqliteWriter };
  for (const [name, part] of Object.entries(parts)) {
    if (values.only && values.only !== name) continue;
    try {
      await part();
    } catch (error) {
      check(`(${name}) ran to the end`, false, (error as Error).stack ?? String(error));
    }
  }
  process.stdout.write(`\n${table(figures)}\n`);
  return summary();
}

await runBench(main);
