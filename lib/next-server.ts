/**
 * The Next.js half of the production server: its own process, forked by
 * server.ts (through lib/next-proxy.ts), serving every request that is not on
 * a hot path. Not meant to be started any other way.
 *
 * Why a separate process: Next's `prepare()` patches process-wide globals
 * (timers, Date, crypto, console) and turns on AsyncLocalStorage, whose
 * promise hooks then tax every request in the process on Node 20, the
 * /api/graphql fast path included (DESIGN.md, "Hot paths"). Here that cost
 * falls on pages only, and server.ts's process never loads Next at all.
 *
 * It listens on a Unix socket (a named pipe on Windows) in a folder only the
 * parent and this process can reach, so the requests it gets all come from
 * server.ts, which has set x-compass-client-address from the real client
 * socket: the header is trusted here as it is in a single process.
 */
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import nextPkg from "next";
import { getConfig } from "./config";
import { log } from "./logger";
import { NEXT_SOCKET_ENV, READY_MESSAGE } from "./next-proxy";

const next = ((nextPkg as unknown as { default?: typeof nextPkg }).default ?? nextPkg) as typeof nextPkg;

// lib/startup.ts runs start-up (SECRET_KEY check, migrations, first admin) once
// per process, keyed on this symbol. The parent has already run it to the end
// before it forwards any request here, so mark it done: instrumentation.ts and
// the route files await startup(), and a second run would replace the setup
// link the parent logged.
const STARTUP_KEY = Symbol.for("compass.startup");
(globalThis as typeof globalThis & { [STARTUP_KEY]?: Promise<void> })[STARTUP_KEY] = Promise.resolve();

async function main() {
  const socketPath = process.env[NEXT_SOCKET_ENV];
  const send = process.send?.bind(process);
  if (!socketPath || !send) throw new Error("lib/next-server.ts is started by server.ts, not on its own");

  // The parent is the supervisor: it decides when to stop (after draining its
  // own connections) and tells this process by closing the IPC channel, which
  // also happens if it dies. Ctrl-C sends SIGINT to the whole process group,
  // and systemd SIGTERM to the whole cgroup, so while the parent is there the
  // signals are left to it rather than dropping requests it is forwarding.
  const leave = () => {
    // The parent removes the socket's private folder when this process exits,
    // but not if it died first: then only this process can.
    if (process.platform !== "win32") {
      try {
        fs.rmSync(socketPath, { force: true });
        fs.rmdirSync(path.dirname(socketPath));
      } catch {
        // already gone
      }
    }
    process.exit(0);
  };
  process.on("disconnect", leave);
  const onSignal = () => {
    if (!process.connected) leave();
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  // The channel may have closed while this module's imports were loading,
  // before there was a listener to hear it (the parent failed to start, say).
  if (!process.connected) leave();

  const config = getConfig();
  // hostname and port are the public ones: Next uses them for x-forwarded-port and absolute URLs.
  const app = next({ dev: false, hostname: config.host, port: config.port, dir: process.cwd() });
  const handleWithNext = app.getRequestHandler();
  await app.prepare();

  const server = http.createServer((req, res) => {
    handleWithNext(req, res).catch((error: Error) => {
      log.error("unhandled error in a page or route", { error: error.stack ?? error.message });
      if (!res.headersSent) res.writeHead(500).end("Internal server error");
    });
  });
  // Idle connections are the parent's pooled keep-alive sockets: let the
  // parent close them, or a request could race the server closing its socket.
  server.keepAliveTimeout = 0;
  server.listen(socketPath, () => send(READY_MESSAGE));
}

main().catch((error: Error) => {
  log.error("the Next.js process could not start", { error: error.stack ?? error.message });
  process.exit(1);
});
