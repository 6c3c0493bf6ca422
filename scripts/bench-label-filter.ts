/**
 * `tsx scripts/bench-label-filter.ts`: the label-filtered application list at
 * 100,000 applications in one tenant with 10 labels each, first page against
 * a deep page (keyset), on SQLite, in process through the domain service (the
 * GraphQL layer above it is what `npm run bench:api` measures for other lists).
 * Figures go to docs/decisions/0012-label-filters.md.
 */
import { randomBytes } from "node:crypto";
import path from "node:path";
import Database from "better-sqlite3";
import { makeTempDir, runBench, say, table } from "./bench-support";

const ROWS = 100_000;
const LABELS = 10;
const PAGE = 100;
const SAMPLES = 100;
const tmpDir = makeTempDir("compass-bench-labels-");
const DATABASE_URL = `file:${path.join(tmpDir, "bench.db")}`;
process.env.DATABASE_URL = DATABASE_URL;
process.env.SECRET_KEY ??= randomBytes(32).toString("hex");

function uuidV7(time: number): string {
  const bytes = randomBytes(16);
  bytes.writeUIntBE(time, 0, 6);
  bytes[6] = 0x70 | (bytes[6] & 0x0f);
  bytes[8] = 0x80 | (bytes[8] & 0x3f);
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const percentile = (samples: number[], p: number) => [...samples].sort((a, b) => a - b)[Math.min(samples.length - 1, Math.floor((p / 100) * samples.length))];

async function main() {
  const { migrate } = await import("@/lib/migrate");
  const { getConfig } = await import("@/lib/config");
  const { getInstance } = await import("@/app/instance");
  const { createTenant } = await import("@/domain/tenants/tenant.service");
  const { registerApplication, listApplications } = await import("@/domain/applications/application.service");
  const { createUser, toIdentity } = await import("@/domain/users/user.service");
  const { userPrincipal } = await import("@/domain/principals/principal");
  const { nameKeyOf } = await import("@/domain/validation/validation");
  const { nameSkeleton } = await import("@/lib/name-skeleton");

  await migrate(DATABASE_URL);
  // The process's instance: its prepared reader serves the hot reads, as in the server.
  const { db } = getInstance();
  const user = await createUser(db, "SYSTEM", { email: "bench@example.com", password: randomBytes(16).toString("hex"), role: "ADMIN" });
  const admin = userPrincipal(toIdentity(user), "SESSION");
  const tenant = await createTenant(db, admin, { externalId: "bench", name: "Bench" });
  const probe = await registerApplication(db, admin, tenant, { name: "probe", labels: { l0: "x" } });
  const sqlitePath = getConfig().sqlitePath!;

  const raw = new Database(sqlitePath);
  const stored = raw
    .prepare(`SELECT "createdAt", (SELECT "value" FROM "Label" WHERE "objectId" = ?) AS value FROM "Application" WHERE "id" = ?`)
    .get(probe.id, probe.id) as { createdAt: string | number; value: string };
  // Store dates and JSON exactly as Prisma did for the probe.
  const dateOf =
    typeof stored.createdAt === "number"
      ? (t: number) => t
      : stored.createdAt.endsWith("+00:00")
        ? (t: number) => new Date(t).toISOString().replace(/Z$/, "+00:00")
        : (t: number) => new Date(t).toISOString();
  if (stored.value !== JSON.stringify("x")) throw new Error(`unexpected JSON storage ${stored.value}`);
  const started = performance.now();
  const app = raw.prepare(
    `INSERT INTO "Application" ("id", "tenantId", "name", "nameKey", "nameSkeleton", "createdAt", "updatedAt") VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const label = raw.prepare(
    `INSERT INTO "Label" ("id", "tenantId", "objectType", "objectId", "key", "value", "createdAt", "updatedAt") VALUES (?, ?, 'APPLICATION', ?, ?, ?, ?, ?)`,
  );
  const first = Date.now() - 3_600_000 - ROWS * 1000;
  raw.transaction(() => {
    raw.prepare(`DELETE FROM "Label" WHERE "objectId" = ?`).run(probe.id);
    raw.prepare(`DELETE FROM "Application" WHERE "id" = ?`).run(probe.id);
    for (let i = 0; i < ROWS; i++) {
      const time = first + i * 1000;
      const id = uuidV7(time);
      const name = `bench app ${i}`;
      const at = dateOf(time);
      app.run(id, tenant.id, name, nameKeyOf(name), nameSkeleton(name), at, at);
      const values: unknown[] = [
        ["dev", "prod", "test"][i % 3],
        ["DEFAULT", `s${i % 10}`],
        i,
        i % 2 === 0,
        `team-${i % 50}`,
        { n: i },
        "x",
        "y",
        ["a", "b"],
        `v${i}`,
      ];
      for (let k = 0; k < LABELS; k++) label.run(uuidV7(time), tenant.id, id, `l${k}`, JSON.stringify(values[k]), at, at);
    }
  })();
  raw.close();
  say(`seeded ${ROWS.toLocaleString("en")} applications with ${LABELS} labels each in ${Math.round(performance.now() - started)} ms`);

  const forms: [string, { key: string; query?: string }[]][] = [
    ["key only", [{ key: "l3" }]],
    ["equality (1 in 3)", [{ key: "l0", query: '$ ? (@ == "dev")' }]],
    ["array holds (1 in 10)", [{ key: "l1", query: '$[*] ? (@ == "s3")' }]],
    [
      "two filters (1 in 30)",
      [
        { key: "l0", query: '$ ? (@ == "dev")' },
        { key: "l1", query: '$[*] ? (@ == "s3")' },
      ],
    ],
  ];
  const rows: string[][] = [["filter", "first p50 ms", "deep p50 ms", "deep/first"]];
  let worst = 0;
  for (const [name, filter] of forms) {
    // The deep cursor: walk to the last full page once.
    let after: string | null = null;
    let deep: string | null = null;
    for (;;) {
      const page = await listApplications(db, tenant, { first: 200, after, filter });
      if (!page.pageInfo.hasNextPage) break;
      deep = after;
      after = page.pageInfo.endCursor;
    }
    const timings = { first: [] as number[], deep: [] as number[] };
    for (let i = 0; i < SAMPLES + 10; i++) {
      for (const [which, cursor] of [
        ["first", null],
        ["deep", deep],
      ] as const) {
        const t = performance.now();
        const page = await listApplications(db, tenant, { first: PAGE, after: cursor, filter });
        const elapsed = performance.now() - t;
        if (page.rows.length !== PAGE) throw new Error(`${name} ${which}: ${page.rows.length} rows`);
        if (i >= 10) timings[which].push(elapsed);
      }
    }
    const [f, d] = [percentile(timings.first, 50), percentile(timings.deep, 50)];
    worst = Math.max(worst, d / f);
    rows.push([name, f.toFixed(2), d.toFixed(2), (d / f).toFixed(2)]);
  }
  await db.$disconnect();
  process.stdout.write(
    `\napplications(filter:, first: ${PAGE}), ${ROWS.toLocaleString("en")} applications × ${LABELS} labels, SQLite, ${SAMPLES} samples\n${table(rows)}\nworst deep/first: ${worst.toFixed(2)} (target ≤ 1.5)\n`,
  );
  return worst <= 1.5;
}

await runBench(main);
