import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { defineConfig } from "prisma6/config";

// The Prisma 6.19 CLI's config, for `npm run db:diff` only (scripts/db-diff.ts):
// Prisma 7's `migrate diff` needs its native schema engine, which nothing here
// may download; 6.19 runs its JavaScript schema engine through a driver
// adapter instead (docs/decisions/0014-prisma-7.md). PRISMA_SCHEMA picks the
// provider's schema; DATABASE_URL picks the adapter.
const url = process.env.DATABASE_URL ?? "file:./data/compass.db";

export default defineConfig({
  schema: process.env.PRISMA_SCHEMA ?? "prisma/schema.prisma",
  experimental: { adapter: true },
  engine: "js",
  async adapter() {
    return /^postgres/i.test(url) ? new PrismaPg({ connectionString: url }) : new PrismaBetterSqlite3({ url });
  },
});
