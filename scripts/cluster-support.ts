/**
 * What the scale-out checks (scripts/test-cluster.ts, test-load.ts,
 * test-faults.ts) share, on top of scripts/bench-support.ts (servers in
 * their own process groups, plain requests, temp folders and clean-up):
 * ports in the range these checks may use, a PostgreSQL database on the
 * machine's server or a dedicated server of their own, production instances,
 * an admin's API token, GraphQL and token requests, the load generator with
 * its figures, consistency checks against the database, and pass/fail
 * bookkeeping.
 */
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import path from "node:path";
import pg from "pg";
import { createPostgresDatabase } from "../test/postgres";
import {
  type Reply,
  type RunningServer,
  makeTempDir,
  onCleanUp,
  request,
  say,
  startServer,
  table,
  waitUntilUp,
} from "./bench-support";

export { say, table };

export const ADMIN = { email: "admin@example.com", password: "cluster admin password" };

/**
 * What a load balancer in front of the instances would be reached at. Several
 * instances need PUBLIC_URL, the same on each: without it a token's issuer
 * is the origin it was issued at, and another instance (another origin)
 * rightly refuses it. Nothing connects to this address.
 */
export const PUBLIC_URL = "http://compass.cluster.test";

// ---------------------------------------------------------------- checks

const results: { name: string; ok: boolean; detail: string }[] = [];

/** Records one check; the script fails if any check failed. */
export function check(name: string, ok: boolean, detail = ""): boolean {
  results.push({ name, ok, detail });
  say(`${ok ? "PASS" : "FAIL"} ${name}${detail ? ` (${detail})` : ""}`);
  return ok;
}

