/**
 * Generates both Prisma clients from prisma/schema.prisma. The PostgreSQL
 * schema is derived (only provider and output differ) into
 * generated/schema.postgresql.prisma, so the two can never drift apart.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";

export const POSTGRES_SCHEMA = "generated/schema.postgresql.prisma";

/** The PostgreSQL twin of a SQLite schema: only the provider and the client's output differ. */
export function toPostgresSchema(source: string): string {
  const derived = source
    .replace('provider = "sqlite"', 'provider = "postgresql"')
    .replace('output     = "../generated/prisma-sqlite"', 'output     = "./prisma-postgresql"');
  if (derived === source || !derived.includes("./prisma-postgresql")) throw new Error("could not derive the PostgreSQL schema");
  return `// Generated from prisma/schema.prisma by scripts/prisma-generate.ts. Do not edit.\n${derived}`;
}

export function writePostgresSchema(): void {
  fs.mkdirSync("generated", { recursive: true });
  fs.writeFileSync(POSTGRES_SCHEMA, toPostgresSchema(fs.readFileSync("prisma/schema.prisma", "utf8")));
}

function generate(schema: string, databaseUrl: string) {
  execFileSync("npx", ["prisma", "generate", "--schema", schema], {
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...process.env, DATABASE_URL: databaseUrl, PRISMA_SCHEMA: schema, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  writePostgresSchema();
  generate("prisma/schema.prisma", "file:./data/compass.db");
  generate(POSTGRES_SCHEMA, "postgresql://localhost/unused");
}
