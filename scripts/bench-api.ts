/**
 * API benchmark: `npm run bench:api` (not part of `npm test`; takes about
 * seven minutes, and means little unless the machine is otherwise idle).
 * BENCH_DATABASE=postgresql runs it on a throw-away database of the local
 * PostgreSQL (TEST_POSTGRES_URL) instead of SQLite.
 *
 * 1. A throw-away database, migrated, with 100,000 integration systems
 *    (bulk-inserted in the representation Prisma itself writes), an admin
 *    with a personal API token, credentials of one system, and a tenant with
 *    an application.
 * 2. Three servers, each in its own process on a free loopback port: the
 *    production server (server/main.ts, NODE_ENV=production);
 *    scripts/bare-graphql-server.ts (the product's Yoga alone on node:http);
 *    and scripts/lean-reference-server.ts (Yoga with the same schema, a hashed
 *    token lookup and prepared statements: what the stack can do at best).
 *    An OAuth2 access token is fetched from the product's token endpoint.
 * 3. Keyset paging: latency of the first page of integrationSystems against a
 *    page near the end, sequentially (target: deep p50 / first p50 ≤ 1.5), and
 *    again with totalCount (BENCH_PAGING=0 skips this).
 * 4. Throughput, autocannon at 50 connections, 10 s a run, every server of a
 *    query run twice in mirrored order (A B C C B A) so drift on a shared
 *    machine weighs on all alike, with the servers' CPU time per request:
 *    - integrationSystem(id) { id name description }: product with the API
 *      token and with the access token, lean reference, bare Yoga
 *      (targets: product/lean ≥ 0.5 with either token; product/bare ≥ 0.7);
 *    - integrationSystems(first: 100) and application(id) with the tenant
 *      header: product against lean, reported;
 *    - Compass's query-applications example as a Compass client sends it,
 *      with `first: 100` (its selection set verbatim: labels, status,
 *      webhooks, bundles, integration dependencies, ...), on a tenant of 100
 *      labelled applications: product against lean, reported. Skipped, and
 *      said why, while the schema lacks a field it selects;
 *    - what applications offer (issue 23): Compass's query-applications
 *      verbatim (its default page of 100) and query-bundle (verbatim but for
 *      the ids) on a tenant of CATALOG_APPLICATIONS applications registered
 *      with 3 bundles each (ApplicationRegisterInput.bundles, in one call),
 *      each bundle with 5 API definitions with specs, an event definition and
 *      a document: latency one request at a time, then req/s at
 *      CATALOG_CONNECTIONS connections. The product alone: the lean
 *      reference answers bundles empty, so it would measure nothing
 *      comparable. Before the load runs, each document is answered once in
 *      this process by the product's Yoga and the statements it sends are
 *      counted at the drivers (test/statements.ts); a document the
 *      configured GRAPHQL_MAX_COST refuses gets its cost found by bisection,
 *      printed, and is run against a second product server started with
 *      CATALOG_MAX_COST. BENCH_CATALOG=0 skips this, and
 *      BENCH_CATALOG_APPLICATIONS=N seeds N applications instead of 1,000.
 *
 * Any non-2xx answer, GraphQL error or unexpected body makes the run invalid:
 * it stops with exit code 1. Missing a target is reported, not fatal.
 * BENCH_SECONDS overrides the 10 s autocannon duration (for quick checks).
 * BENCH_PROFILE=DIR runs the product's main process with --cpu-prof into DIR.
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
import pg from "pg";
import { createPostgresDatabase } from "@/test/postgres";
import {
  GRAPHQL_PATH,
  type GraphQLReply,
  InvalidBenchmark,
  ROOT,
  type RunningServer,
  combineRuns,
  freePort,
  loadServer,
  makeTempDir,
  onCleanUp,
  request,
  runBench,
  say,
  startServer,
  sum,
  table,
  waitUntilUp,
} from "./bench-support";

const ROWS = 100_000;
const PAGE_SIZE = 100;
const WARMUP_REQUESTS = 50;
const SAMPLES = 200;
const CONNECTIONS = 50;
/**
 * Connections for the catalog's documents: an answer takes a third of a
 * second of CPU, so 50 connections would queue many seconds of work, which
 * the server goes on with after autocannon stops and the next run then waits
 * behind. A few keep both cores busy with a short queue.
 */
const CATALOG_CONNECTIONS = 4;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARMUP_SECONDS = 3;
const PAGE_RATIO_TARGET = 1.5;
const BARE_RATIO_TARGET = 0.7;
const LEAN_RATIO_TARGET = 0.5;
const POSTGRES = process.env.BENCH_DATABASE === "postgresql";
const PROFILE_DIR = process.env.BENCH_PROFILE ? path.resolve(process.env.BENCH_PROFILE) : null;

// The services below read their configuration from the environment on first
// use, so it is set before any of them is imported (they are imported lazily).
process.chdir(ROOT);
const tmpDir = makeTempDir("compass-bench-");
let DATABASE_URL = `file:${path.join(tmpDir, "bench.db")}`;
if (POSTGRES) {
  const database = await createPostgresDatabase("compass_bench");
  onCleanUp(database.drop);
  DATABASE_URL = database.url;
}
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

/** What the load runs need besides the rows. */
interface Fixture {
  token: string;
  /** The system whose credentials get the access token; the last row of the list. */
  clientId: string;
  clientSecret: string;
  tenantExternalId: string;
  applicationId: string;
  /** The tenant of COMPASS_APPLICATIONS applications for Compass's query-applications. */
  compassTenantExternalId: string;
  /** The tenant of what applications offer, with the application and bundle query-bundle reads; null with BENCH_CATALOG=0. */
  catalog: { tenantExternalId: string; applicationId: string; bundleId: string } | null;
}

