/**
 * Starts the production server as a child process for end-to-end tests:
 * server/main.ts under tsx (after `next build`), so a test exercises the source as
 * it is; or, with `compiled`, dist/server.js under plain node as `npm start`
 * runs it (after `npm run build`).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

export interface RunningServer {
  url: string;
  /** Everything the server wrote to stdout and stderr so far. */
  log(): string;
  stop(): Promise<void>;
  process: ChildProcess;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

export function tempSqliteUrl(): { url: string; dir: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "compass-server-"));
  return { url: `file:${dir}/compass.db`, dir };
}

/**
 * Starts the server on a free port. A port found free can be taken before the
 * server binds it (by another test's server, or a Next child picking an
 * ephemeral port): then it starts again on another. `script` is
 * server/main.ts unless given (test/next-route-server.ts: the same server without its fast path).
 */
export interface StartOptions {
  waitForReady?: boolean;
  /** Run dist/server.js under plain node, as `npm start` does (after `npm run build`). */
  compiled?: boolean;
  /** The source entry under tsx: server/main.ts unless given. */
  script?: string;
  /** Node flags for the server process (its Next child takes them too, after its own: server/next-proxy.ts). */
  nodeArgs?: string[];
}

export async function startServer(env: Record<string, string>, options: StartOptions = {}): Promise<RunningServer> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startServerOnce(env, options);
    } catch (error) {
      if (attempt >= 3 || !(error instanceof Error) || !error.message.includes("is already in use")) throw error;
    }
  }
}

async function startServerOnce(
  env: Record<string, string>,
  { waitForReady = true, compiled = false, script = "server/main.ts", nodeArgs }: StartOptions,
): Promise<RunningServer> {
  const port = await freePort();
  let output = "";
  const [command, args] = compiled
    ? [process.execPath, [...(nodeArgs ?? []), "dist/server.js"]]
    : nodeArgs
      ? [process.execPath, [...nodeArgs, "--import", "tsx", script]]
      : [path.resolve("node_modules/.bin/tsx"), [script]];
  const child = spawn(command, args, {
    // No grace period on SIGTERM (server/shutdown.ts): no load balancer needs to notice these servers stop.
    env: { ...process.env, NODE_ENV: "production", PORT: String(port), HOST: "127.0.0.1", LOG_LEVEL: "info", SHUTDOWN_GRACE_SECONDS: "0", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const server: RunningServer = {
    url,
    log: () => output,
    process: child,
    async stop() {
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
  if (waitForReady) {
    const deadline = Date.now() + 30_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`server exited early:\n${output}`);
      const ok = await fetch(`${url}/api/health`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) break;
      if (Date.now() > deadline) {
        await server.stop();
        throw new Error(`server did not become healthy:\n${output}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  return server;
}

export const randomSecretKey = () => randomBytes(32).toString("hex");
