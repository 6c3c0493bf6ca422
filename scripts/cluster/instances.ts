/** Production instances of the product (server/main.ts after `npm run build`) for the scale-out checks. */
import fs from "node:fs";
import path from "node:path";
import { type RunningServer, startServer, waitUntilUp } from "@/scripts/bench-support";
import { portInRange } from "./ports";

export const ADMIN = { email: "admin@example.com", password: "cluster admin password" };

/**
 * What a load balancer in front of the instances would be reached at. Several
 * instances need PUBLIC_URL, the same on each: without it a token's issuer
 * is the origin it was issued at, and another instance (another origin)
 * rightly refuses it. Nothing connects to this address.
 */
export const PUBLIC_URL = "http://compass.cluster.test";

export interface Instance extends RunningServer {
  url: string;
}

/**
 * A production instance (server/main.ts after `npm run build`) on a port of the
 * range, up once /api/health says 200. Started as `node --import tsx` so that
 * the spawned process is the server itself (its RSS is the instance's).
 */
export async function startInstance(name: string, env: Record<string, string>): Promise<Instance> {
  if (!fs.existsSync(path.join(process.cwd(), ".next", "BUILD_ID"))) throw new Error("no production build: run `npm run build` first");
  const port = await portInRange();
  const server = startServer(
    name,
    "server/main.ts",
    port,
    { LOG_LEVEL: "warn", ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, PUBLIC_URL, ...env },
    { nodeArgs: [] },
  );
  await waitUntilUp(server, "/api/health", (status) => status === 200, 120_000);
  return { ...server, url: `http://127.0.0.1:${port}` };
}

/** kill -9 of the instance's whole process group (the server and its Next.js child), as a crash would. */
export function killInstance(instance: Instance): void {
  try {
    process.kill(-instance.child.pid!, "SIGKILL");
  } catch {
    // already gone
  }
}

/** Resident set size of one process in MiB (Linux /proc), or null. */
export function rssMiB(pid: number): number | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]);
    return Number.isFinite(kb) ? kb / 1024 : null;
  } catch {
    return null;
  }
}
