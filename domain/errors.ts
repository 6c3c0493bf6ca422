import { RETRY_AFTER_SECONDS, isDatabaseUnavailable, noteDatabaseUnavailable } from "@/lib/db-errors";
import { logUnexpectedError } from "@/lib/logger";
import { recognisedAcrossCopies } from "@/lib/cross-copy";
import { plural } from "@/lib/text";

/**
 * Every error a caller can see is built here, so codes and wording stay
 * consistent. Messages say what was being done; they never hold secrets.
 * Each way in maps a DomainError once: GraphQL's error masking
 * (graphql/errors.ts), the OAuth2 endpoint() wrapper and jsonRoute() for
 * /api/auth/*.
 */
export type ErrorCode = "BAD_USER_INPUT" | "NOT_FOUND" | "CONFLICT" | "UNAUTHENTICATED" | "FORBIDDEN" | "SERVICE_UNAVAILABLE" | "INTERNAL_SERVER_ERROR";

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** The offending input, such as `in.name` or `header:tenant`. */
    readonly field?: string,
    /** What a client may act on, such as how many references block a delete. */
    readonly details?: Readonly<Record<string, unknown>>,
  ) {
    super(message);
    this.name = "DomainError";
  }
}
recognisedAcrossCopies(DomainError, "DomainError");

/** Bad input, naming the offending argument path such as `in.name`. */
export const badInput = (field: string, message: string) => new DomainError("BAD_USER_INPUT", message, field);

export const notFound = (what: string, id: string, doing: string) =>
  new DomainError("NOT_FOUND", `No ${what} with id "${truncateForMessage(id)}" exists (while ${doing})`);

/** `details` carries what a client may act on, such as how many references block a delete. */
export const conflict = (message: string, field?: string, details?: Record<string, unknown>) => new DomainError("CONFLICT", message, field, details);

/**
 * Refuses to delete a global object while `used` rows, in any tenant, come
 * from it (CONFLICT, the count in `details`): "The formation template "x" has
 * 2 formations made from it, in any tenant: delete them first".
 */
export function refuseWhileUsed(used: number, what: string, name: string, by: { noun: string; from: string; remedy: string }): void {
  if (used > 0) throw conflict(`The ${what} "${name}" has ${plural(used, by.noun)} ${by.from}, in any tenant: ${by.remedy}`, "id", { [`${by.noun}s`]: used });
}

/** The `tenant` request header, named as the offending input of tenant-scoped operations. */
const TENANT_HEADER_FIELD = "header:tenant";

export const missingTenant = (doing: string) =>
  badInput(TENANT_HEADER_FIELD, `This operation is tenant-scoped: send the "tenant" header with the tenant's id or external id (while ${doing})`);

export const unknownTenant = (idOrExternalId: string, doing: string) =>
  new DomainError("NOT_FOUND", `No tenant with id or external id "${truncateForMessage(idOrExternalId)}" exists (while ${doing})`, TENANT_HEADER_FIELD);

export const unauthenticated = (message = "Authentication required: log in, or send Authorization: Bearer <token>") =>
  new DomainError("UNAUTHENTICATED", message);

export const forbidden = (message: string) => new DomainError("FORBIDDEN", message);

/** Unknown ids are echoed in messages, but an attacker's megabyte-long id is not. */
function truncateForMessage(value: string): string {
  return value.length > 80 ? `${value.slice(0, 80)}…` : value;
}

/** What a failed request comes to, whichever way it came in. */
export type Failure =
  | { kind: "domain"; error: DomainError }
  | { kind: "unavailable"; message: string; retryAfterSeconds: number }
  | { kind: "internal"; message: string; errorId: string };

/**
 * The one failure classifier. A DomainError is the caller's to act on. A
 * database outage is SERVICE_UNAVAILABLE (HTTP 503 with Retry-After: the
 * request will work later; lib/db-errors.ts decides what counts as one).
 * Anything else is a bug: the caller gets a code and an error id, the log
 * gets the details under that id (ORM messages and stacks never reach the
 * caller). `where` completes "unexpected error ..." in the log.
 */
export function classifyFailure(error: unknown, where: string, requestId?: string | null): Failure {
  if (error instanceof DomainError) return { kind: "domain", error };
  if (isDatabaseUnavailable(error)) {
    noteDatabaseUnavailable(error);
    return { kind: "unavailable", message: "The database is unavailable: retry shortly", retryAfterSeconds: RETRY_AFTER_SECONDS };
  }
  const errorId = logUnexpectedError(`unexpected error ${where}`, error, requestId);
  return { kind: "internal", message: `Internal server error (error id ${errorId})`, errorId };
}
