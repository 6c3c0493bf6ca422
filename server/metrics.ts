import http from "node:http";
import type { Config } from "@/lib/config";
import type { PoolStats } from "@/lib/db";
import { log } from "@/lib/logger";
import { installMetricsSink } from "@/lib/metrics";
import type { RequestObserver } from "./observe";

/**
 * Prometheus metrics on a listener of their own (METRICS_PORT, METRICS_HOST),
 * never the public port: nothing about the server's traffic is public. Without
 * METRICS_PORT this module is never loaded, and prom-client with it.
 * docs/operations.md lists every metric; keep the two in step.
 */
export interface MetricsServer {
  /** For the request listener: counts and times one answered request. */
  observeRequest: RequestObserver;
  close(): Promise<void>;
}

/** Seconds: from a cached token (well under a millisecond) to the 2 s database give-up and beyond. */
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const QUERY_BUCKETS = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5];

export async function startMetricsServer(settings: NonNullable<Config["metrics"]>, poolStats: () => PoolStats | null): Promise<MetricsServer> {
  const client = await import("prom-client");
  const registry = new client.Registry();
  // Process CPU, memory, file descriptors, GC, and event-loop lag (nodejs_eventloop_lag_*).
  client.collectDefaultMetrics({ register: registry });
  const prefix = "compass_";

  const httpRequests = new client.Counter({
    name: `${prefix}http_requests_total`,
    help: "HTTP requests answered, by route, method and status (499: the answer was not finished)",
    labelNames: ["route", "method", "status"],
    registers: [registry],
  });
  const httpDuration = new client.Histogram({
    name: `${prefix}http_request_duration_seconds`,
    help: "Time from a request's arrival to its answer's end, by route and method",
    labelNames: ["route", "method"],
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const graphqlOperations = new client.Counter({
    name: `${prefix}graphql_operations_total`,
    help: "GraphQL operations, by operation name (the console's own names; any other is 'other', none is 'anonymous') and outcome",
    labelNames: ["operation", "outcome"],
    registers: [registry],
  });
  const graphqlDuration = new client.Histogram({
    name: `${prefix}graphql_operation_duration_seconds`,
    help: "Time to execute a GraphQL operation (after parsing and validation), by operation name",
    labelNames: ["operation"],
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const tokensIssued = new client.Counter({
    name: `${prefix}oauth2_tokens_issued_total`,
    help: "Access tokens issued by the token endpoint, by grant type",
    labelNames: ["grant_type"],
    registers: [registry],
  });
  const tokensRefused = new client.Counter({
    name: `${prefix}oauth2_tokens_refused_total`,
    help: "Token requests refused, by RFC 6749 error code",
    labelNames: ["error"],
    registers: [registry],
  });
  const tokensRevoked = new client.Counter({
    name: `${prefix}oauth2_tokens_revoked_total`,
    help: "Access tokens revoked through the revocation endpoint (RFC 7009)",
    registers: [registry],
  });
  const authFailures = new client.Counter({
    name: `${prefix}auth_failures_total`,
    help: "Credentials refused, by kind: client_credentials, bearer_token, session, password, client_certificate",
    labelNames: ["kind"],
    registers: [registry],
  });
  const cacheLookups = new client.Counter({
    name: `${prefix}cache_lookups_total`,
    help: "Lookups in the per-instance caches, by cache and result (hit: answered from memory; miss: read from the database)",
    labelNames: ["cache", "result"],
    registers: [registry],
  });
  const dbQueries = new client.Histogram({
    name: `${prefix}db_query_duration_seconds`,
    help: "Time of each database query made through Prisma",
    buckets: QUERY_BUCKETS,
    registers: [registry],
  });
  // PostgreSQL only: SQLite has no pool (one connection in the process).
  const pool = (name: string, help: string, read: (stats: PoolStats) => number) =>
    new client.Gauge({
      name: `${prefix}db_pool_${name}`,
      help,
      registers: [registry],
      collect() {
        const stats = poolStats();
        if (stats) this.set(read(stats));
      },
    });
  pool("connections", "Connections the pool holds (PostgreSQL)", (stats) => stats.total);
  pool("idle_connections", "Connections in the pool not in use (PostgreSQL)", (stats) => stats.idle);
  pool("waiting_requests", "Queries waiting for a pooled connection (PostgreSQL)", (stats) => stats.waiting);
  pool("max_connections", "The pool's size, DATABASE_POOL_SIZE (PostgreSQL)", (stats) => stats.max);

  installMetricsSink({
    graphqlOperation(operation, outcome, seconds) {
      graphqlOperations.inc({ operation, outcome });
      graphqlDuration.observe({ operation }, seconds);
    },
    tokenIssued: (grantType) => tokensIssued.inc({ grant_type: grantType }),
    tokenRefused: (error) => tokensRefused.inc({ error }),
    tokenRevoked: () => tokensRevoked.inc(),
    authFailure: (kind) => authFailures.inc({ kind }),
    cacheLookup: (cache, hit) => cacheLookups.inc({ cache, result: hit ? "hit" : "miss" }),
    dbQuery: (seconds) => dbQueries.observe(seconds),
  });

  const server = http.createServer((req, res) => {
    if (req.method !== "GET" || (req.url ?? "").split("?")[0] !== "/metrics") {
      res.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("Not found: metrics are at /metrics\n");
      return;
    }
    registry.metrics().then(
      (text) => res.writeHead(200, { "content-type": registry.contentType, "cache-control": "no-store" }).end(text),
      (error: Error) => {
        log.error("could not collect metrics", { error: error.message });
        res.writeHead(500, { "content-type": "text/plain; charset=utf-8" }).end("Could not collect metrics\n");
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) =>
      reject(new Error(error.code === "EADDRINUSE" ? `METRICS_PORT: ${settings.host}:${settings.port} is already in use` : error.message)),
    );
    server.listen(settings.port, settings.host, () => resolve());
  });
  log.info("metrics are served", { url: `http://${settings.host}:${settings.port}/metrics` });

  return {
    observeRequest(route, method, status, seconds) {
      httpRequests.inc({ route, method, status: String(status) });
      httpDuration.observe({ route, method }, seconds);
    },
    close: () =>
      new Promise<void>((resolve) => {
        installMetricsSink(undefined);
        server.close(() => resolve());
        // A scraper's keep-alive connection would otherwise hold the close.
        server.closeAllConnections();
      }),
  };
}
