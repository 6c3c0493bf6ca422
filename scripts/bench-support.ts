/**
 * What the benchmarks (scripts/bench-api.ts, scripts/bench-token.ts) share:
 * printing, free ports, servers started as child processes in their own
 * process groups (their output line-prefixed with their name), plain HTTP
 * requests, waiting for a server to answer, stopping it and whatever it
 * started, the CPU time of a process group from /proc, autocannon runs that
 * any failed answer invalidates, the temp folder removed on exit or on
 * SIGINT/SIGTERM, and running a benchmark's main() to an exit code.
 *
 * Importing this module installs the SIGINT/SIGTERM handlers, which stop the
 * servers started here and remove the folders made by makeTempDir().
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const TSX = path.join(ROOT, "node_modules", ".bin", "tsx");
export const GRAPHQL_PATH = "/api/graphql";

// ---------------------------------------------------------------- output and errors

export function say(message: string) {
  process.stdout.write(`[bench] ${message}\n`);
}

/** An answer that makes the measurement meaningless: the run stops with exit code 1. */
export class InvalidBenchmark extends Error {}
/** Something to do before the benchmark can run: reported without a stack trace. */
export class NotReady extends Error {}

/** Rows of cells, the first column left-aligned and the others right-aligned. */
export function table(rows: string[][]): string {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  return rows.map((row) => row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join("   ")).join("\n");
}

export const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

// ---------------------------------------------------------------- temp folders, clean-up, exit

const tempDirs: string[] = [];
const cleanUpHooks: (() => Promise<void> | void)[] = [];

/** Registers clean-up work (a database to drop, a server to stop) that cleanUp() runs last-registered first. */
export function onCleanUp(hook: () => Promise<void> | void) {
  cleanUpHooks.push(hook);
}

/** A new folder in the system's temp folder, removed by cleanUp() (on exit, or on SIGINT/SIGTERM). */
export function makeTempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

let cleanedUp = false;
/** Stops every server started here and removes the temp folders; later calls do nothing. */
async function cleanUp() {
  if (cleanedUp) return;
  cleanedUp = true;
  await Promise.all(servers.map(stopServer));
  for (const hook of cleanUpHooks.reverse()) {
    try {
      await hook();
    } catch (error) {
      say(`clean-up step failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
}

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    say(`${signal}: stopping`);
    void cleanUp().finally(() => process.exit(130));
  });
}

/**
 * Runs a benchmark's main() and exits: code 1 if it throws (NotReady as its
 * message alone, InvalidBenchmark and anything else with the stack) or
 * returns false, 0 otherwise; cleanUp() in any case.
 */
export async function runBench(main: () => Promise<boolean | void>): Promise<never> {
  let exitCode = 0;
  try {
    if ((await main()) === false) exitCode = 1;
  } catch (error) {
    exitCode = 1;
    if (error instanceof NotReady) {
      process.stderr.write(`[bench] ${error.message}\n`);
    } else {
      const prefix = error instanceof InvalidBenchmark ? "INVALID BENCHMARK: " : "bench failed: ";
      process.stderr.write(`[bench] ${prefix}${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    }
  } finally {
    await cleanUp();
  }
  process.exit(exitCode);
}

// ---------------------------------------------------------------- servers

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

export interface RunningServer {
  name: string;
  port: number;
  child: ChildProcess;
  exited: Promise<number | null>;
}

const servers: RunningServer[] = [];

/**
 * Starts `script` (relative to the repository) with NODE_ENV=production, PORT
 * and HOST=127.0.0.1 (plus `env`), its output prefixed with `[name]`. By
 * default with the tsx binary; with `nodeArgs`, as `node <nodeArgs> --import
 * tsx <script>` instead, so that the spawned process is the server itself
 * (tsx's binary runs the script in a child process of its own).
 */
export function startServer(name: string, script: string, port: number, env: Record<string, string>, options: { nodeArgs?: string[] } = {}): RunningServer {
  const [command, args] = options.nodeArgs ? [process.execPath, [...options.nodeArgs, "--import", "tsx", script]] : [TSX, [script]];
  const child = spawn(command, args, {
    cwd: ROOT,
    // No grace period on SIGTERM (server/shutdown.ts): no load balancer needs to notice.
    env: { ...process.env, NODE_ENV: "production", PORT: String(port), HOST: "127.0.0.1", SHUTDOWN_GRACE_SECONDS: "0", ...env },
    stdio: ["ignore", "pipe", "pipe"],
    // Its own process group, so whatever it starts can be stopped with it.
    detached: true,
  });
  for (const stream of [child.stdout!, child.stderr!]) {
    // The product writes one access-log line per request (server/observe.ts): still written and read
    // here, as a log collector would, but not echoed, which would load the machine's load generator too.
    readline.createInterface({ input: stream }).on("line", (line) => {
      if (!line.includes('"msg":"request"')) process.stdout.write(`[${name}] ${line}\n`);
    });
  }
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const server = { name, port, child, exited };
  servers.push(server);
  return server;
}

export interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

export function request(
  port: number,
  options: { method: string; path: string; headers?: Record<string, string>; body?: string; agent?: http.Agent },
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port, method: options.method, path: options.path, headers: options.headers, agent: options.agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(options.body);
  });
}

