/**
 * API benchmark: `npm run bench:api` (not part of `npm test`; takes about
 * two minutes, and means little unless the machine is otherwise idle).
 *
 * 1. A throw-away SQLite database in a temp folder, migrated, with 100,000
 *    integration systems (bulk-inserted in the representation Prisma itself
 *    writes), an admin and a personal API token.
 * 2. The production server (server/main.ts, NODE_ENV=production) on a free
 *    loopback port, and scripts/bare-graphql-server.ts (the same Yoga alone on
 *    node:http) on another, each in its own process.
 * 3. Keyset paging: latency of the first page of integrationSystems against a
 *    page near the end, sequentially (target: deep p50 / first p50 ≤ 1.5), and
 *    again with totalCount.
 * 4. Throughput: autocannon on integrationSystem(id) with the API token,
 *    product against bare, 10 s each at 50 connections, in the order product,
 *    bare, bare, product (target: product req/s / bare req/s ≥ 0.70). Also
 *    the servers' CPU time per request, from /proc.
 *
 * Any non-2xx answer, GraphQL error or unexpected body makes the run invalid:
 * it stops with exit code 1. Missing a target is reported, not fatal.
 * BENCH_SECONDS overrides the 10 s autocannon duration (for quick checks).
 * What it shares with scripts/bench-token.ts (starting and stopping servers,
 * requests, autocannon runs, CPU time, clean-up) is in scripts/bench-support.ts.
 */
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { GRAPHQL_PATH, type GraphQLReply, InvalidBenchmark, ROOT, type RunningServer, combineRuns, freePort, loadServer, makeTempDir, request, runBench, say, startServer, sum, table, waitUntilUp } from "./bench-support";

const ROWS = 100_000;
const PAGE_SIZE = 100;
const WARMUP_REQUESTS = 50;
const SAMPLES = 200;
const CONNECTIONS = 50;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARMUP_SECONDS = 3;
const PAGE_RATIO_TARGET = 1.5;
const THROUGHPUT_RATIO_TARGET = 0.7;

// The services below read their configuration from the environment on first
// use, so it is set before any of them is imported (they are imported lazily).
process.chdir(ROOT);
const tmpDir = makeTempDir("compass-bench-");
const DATABASE_URL = `file:${path.join(tmpDir, "bench.db")}`;
const SECRET_KEY = randomBytes(32).toString("hex");
process.env.DATABASE_URL = DATABASE_URL;
process.env.SECRET_KEY = SECRET_KEY;

// ---------------------------------------------------------------- helpers

/** Nearest-rank percentile of samples in milliseconds. */
function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

const ms = (value: number) => value.toFixed(2);

// ---------------------------------------------------------------- database

/**
 * The bulk insert below bypasses Prisma, so it must store DateTime columns the
 * way Prisma's SQLite adapter does or keyset comparisons (done on the stored
 * value) would go wrong. Rather than assume, this reads back a row the service
 * wrote and picks the one representation that reproduces it.
 */
const DATE_FORMATS: Record<string, (date: Date) => string | number> = {
  "ISO 8601 text with +00:00": (date) => date.toISOString().replace(/Z$/, "+00:00"),
  "ISO 8601 text with Z": (date) => date.toISOString(),
  "milliseconds since the epoch": (date) => date.getTime(),
  "SQLite datetime text": (date) => date.toISOString().replace("T", " ").replace(/Z$/, ""),
};

