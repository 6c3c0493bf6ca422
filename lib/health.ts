import { processSlots } from "./process-slots";
import { getConfig } from "./config";
import type { Db } from "./db";
import { isDatabaseUnavailable } from "./db-errors";
import { readMigrations } from "./migrate";

/**
 * Three answers for three questions (docs/operations.md, "Health checks"):
 * - checkHealth (/api/health): does the database answer? The original contract.
 * - liveness (/api/health/live): does the process answer at all? Restart it if not.
 * - checkReadiness (/api/health/ready): should the load balancer send it
 *   requests? The database answers, every migration this build knows is
 *   applied, and the instance is not shutting down.
 */
export interface Health {
  status: "ok" | "unavailable";
  database: { provider: string; status: "up" | "down"; latencyMs?: number; message?: string };
}

export interface Readiness {
  status: "ready" | "not_ready";
  shuttingDown: boolean;
  migrations: "done" | "pending" | "unknown";
  database: Health["database"];
}

const TIMEOUT_MS = 2_000;

// In the process's one shared slot (lib/process-slots.ts): every copy of this
// module in the process must see the one flag server/main.ts sets on SIGTERM.
const store = processSlots;

/** From the first SIGTERM on, readiness fails (server/shutdown.ts). */
export function markShuttingDown(): void {
  store.shuttingDown = true;
}

const isShuttingDown = (): boolean => store.shuttingDown === true;

/** Runs `query` with the 2 s bound; says which failure an operator is looking at, the driver's own message stays out. */
async function probe<T>(query: () => Promise<T>): Promise<{ value: T; database: Health["database"] } | { value: null; database: Health["database"] }> {
  const provider = getConfig().provider;
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    const value = await Promise.race([
      query(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error("timeout")), TIMEOUT_MS);
      }),
    ]);
    return { value, database: { provider, status: "up", latencyMs: Math.round(performance.now() - started) } };
  } catch (error) {
    const message =
      error instanceof Error && error.message === "timeout"
        ? `the database did not answer within ${TIMEOUT_MS / 1000} s`
        : isDatabaseUnavailable(error)
          ? "the database is unreachable"
          : "the database query failed";
    return { value: null, database: { provider, status: "down", message } };
  } finally {
    clearTimeout(timer);
  }
}

/** Whether the database answers a trivial query within 2 s. */
export async function checkHealth(db: Db): Promise<Health> {
  const { database } = await probe(() => db.$queryRawUnsafe("SELECT 1"));
  return { status: database.status === "up" ? "ok" : "unavailable", database };
}

let newestMigration: string | undefined;

/**
 * The newest migration this build ships: once it is recorded as applied, so
 * are all before it (they run in name order, each with its row).
 */
function newestMigrationName(): string {
  if (newestMigration === undefined) {
    const all = readMigrations(getConfig().provider);
    const name = all.at(-1)?.name ?? "";
    // Put into the SQL text below: only a plain folder name may be.
    if (!/^[\w-]+$/.test(name)) throw new Error(`unexpected migration folder name "${name}"`);
    newestMigration = name;
    return name;
  }
  return newestMigration;
}

/** Ready for traffic: not shutting down, the database answers, and it holds this build's newest migration. */
export async function checkReadiness(db: Db): Promise<Readiness> {
  const shuttingDown = isShuttingDown();
  const name = newestMigrationName();
  // One query answers both "reachable" and "migrated".
  const { value, database } = await probe(() =>
    db.$queryRawUnsafe<unknown[]>(
      `SELECT 1 AS applied FROM "_prisma_migrations" WHERE migration_name = '${name}' AND finished_at IS NOT NULL AND rolled_back_at IS NULL`,
    ),
  );
  const migrations = value === null ? "unknown" : value.length > 0 ? "done" : "pending";
  const ready = !shuttingDown && database.status === "up" && migrations === "done";
  return { status: ready ? "ready" : "not_ready", shuttingDown, migrations, database };
}

/** The three answers as HTTP status and JSON body, for the fast path and the route files alike. */
export async function healthAnswer(path: string, db: () => Db): Promise<{ status: number; body: unknown } | null> {
  switch (path) {
    case "/api/health": {
      const health = await checkHealth(db());
      return { status: health.status === "ok" ? 200 : 503, body: health };
    }
    case "/api/health/live":
      return { status: 200, body: { status: "ok" } };
    case "/api/health/ready": {
      const readiness = await checkReadiness(db());
      return { status: readiness.status === "ready" ? 200 : 503, body: readiness };
    }
    default:
      return null;
  }
}
