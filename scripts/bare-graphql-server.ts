/**
 * The product's GraphQL server alone on node:http: no Next.js, no start-up
 * work, nothing else in the process. scripts/bench-api.ts measures the
 * product's /api/graphql fast path against this baseline, so it runs the very
 * same Yoga instance, services and database (env DATABASE_URL, SECRET_KEY,
 * PORT, HOST), each in its own process. Not a way to run the product: the
 * database must already be migrated.
 */
import http from "node:http";
import { graphqlServer } from "@/app/graphql-server";
import { getInstance } from "@/app/instance";
import { getConfig } from "@/lib/config";
import { log } from "@/lib/logger";

const config = getConfig();
const server = http.createServer(graphqlServer(getInstance()));
server.keepAliveTimeout = 65_000; // as in server/main.ts
server.listen(config.port, config.host, () => {
  log.info("bare GraphQL server is listening", { url: `http://${config.host}:${config.port}/api/graphql` });
});

for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 2_000).unref();
  });
}
