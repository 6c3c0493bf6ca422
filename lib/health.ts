import { getConfig } from "./config";
import type { Db } from "./db";
import { isDatabaseUnavailable } from "./db-errors";

export interface Health {
  status: "ok" | "unavailable";
  database: { provider: string; status: "up" | "down"; latencyMs?: number; message?: string };
}

const TIMEOUT_MS = 2_000;

/** Whether the database answers a trivial query within 2 s. */
export async function checkHealth(db: Db): Promise<Health> {
  const provider = getConfig().provider;
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      db.$queryRawUnsafe("SELECT 1"),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error("timeout")), TIMEOUT_MS);
      }),
    ]);
    return { status: "ok", database: { provider, status: "up", latencyMs: Math.round(performance.now() - started) } };
  } catch (error) {
    // Says which of the two an operator is looking at; the driver's own message stays in the log.
    const message =
      error instanceof Error && error.message === "timeout"
        ? `the database did not answer within ${TIMEOUT_MS / 1000} s`
        : isDatabaseUnavailable(error)
          ? "the database is unreachable"
          : "the database query failed";
    return { status: "unavailable", database: { provider, status: "down", message } };
  } finally {
    clearTimeout(timer);
  }
}