/** A UUIDv7 for a given creation time, like the ids the services make (lib/ids.ts). */
function uuidV7(time: number): string {
  const bytes = randomBytes(16);
  bytes.writeUIntBE(time, 0, 6);
  bytes[6] = 0x70 | (bytes[6] & 0x0f);
  bytes[8] = 0x80 | (bytes[8] & 0x3f);
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

async function seedDatabase(): Promise<{ token: string; sqlitePath: string }> {
  const { migrate } = await import("../lib/migrate");
  const { getConfig } = await import("../lib/config");
  const { getDb } = await import("../lib/db");
  const { createIntegrationSystem } = await import("@/domain/integration-systems/integration-system.service");
  const { nameKeyOf } = await import("@/domain/validation/validation");
  const { createUser, toIdentity } = await import("@/domain/users/user.service");
  const { createApiToken } = await import("@/domain/api-tokens/api-token.service");
  const { userPrincipal } = await import("@/domain/principals/principal");
  const { nameSkeleton } = await import("@/lib/name-skeleton");

  await migrate(DATABASE_URL);
  const sqlitePath = getConfig().sqlitePath!;
  const db = getDb();

  const user = await createUser(db, "SYSTEM", { email: "bench@example.com", password: randomBytes(16).toString("hex"), role: "ADMIN" });
  const admin = userPrincipal(toIdentity(user), "SESSION");
  const { token } = await createApiToken(db, admin, { name: "bench" });
  const probe = await createIntegrationSystem(db, admin, { name: "Date format probe" });
  await db.$disconnect();

  const raw = new Database(sqlitePath);
  try {
    const stored = raw.prepare(`SELECT "createdAt" FROM "IntegrationSystem" WHERE "id" = ?`).get(probe.id) as { createdAt: unknown };
    const match = Object.entries(DATE_FORMATS).find(([, format]) => format(probe.createdAt) === stored.createdAt);
    if (!match) throw new Error(`Prisma stored DateTime ${probe.createdAt.toISOString()} as ${JSON.stringify(stored.createdAt)}: unknown representation`);
    const [formatName, dateFormat] = match;
    say(`Prisma stores DateTime as ${formatName} (${JSON.stringify(stored.createdAt)})`);

    const started = performance.now();
    const insert = raw.prepare(
      `INSERT INTO "IntegrationSystem" ("id", "name", "nameKey", "nameSkeleton", "description", "createdAt", "updatedAt") VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    // One row a second, ending an hour ago: distinct, realistic creation times.
    const firstCreatedAt = Date.now() - 3_600_000 - ROWS * 1000;
    raw.transaction(() => {
      raw.prepare(`DELETE FROM "IntegrationSystem" WHERE "id" = ?`).run(probe.id);
      for (let i = 0; i < ROWS; i++) {
        const name = `Bench system ${String(i + 1).padStart(6, "0")}`;
        const time = firstCreatedAt + i * 1000;
        const createdAt = dateFormat(new Date(time));
        insert.run(uuidV7(time), name, nameKeyOf(name), nameSkeleton(name), `Seeded by bench-api, row ${i + 1} of ${ROWS}`, createdAt, createdAt);
      }
    })();
    const { count } = raw.prepare(`SELECT count(*) AS count FROM "IntegrationSystem"`).get() as { count: number };
    if (count !== ROWS) throw new Error(`expected ${ROWS} integration systems after seeding, found ${count}`);
    say(`seeded ${ROWS.toLocaleString("en")} integration systems in ${Math.round(performance.now() - started)} ms`);
  } finally {
    raw.close();
  }
  return { token, sqlitePath };
}

/** Rows of IntegrationSystem in the list's default order (createdAt, id), read directly. */
function rowsAt(sqlitePath: string, offset: number, count: number): { id: string; createdAtMs: number }[] {
  const raw = new Database(sqlitePath, { readonly: true });
  try {
    const rows = raw
      .prepare(`SELECT "id", "createdAt" FROM "IntegrationSystem" ORDER BY "createdAt", "id" LIMIT ? OFFSET ?`)
      .all(count, offset) as { id: string; createdAt: string | number }[];
    return rows.map((row) => ({ id: row.id, createdAtMs: typeof row.createdAt === "number" ? row.createdAt : Date.parse(row.createdAt) }));
  } finally {
    raw.close();
  }
}

// ---------------------------------------------------------------- servers

/** A server of this benchmark, on the throw-away database. */
const startBenchServer = (name: string, script: string, port: number) => startServer(name, script, port, { DATABASE_URL, SECRET_KEY });

// ---------------------------------------------------------------- measurements

function graphqlRequester(port: number, token: string) {
  // One keep-alive connection: sequential requests measure server latency, not connection set-up.
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  return async (query: string, variables: Record<string, unknown>): Promise<{ reply: GraphQLReply; ms: number }> => {
    const body = JSON.stringify({ query, variables });
    const started = performance.now();
    const { status, text } = await request(port, {
      method: "POST",
      path: GRAPHQL_PATH,
      headers: { "content-type": "application/json", authorization: `Bearer ${token}`, "content-length": String(Buffer.byteLength(body)) },
      body,
      agent,
    });
    const elapsed = performance.now() - started;
    const reply = JSON.parse(text) as GraphQLReply;
    if (status !== 200 || reply.errors) throw new InvalidBenchmark(`GraphQL request failed with HTTP ${status}: ${text.slice(0, 500)}`);
    return { reply, ms: elapsed };
  };
}

const PAGE_QUERY = (withTotal: boolean) => `query Page($after: PageCursor) {
  integrationSystems(first: ${PAGE_SIZE}, after: $after) {
    data { id name description createdAt }
    pageInfo { endCursor hasNextPage }${withTotal ? "\n    totalCount" : ""}
  }
}`;

interface PageStats {
  p50: number;
  p99: number;
}

interface PagingResults {
  first: PageStats;
  deep: PageStats;
  firstWithTotal: PageStats;
  deepWithTotal: PageStats;
  deepRow: number;
}

async function measurePaging(port: number, token: string, sqlitePath: string): Promise<PagingResults> {
  const { encodeCursor } = await import("@/domain/paging/cursor");
  const send = graphqlRequester(port, token);
  const [firstRow] = rowsAt(sqlitePath, 0, 1);
  // The cursor of the row 150 from the end: the page after it is a full page with more after it.
  const deepOffset = ROWS - PAGE_SIZE - 50;
  const [cursorRow, deepFirstRow] = rowsAt(sqlitePath, deepOffset, 2);
  const deepCursor = encodeCursor("integrationSystems:CREATED_AT:ASC", [cursorRow.createdAtMs, cursorRow.id]);

  type Series = { name: string; query: string; after: string | null; expectedFirstId: string; withTotal: boolean; samples: number[] };
  const series: Series[] = [false, true].flatMap((withTotal) => [
    { name: "first", query: PAGE_QUERY(withTotal), after: null, expectedFirstId: firstRow.id, withTotal, samples: [] },
    { name: "deep", query: PAGE_QUERY(withTotal), after: deepCursor, expectedFirstId: deepFirstRow.id, withTotal, samples: [] },
  ]);

  const run = async (entry: Series, record: boolean) => {
    const { reply, ms: elapsed } = await send(entry.query, { after: entry.after });
    const page = reply.data?.integrationSystems as
      | { data: { id: string }[]; pageInfo: { hasNextPage: boolean }; totalCount?: number }
      | undefined;
    if (page?.data.length !== PAGE_SIZE || page.data[0].id !== entry.expectedFirstId || !page.pageInfo.hasNextPage) {
      throw new InvalidBenchmark(`${entry.name} page is not the expected one: ${JSON.stringify(reply).slice(0, 300)}`);
    }
    if (entry.withTotal && page.totalCount !== ROWS) throw new InvalidBenchmark(`totalCount is ${page.totalCount}, expected ${ROWS}`);
    if (record) entry.samples.push(elapsed);
  };
  // Interleaved, so drift (GC, CPU frequency, the page cache) hits every series alike.
  for (let i = 0; i < WARMUP_REQUESTS; i++) for (const entry of series) await run(entry, false);
  for (let i = 0; i < SAMPLES; i++) for (const entry of series) await run(entry, true);

  const stats = (entry: Series) => ({ p50: percentile(entry.samples, 50), p99: percentile(entry.samples, 99) });
  return {
    first: stats(series[0]),
    deep: stats(series[1]),
    firstWithTotal: stats(series[2]),
    deepWithTotal: stats(series[3]),
    deepRow: deepOffset + 2,
  };
}

interface ThroughputResult {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  total: number;
  /** CPU time the server's processes spent per request, or null where /proc is missing. */
  cpuMsPerRequest: number | null;
}

interface LoadRun extends ThroughputResult {
  seconds: number;
  cpuSeconds: number | null;
}

/** Loads one server's integrationSystem(id) with autocannon; any failed or unexpected answer invalidates the run. */
async function loadTarget(server: RunningServer, token: string, systemId: string) {
  const body = JSON.stringify({
    query: "query System($id: ID!) { integrationSystem(id: $id) { id name description createdAt } }",
    variables: { id: systemId },
  });
  const headers = { "content-type": "application/json", authorization: `Bearer ${token}` };
  // Every response must be byte-identical to this one, checked by autocannon (mismatches).
  const sample = await request(server.port, { method: "POST", path: GRAPHQL_PATH, headers, body });
  const reply = JSON.parse(sample.text) as GraphQLReply;
  const found = reply.data?.integrationSystem as { id: string } | undefined;
  if (sample.status !== 200 || reply.errors || found?.id !== systemId) {
    throw new InvalidBenchmark(`${server.name}: integrationSystem(id) answered HTTP ${sample.status}: ${sample.text.slice(0, 500)}`);
  }

  return async (seconds: number): Promise<LoadRun> => {
    const { result, cpuSeconds } = await loadServer(server.name, server, {
      url: `http://127.0.0.1:${server.port}${GRAPHQL_PATH}`,
      method: "POST",
      headers,
      body,
      connections: CONNECTIONS,
      duration: seconds,
      expectBody: sample.text,
    });
    return {
      requestsPerSecond: result.requests.average,
      p50: result.latency.p50,
      p99: result.latency.p99,
      total: result.requests.total,
      seconds: result.duration,
      cpuSeconds,
      cpuMsPerRequest: cpuSeconds === null ? null : (cpuSeconds * 1000) / result.requests.total,
    };
  };
}

