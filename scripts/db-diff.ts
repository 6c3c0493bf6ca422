/**
 * `npm run db:diff -- <name>`: authors one migration per provider for the
 * changes made to prisma/schema.prisma since the last migration.
 *
 * prisma/migrations/schema.snapshot.prisma is the model the committed
 * migrations produce; this diffs it against the current schema with
 * `prisma migrate diff` (which reads no database catalog, so it works through
 * the driver adapters), writes prisma/migrations/<provider>/<timestamp>_<name>/,
 * and updates the snapshot. lib/migrate.test.ts fails while the two differ.
 *
 * The diff runs on the Prisma 6.19 CLI (the `prisma6` package, with
 * scripts/prisma6.config.ts): Prisma 7's `migrate diff` needs its native schema
 * engine, which nothing here may download, while 6.19 runs its JavaScript
 * schema engine through the driver adapter (docs/decisions/0014-prisma-7.md).
 * 6.19 reads Prisma 7's schema as is but for two lines, added to the copies it
 * is given: a datasource `url` (without one it falls back to downloading
 * engines) and the generator's `engineType = "client"` (without it, it
 * downloads the native query engine).
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { toPostgresSchema } from "./prisma-generate";

export const SNAPSHOT = "prisma/migrations/schema.snapshot.prisma";
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const PRISMA6_CLI = path.join(ROOT, "node_modules", "prisma6", "build", "index.js");
const PRISMA6_CONFIG = path.join(ROOT, "scripts", "prisma6.config.ts");

/** A Prisma 7 schema as the 6.19 CLI reads it without downloading anything (see above). */
function toPrisma6Schema(source: string): string {
  const withUrl = source.replace(/(datasource\s+\w+\s*\{[^}]*?provider\s*=\s*"\w+")/, '$1\n  url      = env("DATABASE_URL")');
  const withEngine = withUrl.replace(/(generator\s+\w+\s*\{[^}]*?provider\s*=\s*"prisma-client")/, '$1\n  engineType = "client"');
  if (withUrl === source || withEngine === withUrl) throw new Error("could not adapt the schema for the Prisma 6.19 CLI");
  return withEngine;
}

function diff(from: string, to: string, databaseUrl: string): string {
  return execFileSync(
    process.execPath,
    [PRISMA6_CLI, "migrate", "diff", "--config", PRISMA6_CONFIG, "--from-schema-datamodel", from, "--to-schema-datamodel", to, "--script"],
    {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
      env: { ...process.env, DATABASE_URL: databaseUrl, PRISMA_SCHEMA: to, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
    },
  );
}

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("usage: npm run db:diff -- <name_in_snake_case>");
  process.exit(2);
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "compass-diff-"));
try {
  const write = (file: string, schema: string) => {
    fs.writeFileSync(path.join(tmp, file), toPrisma6Schema(schema));
    return path.join(tmp, file);
  };
  const snapshot = fs.readFileSync(SNAPSHOT, "utf8");
  const current = fs.readFileSync("prisma/schema.prisma", "utf8");
  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  const scripts = {
    sqlite: diff(write("old.sqlite.prisma", snapshot), write("new.sqlite.prisma", current), `file:${tmp}/diff.db`),
    postgresql: diff(
      write("old.postgresql.prisma", toPostgresSchema(snapshot)),
      write("new.postgresql.prisma", toPostgresSchema(current)),
      process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres",
    ),
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
