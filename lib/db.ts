import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient as PostgresClient } from "../generated/prisma-postgresql/client";
import { PrismaClient as SqliteClient } from "../generated/prisma-sqlite/client";
import { getConfig } from "./config";

/**
 * Both generated clients expose the same model API (the schemas differ only in
 * provider), so the rest of the code is typed against the SQLite one.
 */
export type Db = SqliteClient;
/** The client inside `db.$transaction(async (tx) => ...)`. */
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

const CONNECT_TIMEOUT_MS = 2_000;
const QUERY_TIMEOUT_MS = 15_000;

function ignoreConnectionError(): void {
  // Handled where it matters: the query on the connection fails with it, and
  // the pool discards the connection. Logged there, as a 503 (lib/db-errors.ts).
}

const postgresDbs = new WeakSet<object>();

/** Whether a client talks to PostgreSQL: the few raw queries that differ by dialect (JSON) ask. */
export function isPostgres(db: Db): boolean {
  return postgresDbs.has(db);
}

export function createDb(databaseUrl: string): Db {
  const config = getConfig();
  if (/^postgres/i.test(databaseUrl)) {
    const pool = new pg.Pool({
      connectionString: databaseUrl,
      max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
      // During an outage a request must fail (503, lib/db-errors.ts) within
      // about the health check's 2 s rather than hang: connecting, and waiting
      // for a pooled connection, give up after this long. A refused
      // connection (server stopped) fails at once anyway.
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      // A server that stops answering on an open connection (frozen, network
      // cut) would otherwise hold the request until TCP gives up, minutes
      // later. No query here takes more than a fraction of a second; the
      // timed-out connection is discarded by the pool.
      query_timeout: QUERY_TIMEOUT_MS,
      // Notices dead peers on idle pooled connections.
      keepAlive: true,
      // Idle connections are closed after 30 s, so a pool sized for a peak
      // does not hold PostgreSQL connections (shared by every instance) for ever.
      idleTimeoutMillis: 30_000,
    });
    // Every connection keeps an 'error' listener for its whole life. The
    // adapter adds its own to a connection it takes for a transaction only
    // after awaiting it, and the pool removes its idle listener on handing it
    // out: a shutdown notice (57P01) arriving in the same packet as the
    // connection's ready message fell in between, was an unhandled 'error'
    // event, and took the whole process down (seen restarting PostgreSQL
    // under load; reproduced in lib/db.test.ts). The error itself still
    // reaches whoever is using the connection, and the pool drops it.
    pool.on("connect", (client) => client.on("error", ignoreConnectionError));
    // The adapter attaches its own pool 'error' listener; this one keeps the
    // pool safe before the adapter first connects.
    pool.on("error", ignoreConnectionError);
    const adapter = new PrismaPg(pool, { disposeExternalPool: true });
    const client = new PostgresClient({ adapter }) as unknown as Db;
    postgresDbs.add(client);
    return client;
  }
  const adapter = new PrismaBetterSQLite3({ url: config.sqlitePath ?? databaseUrl, timeout: 10_000 });
  return new SqliteClient({ adapter });
}

// Keyed on globalThis: Next loads its own bundled copies of this module beside
// the plain one (instrumentation.ts and the route bundles under `next dev`; the
// Next child process in production, which has its own client), and all copies
// in one process must share a single client (docs/design.md, "Stack notes").
const KEY = Symbol.for("compass.db");
const store = globalThis as typeof globalThis & { [KEY]?: Db };

export function getDb(): Db {
  return (store[KEY] ??= createDb(getConfig().databaseUrl));
}
