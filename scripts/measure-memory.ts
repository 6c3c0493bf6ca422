/**
 * `npm run measure:memory` (after `npm run build`; about a minute): starts one
 * production instance on a fresh SQLite database in a temp folder, on a free
 * loopback port, and prints
 * - start-up time: from spawning the process until /api/health answers 200;
 * - the RSS of each of the instance's own processes (the server, the Next.js
 *   child, and under --runner=tsx the tsx wrapper) and their total, at idle
 *   and after LOADS signed-in console page loads (GET /integration-systems
 *   with the session cookie from POST /api/auth/login, CONCURRENCY at a time).
 * It then stops the instance and removes the folder, and exits 1 if a total is
 * over its budget (docs/decisions/0008-production-start.md).
 *
 * Options: --runner=node (default: `node dist/server.js`, what `npm start`
 * runs) or --runner=tsx (the server's source under tsx, as before the build
 * step); --loads=N (default 1000); --show-output passes the server's output through.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
/** What `npm start` runs, and the source it is built from (scripts/build-server.ts). */
const COMPILED_ENTRY = "dist/server.js";
const SOURCE_ENTRY = "server/main.ts";

const IDLE_BUDGET_MB = 300;
const LOADED_BUDGET_MB = 400;
const CONCURRENCY = 4;
const PAGE = "/integration-systems";
/** How long the instance sits after start-up before the idle figure is taken. */
const IDLE_SETTLE_MS = 3_000;

const option = (name: string) => process.argv.find((arg) => arg.startsWith(`--${name}=`))?.split("=")[1];
const runner = option("runner") ?? "node";
const loads = Number(option("loads") ?? 1000);
if (runner !== "node" && runner !== "tsx") throw new Error("--runner is node or tsx");
if (!Number.isInteger(loads) || loads < 0) throw new Error("--loads is a whole number");

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const mb = (kb: number) => `${(kb / 1024).toFixed(0)} MB`;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

interface ProcessMemory {
  pid: number;
  command: string;
  rssKb: number;
}

/** Every live process in the process group, with its resident set size from /proc. */
function groupMemory(pgid: number): ProcessMemory[] {
  const result: ProcessMemory[] = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      // Fields after the parenthesised command name: state, ppid, pgrp, ...
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(fields[2]) !== pgid) continue;
      const rss = /^VmRSS:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${entry}/status`, "utf8"));
      if (!rss) continue; // a zombie has none
      // The program and its last argument (the script it runs), without the loader flags between.
      const argv = fs.readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0").filter(Boolean);
      const command = [argv[0], ...argv.slice(1).slice(-1)]
        .map((arg) => (!arg.startsWith("/") ? arg : arg.startsWith(ROOT) ? path.relative(ROOT, arg) : path.basename(arg)))
        .join(" ");
      result.push({ pid: Number(entry), command, rssKb: Number(rss[1]) });
    } catch {
      // exited while being read
    }
  }
  return result.sort((a, b) => a.pid - b.pid);
}

function report(label: string, pgid: number): number {
  const processes = groupMemory(pgid);
  const total = processes.reduce((sum, p) => sum + p.rssKb, 0);
  console.log(`\n${label}:`);
  for (const p of processes) console.log(`  ${mb(p.rssKb).padStart(7)}  ${p.command.slice(0, 110)}`);
  console.log(`  ${mb(total).padStart(7)}  total`);
  return total / 1024;
}

async function untilHealthy(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the server exited during start-up:\n${output()}`);
    const ok = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(1_000) }).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`the server did not answer /api/health within 90 s:\n${output()}`);
    await sleep(25);
  }
}

