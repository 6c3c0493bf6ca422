/**
 * Production entry. The hot path (/api/graphql) goes straight from node:http
 * to the same graphql-yoga server the route file uses, skipping Next's
 * per-request routing, which costs several times the GraphQL work itself
 * (DESIGN.md, "Hot paths"). Every other request goes to Next.
 */
import http from "node:http";
import nextPkg from "next";
import { GRAPHQL_PATH, getGraphQLServer } from "./graphql/yoga";
import { getConfig } from "./lib/config";
import { CLIENT_ADDRESS_HEADER } from "./lib/http";
import { log } from "./lib/logger";
import { startup } from "./lib/startup";

const next = ((nextPkg as unknown as { default?: typeof nextPkg }).default ?? nextPkg) as typeof nextPkg;

function isGraphQLPath(url: string): boolean {
  return url === GRAPHQL_PATH || url.startsWith(GRAPHQL_PATH + "?") || url.startsWith(GRAPHQL_PATH + "/");
}

async function main() {
  const config = getConfig();
  await startup();
  const app = next({ dev: false, hostname: config.host, port: config.port, dir: process.cwd() });
  const handleWithNext = app.getRequestHandler();
  await app.prepare();
  const graphql = getGraphQLServer();

  const server = http.createServer((req, res) => {
    // Route handlers read the client address from this header (login throttling);
    // a value sent by the client must never be believed.
    req.headers[CLIENT_ADDRESS_HEADER] = req.socket.remoteAddress ?? "unknown";
    if (isGraphQLPath(req.url ?? "")) {
      graphql(req, res);
      return;
    }
    handleWithNext(req, res).catch((error: Error) => {
      log.error("unhandled error in a page or route", { error: error.stack ?? error.message });
      if (!res.headersSent) res.writeHead(500).end("Internal server error");
    });
  });
  server.keepAliveTimeout = 65_000;
  server.listen(config.port, config.host, () => {
    log.info("Compass Director is listening", {
      url: `http://${config.host === "0.0.0.0" ? "localhost" : config.host}:${config.port}`,
      database: config.provider,
    });
  });

  const shutdown = (signal: string) => {
    log.info("shutting down", { signal });
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 5_000).unref();
  };
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGINT"));
}

main().catch((error: Error) => {
  log.error("could not start", { error: error.message });
  process.exit(1);
});