export interface GraphQLReply {
  data?: Record<string, unknown> | null;
  errors?: unknown[];
}

export async function waitUntilUp(server: RunningServer, path: string, accept: (status: number) => boolean, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  let exitCode: number | null | undefined;
  void server.exited.then((code) => (exitCode = code));
  for (;;) {
    if (exitCode !== undefined) throw new Error(`${server.name} server exited with code ${exitCode} before it was up`);
    try {
      const { status } = await request(server.port, { method: "GET", path });
      if (accept(status)) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${server.name} server did not answer ${path} within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * SIGTERM to the server process alone, as a supervisor would; whatever it
 * leaves behind is reported, then killed. Safe to call again on a stopped server.
 */
export async function stopServer(server: RunningServer): Promise<void> {
  const pid = server.child.pid;
  if (pid === undefined) return;
  if (server.child.exitCode === null && server.child.signalCode === null) {
    server.child.kill("SIGTERM");
    const timer = new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), 10_000).unref());
    if ((await Promise.race([server.exited, timer])) === "timeout") say(`${server.name} server ignored SIGTERM for 10 s: killing it`);
  }
  // Processes it started get a few seconds to follow it.
  for (let waited = 0; waited < 5_000 && groupAlive(pid); waited += 100) await new Promise((resolve) => setTimeout(resolve, 100));
  if (groupAlive(pid)) {
    say(`${server.name} server left processes behind after stopping: killing them`);
    process.kill(-pid, "SIGKILL");
  }
}

// ---------------------------------------------------------------- load

/**
 * CPU seconds used so far by the live processes of a process group (Linux).
 * CPU time per request is a second view of a throughput comparison that
 * depends less than requests/s on how much of a shared machine each server got.
 */
const CLOCK_TICKS = Number(spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).stdout) || 100;

function groupCpuSeconds(pgid: number): number | null {
  if (!fs.existsSync("/proc/self/stat")) return null;
  let ticks = 0;
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      // Fields after "pid (comm) ": state ppid pgrp ... utime (11th) stime (12th).
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(fields[2]) === pgid) ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // the process exited meanwhile
    }
  }
  return ticks / CLOCK_TICKS;
}

/** What combineRuns() needs of one autocannon run. */
export interface RunFigures {
  total: number;
  seconds: number;
  p50: number;
  cpuSeconds: number | null;
}

/**
 * Several runs of one server as one: requests and CPU time over all of them
 * (CPU null if any run lacks it), the rate over their total time, p50 the
 * mean of theirs.
 */
export function combineRuns(runs: RunFigures[]): { total: number; perSecond: number; p50: number; cpuMsPerRequest: number | null } {
  const total = sum(runs.map((run) => run.total));
  const cpuSeconds = runs.some((run) => run.cpuSeconds === null) ? null : sum(runs.map((run) => run.cpuSeconds!));
  return {
    total,
    perSecond: total / sum(runs.map((run) => run.seconds)),
    p50: sum(runs.map((run) => run.p50)) / runs.length,
    cpuMsPerRequest: cpuSeconds === null ? null : (cpuSeconds * 1000) / total,
  };
}

/**
 * One autocannon run against a server, with the CPU seconds its process group
 * used meanwhile (null without /proc). Any non-2xx answer, error, timeout or
 * body mismatch makes it throw InvalidBenchmark, named by `label`.
 */
export async function loadServer(
  label: string,
  server: RunningServer,
  options: autocannon.Options,
): Promise<{ result: autocannon.Result; cpuSeconds: number | null }> {
  const pid = server.child.pid!;
  const cpuBefore = groupCpuSeconds(pid);
  const result = await autocannon(options);
  const cpuAfter = groupCpuSeconds(pid);
  const failures = { non2xx: result.non2xx, errors: result.errors, timeouts: result.timeouts, mismatches: result.mismatches };
  if (Object.values(failures).some((count) => count > 0)) {
    throw new InvalidBenchmark(
      `${label}: ${JSON.stringify(failures)} out of ${result.requests.total} requests ` +
        `(status codes: ${JSON.stringify(result.statusCodeStats ?? {})}): the benchmark is invalid`,
    );
  }
  return { result, cpuSeconds: cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore };
}
