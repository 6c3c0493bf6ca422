/**
 * server/main.ts without its fast path, for the parity test
 * (test/parity.server.test.ts): the same request entry (client address, host
 * check, base security headers) and the same Next child, but every request,
 * the hot paths included, goes to Next and so to the app/ route files.
 */
import http from "node:http";
import { startup } from "@/app/startup";
import { getConfig } from "@/lib/config";
import { log } from "@/lib/logger";
import { createRequestListener } from "@/server/fast-path";
import { startNextProcess } from "@/server/next-proxy";

const config = getConfig();
const [nextProcess] = await Promise.all([
  startNextProcess((code, signal) => {
    log.error("the Next.js process exited unexpectedly: stopping", { code, signal });
    process.exit(1);
  }),
  startup(),
]);
const server = http.createServer(createRequestListener(() => false, nextProcess.handle));
server.on("error", (error: NodeJS.ErrnoException) => {
  log.error("could not listen", { error: error.code === "EADDRINUSE" ? `${config.host}:${config.port} is already in use` : error.message });
  process.exit(1);
});
server.listen(config.port, config.host, () => log.info("the Next-only server is listening", { port: config.port }));
const stop = () => server.close(() => void nextProcess.stop().finally(() => process.exit(0)));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
