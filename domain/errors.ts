import { type ASTNode, GraphQLError } from "graphql";
import { RETRY_AFTER_SECONDS, isDatabaseUnavailable, noteDatabaseUnavailable } from "../lib/db-errors";
import { logUnexpectedError } from "../lib/logger";

/**
 * Every error a caller can see is built here, so codes and wording stay
 * consistent. Messages say what was being done; they never hold secrets.
 */
export type ErrorCode =
  | "BAD_USER_INPUT"
  | "NOT_FOUND"
  | "CONFLICT"
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "SERVICE_UNAVAILABLE"
  | "INTERNAL_SERVER_ERROR";

function error(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}, httpStatus?: number) {
  return new GraphQLError(message, {
    extensions: { code, ...extensions, ...(httpStatus ? { http: { status: httpStatus } } : {}) },
  });
}

/** Bad input, naming the offending argument path such as `in.name`. */
export const badInput = (field: string, message: string) => error("BAD_USER_INPUT", message, { field });

export const notFound = (what: string, id: string, doing: string) =>
  error("NOT_FOUND", `No ${what} with id "${truncateForMessage(id)}" exists (while ${doing})`);

/** `extensions` carries what a client may act on, such as how many references block a delete. */
export const conflict = (message: string, field?: string, extensions: Record<string, unknown> = {}) =>
  error("CONFLICT", message, { ...(field ? { field } : {}), ...extensions });

/** The `tenant` request header, named as the offending input of tenant-scoped operations. */
export const TENANT_HEADER_FIELD = "header:tenant";

export const missingTenant = (doing: string) =>
  badInput(TENANT_HEADER_FIELD, `This operation is tenant-scoped: send the "tenant" header with the tenant's id or external id (while ${doing})`);

export const unknownTenant = (idOrExternalId: string, doing: string) =>
  error("NOT_FOUND", `No tenant with id or external id "${truncateForMessage(idOrExternalId)}" exists (while ${doing})`, {
    field: TENANT_HEADER_FIELD,
  });

export const unauthenticated = (message = "Authentication required: log in, or send Authorization: Bearer <token>") =>
  error("UNAUTHENTICATED", message, {}, 401);

export const forbidden = (message: string) => error("FORBIDDEN", message);

/** Unknown ids are echoed in messages, but an attacker's megabyte-long id is not. */
function truncateForMessage(value: string): string {
  return value.length > 80 ? `${value.slice(0, 80)}…` : value;
}

export function isExpectedError(value: unknown): value is GraphQLError {
  return value instanceof GraphQLError && typeof value.extensions?.code === "string";
}

/**
 * A bug or an outage. A database outage is SERVICE_UNAVAILABLE with HTTP 503
 * and Retry-After (the request will work later; lib/db-errors.ts decides what
 * counts as one). Anything else is a bug: the caller gets a code and an error
 * id, the log gets the details under that id (ORM messages and stacks never
 * reach the caller).
 */
export function internalError(cause: unknown, at: { nodes?: readonly ASTNode[]; path?: readonly (string | number)[] } = {}): GraphQLError {
  if (isDatabaseUnavailable(cause)) {
    noteDatabaseUnavailable(cause);
    return new GraphQLError("The database is unavailable: retry shortly", {
      nodes: at.nodes,
      path: at.path,
      extensions: {
        code: "SERVICE_UNAVAILABLE" satisfies ErrorCode,
        http: { status: 503, headers: { "retry-after": String(RETRY_AFTER_SECONDS) } },
      },
    });
  }
  const errorId = logUnexpectedError("unexpected error while serving GraphQL", cause);
  return new GraphQLError(`Internal server error (error id ${errorId})`, {
    nodes: at.nodes,
    path: at.path,
    extensions: { code: "INTERNAL_SERVER_ERROR", errorId },
  });
}
