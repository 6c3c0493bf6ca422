/**
 * `npm run db:diff -- <name>`: authors one migration per provider for the
 * changes made to prisma/schema.prisma since the last migration.
 *
 * prisma/migrations/schema.snapshot.prisma is the model the committed
 * migrations produce; this diffs it against the current schema with
 * `prisma migrate diff` (which reads no database catalog, so it works through
 * the driver adapters), writes prisma/migrations/<provider>/<timestamp>_<name>/,
 * and updates the snapshot. lib/migrate.test.ts fails while the two differ.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { POSTGRES_SCHEMA, toPostgresSchema, writePostgresSchema } from "./prisma-generate";

export const SNAPSHOT = "prisma/migrations/schema.snapshot.prisma";
const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("usage: npm run db:diff -- <name_in_snake_case>");
  process.exit(2);
}

function diff(from: string, to: string, databaseUrl: string): string {
  return execFileSync("npx", ["prisma", "migrate", "diff", "--from-schema-datamodel", from, "--to-schema-datamodel", to, "--script"], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
    env: { ...process.env, DATABASE_URL: databaseUrl, PRISMA_SCHEMA: to, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
  });
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "compass-diff-"));
try {
  writePostgresSchema();
  const oldPostgres = path.join(tmp, "old.postgresql.prisma");
  fs.writeFileSync(oldPostgres, toPostgresSchema(fs.readFileSync(SNAPSHOT, "utf8")));
  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  const scripts = {
    sqlite: diff(SNAPSHOT, "prisma/schema.prisma", `file:${tmp}/diff.db`),
    postgresql: diff(oldPostgres, POSTGRES_SCHEMA, process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres"),
  };
  if (Object.values(scripts).every((sql) => !/^\s*[A-Z]/m.test(sql.replace(/^--.*$/gm, "")))) {
    console.log("prisma/schema.prisma matches the migrations: nothing to do.");
  } else {
    for (const [provider, sql] of Object.entries(scripts)) {
      const dir = `prisma/migrations/${provider}/${stamp}_${name}`;
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(`${dir}/migration.sql`, sql);
      console.log(`wrote ${dir}/migration.sql`);
    }
    fs.copyFileSync("prisma/schema.prisma", SNAPSHOT);
    console.log(`updated ${SNAPSHOT}; review both migrations before committing.`);
  }
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
