import { defineConfig } from "prisma/config";

// Prisma 7's CLI reads the database URL here, not in the schema. The product
// only runs `prisma generate` with it (scripts/prisma-generate.ts), which
// connects to nothing; at run time the driver adapters connect (lib/db.ts) and
// lib/migrate.ts applies the committed migrations. PRISMA_SCHEMA picks the
// provider's schema. Migrations are authored with the 6.19 CLI and its own
// config (scripts/prisma6.config.ts, docs/decisions/0014-prisma-7.md).
export default defineConfig({
  schema: process.env.PRISMA_SCHEMA ?? "prisma/schema.prisma",
  datasource: { url: process.env.DATABASE_URL ?? "file:./data/compass.db" },
});
