import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { defineConfig } from "prisma/config";

// The Prisma CLI runs on its JavaScript engines through a driver adapter, so it
// never downloads a binary (docs/design.md). PRISMA_SCHEMA picks the provider's
// schema; DATABASE_URL picks the adapter.
const url = process.env.DATABASE_URL ?? "file:./data/compass.db";

export default defineConfig({
  schema: process.env.PRISMA_SCHEMA ?? "prisma/schema.prisma",
  experimental: { adapter: true },
  engine: "js",
  async adapter() {
    return /^postgres/i.test(url) ? new PrismaPg({ connectionString: url }) : new PrismaBetterSQLite3({ url });
  },
});
