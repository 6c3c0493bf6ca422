/**
 * The scale-out checks' PostgreSQL: a fresh database on the machine's server,
 * or a dedicated server of their own for checks that stop and start it.
 */
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { createPostgresDatabase } from "@/test/postgres";
import { makeTempDir, onCleanUp, say } from "@/scripts/bench-support";
import { portInRange } from "./ports";

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
    spawnSync(
      asRoot ? "runuser" : path.join(PG_BIN, "pg_ctl"),
      asRoot ? ["-u", "postgres", "--", path.join(PG_BIN, "pg_ctl"), "-D", data, "-m", "immediate", "stop"] : ["-D", data, "-m", "immediate", "stop"],
    );
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
