import { randomUUID } from "node:crypto";
import { getConfig } from "./config";

/**
 * One JSON object per line on stdout. Callers pass identifiers and counts,
 * never secrets: nothing here redacts, so nothing secret may reach it.
 */
type Level = "debug" | "info" | "warn" | "error";
const ORDER: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/**
 * Lines for stdout waiting for the end of this turn of the event loop. Under
 * load the access log writes a line per request, and stdout on a pipe or file
 * is a synchronous write per call: one write per turn instead of one per line
 * took that cost off the token endpoint (docs/decisions/0037-batched-log-writes.md).
 * Warnings and errors still go out at once, on stderr.
 */
let pendingLines = "";
let flushScheduled = false;
/** Past this many characters the pending lines go out at once rather than at the end of the turn. */
const PENDING_LIMIT = 64 * 1024;

/**
 * Writes the pending stdout lines now; also run on exit, so a process that ends
 * loses none. The test harness calls it before it reads the captured log.
 */
export function flushLog() {
  flushScheduled = false;
  if (pendingLines === "") return;
  const lines = pendingLines;
  pendingLines = "";
  process.stdout.write(lines);
}
process.on("exit", flushLog);

function write(level: Level, msg: string, fields?: Record<string, unknown>) {
  if (ORDER[level] < ORDER[getConfig().logLevel]) return;
  const line = JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields });
  if (level === "error" || level === "warn") {
    process.stderr.write(`${line}\n`);
    return;
  }
  pendingLines += `${line}\n`;
  if (pendingLines.length >= PENDING_LIMIT) flushLog();
  else if (!flushScheduled) {
    flushScheduled = true;
    setImmediate(flushLog);
  }
}

/**
 * Logs a bug or an outage under a new error id and returns the id, which the
 * caller shows instead of the details (GraphQL and the OAuth2 endpoints alike).
 */
export function logUnexpectedError(message: string, cause: unknown, requestId?: string | null): string {
  const errorId = randomUUID();
  log.error(message, { ...(requestId ? { requestId } : {}), errorId, error: cause instanceof Error ? (cause.stack ?? cause.message) : String(cause) });
  return errorId;
}

export const log = {
  debug: (msg: string, fields?: Record<string, unknown>) => write("debug", msg, fields),
  info: (msg: string, fields?: Record<string, unknown>) => write("info", msg, fields),
  warn: (msg: string, fields?: Record<string, unknown>) => write("warn", msg, fields),
  error: (msg: string, fields?: Record<string, unknown>) => write("error", msg, fields),
};