/** Several runs of one server as one result: req/s and CPU over all of them, p50 and p99 their means. */
function combine(runs: LoadRun[]): ThroughputResult {
  const { total, perSecond, p50, cpuMsPerRequest } = combineRuns(runs);
  return { requestsPerSecond: perSecond, p50, p99: sum(runs.map((run) => run.p99)) / runs.length, total, cpuMsPerRequest };
}

/**
 * Product and bare, 10 s each, twice, in the order product, bare, bare,
 * product: other work on the machine that rises or falls during the
 * measurement then weighs on both alike (on a shared 2-core machine a single
 * pair of runs was seen to swing the ratio from 0.65 to 1.5).
 */
async function measureThroughput(product: RunningServer, bare: RunningServer, token: string, systemId: string) {
  const load = { product: await loadTarget(product, token, systemId), bare: await loadTarget(bare, token, systemId) };
  for (const name of ["product", "bare"] as const) {
    say(`${name}: warming up for ${WARMUP_SECONDS} s`);
    await load[name](WARMUP_SECONDS);
  }
  const runs: Record<"product" | "bare", LoadRun[]> = { product: [], bare: [] };
  for (const name of ["product", "bare", "bare", "product"] as const) {
    const run = await load[name](SECONDS);
    runs[name].push(run);
    say(
      `${name}: ${run.requestsPerSecond.toFixed(0)} req/s, p50 ${run.p50} ms, p99 ${run.p99} ms over ${SECONDS} s at ${CONNECTIONS} connections` +
        (run.cpuMsPerRequest === null ? "" : `, ${run.cpuMsPerRequest.toFixed(2)} ms CPU/request`),
    );
  }
  return { product: combine(runs.product), bare: combine(runs.bare) };
}

