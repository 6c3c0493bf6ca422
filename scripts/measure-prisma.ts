/**
 * `npx tsx scripts/measure-prisma.ts [sqlite|postgresql ...]`: what one Prisma
 * query costs the process, sequentially (no concurrency), on a throw-away
 * database migrated by the product's own runner (lib/migrate.ts) and a client
 * made by createDb() (lib/db.ts): `findUnique` of an integration system by id,
 * and the same row by `$queryRaw`. Prints µs per call over CALLS calls after
 * WARMUP, for ROUNDS rounds (the two queries alternate round by round), and
 * the median round. Figures go to docs/decisions/0014-prisma-7.md.
 *
 * PostgreSQL: a database of its own on TEST_POSTGRES_URL's server (as the
 * tests), dropped afterwards.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createPostgresDatabase } from "@/test/postgres";

const WARMUP = 1_000;
const CALLS = Number(process.env.MEASURE_CALLS ?? 3_000);
const ROUNDS = 5;

const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), "compass-measure-prisma-"));
// createDb() takes the SQLite file from the configuration (DATABASE_URL).
process.env.DATABASE_URL = `file:${path.join(tmpDir, "measure.db")}`;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function measure(databaseUrl: string): Promise<{ findUnique: number[]; queryRaw: number[] }> {
  const { migrate } = await import("@/lib/migrate");
  const { createDb } = await import("@/lib/db");
  await migrate(databaseUrl);
  const db = createDb(databaseUrl);
  try {
    const id = "0190a5c4-0000-7000-8000-000000000001";
    await db.integrationSystem.create({ data: { id, name: "Measured", nameKey: "measured", nameSkeleton: "measured", description: "one row" } });
    const queries = {
      findUnique: () => db.integrationSystem.findUnique({ where: { id } }),
      queryRaw: () => db.$queryRaw<unknown[]>`SELECT * FROM "IntegrationSystem" WHERE "id" = ${id}`,
    };
    for (const query of Object.values(queries)) {
      for (let i = 0; i < WARMUP; i++) if (!(await query())) throw new Error("the row is missing");
    }
    const results = { findUnique: [] as number[], queryRaw: [] as number[] };
    for (let round = 0; round < ROUNDS; round++) {
      for (const [name, query] of Object.entries(queries) as [keyof typeof queries, () => Promise<unknown>][]) {
        const started = process.hrtime.bigint();
        for (let i = 0; i < CALLS; i++) await query();
        results[name].push(Number(process.hrtime.bigint() - started) / 1_000 / CALLS);
      }
    }
    return results;
  } finally {
    await db.$disconnect();
  }
}

async function main() {
  const providers = process.argv.slice(2).length ? process.argv.slice(2) : ["sqlite", "postgresql"];
  const prisma = JSON.parse(fs.readFileSync(path.join("node_modules", "@prisma", "client", "package.json"), "utf8")).version;
  console.log(`Prisma ${prisma}, node ${process.version}, ${CALLS} sequential calls per round after ${WARMUP} warm-up calls, ${ROUNDS} rounds`);
  for (const provider of providers) {
    let databaseUrl: string;
    let drop = async () => {};
    if (provider === "sqlite") databaseUrl = process.env.DATABASE_URL!;
    else if (provider === "postgresql") ({ url: databaseUrl, drop } = await createPostgresDatabase("compass_measure"));
    else throw new Error(`unknown provider ${provider}: sqlite or postgresql`);
    try {
      const results = await measure(databaseUrl);
      for (const [name, rounds] of Object.entries(results)) {
        const figures = rounds.map((value) => value.toFixed(0)).join(" ");
        console.log(`${provider.padEnd(10)} ${name.padEnd(10)} median ${median(rounds).toFixed(0).padStart(4)} µs/call  (rounds: ${figures})`);
      }
    } finally {
      await drop();
    }
  }
}

main()
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => fs.rmSync(tmpDir, { recursive: true, force: true }));