/** Applications of the tenant Compass's query-applications lists: one full page. */
const COMPASS_APPLICATIONS = 100;

/** What applications offer (issue 23): applications × bundles × API definitions, as the issue sets it. */
const CATALOG = process.env.BENCH_CATALOG !== "0";
const CATALOG_APPLICATIONS = Number(process.env.BENCH_CATALOG_APPLICATIONS ?? 1_000);
const CATALOG_BUNDLES = 3;
const CATALOG_APIS = 5;
/**
 * The GRAPHQL_MAX_COST of the product server the catalog's documents are run
 * against, where the configured limit refuses them (config's upper bound);
 * the other scenarios run against a server with the configured limit.
 */
const CATALOG_MAX_COST = 10_000_000;
/** Sequential requests per document for the catalog's latency (each answer is large: fewer than the paging's). */
const CATALOG_WARMUP_REQUESTS = 10;
const CATALOG_SAMPLES = 100;
/** query-applications asks no `first`: the schema's default page. */
const CATALOG_PAGE = Math.min(100, CATALOG_APPLICATIONS);

/** Raw reads of the throw-away database, beside Prisma: the benchmark checks answers against them. */
async function rawQuery<R>(sqlite: string, postgres: string, values: unknown[]): Promise<R[]> {
  if (POSTGRES) {
    const client = new pg.Client({ connectionString: DATABASE_URL });
    await client.connect();
    try {
      return (await client.query(postgres, values)).rows as R[];
    } finally {
      await client.end();
    }
  }
  const raw = new Database(sqlitePathOf(DATABASE_URL));
  try {
    return raw.prepare(sqlite).all(...values) as R[];
  } finally {
    raw.close();
  }
}

const sqlitePathOf = (url: string) => url.replace(/^file:/, "");

async function bulkInsert(rows: (string | null)[][], firstCreatedAt: number, probe: { id: string; createdAt: Date }) {
  const columns = `"id", "name", "nameKey", "nameSkeleton", "description", "createdAt", "updatedAt"`;
  if (POSTGRES) {
    const client = new pg.Client({ connectionString: DATABASE_URL });
    await client.connect();
    try {
      await client.query("BEGIN");
      for (let start = 0; start < rows.length; start += 10_000) {
        const batch = rows.slice(start, start + 10_000);
        const column = (index: number) => batch.map((row) => row[index]);
        await client.query(
          `INSERT INTO "IntegrationSystem" (${columns}) SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::timestamp(3)[], $7::timestamp(3)[])`,
          [0, 1, 2, 3, 4, 5, 6].map(column),
        );
      }
      await client.query("COMMIT");
    } finally {
      await client.end();
    }
    return "timestamp(3) text in UTC";
  }
  const raw = new Database(sqlitePathOf(DATABASE_URL));
  try {
    const stored = raw.prepare(`SELECT "createdAt" FROM "IntegrationSystem" WHERE "id" = ?`).get(probe.id) as { createdAt: unknown };
    const match = Object.entries(DATE_FORMATS).find(([, format]) => format(probe.createdAt) === stored.createdAt);
    if (!match) throw new Error(`Prisma stored DateTime ${probe.createdAt.toISOString()} as ${JSON.stringify(stored.createdAt)}: unknown representation`);
    const [formatName, dateFormat] = match;
    const insert = raw.prepare(`INSERT INTO "IntegrationSystem" (${columns}) VALUES (?, ?, ?, ?, ?, ?, ?)`);
    raw.transaction(() => {
      for (const row of rows) {
        const time = dateFormat(new Date(Date.parse(`${row[5]}Z`)));
        insert.run(...row.slice(0, 5), time, time);
      }
    })();
    return `${formatName} (${JSON.stringify(stored.createdAt)})`;
  } finally {
    raw.close();
  }
}

