import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import { promisify } from "node:util";
import Database from "better-sqlite3";
import pg from "pg";
import { provider, setupTestApp } from "@/test/harness";
import { sqlitePathOf } from "./config";
import { migrate } from "./migrate";

const app = await setupTestApp();
const ADMIN_POSTGRES_URL = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

/** The committed migrations, read independently of lib/migrate.ts. */
const migrationsDir = path.join(process.cwd(), "prisma", "migrations", provider);
const committed = fs
  .readdirSync(migrationsDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => ({
    name: entry.name,
    checksum: createHash("sha256")
      .update(fs.readFileSync(path.join(migrationsDir, entry.name, "migration.sql")))
      .digest("hex"),
  }))
  .sort((a, b) => (a.name < b.name ? -1 : 1));

interface MigrationRow {
  id: string;
  migration_name: string;
  checksum: string;
  finished: boolean;
  rolled_back: boolean;
  applied_steps_count: number;
}

async function migrationRows(url: string): Promise<MigrationRow[]> {
  const sql = `SELECT id, migration_name, checksum, finished_at IS NOT NULL AS finished, rolled_back_at IS NOT NULL AS rolled_back,
    applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name, id`;
  if (provider === "sqlite") {
    const db = new Database(sqlitePathOf(url), { readonly: true });
    try {
      return (db.prepare(sql).all() as MigrationRow[]).map((row) => ({ ...row, finished: !!row.finished, rolled_back: !!row.rolled_back }));
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<MigrationRow>(sql)).rows;
  } finally {
    await client.end();
  }
}

/** Another empty database of the provider under test, dropped when the file ends. */
async function freshDatabase(): Promise<string> {
  if (provider === "sqlite") {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "compass-migrate-"));
    after(() => fs.rmSync(dir, { recursive: true, force: true }));
    return `file:${dir}/fresh.db`;
  }
  const name = `compass_migrate_${process.pid}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: ADMIN_POSTGRES_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  after(async () => {
    const client = new pg.Client({ connectionString: ADMIN_POSTGRES_URL });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await client.end();
  });
  const url = new URL(ADMIN_POSTGRES_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

function assertOneFinishedRowPerMigration(rows: MigrationRow[]) {
  assert.ok(committed.length > 0);
  assert.deepEqual(
    rows.map((row) => ({ name: row.migration_name, checksum: row.checksum })),
    committed,
    "one row per migration folder, with the sha256 of its migration.sql",
  );
  for (const row of rows) {
    assert.equal(row.finished, true);
    assert.equal(row.rolled_back, false);
    assert.equal(Number(row.applied_steps_count), 1);
  }
}

test("the harness's migrated database has one finished row per migration folder", async () => {
  assertOneFinishedRowPerMigration(await migrationRows(app.databaseUrl));
});

test("migrating an already migrated database applies nothing, again and again", async () => {
  const before = await migrationRows(app.databaseUrl);
  for (let i = 0; i < 3; i++) {
    const result = await migrate(app.databaseUrl);
    assert.deepEqual(result, { applied: [], alreadyApplied: committed.length });
  }
  assert.deepEqual(await migrationRows(app.databaseUrl), before, "no row added or changed");
  // The schema is intact and usable.
  assert.equal(typeof (await app.db.integrationSystem.count()), "number");
});

test("two concurrent migrate() calls on a fresh database both succeed and apply each migration once", async () => {
  const url = await freshDatabase();
  const results = await Promise.all([migrate(url), migrate(url)]);
  const applied = results.flatMap((result) => result.applied).sort();
  assert.deepEqual(
    applied,
    committed.map((migration) => migration.name),
    "each migration applied by exactly one of them",
  );
  assertOneFinishedRowPerMigration(await migrationRows(url));
  assert.deepEqual(await migrate(url), { applied: [], alreadyApplied: committed.length });
});

test("two processes migrating one fresh database at once both succeed and apply each migration once", async () => {
  const url = await freshDatabase();
  const script = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "compass-migrate-script-")), "migrate.mts");
  after(() => fs.rmSync(path.dirname(script), { recursive: true, force: true }));
  fs.writeFileSync(
    script,
    `import { migrate } from ${JSON.stringify(path.join(process.cwd(), "lib", "migrate.ts"))};\n` +
      `process.stdout.write(JSON.stringify(await migrate(process.env.DATABASE_URL!)));\n`,
  );
  const run = () =>
    promisify(execFile)(process.execPath, ["--import", "tsx", script], {
      cwd: process.cwd(),
      env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: "error" },
      timeout: 20_000,
    });
  const outputs = await Promise.all([run(), run()]);
  const results = outputs.map((output) => JSON.parse(output.stdout) as { applied: string[]; alreadyApplied: number });
  assert.deepEqual(
    results.flatMap((result) => result.applied).sort(),
    committed.map((migration) => migration.name),
  );
  assertOneFinishedRowPerMigration(await migrationRows(url));
});

test("prisma/schema.prisma has no change the committed migrations lack (author one with npm run db:diff)", () => {
  assert.equal(
    fs.readFileSync("prisma/schema.prisma", "utf8"),
    fs.readFileSync("prisma/migrations/schema.snapshot.prisma", "utf8"),
    "prisma/schema.prisma differs from the schema its migrations produce: run `npm run db:diff -- <name>`",
  );
});