async function signIn(url: string, email: string, password: string): Promise<string> {
  const response = await fetch(`${url}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password }),
  });
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  if (response.status !== 204 || !cookie) throw new Error(`signing in answered ${response.status}, expected 204 with a cookie`);
  return cookie;
}

async function loadPages(url: string, cookie: string, count: number): Promise<number> {
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < count) {
      next++;
      const response = await fetch(`${url}${PAGE}`, { headers: { cookie }, redirect: "manual" });
      const body = await response.text();
      // A redirect to the sign-in page would be a cheap page, not the console.
      if (response.status !== 200 || !body.includes("<html")) throw new Error(`GET ${PAGE} answered ${response.status}`);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return performance.now() - started;
}

async function main(): Promise<number> {
  const entry = runner === "node" ? COMPILED_ENTRY : SOURCE_ENTRY;
  if (!fs.existsSync(path.join(ROOT, ".next", "BUILD_ID"))) throw new Error("no Next.js build: run `npm run build` first");
  if (runner === "node" && !fs.existsSync(path.join(ROOT, COMPILED_ENTRY))) throw new Error(`no ${COMPILED_ENTRY}: run \`npm run build\` first`);

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "compass-memory-"));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const email = "memory@example.com";
  const password = randomBytes(18).toString("base64url");
  const [command, args] = runner === "node" ? [process.execPath, [entry]] : [path.join(ROOT, "node_modules", ".bin", "tsx"), [entry]];

  console.log(`runner: ${runner} (${path.basename(command)} ${args.join(" ")}), Node ${process.version}, ${loads} loads of ${PAGE}, ${CONCURRENCY} at a time`);
  const started = performance.now();
  const child = spawn(command, args, {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      DATABASE_URL: `file:${dir}/compass.db`,
      ADMIN_EMAIL: email,
      ADMIN_PASSWORD: password,
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "pipe", "pipe"],
    // Its own process group: the instance's processes are the group's, and stop with it.
    detached: true,
  });
  let output = "";
  const showOutput = process.argv.includes("--show-output");
  for (const stream of [child.stdout!, child.stderr!]) {
    stream.on("data", (chunk) => {
      output += chunk;
      if (showOutput) process.stdout.write(chunk);
    });
  }
  const pgid = child.pid!;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  try {
    await untilHealthy(url, child, () => output);
    const startMs = performance.now() - started;
    console.log(`\nstart-up (spawn until /api/health answers 200): ${(startMs / 1000).toFixed(2)} s`);

    await sleep(IDLE_SETTLE_MS);
    const idle = report("idle", pgid);
    const cookie = await signIn(url, email, password);
    const loadMs = await loadPages(url, cookie, loads);
    console.log(`\n${loads} page loads in ${(loadMs / 1000).toFixed(1)} s (${(loadMs / Math.max(loads, 1)).toFixed(1)} ms each)`);
    const loaded = report(`after ${loads} page loads`, pgid);

    const over = [
      idle > IDLE_BUDGET_MB && `idle ${idle.toFixed(0)} MB > ${IDLE_BUDGET_MB} MB`,
      loaded > LOADED_BUDGET_MB && `after loads ${loaded.toFixed(0)} MB > ${LOADED_BUDGET_MB} MB`,
    ].filter(Boolean);
    console.log(`\n${over.length ? `OVER BUDGET: ${over.join("; ")}` : `within budget (idle ≤ ${IDLE_BUDGET_MB} MB, after loads ≤ ${LOADED_BUDGET_MB} MB)`}`);
    return over.length ? 1 : 0;
  } finally {
    try {
      process.kill(-pgid, "SIGTERM");
    } catch {
      // already gone
    }
    const timer = sleep(10_000).then(() => "timeout");
    if ((await Promise.race([exited, timer])) === "timeout") process.kill(-pgid, "SIGKILL");
    // The Next.js child follows its parent; give it a moment, then make sure.
    for (let waited = 0; waited < 5_000 && groupMemory(pgid).length > 0; waited += 100) await sleep(100);
    if (groupMemory(pgid).length > 0) process.kill(-pgid, "SIGKILL");
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(error.message);
    process.exit(1);
  },
);