// ---------------------------------------------------------------- main

async function main() {
  if (!fs.existsSync(path.join(ROOT, ".next", "BUILD_ID"))) {
    say("no production build (.next/BUILD_ID): running npm run build");
    const build = spawnSync("npm", ["run", "build"], { cwd: ROOT, stdio: "inherit" });
    if (build.status !== 0) throw new Error(`npm run build failed with exit code ${build.status}`);
  }

  say(`temporary database in ${tmpDir}`);
  const { token, sqlitePath } = await seedDatabase();
  const [middleRow] = rowsAt(sqlitePath, ROWS / 2, 1);

  const [productPort, barePort] = [await freePort(), await freePort()];
  const product = startBenchServer("product", "server/main.ts", productPort);
  const bare = startBenchServer("bare", "scripts/bare-graphql-server.ts", barePort);
  // A page request, as in real use: in a single process it is Next's first
  // request that turns on its AsyncLocalStorage, and with it the cost to the hot path.
  await waitUntilUp(product, "/api/health", (status) => status === 200);
  // Bare Yoga has no health route: any answer from the GraphQL path (401 without a token) means it is up.
  await waitUntilUp(bare, GRAPHQL_PATH, (status) => status > 0);
  say(`product server on port ${productPort}, bare GraphQL server on port ${barePort}`);

  say(`load average before measuring: ${os.loadavg().map((load) => load.toFixed(2)).join(", ")} (${os.cpus().length} cores)`);
  say(`paging: ${WARMUP_REQUESTS} warm-up + ${SAMPLES} sequential requests per series`);
  const paging = await measurePaging(productPort, token, sqlitePath);
  const { product: productRate, bare: bareRate } = await measureThroughput(product, bare, token, middleRow.id);

  const pageRatio = paging.deep.p50 / paging.first.p50;
  const rateRatio = productRate.requestsPerSecond / bareRate.requestsPerSecond;
  const cpuRatio =
    productRate.cpuMsPerRequest && bareRate.cpuMsPerRequest ? bareRate.cpuMsPerRequest / productRate.cpuMsPerRequest : null;
  const cpu = (result: ThroughputResult) => result.cpuMsPerRequest?.toFixed(2) ?? "n/a";
  const verdict = (ok: boolean) => (ok ? "ok" : "MISSED");
  const deepLabel = `deep page (rows ${paging.deepRow.toLocaleString("en")}+)`;
  process.stdout.write(
    `\nintegrationSystems(first: ${PAGE_SIZE}), ${ROWS.toLocaleString("en")} rows, ${SAMPLES} sequential requests each\n` +
      table([
        ["page", "p50 ms", "p99 ms"],
        ["first page", ms(paging.first.p50), ms(paging.first.p99)],
        [deepLabel, ms(paging.deep.p50), ms(paging.deep.p99)],
        ["first page + totalCount", ms(paging.firstWithTotal.p50), ms(paging.firstWithTotal.p99)],
        [deepLabel + " + totalCount", ms(paging.deepWithTotal.p50), ms(paging.deepWithTotal.p99)],
      ]) +
      `\ndeep/first p50 ratio: ${pageRatio.toFixed(2)} (target ≤ ${PAGE_RATIO_TARGET}: ${verdict(pageRatio <= PAGE_RATIO_TARGET)})\n` +
      `\nintegrationSystem(id) with an API token, ${CONNECTIONS} connections, 2 × ${SECONDS} s per server, no errors` +
      ` (p50 and p99: mean of the two runs)\n` +
      table([
        ["server", "req/s", "p50 ms", "p99 ms", "requests", "server CPU ms/req"],
        ["product (server/main.ts)", productRate.requestsPerSecond.toFixed(0), productRate.p50.toFixed(1), productRate.p99.toFixed(1), String(productRate.total), cpu(productRate)],
        ["bare Yoga on node:http", bareRate.requestsPerSecond.toFixed(0), bareRate.p50.toFixed(1), bareRate.p99.toFixed(1), String(bareRate.total), cpu(bareRate)],
      ]) +
      `\nproduct/bare req/s ratio: ${rateRatio.toFixed(2)} (target ≥ ${THROUGHPUT_RATIO_TARGET}: ${verdict(rateRatio >= THROUGHPUT_RATIO_TARGET)})\n` +
      (cpuRatio === null ? "" : `bare/product CPU-per-request ratio: ${cpuRatio.toFixed(2)} (the same comparison, steadier on a busy machine)\n`) +
      "\n",
  );
}

await runBench(main);