/** Prints every check and returns whether all passed. */
export function summary(): boolean {
  const failed = results.filter((result) => !result.ok);
  process.stdout.write(`\n${table([["check", "result"], ...results.map((r) => [r.name, r.ok ? "PASS" : "FAIL"])])}\n\n`);
  say(failed.length === 0 ? `all ${results.length} checks passed` : `${failed.length} of ${results.length} checks FAILED`);
  return failed.length === 0 && results.length > 0;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------- ports

const PORT_RANGE = { from: 4100, to: 4199 };
const handedOut = new Set<number>();

/** A loopback port in 4100-4199 (the range these checks are allowed) that nothing listens on. */
export async function portInRange(): Promise<number> {
  const span = PORT_RANGE.to - PORT_RANGE.from + 1;
  const start = Math.floor(Math.random() * span);
  for (let i = 0; i < span; i++) {
    const port = PORT_RANGE.from + ((start + i) % span);
    if (handedOut.has(port)) continue;
    const free = await new Promise<boolean>((resolve) => {
      const probe = net.createServer();
      probe.once("error", () => resolve(false));
      probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
    });
    if (free) {
      handedOut.add(port);
      return port;
    }
  }
  throw new Error(`no free port in ${PORT_RANGE.from}-${PORT_RANGE.to}`);
}

// ---------------------------------------------------------------- databases

/** A fresh database on the machine's PostgreSQL (test/postgres.ts), dropped on clean-up. */
export async function sharedPostgresDatabase(prefix: string): Promise<string> {
  const database = await createPostgresDatabase(prefix);
  onCleanUp(database.drop);
  return database.url;
}

const PG_BIN = process.env.PG_BIN ?? "/usr/lib/postgresql/15/bin";

export interface DedicatedPostgres {
  url: string;
  port: number;
  /** pg_ctl stop -m fast: open connections are terminated, new ones refused. */
  stop(): Promise<void>;
  start(): Promise<void>;
}

/**
 * A PostgreSQL server of our own (initdb into a temp folder, its own port),
 * for checks that stop and start the database: never the machine's shared
 * server. initdb refuses to run as root, so under root the server runs as the
 * `postgres` user. Stopped and removed on clean-up.
 */
export async function startDedicatedPostgres(): Promise<DedicatedPostgres> {
  if (!fs.existsSync(path.join(PG_BIN, "initdb"))) throw new Error(`no PostgreSQL binaries in ${PG_BIN} (set PG_BIN)`);
  const dir = makeTempDir("compass-pg-");
  const data = path.join(dir, "data");
  const asRoot = process.getuid?.() === 0;
  if (asRoot) spawnSync("chown", ["postgres:postgres", dir]);
  const commandOf = (binary: string, args: string[]): [string, string[]] =>
    asRoot ? ["runuser", ["-u", "postgres", "--", path.join(PG_BIN, binary), ...args]] : [path.join(PG_BIN, binary), args];
  const run = (binary: string, args: string[]) => {
    const result = spawnSync(...commandOf(binary, args), { encoding: "utf8", cwd: dir });
    if (result.status !== 0) throw new Error(`${binary} ${args.join(" ")} failed: ${result.stderr || result.stdout}`);
  };
  // Asynchronous, so the load this process generates keeps running meanwhile.
  const runAsync = (binary: string, args: string[]) =>
    new Promise<void>((resolve, reject) => {
      const child = spawn(...commandOf(binary, args), { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
      let output = "";
      child.stdout.on("data", (chunk) => (output += chunk));
      child.stderr.on("data", (chunk) => (output += chunk));
      child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${binary} ${args.join(" ")} failed: ${output}`))));
    });
  const port = await portInRange();
  run("initdb", ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"]);
  // Loopback only, the socket in our own folder, and the log beside the data.
  const options = `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${dir} -c max_connections=100`;
  const startArgs = ["-D", data, "-o", options, "-l", path.join(dir, "server.log"), "-w", "-t", "30", "start"];
  run("pg_ctl", startArgs);
  onCleanUp(() => {
    // Best effort: it may already be stopped.
    spawnSync(asRoot ? "runuser" : path.join(PG_BIN, "pg_ctl"), asRoot ? ["-u", "postgres", "--", path.join(PG_BIN, "pg_ctl"), "-D", data, "-m", "immediate", "stop"] : ["-D", data, "-m", "immediate", "stop"]);
  });
  const admin = new pg.Client({ connectionString: `postgresql://postgres@127.0.0.1:${port}/postgres` });
  await admin.connect();
  await admin.query(`CREATE DATABASE compass`);
  await admin.end();
  say(`dedicated PostgreSQL in ${dir} on 127.0.0.1:${port}`);
  return {
    url: `postgresql://postgres@127.0.0.1:${port}/compass`,
    port,
    stop: () => runAsync("pg_ctl", ["-D", data, "-m", "fast", "-w", "-t", "30", "stop"]),
    start: () => runAsync("pg_ctl", startArgs),
  };
}

/** Runs `fn` with a pg client on `url`, closed afterwards. */
export async function withPg<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

// ---------------------------------------------------------------- instances

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
  const server = startServer(name, "server/main.ts", port, { LOG_LEVEL: "warn", ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, PUBLIC_URL, ...env }, { nodeArgs: [] });
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

// ---------------------------------------------------------------- requests

export interface Timed extends Reply {
  ms: number;
}

/** Keep-alive connections, as real clients and load balancers use. */
const keepAlive = new http.Agent({ keepAlive: true, maxSockets: 512 });

export async function timedRequest(port: number, options: Parameters<typeof request>[1], timeoutMs = 30_000): Promise<Timed> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const reply = await Promise.race([
    request(port, { agent: keepAlive, ...options }),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    }),
  ]).finally(() => clearTimeout(timer));
  return { ...reply, ms: performance.now() - started };
}

/** POST /api/graphql with a bearer token. */
export async function graphql(
  port: number,
  token: string,
  query: string,
  variables?: Record<string, unknown>,
): Promise<Timed & { json: { data?: any; errors?: { message: string; extensions?: { code?: string } }[] } | null }> {
  const reply = await timedRequest(port, {
    method: "POST",
    path: "/api/graphql",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  let json = null;
  try {
    json = JSON.parse(reply.text);
  } catch {
    // not JSON: left null, the status tells
  }
  return { ...reply, json };
}

export interface Credential {
  clientId: string;
  clientSecret: string;
}

/** POST /oauth2/token with client_secret_basic. */
export async function tokenRequest(port: number, credential: Credential): Promise<Timed & { accessToken: string | null }> {
  const basic = Buffer.from(`${encodeURIComponent(credential.clientId)}:${encodeURIComponent(credential.clientSecret)}`).toString("base64");
  const reply = await timedRequest(port, {
    method: "POST",
    path: "/oauth2/token",
    headers: { "content-type": "application/x-www-form-urlencoded", authorization: `Basic ${basic}` },
    body: "grant_type=client_credentials",
  });
  const accessToken = reply.status === 200 ? (JSON.parse(reply.text).access_token as string) : null;
  return { ...reply, accessToken };
}

/** Logs in as the admin (from ADMIN_EMAIL/ADMIN_PASSWORD) and creates a personal API token for the checks. */
export async function adminApiToken(instance: Instance): Promise<string> {
  const login = await request(instance.port, {
    method: "POST",
    path: "/api/auth/login",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(ADMIN),
  });
  if (login.status !== 204) throw new Error(`admin login answered ${login.status}: ${login.text}`);
  const cookie = String(login.headers["set-cookie"]?.[0] ?? "").split(";")[0];
  const created = await request(instance.port, {
    method: "POST",
    path: "/api/graphql",
    headers: { "content-type": "application/json", cookie },
    body: JSON.stringify({ query: `mutation { createApiToken(name: "cluster checks ${randomBytes(3).toString("hex")}") { token } }` }),
  });
  const token = JSON.parse(created.text)?.data?.createApiToken?.token;
  if (!token) throw new Error(`createApiToken failed: ${created.text}`);
  return token;
}

export const CREATE_SYSTEM = `mutation($in: IntegrationSystemInput!) { createIntegrationSystem(in: $in) { id name } }`;
export const DELETE_SYSTEM = `mutation($id: ID!) { deleteIntegrationSystem(id: $id) { id } }`;
export const GENERATE_CREDENTIALS = `mutation($id: ID!) { generateClientCredentialsForIntegrationSystem(id: $id) { id auth { credential { ... on OAuthCredentialData { clientId clientSecret } } } } }`;
export const DELETE_CREDENTIALS = `mutation($id: ID!) { deleteSystemAuthForIntegrationSystem(id: $id) { id } }`;
export const READ_SYSTEMS = `query { integrationSystems(first: 20) { data { id name } totalCount } }`;

/** Creates an integration system with credentials through `instance`; throws on any failure. */
export async function systemWithCredential(instance: Instance, apiToken: string, name: string): Promise<{ systemId: string; credential: Credential }> {
  const created = await graphql(instance.port, apiToken, CREATE_SYSTEM, { in: { name } });
  const systemId = created.json?.data?.createIntegrationSystem?.id;
  if (!systemId) throw new Error(`createIntegrationSystem failed (${created.status}): ${created.text}`);
  const generated = await graphql(instance.port, apiToken, GENERATE_CREDENTIALS, { id: systemId });
  const credential = generated.json?.data?.generateClientCredentialsForIntegrationSystem?.auth?.credential;
  if (!credential?.clientSecret) throw new Error(`generating credentials failed (${generated.status}): ${generated.text}`);
  return { systemId, credential };
}

// ---------------------------------------------------------------- figures

/** Nearest-rank percentile. */
export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = Float64Array.from(samples).sort();
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export const fixed = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : "-");

// ---------------------------------------------------------------- workload

export type Operation = "token" | "read" | "create" | "generate" | "deleteCredential" | "deleteSystem";
export const OPERATIONS: Operation[] = ["token", "read", "create", "generate", "deleteCredential", "deleteSystem"];

/** Share of each operation in the mix (per cent): mostly tokens and reads, as integration systems do, plus the admin's writes. */
export const DEFAULT_MIX: Record<Operation, number> = { token: 35, read: 40, create: 10, generate: 5, deleteCredential: 4, deleteSystem: 6 };

export interface OperationStats {
  latencies: number[];
  s2xx: number;
  s4xx: number;
  s5xx: number;
  /** No HTTP answer at all: refused, reset, timed out. */
  errors: number;
  /** Slowest 5xx answer, in ms: a 503 must come fast, not after a hang. */
  slowest5xxMs: number;
  /** Each 5xx answer as "status code-or-error retry-after": what a client could act on. */
  fiveXxKinds: Map<string, number>;
  firstFailures: string[];
}

const emptyStats = (): OperationStats => ({ latencies: [], s2xx: 0, s4xx: 0, s5xx: 0, errors: 0, slowest5xxMs: 0, fiveXxKinds: new Map(), firstFailures: [] });

/**
 * What the clients were told succeeded (acknowledged: a 2xx answer without
 * errors), and the writes they attempted without an answer they could rely
 * on. Checked against the database by verifyLedger().
 */
export class Ledger {
  /** Integration systems acknowledged as created: id → name. */
  created = new Map<string, string>();
  deletedSystems = new Set<string>();
  /** Credentials acknowledged as generated: client id → system id. */
  generated = new Map<string, string>();
  deletedCredentials = new Set<string>();
  /** One entry per acknowledged mutation: action, object id and, for credentials, the client id. */
  audit: string[] = [];
  /** Names of creates that got no acknowledgement (error, 5xx): they may or may not have happened. */
  unacknowledgedCreates: string[] = [];
  /** Mutations of any kind that got no acknowledgement. */
  unacknowledged = 0;
  /**
   * Systems and credentials whose delete got no acknowledgement (the instance
   * died or the database went away mid-request): gone or not, either is right.
   * Their clients stop using them, since a retry could only answer NOT_FOUND.
   */
  maybeDeletedSystems = new Set<string>();
  maybeDeletedCredentials = new Set<string>();
}

export const auditKey = (action: string, objectId: string, clientId?: string) => `${action} ${objectId} ${clientId ?? ""}`;

export interface WorkloadOptions {
  clients: number;
  durationMs: number;
  /** The instances to spread requests over, asked before every request (a test may drop a killed one). */
  targets: () => Instance[];
  apiToken: string;
  /** Credentials of integration systems for token requests. */
  credentials: Credential[];
  mix?: Record<Operation, number>;
  /** After a 5xx or no answer, wait this long before the next request (a polite client). */
  backoffMs?: number;
}

export interface WorkloadResult {
  seconds: number;
  byOperation: Map<Operation, OperationStats>;
  /** Per instance name: answers it gave (any status) and 5xx among them, and requests without an answer. */
  byInstance: Map<string, { answered: number; s5xx: number; errors: number; lastAnsweredAt: number }>;
}

let nameCounter = 0;

function safeJson(text: string): Record<string, unknown> | null {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/**
 * `clients` concurrent clients, each doing one request at a time for
 * `durationMs`: a random operation from the mix on a random target. Writes
 * touch only objects the same client created, so no two clients race for
 * one object and every 4xx is a real failure.
 */
export async function runWorkload(options: WorkloadOptions, ledger: Ledger): Promise<WorkloadResult> {
  const mix = options.mix ?? DEFAULT_MIX;
  const total = OPERATIONS.reduce((sum, op) => sum + mix[op], 0);
  const pick = (): Operation => {
    let roll = Math.random() * total;
    for (const op of OPERATIONS) if ((roll -= mix[op]) < 0) return op;
    return "read";
  };
  const byOperation = new Map(OPERATIONS.map((op) => [op, emptyStats()]));
  const byInstance = new Map<string, { answered: number; s5xx: number; errors: number; lastAnsweredAt: number }>();
  const started = performance.now();
  const deadline = started + options.durationMs;

  const client = async (n: number) => {
    const mySystems: string[] = [];
    const myCredentials: { clientId: string; systemId: string }[] = [];
    let accessToken: string | null = null;
    while (performance.now() < deadline) {
      const targets = options.targets();
      if (targets.length === 0) break;
      const target = targets[Math.floor(Math.random() * targets.length)];
      let op = pick();
      // Fall back to what makes sense in this client's state.
      if (op === "read" && !accessToken) op = "token";
      if ((op === "generate" || op === "deleteSystem") && mySystems.length === 0) op = "create";
      if (op === "deleteCredential" && myCredentials.length === 0) op = mySystems.length ? "generate" : "create";
      const stats = byOperation.get(op)!;
      const perInstance = byInstance.get(target.name) ?? { answered: 0, s5xx: 0, errors: 0, lastAnsweredAt: 0 };
      byInstance.set(target.name, perInstance);
      let status = 0;
      let ms = 0;
      let failure = "";
      let kind = "";
      const isMutation = op !== "token" && op !== "read";
      let name = "";
      let index = 0; // which of this client's systems or credentials a delete targets
      try {
        if (op === "token") {
          const reply = await tokenRequest(target.port, options.credentials[n % options.credentials.length]);
          ({ status, ms } = reply);
          if (reply.accessToken) accessToken = reply.accessToken;
          else failure = reply.text.slice(0, 200);
          if (status >= 500) kind = `${status} ${safeJson(reply.text)?.error} retry-after=${reply.headers["retry-after"] ?? "none"}`;
        } else {
          let query: string;
          let variables: Record<string, unknown> | undefined;
          let token = options.apiToken;
          if (op === "read") {
            [query, token] = [READ_SYSTEMS, accessToken!];
          } else if (op === "create") {
            name = `Load ${process.pid} ${++nameCounter} ${randomBytes(3).toString("hex")}`;
            [query, variables] = [CREATE_SYSTEM, { in: { name } }];
          } else if (op === "generate") {
            [query, variables] = [GENERATE_CREDENTIALS, { id: mySystems[Math.floor(Math.random() * mySystems.length)] }];
          } else if (op === "deleteCredential") {
            index = Math.floor(Math.random() * myCredentials.length);
            [query, variables] = [DELETE_CREDENTIALS, { id: myCredentials[index].clientId }];
          } else {
            index = Math.floor(Math.random() * mySystems.length);
            [query, variables] = [DELETE_SYSTEM, { id: mySystems[index] }];
          }
          const reply = await graphql(target.port, token, query, variables);
          ({ status, ms } = reply);
          if (status >= 500) kind = `${status} ${reply.json?.errors?.[0]?.extensions?.code} retry-after=${reply.headers["retry-after"] ?? "none"}`;
          const data = reply.json?.data;
          if (status !== 200 || reply.json?.errors?.length || !data) {
            failure = reply.text.slice(0, 200);
            if (status === 200) status = 400; // a GraphQL error in a 200 answer is still a failed request
          } else if (op === "create") {
            const { id } = data.createIntegrationSystem;
            ledger.created.set(id, name);
            ledger.audit.push(auditKey("INTEGRATION_SYSTEM_CREATED", id));
            mySystems.push(id);
          } else if (op === "generate") {
            const systemId = variables!.id as string;
            const clientId = data.generateClientCredentialsForIntegrationSystem.id;
            ledger.generated.set(clientId, systemId);
            ledger.audit.push(auditKey("CLIENT_CREDENTIALS_GENERATED", systemId, clientId));
            myCredentials.push({ clientId, systemId });
          } else if (op === "deleteCredential") {
            const [{ clientId, systemId }] = myCredentials.splice(index, 1);
            ledger.deletedCredentials.add(clientId);
            ledger.audit.push(auditKey("CLIENT_CREDENTIALS_DELETED", systemId, clientId));
          } else if (op === "deleteSystem") {
            const [systemId] = mySystems.splice(index, 1);
            ledger.deletedSystems.add(systemId);
            ledger.audit.push(auditKey("INTEGRATION_SYSTEM_DELETED", systemId));
            for (let i = myCredentials.length - 1; i >= 0; i--) if (myCredentials[i].systemId === systemId) myCredentials.splice(i, 1);
          }
        }
      } catch (error) {
        failure = (error as Error).message;
      }
      if (status === 0) {
        stats.errors += 1;
        perInstance.errors += 1;
      } else {
        perInstance.answered += 1;
        perInstance.lastAnsweredAt = performance.now();
        stats.latencies.push(ms);
        if (status < 300) stats.s2xx += 1;
        else if (status < 500) stats.s4xx += 1;
        else {
          stats.s5xx += 1;
          perInstance.s5xx += 1;
          stats.slowest5xxMs = Math.max(stats.slowest5xxMs, ms);
          stats.fiveXxKinds.set(kind, (stats.fiveXxKinds.get(kind) ?? 0) + 1);
        }
      }
      if (failure) {
        if (stats.firstFailures.length < 3) stats.firstFailures.push(`${target.name} ${status || "no answer"}: ${failure}`);
        if (isMutation) {
          ledger.unacknowledged += 1;
          if (op === "create") ledger.unacknowledgedCreates.push(name);
          if (op === "deleteSystem") {
            const [systemId] = mySystems.splice(index, 1);
            ledger.maybeDeletedSystems.add(systemId);
            for (let i = myCredentials.length - 1; i >= 0; i--) if (myCredentials[i].systemId === systemId) myCredentials.splice(i, 1);
          }
          if (op === "deleteCredential") ledger.maybeDeletedCredentials.add(myCredentials.splice(index, 1)[0].clientId);
        }
        if ((status === 0 || status >= 500) && options.backoffMs) await sleep(options.backoffMs);
      }
    }
  };
  await Promise.all(Array.from({ length: options.clients }, (_, n) => client(n)));
  return { seconds: (performance.now() - started) / 1000, byOperation, byInstance };
}

/**
 * Integration systems with credentials for the clients' token requests,
 * created through `instances` in turn and recorded in the ledger like any
 * acknowledged write.
 */
export async function tokenClients(instances: Instance[], apiToken: string, ledger: Ledger, count: number, prefix: string): Promise<Credential[]> {
  const credentials: Credential[] = [];
  for (let i = 0; i < count; i++) {
    const name = `${prefix} ${i}`;
    const { systemId, credential } = await systemWithCredential(instances[i % instances.length], apiToken, name);
    ledger.created.set(systemId, name);
    ledger.generated.set(credential.clientId, systemId);
    ledger.audit.push(auditKey("INTEGRATION_SYSTEM_CREATED", systemId), auditKey("CLIENT_CREDENTIALS_GENERATED", systemId, credential.clientId));
    credentials.push(credential);
  }
  return credentials;
}

/** The figures table of a workload: per operation req/s, p50, p99 and answers by class. */
export function workloadTable(result: WorkloadResult): string {
  const rows = [["operation", "requests", "req/s", "p50 ms", "p99 ms", "2xx", "4xx", "5xx", "no answer"]];
  const all = emptyStats();
  for (const [op, stats] of result.byOperation) {
    rows.push([op, String(stats.latencies.length + stats.errors), fixed(stats.latencies.length / result.seconds), fixed(percentile(stats.latencies, 50)), fixed(percentile(stats.latencies, 99)), String(stats.s2xx), String(stats.s4xx), String(stats.s5xx), String(stats.errors)]);
    all.latencies.push(...stats.latencies);
    all.s2xx += stats.s2xx;
    all.s4xx += stats.s4xx;
    all.s5xx += stats.s5xx;
    all.errors += stats.errors;
  }
  rows.push(["all", String(all.latencies.length + all.errors), fixed(all.latencies.length / result.seconds), fixed(percentile(all.latencies, 50)), fixed(percentile(all.latencies, 99)), String(all.s2xx), String(all.s4xx), String(all.s5xx), String(all.errors)]);
  return table(rows);
}

export function totals(result: WorkloadResult): { answered: number; s4xx: number; s5xx: number; errors: number } {
  const stats = [...result.byOperation.values()];
  const add = (pick: (s: OperationStats) => number) => stats.reduce((sum, s) => sum + pick(s), 0);
  return { answered: add((s) => s.latencies.length), s4xx: add((s) => s.s4xx), s5xx: add((s) => s.s5xx), errors: add((s) => s.errors) };
}

export function firstFailures(result: WorkloadResult): string {
  return [...result.byOperation].flatMap(([op, stats]) => stats.firstFailures.map((failure) => `${op}: ${failure}`)).slice(0, 5).join("\n  ");
}

/**
 * Checks the database against what clients were told (PostgreSQL or SQLite
 * through `query`): every acknowledged create exists unless its delete was
 * acknowledged, every acknowledged delete is gone, no credential outlives its
 * integration system, and the audit log holds exactly one event per
 * acknowledged mutation. Events beyond those may only come from mutations
 * that got no acknowledgement (a crash or outage mid-request), at most one
 * each; and a create that got none exists exactly when its audit event does.
 */
export async function verifyLedger(
  label: string,
  ledger: Ledger,
  query: (sql: string) => Promise<Record<string, unknown>[]>,
): Promise<boolean> {
  const systems = new Map((await query(`SELECT "id", "name" FROM "IntegrationSystem"`)).map((row) => [row.id as string, row.name as string]));
  const credentials = new Map((await query(`SELECT "id", "integrationSystemId" FROM "SystemAuth"`)).map((row) => [row.id as string, row.integrationSystemId as string]));
  const events = await query(
    `SELECT "action", "objectId", "objectLabel", "details" FROM "AuditEvent" WHERE "action" IN ('INTEGRATION_SYSTEM_CREATED', 'INTEGRATION_SYSTEM_DELETED', 'CLIENT_CREDENTIALS_GENERATED', 'CLIENT_CREDENTIALS_DELETED')`,
  );
  let ok = true;

  const missingCreates = [...ledger.created.keys()].filter((id) => !ledger.deletedSystems.has(id) && !ledger.maybeDeletedSystems.has(id) && !systems.has(id));
  const presentDeletes = [...ledger.deletedSystems].filter((id) => systems.has(id));
  ok = check(`${label}: every acknowledged create of an integration system exists, every acknowledged delete is gone`,
    missingCreates.length === 0 && presentDeletes.length === 0,
    `${ledger.created.size} created, ${ledger.deletedSystems.size} deleted; missing ${missingCreates.length}, still present ${presentDeletes.length}`) && ok;

  const liveCredential = (clientId: string) => !ledger.deletedCredentials.has(clientId) && !ledger.deletedSystems.has(ledger.generated.get(clientId)!);
  const maybeDeleted = (clientId: string) => ledger.maybeDeletedCredentials.has(clientId) || ledger.maybeDeletedSystems.has(ledger.generated.get(clientId)!);
  const missingCredentials = [...ledger.generated.keys()].filter((id) => liveCredential(id) && !maybeDeleted(id) && !credentials.has(id));
  const presentCredentials = [...ledger.generated.keys()].filter((id) => !liveCredential(id) && credentials.has(id));
  ok = check(`${label}: every acknowledged credential exists, every deleted one is gone`,
    missingCredentials.length === 0 && presentCredentials.length === 0,
    `${ledger.generated.size} generated, ${ledger.deletedCredentials.size} deleted directly; missing ${missingCredentials.length}, still present ${presentCredentials.length}`) && ok;

  const orphans = [...credentials.values()].filter((systemId) => !systems.has(systemId)).length;
  ok = check(`${label}: no credential without its integration system`, orphans === 0, `${orphans} orphaned of ${credentials.size}`) && ok;

  const counts = new Map<string, number>();
  for (const event of events) {
    const details = event.details ? (JSON.parse(event.details as string) as { clientId?: string }) : {};
    const clientId = String(event.action).startsWith("CLIENT_CREDENTIALS") ? details.clientId : undefined;
    const key = auditKey(event.action as string, event.objectId as string, clientId);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const expected = new Set(ledger.audit);
  const notOnce = ledger.audit.filter((key) => counts.get(key) !== 1);
  const extra = [...counts].filter(([key]) => !expected.has(key)).reduce((sum, [, count]) => sum + count, 0);
  ok = check(`${label}: exactly one audit event per acknowledged mutation`,
    notOnce.length === 0 && ledger.audit.length === expected.size && extra <= ledger.unacknowledged,
    `${ledger.audit.length} acknowledged mutations, ${notOnce.length} without exactly one event; ${extra} further events for ${ledger.unacknowledged} unacknowledged attempts`) && ok;

  if (ledger.unacknowledgedCreates.length > 0) {
    const names = new Set(systems.values());
    const audited = new Set(events.filter((event) => event.action === "INTEGRATION_SYSTEM_CREATED").map((event) => event.objectLabel as string));
    const deletedNames = new Set(events.filter((event) => event.action === "INTEGRATION_SYSTEM_DELETED").map((event) => event.objectLabel as string));
    const torn = ledger.unacknowledgedCreates.filter((name) => !deletedNames.has(name) && names.has(name) !== audited.has(name));
    ok = check(`${label}: an unacknowledged create either happened with its audit event or not at all`, torn.length === 0,
      `${ledger.unacknowledgedCreates.length} unacknowledged creates, ${ledger.unacknowledgedCreates.filter((name) => names.has(name)).length} of them committed, ${torn.length} torn`) && ok;
  }
  return ok;
}

/** verifyLedger() against a PostgreSQL database. */
export function verifyLedgerOnPostgres(label: string, ledger: Ledger, url: string): Promise<boolean> {
  return withPg(url, (client) => verifyLedger(label, ledger, async (sql) => (await client.query(sql)).rows));
}
