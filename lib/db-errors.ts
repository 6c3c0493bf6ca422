import type { Db, Tx } from "./db";
import { log } from "./logger";

/** Prisma's error for a unique constraint, the same through both driver adapters. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: string }).code === "P2002";
}

/** Prisma's error for a foreign key that names no row (PostgreSQL's 23503), the same through both driver adapters. */
export function isForeignKeyViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: string }).code === "P2003";
}

/**
 * Runs a write whose unique constraint is the last word on duplicates (a
 * check before the insert would race); a violation becomes `duplicate()`,
 * the caller's CONFLICT naming the field.
 */
async function refusingDuplicates<T>(write: () => Promise<T>, duplicate: () => Error): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicate();
    throw error;
  }
}

/** `work` in one transaction, refusing duplicates as above: every write that a unique constraint guards is one. */
export const transactionRefusingDuplicates = <T>(db: Db, work: (tx: Tx) => Promise<T>, duplicate: () => Error): Promise<T> =>
  refusingDuplicates(() => db.$transaction(work), duplicate);

/**
 * Whether an error means "the database cannot be reached or cannot serve
 * right now" (stopped, restarting, network gone, out of connections, locked
 * for too long) rather than a bug. Those requests are answered 503 with
 * Retry-After, since retrying later will work, and are not logged as bugs.
 *
 * The same outage reaches us in several shapes, all seen against a
 * PostgreSQL server stopped and restarted under load (scripts/test-faults.ts):
 * - PrismaClientKnownRequestError with a P1xxx code (P1001 "can't reach
 *   database server" once the server refuses connections),
 * - PrismaClientKnownRequestError P2010 or a bare DriverAdapterError whose
 *   cause carries SQLSTATE 57P01 ("terminating connection due to
 *   administrator command") for connections open when it went down,
 * - plain errors from node-postgres ("timeout exceeded when trying to
 *   connect", "Connection terminated unexpectedly"), which the adapter passes on.
 * Misconfiguration (wrong password, unknown database, TLS) is left out on
 * purpose: it is not going to heal by itself, so it stays a loud 500.
 */
const UNAVAILABLE_PRISMA_CODES = new Set([
  "P1001", // can't reach database server
  "P1002", // reached but timed out
  "P1008", // operations timed out
  "P1017", // server closed the connection
  "P2024", // timed out fetching a connection from the pool
  "P2037", // too many database connections
]);

/** Driver adapter error kinds (@prisma/driver-adapter-utils) that mean an outage. */
const UNAVAILABLE_ADAPTER_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections"]);

/**
 * SQLSTATEs: class 08 (connection exception), 57P01-57P03 (admin or crash
 * shutdown, cannot connect now: starting up or shutting down), class 53
 * (insufficient resources, too many connections).
 */
const UNAVAILABLE_SQLSTATE = /^(08...|57P0[123]|53...)$/;

/** node-postgres's own messages for connections lost or never made; SQLite's for a lock held past busy_timeout. */
const UNAVAILABLE_MESSAGE =
  /timeout exceeded when trying to connect|Connection terminated (unexpectedly|due to connection timeout)|Query read timeout|Client has encountered a connection error|ECONNREFUSED|database is locked|SQLITE_BUSY/;

function isUnavailableAdapterCause(cause: unknown): boolean {
  if (typeof cause !== "object" || cause === null) return false;
  const { kind, code, originalCode } = cause as { kind?: unknown; code?: unknown; originalCode?: unknown };
  if (typeof kind === "string" && UNAVAILABLE_ADAPTER_KINDS.has(kind)) return true;
  return [code, originalCode].some((value) => typeof value === "string" && UNAVAILABLE_SQLSTATE.test(value));
}

export function isDatabaseUnavailable(error: unknown): boolean {
  let current: unknown = error;
  // Errors wrap errors (GraphQLError.originalError, Error.cause); a few levels are plenty.
  for (let depth = 0; depth < 5 && typeof current === "object" && current !== null; depth++) {
    const { code, meta, cause, message, originalError } = current as {
      code?: unknown;
      meta?: { driverAdapterError?: { cause?: unknown } };
      cause?: unknown;
      message?: unknown;
      originalError?: unknown;
    };
    if (typeof code === "string" && UNAVAILABLE_PRISMA_CODES.has(code)) return true;
    if (isUnavailableAdapterCause(meta?.driverAdapterError?.cause) || isUnavailableAdapterCause(cause)) return true;
    if (typeof message === "string" && UNAVAILABLE_MESSAGE.test(message)) return true;
    current = originalError ?? cause;
  }
  return false;
}

/** Seconds a client is asked to wait (Retry-After) when the database is unavailable. */
export const RETRY_AFTER_SECONDS = 5;

const WARN_EVERY_MS = 5_000;
let lastWarnedAt = 0;
let unreported = 0;

/**
 * Notes a request refused because the database is unavailable. During an
 * outage every request fails alike, so the log gets one line every few
 * seconds with the count, not one per request.
 */
export function noteDatabaseUnavailable(error: unknown, now = Date.now()): void {
  unreported += 1;
  if (now - lastWarnedAt < WARN_EVERY_MS) return;
  const cause = error instanceof Error ? error.message.split("\n").filter(Boolean).at(-1) : String(error);
  log.warn("database unavailable: answering 503", { requests: unreported, cause });
  lastWarnedAt = now;
  unreported = 0;
}
