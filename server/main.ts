/**
 * Production entry. The hot paths (/api/graphql, /oauth2/*, /.well-known/*)
 * go straight from node:http to the same handlers the route files use,
 * skipping Next's per-request routing, which costs several times the work
 * itself (docs/decisions/0001-next-in-a-child-process.md). Every other request goes to Next, which runs in a
 * child process (server/next-proxy.ts): loading Next into this process would
 * patch its globals and turn on AsyncLocalStorage, slowing the hot path too.
 */
import http from "node:http";
import { getConfig } from "@/lib/config";
import { createFastPath, createRequestListener } from "@/server/fast-path";
import { log } from "@/lib/logger";
import { startNextProcess } from "@/server/next-proxy";
import { getInstance } from "@/app/instance";
import { startup } from "@/app/startup";
import { installShutdown } from "@/server/shutdown";
import { createTlsServer } from "@/server/tls-listener";
import type { MetricsServer } from "@/server/metrics";
import type { Tracing } from "@/server/tracing";

async function main() {
  const config = getConfig();
  // First: Prisma's instrumentation and the context manager must be in place before the first client and request.
  // Imported only when asked for, so that without OTEL_EXPORTER_OTLP_ENDPOINT OpenTelemetry is never loaded.
  const tracing: Tracing | null = config.tracing ? await (await import("@/server/tracing")).startTracing(config.trustProxy) : null;
  // The database, its caches and throttles, the authorization and GraphQL servers: one object (app/instance.ts).
  const instance = getInstance();
  // Next gets ready (a second or so) while start-up runs here; neither serves
  // until this process listens, after both. Start-up runs in this process only:
  // the child takes it as done. Should it fail, exiting closes the child's IPC
  // channel, and the child exits with it.
  const [nextProcess] = await Promise.all([
    startNextProcess((code, signal) => {
      log.error("the Next.js process exited unexpectedly: stopping", { code, signal });
      process.exit(1);
    }),
    startup(instance),
  ]);
  // Before the fast path is made: the GraphQL server adds its metrics plugin only when a sink is installed.
  // Imported only when asked for, so that without METRICS_PORT prom-client is never loaded.
  const metrics: MetricsServer | null = config.metrics ? await (await import("@/server/metrics")).startMetricsServer(config.metrics, instance.poolStats) : null;
  const fastPath = createFastPath(instance);

  const server = http.createServer(
    createRequestListener(fastPath, nextProcess.handle, {
      observe: metrics?.observeRequest,
      trace: tracing?.wrap,
      db: () => instance.db,
    }),
  );
  server.keepAliveTimeout = 65_000;
  server.on("error", (error: NodeJS.ErrnoException) => {
    const reason = error.code === "EADDRINUSE" ? `${config.host}:${config.port} is already in use` : error.message;
    log.error("could not listen", { error: reason, code: error.code });
    process.exit(1);
  });
  server.listen(config.port, config.host, () => {
    log.info("Compass Director is listening", {
      url: `http://${config.host === "0.0.0.0" ? "localhost" : config.host}:${config.port}`,
      database: config.provider,
    });
  });
  // With TLS_PORT: the same listener over TLS, asking for client certificates (server/tls-listener.ts).
  const tlsServer = config.tls ? createTlsServer(config.tls, server.listeners("request")[0] as http.RequestListener) : null;
  tlsServer?.on("error", (error: NodeJS.ErrnoException) => {
    log.error("could not listen over TLS", { error: error.code === "EADDRINUSE" ? `${config.host}:${config.tls?.port} is already in use` : error.message });
    process.exit(1);
  });
  tlsServer?.listen(config.tls?.port, config.host, () =>
    log.info("Compass Director is listening over TLS, asking for client certificates", { port: config.tls?.port }),
  );

  const shutdown = installShutdown({
    server,
    graceMs: config.shutdownGraceSeconds * 1000,
    timeoutMs: config.shutdownTimeoutSeconds * 1000,
    // After the last request: Next stops (it has its own instance), and this
    // process's instance closes: its batched lastUsedAt writes, then the database.
    async cleanup() {
      tlsServer?.close();
      const results = await Promise.allSettled([nextProcess.stop(), metrics?.close(), instance.close()]);
      await tracing?.shutdown();
      const failed = results.find((result) => result.status === "rejected");
      if (failed) throw failed.reason;
    },
  });
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGINT"));
}

main().catch((error: Error) => {
  log.error("could not start", { error: error.message });
  process.exit(1);
});
