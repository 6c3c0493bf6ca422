import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { type DatabaseProvider, providerOf, sqlitePathOf } from "./config";
import { log } from "./logger";

/**
 * Applies the committed migrations in prisma/migrations/<provider>/ in name
 * order, each in its own transaction together with its row in Prisma's
 * `_prisma_migrations` table (same layout, so the official CLI stays usable).
 * Why not `prisma migrate deploy`: on PostgreSQL it fails through the driver
 * adapter (docs/decisions/0003-custom-migration-runner.md), and one runner for both providers keeps them alike.
 */
export interface MigrationResult {
  applied: string[];
  alreadyApplied: number;
}

interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

const MIGRATIONS_ROOT = path.resolve(/*turbopackIgnore: true*/ process.cwd(), "prisma", "migrations");
/** Arbitrary constant: the PostgreSQL advisory lock that serialises concurrent starts. */
const PG_MIGRATION_LOCK = 7_260_514;

export function readMigrations(provider: DatabaseProvider, root = MIGRATIONS_ROOT): Migration[] {
  const dir = path.join(root, provider);
  return fs
    .readdirSync(/*turbopackIgnore: true*/ dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(/*turbopackIgnore: true*/ path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

function pending(all: Migration[], applied: Map<string, string>): Migration[] {
  for (const migration of all) {
    const checksum = applied.get(migration.name);
    if (checksum && checksum !== migration.checksum) {
      log.warn("an applied migration was edited after it ran", { migration: migration.name });
    }
  }
  return all.filter((migration) => !applied.has(migration.name));
}

const BUSY_RETRY_MS = 50;
const BUSY_GIVE_UP_MS = 10_000;

/**
 * SQLite answers a switch to WAL with SQLITE_BUSY at once, without waiting in
 * the busy handler, while another connection holds the write lock
 * (docs/decisions/0003-custom-migration-runner.md). Two processes starting on one fresh database
 * together hit it (lib/migrate.test.ts failed so once in CI). Start-up is
 * synchronous here, so wait by blocking briefly and try again.
 */
function retryWhileBusy<T>(action: () => T): T {
  const giveUpAt = Date.now() + BUSY_GIVE_UP_MS;
  for (;;) {
    try {
      return action();
    } catch (error) {
      if ((error as { code?: string }).code !== "SQLITE_BUSY" || Date.now() >= giveUpAt) throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, BUSY_RETRY_MS);
    }
  }
}

function migrateSqlite(file: string, migrations: Migration[]): MigrationResult {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  try {
    db.pragma("busy_timeout = 10000");
    // WAL lets readers proceed during a write and is a property of the file, so set once here.
    retryWhileBusy(() => db.pragma("journal_mode = WAL"));
    db.exec(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id" TEXT PRIMARY KEY NOT NULL, "checksum" TEXT NOT NULL, "finished_at" DATETIME,
      "migration_name" TEXT NOT NULL, "logs" TEXT, "rolled_back_at" DATETIME,
      "started_at" DATETIME NOT NULL DEFAULT current_timestamp, "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0)`);
    const appliedNames: string[] = [];
    let alreadyApplied = 0;
    // IMMEDIATE takes the write lock first, so two processes starting together
    // cannot both decide the same migration is pending.
    db.exec("BEGIN IMMEDIATE");
    try {
      const rows = db.prepare(`SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`).all() as {
        migration_name: string;
        checksum: string;
      }[];
      const applied = new Map(rows.map((row) => [row.migration_name, row.checksum]));
      alreadyApplied = applied.size;
      const record = db.prepare(
        `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count)
         VALUES (?, ?, current_timestamp, ?, current_timestamp, 1)`,
      );
      for (const migration of pending(migrations, applied)) {
        db.exec(migration.sql);
        record.run(randomUUID(), migration.checksum, migration.name);
        appliedNames.push(migration.name);
      }
      db.exec("COMMIT");
    } catch (error) {
      db.exec("ROLLBACK");
      throw error;
    }
    return { applied: appliedNames, alreadyApplied };
  } finally {
    db.close();
  }
}

async function migratePostgres(url: string, migrations: Migration[]): Promise<MigrationResult> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [PG_MIGRATION_LOCK]);
    await client.query(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id" VARCHAR(36) PRIMARY KEY NOT NULL, "checksum" VARCHAR(64) NOT NULL, "finished_at" TIMESTAMPTZ,
      "migration_name" VARCHAR(255) NOT NULL, "logs" TEXT, "rolled_back_at" TIMESTAMPTZ,
      "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(), "applied_steps_count" INTEGER NOT NULL DEFAULT 0)`);
    const { rows } = await client.query<{ migration_name: string; checksum: string }>(
      `SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
    );
    const applied = new Map(rows.map((row) => [row.migration_name, row.checksum]));
    const appliedNames: string[] = [];
    for (const migration of pending(migrations, applied)) {
      await client.query("BEGIN");
      try {
        await client.query(migration.sql);
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count)
           VALUES ($1, $2, now(), $3, now(), 1)`,
          [randomUUID(), migration.checksum, migration.name],
        );
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw new Error(`migration ${migration.name} failed: ${(error as Error).message}`);
      }
      appliedNames.push(migration.name);
    }
    return { applied: appliedNames, alreadyApplied: applied.size };
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [PG_MIGRATION_LOCK]).catch(() => undefined);
    await client.end();
  }
}

/** Brings the database at `databaseUrl` up to the newest committed migration. */
export async function migrate(databaseUrl: string): Promise<MigrationResult> {
  const provider = providerOf(databaseUrl);
  const migrations = readMigrations(provider);
  const result = provider === "sqlite" ? migrateSqlite(sqlitePathOf(databaseUrl), migrations) : await migratePostgres(databaseUrl, migrations);
  if (result.applied.length > 0) log.info("applied database migrations", { provider, applied: result.applied });
  return result;
}
