import { getConfig } from "./config";
import type { Db } from "./db";

export interface Health {
  status: "ok" | "unavailable";
  database: { provider: string; status: "up" | "down"; latencyMs?: number };
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
  } catch {
    return { status: "unavailable", database: { provider, status: "down" } };
  } finally {
    clearTimeout(timer);
  }
}
