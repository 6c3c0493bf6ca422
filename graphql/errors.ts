import { type ASTNode, GraphQLError } from "graphql";
import * as domain from "@/domain/errors";
import { DomainError, classifyFailure } from "@/domain/errors";

type Location = { nodes?: readonly ASTNode[]; path?: readonly (string | number)[] };

/**
 * The one mapping of DomainError onto GraphQL: extensions.code, plus
 * extensions.field for the offending input and the error's details beside
 * them. Resolvers let DomainErrors propagate; Yoga's error masking
 * (maskError in yoga.ts) calls this.
 */
function toGraphQLError(error: DomainError, at: Location = {}): GraphQLError {
  return new GraphQLError(error.message, {
    nodes: at.nodes,
    path: at.path,
    extensions: {
      code: error.code,
      ...(error.field ? { field: error.field } : {}),
      ...error.details,
      // RFC 6750 §3: no or a bad credential is HTTP 401.
      ...(error.code === "UNAUTHENTICATED" ? { http: { status: 401 } } : {}),
    },
  });
}

/**
 * For the GraphQL layer's own checks (scalars, plugins), which graphql-js
 * reports as they are thrown rather than through the masking.
 */
export const badInput = (field: string, message: string) => toGraphQLError(domain.badInput(field, message));

/** A GraphQLError with a code, or a DomainError: the caller's to act on. */
export function isExpectedError(value: unknown): value is GraphQLError | DomainError {
  return value instanceof DomainError || (value instanceof GraphQLError && typeof value.extensions?.code === "string");
}

/**
 * Anything that is not a GraphQL error of ours, through the one failure
 * classifier (domain/errors.ts): a DomainError keeps its code, an outage is
 * SERVICE_UNAVAILABLE with HTTP 503 and Retry-After, a bug is
 * INTERNAL_SERVER_ERROR with an error id whose details are in the log.
 */
export function internalError(cause: unknown, at: Location = {}, requestId?: string | null): GraphQLError {
  const failure = classifyFailure(cause, "while serving GraphQL", requestId);
  switch (failure.kind) {
    case "domain":
      return toGraphQLError(failure.error, at);
    case "unavailable":
      return new GraphQLError(failure.message, {
        nodes: at.nodes,
        path: at.path,
        extensions: {
          code: "SERVICE_UNAVAILABLE" satisfies domain.ErrorCode,
          http: { status: 503, headers: { "retry-after": String(failure.retryAfterSeconds) } },
        },
      });
    case "internal":
      return new GraphQLError(failure.message, {
        nodes: at.nodes,
        path: at.path,
        extensions: { code: "INTERNAL_SERVER_ERROR" satisfies domain.ErrorCode, errorId: failure.errorId, ...(requestId ? { requestId } : {}) },
      });
  }
}

/**
 * Yoga's error masking, for every GraphQL server here: GraphQL errors (graphql-js's own about the request,
 * and the GraphQL layer's checks) pass through; a DomainError leaves with its code, and anything else is a
 * bug or an outage and leaves as a code and an id, with the details in the log under that id.
 */
export function maskError(error: unknown): Error {
  const original = error instanceof GraphQLError && error.originalError ? error.originalError : error;
  if (original instanceof GraphQLError) return error as Error;
  return internalError(original, error instanceof GraphQLError ? { nodes: error.nodes, path: error.path } : {});
}
