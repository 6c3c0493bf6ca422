import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
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

export function createDb(databaseUrl: string): Db {
  const config = getConfig();
  if (/^postgres/i.test(databaseUrl)) {
    const adapter = new PrismaPg({
      connectionString: databaseUrl,
      max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
      // Fail fast instead of queueing forever when the database is down.
      connectionTimeoutMillis: 5_000,
    });
    return new PostgresClient({ adapter }) as unknown as Db;
  }
  const adapter = new PrismaBetterSQLite3({ url: config.sqlitePath ?? databaseUrl, timeout: 10_000 });
  return new SqliteClient({ adapter });
}

// Keyed on globalThis: the custom server and Next's bundled copy of this module
// run in one process and must share a single client (STACK-NOTES.md).
const KEY = Symbol.for("compass.db");
const store = globalThis as typeof globalThis & { [KEY]?: Db };

export function getDb(): Db {
  return (store[KEY] ??= createDb(getConfig().databaseUrl));
}
