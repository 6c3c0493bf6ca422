/**
 * The Next.js half of the production server: its own process, forked by
 * server/main.ts (through server/next-proxy.ts), serving every request that is not on
 * a hot path. Not meant to be started any other way.
 *
 * Why a separate process: Next's `prepare()` patches process-wide globals
 * (timers, Date, crypto, console) and turns on AsyncLocalStorage, whose
 * promise hooks then tax every request in the process on Node 20, the
 * /api/graphql fast path included (docs/decisions/0001-next-in-a-child-process.md). Here that cost
 * falls on pages only, and server/main.ts's process never loads Next at all.
 *
 * It serves only requests that carry the secret server/main.ts gave it: those come
 * from server/main.ts, which has set x-compass-client-address from the real client
 * socket, so the header is trusted here as it is in a single process.
 */
import { installMetricsSink, relayingSink } from "@/lib/metrics";
import { REQUEST_ID_HEADER } from "./observe";
import http from "node:http";
import nextPkg from "next";
import { getConfig } from "@/lib/config";
import { constantTimeEqual } from "@/lib/crypto";
import { log } from "@/lib/logger";
import { markStartupDone } from "@/app/startup";
import { NEXT_SECRET_ENV, NEXT_SECRET_HEADER, type ReadyMessage } from "./next-proxy";

const next = ((nextPkg as unknown as { default?: typeof nextPkg }).default ?? nextPkg) as typeof nextPkg;

markStartupDone();

async function main() {
  const secret = process.env[NEXT_SECRET_ENV];
  // Out of the environment, where pages and route handlers could see it.
  delete process.env[NEXT_SECRET_ENV];
  const send = process.send?.bind(process);
  if (!secret || !send) throw new Error("server/next-server.ts is started by server/main.ts, not on its own");

  // The parent is the supervisor: it decides when to stop (after draining its
  // own connections) and tells this process by closing the IPC channel, which
  // also happens if it dies. Ctrl-C sends SIGINT to the whole process group,
  // and systemd SIGTERM to the whole cgroup, so while the parent is there the
  // signals are left to it rather than dropping requests it is forwarding.
  process.on("disconnect", () => process.exit(0));
  const onSignal = () => {
    if (!process.connected) process.exit(0);
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  // The channel may have closed while this module's imports were loading,
  // before there was a listener to hear it (the parent failed to start, say).
  if (!process.connected) process.exit(0);

  const config = getConfig();
  if (config.metrics) installMetricsSink(relayingSink((message) => send(message)));
  // hostname and port are the public ones: Next uses them for x-forwarded-port and absolute URLs.
  const app = next({ dev: false, hostname: config.host, port: config.port, dir: process.cwd() });
  const handleWithNext = app.getRequestHandler();
  await app.prepare();

  const server = http.createServer((req, res) => {
    const presented = req.headers[NEXT_SECRET_HEADER];
    if (typeof presented !== "string" || !constantTimeEqual(presented, secret)) {
      res.writeHead(403, { "content-type": "text/plain; charset=utf-8" }).end("Forbidden: send requests to the server's public port");
      return;
    }
    delete req.headers[NEXT_SECRET_HEADER];
    handleWithNext(req, res).catch((error: Error) => {
      log.error("unhandled error in a page or route", { requestId: req.headers[REQUEST_ID_HEADER], error: error.stack ?? error.message });
      if (!res.headersSent) res.writeHead(500).end("Internal server error");
    });
  });
  // Idle connections are the parent's pooled keep-alive sockets: let the
  // parent close them, or a request could race the server closing its socket.
  server.keepAliveTimeout = 0;
  // Port 0: whichever is free; the parent learns it from the ready message.
  server.listen(0, "127.0.0.1", () => {
    const message: ReadyMessage = { type: "compass:next-ready", port: (server.address() as { port: number }).port };
    send(message);
  });
}

main().catch((error: Error) => {
  log.error("the Next.js process could not start", { error: error.stack ?? error.message });
  process.exit(1);
});