async function seedDatabase(): Promise<Fixture> {
  const { migrate } = await import("@/lib/migrate");
  const { getInstance } = await import("@/app/instance");
  const { createIntegrationSystem } = await import("@/domain/integration-systems/integration-system.service");
  const { generateClientCredentials } = await import("@/domain/credentials/system-auth.service");
  const { createTenant } = await import("@/domain/tenants/tenant.service");
  const { registerApplication } = await import("@/domain/applications/application.service");
  const { nameKeyOf } = await import("@/domain/validation/validation");
  const { createUser, toIdentity } = await import("@/domain/users/user.service");
  const { createApiToken } = await import("@/domain/api-tokens/api-token.service");
  const { userPrincipal } = await import("@/domain/principals/principal");
  const { nameSkeleton } = await import("@/lib/name-skeleton");

  await migrate(DATABASE_URL);
  // The process's instance: its prepared reader serves the hot reads, as in the server.
  const { db } = getInstance();

  const user = await createUser(db, "SYSTEM", { email: "bench@example.com", password: randomBytes(16).toString("hex"), role: "ADMIN" });
  const admin = userPrincipal(toIdentity(user), "SESSION");
  const { token } = await createApiToken(db, admin, { name: "bench" });
  // Written by the service, so the bulk insert can copy its DateTime representation; it keeps the credentials.
  const probe = await createIntegrationSystem(db, admin, { name: "Bench client system" });
  const credentials = await generateClientCredentials(db, admin, probe.id);
  const tenant = await createTenant(db, admin, { externalId: "bench-tenant", name: "Bench tenant" });
  const application = await registerApplication(db, admin, tenant, { name: "Bench application", description: "Seeded by bench-api" });
  // Compass's applications carry a few labels each; the listing reads them with the page.
  const compassTenant = await createTenant(db, admin, { externalId: "bench-compass", name: "Bench Compass client" });
  for (let n = 0; n < COMPASS_APPLICATIONS; n++) {
    await registerApplication(db, admin, compassTenant, {
      name: `compass-app-${String(n).padStart(3, "0")}`,
      description: "Seeded by bench-api for Compass's query-applications",
      labels: { env: n % 2 ? "prod" : "dev", tier: n % 3, owners: ["team-a", "team-b"] },
    });
  }

  const started = performance.now();
  // One row a second, ending an hour ago: distinct, realistic creation times, all before the probe's.
  const firstCreatedAt = Date.now() - 3_600_000 - ROWS * 1000;
  const rows = Array.from({ length: ROWS - 1 }, (_, i) => {
    const name = `Bench system ${String(i + 1).padStart(6, "0")}`;
    const time = firstCreatedAt + i * 1000;
    return [
      uuidV7(time),
      name,
      nameKeyOf(name),
      nameSkeleton(name),
      `Seeded by bench-api, row ${i + 1} of ${ROWS}`,
      new Date(time).toISOString().replace(/Z$/, ""),
    ];
  });
  const representation = await bulkInsert(
    rows.map((row) => [...row, row[5]]),
    firstCreatedAt,
    probe,
  );
  say(`DateTime stored as ${representation}`);
  // Read back through Prisma: the bulk rows must look to the product exactly as its own.
  const first = await db.integrationSystem.findFirst({ orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  if (first?.createdAt.getTime() !== firstCreatedAt)
    throw new Error(`the first seeded row reads back as ${first?.createdAt.toISOString()}, not ${new Date(firstCreatedAt).toISOString()}`);
  const count = await db.integrationSystem.count();
  if (count !== ROWS) throw new Error(`expected ${ROWS} integration systems after seeding, found ${count}`);
  say(`seeded ${ROWS.toLocaleString("en")} integration systems in ${Math.round(performance.now() - started)} ms`);
  const catalog = CATALOG ? await seedCatalog(admin, token) : null;
  // Statistics, as autovacuum would have gathered on a database in use: on fresh tables without them
  // PostgreSQL chose plans that ran the catalog's first-pages statements (100 bundles each) 10 times slower.
  if (POSTGRES) await db.$executeRawUnsafe("ANALYZE");
  return {
    token,
    clientId: credentials.id,
    clientSecret: credentials.clientSecret,
    tenantExternalId: tenant.externalId,
    applicationId: application.id,
    compassTenantExternalId: compassTenant.externalId,
    catalog,
  };
}

/**
 * A tenant of CATALOG_APPLICATIONS applications, each registered as an
 * integration system registers one with what it offers: in one call, with
 * CATALOG_BUNDLES bundles of CATALOG_APIS API definitions (with specs), an
 * event definition and a document. Returns the bundle query-bundle reads: the
 * first of the middle application's.
 */
async function seedCatalog(admin: import("@/domain/principals/principal").Principal, benchToken: string): Promise<NonNullable<Fixture["catalog"]>> {
  const { getInstance } = await import("@/app/instance");
  const { createTenant } = await import("@/domain/tenants/tenant.service");
  const { registerApplication } = await import("@/domain/applications/application.service");
  const { db } = getInstance();
  const started = performance.now();
  const tenant = await createTenant(db, admin, { externalId: "bench-catalog", name: "Bench catalog" });
  const api = (app: number, bundle: number, n: number) => ({
    name: `api-${n}`,
    description: `API ${n} of bundle ${bundle} of application ${app}`,
    targetURL: `https://app-${app}.example.com/api/${bundle}/${n}`,
    spec: { type: "OPEN_API", format: "JSON", data: `{"openapi":"3.0.0","info":{"title":"api-${app}-${bundle}-${n}","version":"1.0.0"},"paths":{}}` },
  });
  const ids: string[] = [];
  for (let app = 0; app < CATALOG_APPLICATIONS; app++) {
    const application = await registerApplication(db, admin, tenant, {
      name: `catalog-app-${String(app).padStart(4, "0")}`,
      description: "Seeded by bench-api with what it offers",
      labels: { env: app % 2 ? "prod" : "dev" },
      bundles: Array.from({ length: CATALOG_BUNDLES }, (_, bundle) => ({
        name: `bundle-${bundle}`,
        description: `Bundle ${bundle} of application ${app}`,
        apiDefinitions: Array.from({ length: CATALOG_APIS }, (_, n) => api(app, bundle, n)),
        eventDefinitions: [{ name: `events-${bundle}`, spec: { type: "ASYNC_API", format: "YAML", data: "asyncapi: 2.0.0" } }],
        documents: [{ title: "Readme", displayName: "Readme", description: "How to call it", format: "MARKDOWN", data: "# Readme" }],
      })),
    });
    ids.push(application.id);
  }
  say(
    `seeded ${CATALOG_APPLICATIONS.toLocaleString("en")} applications × ${CATALOG_BUNDLES} bundles × ${CATALOG_APIS} API definitions ` +
      `(and an event definition and a document a bundle) in ${Math.round(performance.now() - started)} ms`,
  );
  const applicationId = ids[Math.floor(ids.length / 2)];
  const reply = await inProcessGraphQL(
    `query($id: ID!) { application(id: $id) { bundles(first: 1) { data { id } } } }`,
    {
      authorization: `Bearer ${benchToken}`,
      tenant: tenant.externalId,
    },
    { id: applicationId },
  );
  const bundleId = (reply.data?.application as { bundles: { data: { id: string }[] } } | undefined)?.bundles.data[0]?.id;
  if (!bundleId) throw new Error(`the seeded application ${applicationId} has no bundle: ${JSON.stringify(reply).slice(0, 300)}`);
  return { tenantExternalId: tenant.externalId, applicationId, bundleId };
}

/**
 * The product's Yoga in this process, on the process's instance; with
 * `maxCost`, one built with that GRAPHQL_MAX_COST instead of the configured one.
 */
async function inProcessServer(maxCost?: number) {
  const { getInstance } = await import("@/app/instance");
  const { graphqlServer } = await import("@/app/graphql-server");
  const { createGraphQLServer } = await import("@/graphql/yoga");
  const instance = getInstance();
  if (maxCost === undefined) return graphqlServer(instance);
  const limited = Object.create(instance, { config: { value: { ...instance.config, graphqlMaxCost: maxCost } } }) as typeof instance;
  return createGraphQLServer(limited, { verifyAccessToken: instance.oauth2.verifyAccessToken });
}

/** One request to an in-process server, answered as the servers answer it; errors are returned, not thrown. */
async function inProcessReply(
  server: Awaited<ReturnType<typeof inProcessServer>>,
  query: string,
  headers: Record<string, string>,
  variables: Record<string, unknown> = {},
): Promise<GraphQLReply> {
  const response = await server.fetch(`http://127.0.0.1${GRAPHQL_PATH}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const reply = JSON.parse(await response.text()) as GraphQLReply;
  if (response.status !== 200)
    throw new InvalidBenchmark(`in-process GraphQL request failed with HTTP ${response.status}: ${JSON.stringify(reply).slice(0, 500)}`);
  return reply;
}

/** Like inProcessReply() on the configured server, but any GraphQL error makes the run invalid. */
async function inProcessGraphQL(query: string, headers: Record<string, string>, variables: Record<string, unknown> = {}): Promise<GraphQLReply> {
  const reply = await inProcessReply(await inProcessServer(), query, headers, variables);
  if (reply.errors) throw new InvalidBenchmark(`in-process GraphQL request failed: ${JSON.stringify(reply).slice(0, 500)}`);
  return reply;
}

const isCostRefusal = (reply: GraphQLReply) =>
  (reply.errors as { message?: string }[] | undefined)?.some((error) => error.message?.startsWith("Query would cost more than")) ?? false;

/**
 * The lowest GRAPHQL_MAX_COST under which the product answers `query` (its
 * cost, static and metered as its default pages run), found by bisection
 * between the configured limit, which refuses it, and CATALOG_MAX_COST.
 */
async function costOf(query: string, headers: Record<string, string>, refusedAt: number): Promise<number> {
  let [refused, answered] = [refusedAt, CATALOG_MAX_COST];
  if (isCostRefusal(await inProcessReply(await inProcessServer(answered), query, headers)))
    throw new InvalidBenchmark(`refused even with GRAPHQL_MAX_COST=${CATALOG_MAX_COST}`);
  while (answered - refused > 1) {
    const middle = Math.floor((refused + answered) / 2);
    if (isCostRefusal(await inProcessReply(await inProcessServer(middle), query, headers))) refused = middle;
    else answered = middle;
  }
  return answered;
}

/** Compass's two documents for what applications offer, with this run's ids, and the check each answer must pass. */
async function catalogDocuments(catalog: NonNullable<Fixture["catalog"]>) {
  const { exampleDocument } = await import("@/test/compass-example-documents");
  const applications = exampleDocument("query-applications");
  const bundle = exampleDocument("query-bundle", undefined, { "aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa": [catalog.applicationId, catalog.bundleId] });
  type Offer = { apiDefinitions: { data: unknown[] }; eventDefinitions: { data: unknown[] }; documents: { data: unknown[] } };
  const isFull = (bundle: Offer) =>
    bundle.apiDefinitions.data.length === CATALOG_APIS && bundle.eventDefinitions.data.length === 1 && bundle.documents.data.length === 1;
  return [
    {
      name: "query-applications",
      query: applications,
      check: (data: Record<string, unknown>) => {
        const page = (data.result as { data?: { bundles: { data: Offer[] } }[] }).data;
        return page?.length === CATALOG_PAGE && page.every((app) => app.bundles.data.length === CATALOG_BUNDLES && app.bundles.data.every(isFull));
      },
    },
    {
      name: "query-bundle",
      query: bundle,
      check: (data: Record<string, unknown>) => {
        const app = data.result as { id: string; bundle: (Offer & { id: string }) | null } | null;
        return app?.id === catalog.applicationId && app.bundle?.id === catalog.bundleId && isFull(app.bundle);
      },
    },
  ];
}

interface CatalogCost {
  name: string;
  /** Statements for one answer, counted at the drivers. */
  statements: number;
  /** The document's cost where the configured GRAPHQL_MAX_COST refuses it; null where it answers. */
  refusedCost: number | null;
}

/**
 * What each document costs the product, in this process's Yoga: whether the
 * configured GRAPHQL_MAX_COST answers it (and if not, what it costs), and
 * the statements one answer sends, counted at the drivers (with the limit
 * raised where it refuses), after one answer uncounted so the caller's token
 * is cached as in a running server.
 */
async function catalogCosts(catalog: NonNullable<Fixture["catalog"]>, token: string): Promise<CatalogCost[]> {
  const { countStatements } = await import("@/test/statements");
  const { getInstance } = await import("@/app/instance");
  const configured = getInstance().config.graphqlMaxCost;
  const headers = { authorization: `Bearer ${token}`, tenant: catalog.tenantExternalId };
  const costs: CatalogCost[] = [];
  for (const document of await catalogDocuments(catalog)) {
    const refused = isCostRefusal(await inProcessReply(await inProcessServer(), document.query, headers));
    const refusedCost = refused ? await costOf(document.query, headers, configured) : null;
    if (refusedCost !== null) say(`${document.name}: refused by GRAPHQL_MAX_COST=${configured}; it costs ${refusedCost}`);
    const server = await inProcessServer(refused ? CATALOG_MAX_COST : undefined);
    await inProcessReply(server, document.query, headers);
    const { answer, statements } = await countStatements(() => inProcessReply(server, document.query, headers));
    if (answer.errors || !answer.data || !document.check(answer.data))
      throw new InvalidBenchmark(`${document.name} answered in process: ${JSON.stringify(answer).slice(0, 500)}`);
    costs.push({ name: document.name, statements, refusedCost });
  }
  return costs;
}

/** Rows of IntegrationSystem in the list's default order (createdAt, id), read directly. */
async function rowsAt(offset: number, count: number): Promise<{ id: string; createdAtMs: number }[]> {
  const rows = await rawQuery<{ id: string; createdAt: string | number }>(
    `SELECT "id", "createdAt" FROM "IntegrationSystem" ORDER BY "createdAt", "id" LIMIT ? OFFSET ?`,
    `SELECT "id", (EXTRACT(EPOCH FROM "createdAt") * 1000)::bigint AS "createdAt" FROM "IntegrationSystem" ORDER BY "createdAt", "id" LIMIT $1 OFFSET $2`,
    [count, offset],
  );
  return rows.map((row) => ({
    id: row.id,
    createdAtMs: typeof row.createdAt === "number" ? row.createdAt : /^\d+$/.test(row.createdAt) ? Number(row.createdAt) : Date.parse(row.createdAt),
  }));
}

// ---------------------------------------------------------------- servers

/** A server of this benchmark, on the throw-away database; with `nodeArgs`, the spawned process is the server itself (profiling). */
const startBenchServer = (name: string, script: string, port: number, nodeArgs?: string[], env: Record<string, string> = {}) =>
  startServer(name, script, port, { DATABASE_URL, SECRET_KEY, ...env }, nodeArgs ? { nodeArgs } : {});

// ---------------------------------------------------------------- measurements

function graphqlRequester(port: number, token: string, extraHeaders: Record<string, string> = {}) {
  // One keep-alive connection: sequential requests measure server latency, not connection set-up.
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  return async (query: string, variables: Record<string, unknown>): Promise<{ reply: GraphQLReply; ms: number }> => {
    const body = JSON.stringify({ query, variables });
    const started = performance.now();
    const { status, text } = await request(port, {
      method: "POST",
      path: GRAPHQL_PATH,
      headers: { "content-type": "application/json", authorization: `Bearer ${token}`, "content-length": String(Buffer.byteLength(body)), ...extraHeaders },
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

async function measurePaging(port: number, token: string): Promise<PagingResults> {
  const { encodeCursor } = await import("@/domain/paging/cursor");
  const send = graphqlRequester(port, token);
  const [firstRow] = await rowsAt(0, 1);
  // The cursor of the row 150 from the end: the page after it is a full page with more after it.
  const deepOffset = ROWS - PAGE_SIZE - 50;
  const [cursorRow, deepFirstRow] = await rowsAt(deepOffset, 2);
  const deepCursor = encodeCursor("integrationSystems:CREATED_AT:ASC", [cursorRow.createdAtMs, cursorRow.id]);

  type Series = { name: string; query: string; after: string | null; expectedFirstId: string; withTotal: boolean; samples: number[] };
  const series: Series[] = [false, true].flatMap((withTotal) => [
    { name: "first", query: PAGE_QUERY(withTotal), after: null, expectedFirstId: firstRow.id, withTotal, samples: [] },
    { name: "deep", query: PAGE_QUERY(withTotal), after: deepCursor, expectedFirstId: deepFirstRow.id, withTotal, samples: [] },
  ]);

  const run = async (entry: Series, record: boolean) => {
    const { reply, ms: elapsed } = await send(entry.query, { after: entry.after });
    const page = reply.data?.integrationSystems as { data: { id: string }[]; pageInfo: { hasNextPage: boolean }; totalCount?: number } | undefined;
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

/**
 * Latency of Compass's documents for what applications offer, one request at
 * a time on one connection (what a client waits, without the queueing 50
 * connections add), interleaved so drift hits both alike.
 */
async function measureCatalogLatency(
  server: RunningServer,
  token: string,
  tenantExternalId: string,
  documents: { name: string; query: string; check: (data: Record<string, unknown>) => boolean }[],
): Promise<PageStats[]> {
  const send = graphqlRequester(server.port, token, { tenant: tenantExternalId });
  const samples = documents.map(() => [] as number[]);
  for (let i = 0; i < CATALOG_WARMUP_REQUESTS + CATALOG_SAMPLES; i++) {
    for (const [index, document] of documents.entries()) {
      const { reply, ms: elapsed } = await send(document.query, {});
      if (!reply.data || !document.check(reply.data)) throw new InvalidBenchmark(`${document.name} answered: ${JSON.stringify(reply).slice(0, 300)}`);
      if (i >= CATALOG_WARMUP_REQUESTS) samples[index].push(elapsed);
    }
  }
  return samples.map((series) => ({ p50: percentile(series, 50), p99: percentile(series, 99) }));
}

interface LoadRun {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  total: number;
  seconds: number;
  cpuSeconds: number | null;
  cpuMsPerRequest: number | null;
}

interface ThroughputResult {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  total: number;
  /** CPU time the server's processes spent per request, or null where /proc is missing. */
  cpuMsPerRequest: number | null;
}

/** One server answering one query the same way every time, loaded by autocannon. */
interface Target {
  label: string;
  server: RunningServer;
  body: string;
  headers: Record<string, string>;
  /** The one expected answer: every response must be byte-identical (autocannon counts mismatches). */
  expected: string;
  connections: number;
}

/**
 * A load target after one sample request: `check` must accept its answer.
 * Any failed or unexpected answer later invalidates the run.
 */
async function target(
  label: string,
  server: RunningServer,
  query: { query: string; variables: Record<string, unknown> },
  headers: Record<string, string>,
  check: (data: Record<string, unknown>) => boolean,
  connections = CONNECTIONS,
): Promise<Target> {
  const body = JSON.stringify(query);
  const allHeaders = { "content-type": "application/json", ...headers };
  const sample = await request(server.port, { method: "POST", path: GRAPHQL_PATH, headers: allHeaders, body });
  let reply: GraphQLReply | undefined;
  try {
    reply = JSON.parse(sample.text) as GraphQLReply;
  } catch {
    // reported below
  }
  if (sample.status !== 200 || !reply?.data || reply.errors || !check(reply.data)) {
    throw new InvalidBenchmark(`${label}: answered HTTP ${sample.status}: ${sample.text.slice(0, 500)}`);
  }
  return { label, server, body, headers: allHeaders, expected: sample.text, connections };
}

async function load(target: Target, seconds: number): Promise<LoadRun> {
  const { result, cpuSeconds } = await loadServer(target.label, target.server, {
    url: `http://127.0.0.1:${target.server.port}${GRAPHQL_PATH}`,
    method: "POST",
    headers: target.headers,
    body: target.body,
    connections: target.connections,
    duration: seconds,
    // A loaded shared machine can hold a request for seconds; a lost answer is an error, a slow one is a figure.
    timeout: 30,
    expectBody: target.expected,
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
}

/** Several runs of one target as one result: req/s and CPU over all of them, p50 and p99 their means. */
function combine(runs: LoadRun[]): ThroughputResult {
  const { total, perSecond, p50, cpuMsPerRequest } = combineRuns(runs);
  return { requestsPerSecond: perSecond, p50, p99: sum(runs.map((run) => run.p99)) / runs.length, total, cpuMsPerRequest };
}

/**
 * Each target warmed up, then run twice in mirrored order (A B C C B A):
 * other work on the machine that rises or falls during the measurement then
 * weighs on all alike (on a shared 2-core machine a single pair of runs was
 * seen to swing a ratio from 0.65 to 1.5).
 */
async function measureGroup(targets: Target[]): Promise<ThroughputResult[]> {
  for (const entry of targets) {
    say(`${entry.label}: warming up for ${WARMUP_SECONDS} s`);
    await load(entry, WARMUP_SECONDS);
  }
  const runs = targets.map(() => [] as LoadRun[]);
  const order = [...targets.keys(), ...[...targets.keys()].reverse()];
  for (const index of order) {
    const run = await load(targets[index], SECONDS);
    runs[index].push(run);
    say(
      `${targets[index].label}: ${run.requestsPerSecond.toFixed(0)} req/s, p50 ${run.p50} ms, p99 ${run.p99} ms over ${SECONDS} s at ${targets[index].connections} connections` +
        (run.cpuMsPerRequest === null ? "" : `, ${run.cpuMsPerRequest.toFixed(2)} ms CPU/request`),
    );
  }
  return runs.map(combine);
}

const loadAverage = () =>
  `${os
    .loadavg()
    .map((value) => value.toFixed(2))
    .join(", ")} (${os.cpus().length} cores)`;
const cpu = (result: ThroughputResult) => result.cpuMsPerRequest?.toFixed(2) ?? "n/a";
const verdict = (ok: boolean) => (ok ? "ok" : "MISSED");

function resultTable(targets: Target[], results: ThroughputResult[]): string {
  return table([
    ["server", "req/s", "p50 ms", "p99 ms", "requests", "server CPU ms/req"],
    ...results.map((result, index) => [
      targets[index].label,
      result.requestsPerSecond.toFixed(0),
      result.p50.toFixed(1),
      result.p99.toFixed(1),
      String(result.total),
      cpu(result),
    ]),
  ]);
}

/** "a/b req/s ratio: x (CPU per request: y)", with the target when there is one. */
function ratioLine(name: string, a: ThroughputResult, b: ThroughputResult, target: number | null): string {
  const rate = a.requestsPerSecond / b.requestsPerSecond;
  const cpuRatio = a.cpuMsPerRequest && b.cpuMsPerRequest ? b.cpuMsPerRequest / a.cpuMsPerRequest : null;
  return (
    `${name} req/s ratio: ${rate.toFixed(2)}` +
    (target === null ? "" : ` (target ≥ ${target}: ${verdict(rate >= target)})`) +
    (cpuRatio === null ? "" : `; CPU-per-request ratio ${cpuRatio.toFixed(2)}`) +
    "\n"
  );
}

/**
 * Compass's query-applications example (test/fixtures/compass/examples,
 * verbatim but for `first: 100`) against the product and the lean reference.
 * Skipped, with the reason, while the product's schema cannot answer it
 * (issue 22 adds Compass's Application fields) or either server refuses it.
 */
async function compassApplicationsTargets(
  product: RunningServer,
  lean: RunningServer,
  headers: Record<string, string>,
): Promise<{ targets: Target[] | null; skipped?: string }> {
  const { exampleDocument } = await import("@/test/compass-example-documents");
  const { typeDefs } = await import("@/graphql/typeDefs.generated");
  const { buildASTSchema, parse, validate } = await import("graphql");
  const query = exampleDocument("query-applications", undefined, { "result: applications {": `result: applications(first: ${COMPASS_APPLICATIONS}) {` });
  const problems = validate(buildASTSchema(typeDefs), parse(query));
  if (problems.length) {
    const skipped = `the schema cannot answer it yet (${problems.length} validation errors, e.g. ${problems[0].message})`;
    say(`Compass's query-applications: ${skipped}`);
    return { targets: null, skipped };
  }
  const isPage = (data: Record<string, unknown>) => (data.result as { data?: unknown[] }).data?.length === COMPASS_APPLICATIONS;
  try {
    return {
      targets: [
        await target("product, API token", product, { query, variables: {} }, headers, isPage),
        await target("lean reference", lean, { query, variables: {} }, headers, isPage),
      ],
    };
  } catch (error) {
    if (!(error instanceof InvalidBenchmark)) throw error;
    say(`Compass's query-applications: ${error.message}`);
    return { targets: null, skipped: error.message };
  }
}

// ---------------------------------------------------------------- main

async function main() {
  if (!fs.existsSync(path.join(ROOT, ".next", "BUILD_ID"))) {
    say("no production build (.next/BUILD_ID): running npm run build");
    const build = spawnSync("npm", ["run", "build"], { cwd: ROOT, stdio: "inherit" });
    if (build.status !== 0) throw new Error(`npm run build failed with exit code ${build.status}`);
  }

  say(`temporary ${POSTGRES ? "PostgreSQL" : "SQLite"} database: ${POSTGRES ? new URL(DATABASE_URL).pathname.slice(1) : tmpDir}`);
  const fixture = await seedDatabase();
  const catalogCounts = fixture.catalog ? await catalogCosts(fixture.catalog, fixture.token) : null;
  // The servers below have the database to themselves (and PostgreSQL's can be dropped at the end).
  await (await import("@/app/instance")).getInstance().close();
  const [middleRow] = await rowsAt(ROWS / 2, 1);

  const [productPort, barePort, leanPort] = [await freePort(), await freePort(), await freePort()];
  if (PROFILE_DIR) fs.mkdirSync(PROFILE_DIR, { recursive: true });
  const product = startBenchServer("product", "server/main.ts", productPort, PROFILE_DIR ? ["--cpu-prof", `--cpu-prof-dir=${PROFILE_DIR}`] : undefined);
  const bare = startBenchServer("bare", "scripts/bare-graphql-server.ts", barePort);
  const lean = startBenchServer("lean", "scripts/lean-reference-server.ts", leanPort);
  // A page request, as in real use: in a single process it is Next's first
  // request that turns on its AsyncLocalStorage, and with it the cost to the hot path.
  await waitUntilUp(product, "/api/health", (status) => status === 200);
  // Bare Yoga and the lean reference have no health route: any answer from the GraphQL path (401 without a token) means up.
  await waitUntilUp(bare, GRAPHQL_PATH, (status) => status > 0);
  await waitUntilUp(lean, GRAPHQL_PATH, (status) => status > 0);
  say(`product server on port ${productPort}, bare GraphQL server on port ${barePort}, lean reference on port ${leanPort}`);
  // Where the configured cost limit refuses Compass's documents, they run against a product server that allows them.
  let catalogProduct = product;
  if (catalogCounts?.some((cost) => cost.refusedCost !== null)) {
    catalogProduct = startBenchServer("product-catalog", "server/main.ts", await freePort(), undefined, { GRAPHQL_MAX_COST: String(CATALOG_MAX_COST) });
    await waitUntilUp(catalogProduct, "/api/health", (status) => status === 200);
    say(`product server with GRAPHQL_MAX_COST=${CATALOG_MAX_COST} on port ${catalogProduct.port}`);
  }

  const tokenReply = await request(productPort, {
    method: "POST",
    path: "/oauth2/token",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      authorization: `Basic ${Buffer.from(`${encodeURIComponent(fixture.clientId)}:${encodeURIComponent(fixture.clientSecret)}`).toString("base64")}`,
    },
    body: "grant_type=client_credentials",
  });
  const accessToken = (JSON.parse(tokenReply.text) as { access_token?: string }).access_token;
  if (tokenReply.status !== 200 || !accessToken)
    throw new InvalidBenchmark(`the token endpoint answered HTTP ${tokenReply.status}: ${tokenReply.text.slice(0, 300)}`);

  say(`load average before measuring: ${loadAverage()}`);
  let paging: PagingResults | null = null;
  if (process.env.BENCH_PAGING !== "0") {
    say(`paging: ${WARMUP_REQUESTS} warm-up + ${SAMPLES} sequential requests per series`);
    paging = await measurePaging(productPort, fixture.token);
  }

  const apiToken = { authorization: `Bearer ${fixture.token}` };
  const systemQuery = { query: "query System($id: ID!) { integrationSystem(id: $id) { id name description } }", variables: { id: middleRow.id } };
  const isSystem = (data: Record<string, unknown>) => (data.integrationSystem as { id?: string } | null)?.id === middleRow.id;
  const systemTargets = [
    await target("product, API token", product, systemQuery, apiToken, isSystem),
    await target("product, access token", product, systemQuery, { authorization: `Bearer ${accessToken}` }, isSystem),
    await target("lean reference", lean, systemQuery, apiToken, isSystem),
    await target("bare Yoga, API token", bare, systemQuery, apiToken, isSystem),
  ];
  const listQuery = {
    query: `{ integrationSystems(first: ${PAGE_SIZE}) { data { id name description } pageInfo { endCursor hasNextPage } } }`,
    variables: {},
  };
  const isList = (data: Record<string, unknown>) => (data.integrationSystems as { data?: unknown[] }).data?.length === PAGE_SIZE;
  const listTargets = [
    await target("product, API token", product, listQuery, apiToken, isList),
    await target("lean reference", lean, listQuery, apiToken, isList),
  ];
  const applicationQuery = { query: "query App($id: ID!) { application(id: $id) { id name description } }", variables: { id: fixture.applicationId } };
  const tenantHeader = { ...apiToken, tenant: fixture.tenantExternalId };
  const isApplication = (data: Record<string, unknown>) => (data.application as { id?: string } | null)?.id === fixture.applicationId;
  const applicationTargets = [
    await target("product, API token", product, applicationQuery, tenantHeader, isApplication),
    await target("lean reference", lean, applicationQuery, tenantHeader, isApplication),
  ];
  const compassTargets = await compassApplicationsTargets(product, lean, { ...apiToken, tenant: fixture.compassTenantExternalId });
  const catalogTargets = fixture.catalog
    ? await Promise.all(
        (await catalogDocuments(fixture.catalog)).map((document) =>
          target(
            `product, ${document.name}`,
            catalogProduct,
            { query: document.query, variables: {} },
            { ...apiToken, tenant: fixture.catalog!.tenantExternalId },
            document.check,
            CATALOG_CONNECTIONS,
          ),
        ),
      )
    : null;

  const loadBefore = loadAverage();
  const system = await measureGroup(systemTargets);
  const list = await measureGroup(listTargets);
  const application = await measureGroup(applicationTargets);
  const compass = compassTargets.targets ? await measureGroup(compassTargets.targets) : null;
  const catalogLatency = fixture.catalog
    ? await measureCatalogLatency(catalogProduct, fixture.token, fixture.catalog.tenantExternalId, await catalogDocuments(fixture.catalog))
    : null;
  const catalog = catalogTargets ? await measureGroup(catalogTargets) : null;
  const loadAfter = loadAverage();

  const [productApi, productAccess, leanSystem, bareSystem] = system;
  let out = "";
  if (paging) {
    const pageRatio = paging.deep.p50 / paging.first.p50;
    const deepLabel = `deep page (rows ${paging.deepRow.toLocaleString("en")}+)`;
    out +=
      `\nintegrationSystems(first: ${PAGE_SIZE}), ${ROWS.toLocaleString("en")} rows, ${SAMPLES} sequential requests each\n` +
      table([
        ["page", "p50 ms", "p99 ms"],
        ["first page", ms(paging.first.p50), ms(paging.first.p99)],
        [deepLabel, ms(paging.deep.p50), ms(paging.deep.p99)],
        ["first page + totalCount", ms(paging.firstWithTotal.p50), ms(paging.firstWithTotal.p99)],
        [`${deepLabel} + totalCount`, ms(paging.deepWithTotal.p50), ms(paging.deepWithTotal.p99)],
      ]) +
      `\ndeep/first p50 ratio: ${pageRatio.toFixed(2)} (target ≤ ${PAGE_RATIO_TARGET}: ${verdict(pageRatio <= PAGE_RATIO_TARGET)})\n`;
  }
  const runs = `${CONNECTIONS} connections, 2 × ${SECONDS} s per server, no errors (p50 and p99: mean of the two runs)`;
  out +=
    `\n${POSTGRES ? "PostgreSQL" : "SQLite"}; load average ${loadBefore} before the throughput runs, ${loadAfter} after\n` +
    `\nintegrationSystem(id) { id name description }, ${runs}\n` +
    resultTable(systemTargets, system) +
    "\n" +
    ratioLine("product/lean, API token:   ", productApi, leanSystem, LEAN_RATIO_TARGET) +
    ratioLine("product/lean, access token:", productAccess, leanSystem, LEAN_RATIO_TARGET) +
    ratioLine("product/bare, API token:   ", productApi, bareSystem, BARE_RATIO_TARGET) +
    `\nintegrationSystems(first: ${PAGE_SIZE}) { data { id name description } pageInfo { ... } }, API token, ${runs}\n` +
    resultTable(listTargets, list) +
    "\n" +
    ratioLine("product/lean", list[0], list[1], null) +
    `\napplication(id) { id name description } with the tenant header, API token, ${runs}\n` +
    resultTable(applicationTargets, application) +
    "\n" +
    ratioLine("product/lean", application[0], application[1], null) +
    `\nCompass's query-applications, applications(first: ${COMPASS_APPLICATIONS}) with its selection set, ${COMPASS_APPLICATIONS} labelled applications, API token, ` +
    (compass && compassTargets.targets
      ? `${runs}\n${resultTable(compassTargets.targets, compass)}\n${ratioLine("product/lean", compass[0], compass[1], null)}`
      : `skipped: ${compassTargets.skipped}\n`) +
    (catalogTargets && catalog && catalogCounts
      ? `\nWhat applications offer: Compass's query-applications (verbatim, its default page of ${CATALOG_PAGE}) and query-bundle, ` +
        `${CATALOG_APPLICATIONS.toLocaleString("en")} applications × ${CATALOG_BUNDLES} bundles × ${CATALOG_APIS} API definitions with specs ` +
        `(and an event definition and a document a bundle), API token, ${runs.replace(`${CONNECTIONS} connections`, `${CATALOG_CONNECTIONS} connections`)}\n` +
        `${resultTable(catalogTargets, catalog)}\n` +
        `one request at a time on one connection, ${CATALOG_SAMPLES} each after ${CATALOG_WARMUP_REQUESTS} unmeasured: ` +
        `${catalogCounts.map(({ name }, index) => `${name} p50 ${ms(catalogLatency![index].p50)} ms, p99 ${ms(catalogLatency![index].p99)} ms`).join("; ")}\n` +
        `statements per request (one answer in process, counted at the drivers): ${catalogCounts.map(({ name, statements }) => `${name} ${statements}`).join(", ")}\n` +
        catalogCounts
          .filter((cost) => cost.refusedCost !== null)
          .map(
            (cost) =>
              `${cost.name} costs ${cost.refusedCost} here: the default GRAPHQL_MAX_COST refuses it, so it ran against a product server started with GRAPHQL_MAX_COST=${CATALOG_MAX_COST}\n`,
          )
          .join("") +
        "no lean reference: the lean reference answers bundles empty, so the product's figures stand alone\n"
      : "\nWhat applications offer: skipped (BENCH_CATALOG=0)\n") +
    "\n";
  process.stdout.write(out);
}

await runBench(main);
