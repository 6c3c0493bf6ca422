import type http from "node:http";
import { markShuttingDown } from "@/lib/health";
import { log } from "@/lib/logger";

/**
 * A clean stop on SIGTERM (docs/operations.md, "Shutting down"):
 * 1. readiness fails at once (lib/health.ts), while the listener still
 *    accepts: the load balancer, or Kubernetes' endpoints controller, needs a
 *    few seconds to notice and stop sending new requests here;
 * 2. after `graceMs` the listener closes, so new connections are refused;
 *    idle keep-alive connections are closed, and every answer from then on
 *    says `Connection: close`;
 * 3. requests in flight finish, for up to `timeoutMs`, then are cut;
 * 4. `cleanup` runs (the Next child, then the instance's close():
 *    app/instance.ts), and the process exits 0.
 * SIGINT (Ctrl-C at a terminal) skips the grace period: nobody balances load to a terminal.
 */
export interface ShutdownOptions {
  server: http.Server;
  graceMs: number;
  timeoutMs: number;
  /** Everything to stop after the last request: run once, in order. */
  cleanup: () => Promise<void>;
  /** Called instead of process.exit in tests. */
  exit?: (code: number) => void;
}

/** How often idle connections are closed while requests drain: one freed by a finished answer closes within this. */
const IDLE_SWEEP_MS = 100;
/** The clean-up gets this long after the last request, then the process exits anyway. */
const CLEANUP_LIMIT_MS = 10_000;

export function installShutdown({
  server,
  graceMs,
  timeoutMs,
  cleanup,
  exit = (code) => process.exit(code),
}: ShutdownOptions): (signal: NodeJS.Signals) => void {
  let stopping = false;

  const drain = () => {
    // Requests still arriving on open keep-alive connections are served, and close them after.
    server.prependListener("request", (_req: http.IncomingMessage, res: http.ServerResponse) => {
      res.shouldKeepAlive = false;
    });
    const sweep = setInterval(() => server.closeIdleConnections(), IDLE_SWEEP_MS);
    const cut = setTimeout(() => {
      log.warn("requests still in flight at SHUTDOWN_TIMEOUT_SECONDS: closing their connections");
      server.closeAllConnections();
    }, timeoutMs);
    server.close(() => {
      clearInterval(sweep);
      clearTimeout(cut);
      const limit = setTimeout(() => {
        log.error("clean-up did not finish in time: exiting");
        exit(1);
      }, CLEANUP_LIMIT_MS);
      cleanup().then(
        () => {
          clearTimeout(limit);
          log.info("stopped");
          exit(0);
        },
        (error: Error) => {
          clearTimeout(limit);
          log.error("clean-up failed while stopping", { error: error.message });
          exit(1);
        },
      );
    });
    server.closeIdleConnections();
  };

  return (signal) => {
    // Ctrl-C can deliver SIGINT more than once (from the terminal and from tsx).
    if (stopping) return;
    stopping = true;
    markShuttingDown();
    const grace = signal === "SIGINT" ? 0 : graceMs;
    log.info("shutting down", { signal, graceSeconds: grace / 1000, timeoutSeconds: timeoutMs / 1000 });
    if (grace > 0) setTimeout(drain, grace);
    else drain();
  };
}
