/**
 * Generates both Prisma clients from prisma/schema.prisma. The PostgreSQL
 * schema is derived (only provider and output differ) into
 * generated/schema.postgresql.prisma, so the two can never drift apart.
 *
 * Runs Prisma 7's CLI (the `prisma` package, by path: the 6.19 CLI kept for
 * `npm run db:diff` is installed beside it as `prisma6`).
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const PRISMA_CLI = path.join(ROOT, "node_modules", "prisma", "build", "index.js");

export const POSTGRES_SCHEMA = "generated/schema.postgresql.prisma";

/** The PostgreSQL twin of a SQLite schema: only the provider and the client's output differ. */
export function toPostgresSchema(source: string): string {
  const derived = source
    .replace('provider = "sqlite"', 'provider = "postgresql"')
    .replace(/output(\s*)= "\.\.\/generated\/prisma-sqlite"/, 'output$1= "./prisma-postgresql"');
  if (derived === source || !derived.includes("./prisma-postgresql")) throw new Error("could not derive the PostgreSQL schema");
  return `// Generated from prisma/schema.prisma by scripts/prisma-generate.ts. Do not edit.\n${derived}`;
}

export function writePostgresSchema(): void {
  fs.mkdirSync("generated", { recursive: true });
  fs.writeFileSync(POSTGRES_SCHEMA, toPostgresSchema(fs.readFileSync("prisma/schema.prisma", "utf8")));
}

function generate(schema: string, databaseUrl: string) {
  execFileSync(process.execPath, [PRISMA_CLI, "generate", "--schema", schema], {
    stdio: ["ignore", "inherit", "inherit"],
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PRISMA_SCHEMA: schema,
      PRISMA_HIDE_UPDATE_MESSAGE: "1",
      // Prisma 7's CLI first makes sure a native schema engine is at hand and
      // downloads one if not, which fails offline; `generate` never runs it,
      // so any existing file will do (docs/decisions/0014-prisma-7.md).
      PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath,
    },
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  writePostgresSchema();
  generate("prisma/schema.prisma", "file:./data/compass.db");
  generate(POSTGRES_SCHEMA, "postgresql://localhost/unused");
}
