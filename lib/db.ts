import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import Database from "better-sqlite3";
import pg from "pg";
import { PrismaClient as PostgresClient } from "@/generated/prisma-postgresql/client";
import { PrismaClient as SqliteClient } from "@/generated/prisma-sqlite/client";
import { getConfig, sqlitePathOf } from "./config";
import { countDbQuery } from "./metrics";

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

/**
 * Whether a required relation Prisma read beside its row is gone. Prisma reads
 * a row and its relation in two statements, so a delete committed between
 * them gives null where the schema promises a row (issue 20, finding 12):
 * the row then belongs to no one, and its reader treats it as unknown.
 */
export function vanished(related: unknown): boolean {
  return related === null || related === undefined;
}

const postgresDbs = new WeakSet<object>();

/** The PostgreSQL pool's use now, for /metrics. */
export interface PoolStats {
  total: number;
  idle: number;
  waiting: number;
  max: number;
}

/**
 * A database as the instance (app/instance.ts) holds it: Prisma's client, the
 * prepared-statement reader beside it, and the pool's figures.
 */
export interface OpenedDatabase {
  db: Db;
  reader: RawReader;
  /** Null on SQLite (no pool). */
  poolStats(): PoolStats | null;
  /** Disconnects the client and closes the reader's own connection (SQLite). */
  close(): Promise<void>;
}

/**
 * With metrics on, Prisma reports each query's time (server/metrics.ts);
 * without, it is not asked to, so it spends nothing on it.
 */
const queryLog = () => (getConfig().metrics ? { log: [{ emit: "event" as const, level: "query" as const }] } : {});
function timeQueries(db: Db): Db {
  if (getConfig().metrics)
    (db as unknown as { $on(event: "query", listener: (event: { duration: number }) => void): void }).$on("query", (event) =>
      countDbQuery(event.duration / 1000),
    );
  return db;
}

/** Whether a client talks to PostgreSQL: the few raw queries that differ by dialect (JSON) ask. */
export function isPostgres(db: Db): boolean {
  return postgresDbs.has(db);
}

/** Prisma's client alone (tests and scripts that need no reader). */
export function createDb(databaseUrl: string): Db {
  return openDatabase(databaseUrl).db;
}

export function openDatabase(databaseUrl: string): OpenedDatabase {
  const config = getConfig();
  if (/^postgres/i.test(databaseUrl)) {
    const pool = new pg.Pool({
      connectionString: databaseUrl,
      max: config.databasePoolSize,
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
    const db = timeQueries(new PostgresClient({ adapter, ...queryLog() }) as unknown as Db);
    postgresDbs.add(db);
    return {
      db,
      reader: postgresReader(pool),
      poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount, max: pool.options.max ?? 10 }),
      // The adapter ends the pool it was given (disposeExternalPool).
      close: () => db.$disconnect(),
    };
  }
  // This URL's file, which need not be the configuration's (tests open several databases).
  const file = databaseUrl.startsWith("file:") ? sqlitePathOf(databaseUrl) : (config.sqlitePath ?? databaseUrl);
  const adapter = new PrismaBetterSqlite3({ url: file, timeout: 10_000 });
  const db = timeQueries(new SqliteClient({ adapter, ...queryLog() }) as unknown as Db);
  const reader = sqliteReader(file);
  return {
    db,
    reader,
    poolStats: () => null,
    async close() {
      reader.close();
      await db.$disconnect();
    },
  };
}

/**
 * Prepared statements beside Prisma, for the few hottest reads only (an
 * integration system by id, a page of them): Prisma 6's client engine spends
 * about three times the database's work compiling and mapping each query
 * (docs/decisions/0010-prepared-statements-for-hot-reads.md). The SQL uses
 * $1, $2, ... on both databases; rows come back with DateTime columns as
 * Dates, like Prisma's. Writes always go through Prisma.
 */
export interface RawReader {
  provider: "sqlite" | "postgresql";
  /** Rows of `sql`, prepared once per statement text (per connection on PostgreSQL). */
  rows<Row>(sql: string, values: readonly unknown[], dateColumns: readonly string[]): Promise<Row[]>;
  /** A Date as this database compares it with stored DateTime values (a parameter). */
  time(date: Date): unknown;
  /** Closes its own connection, if it opened one (SQLite). */
  close(): void;
}

// PostgreSQL `timestamp(3)` (no time zone), which Prisma writes in UTC: read it as UTC, whatever the process's zone.
const TIMESTAMP_OID = 1114;
const utcTimestamp = (text: string) => new Date(`${text.replace(" ", "T")}Z`);
const postgresTypes = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === TIMESTAMP_OID ? utcTimestamp : pg.types.getTypeParser(oid, format as "text")) as typeof pg.types.getTypeParser,
};

function postgresReader(pool: pg.Pool): RawReader {
  const names = new Map<string, string>();
  return {
    provider: "postgresql",
    async rows<Row>(sql: string, values: readonly unknown[]) {
      let name = names.get(sql);
      if (!name) names.set(sql, (name = `compass_read_${names.size + 1}`));
      // Named: pg prepares it once per connection and then only binds and executes.
      return (await pool.query({ name, text: sql, values: [...values], types: postgresTypes })).rows as Row[];
    },
    time: (date) => date,
    // Its connections are the pool's, ended with the client.
    close() {},
  };
}

function sqliteReader(file: string): RawReader {
  // Its own connection, opened on first use (after migrations); WAL (lib/migrate.ts) lets it read beside Prisma's writes.
  let connection: Database.Database | null = null;
  const statements = new Map<string, { statement: Database.Statement; order: number[] }>();
  return {
    provider: "sqlite",
    async rows<Row>(sql: string, values: readonly unknown[], dateColumns: readonly string[]) {
      let prepared = statements.get(sql);
      if (!prepared) {
        connection ??= new Database(file, { readonly: true, fileMustExist: true, timeout: 10_000 });
        // $N parameters become plain ?s, bound in the order they appear.
        const order = [...sql.matchAll(/\$(\d+)/g)].map((match) => Number(match[1]) - 1);
        prepared = { statement: connection.prepare(sql.replace(/\$\d+/g, "?")), order };
        statements.set(sql, prepared);
      }
      const { statement, order } = prepared;
      const rows = statement.all(...order.map((index) => values[index])) as Record<string, unknown>[];
      for (const row of rows) {
        for (const column of dateColumns) if (row[column] !== null && row[column] !== undefined) row[column] = storedDate(row[column]);
      }
      return rows as Row[];
    },
    time: (date) => date.toISOString().replace(/Z$/, "+00:00"),
    close() {
      connection?.close();
      connection = null;
      statements.clear();
    },
  };
}

/** A DateTime as Prisma's SQLite adapter stores it (ISO 8601 text; numbers from older writers) as a Date. */
function storedDate(value: unknown): Date {
  return new Date(typeof value === "number" ? value : String(value));
}
