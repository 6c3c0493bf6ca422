import { CombinedGraphQLErrors } from "@apollo/client";

/** What the API said went wrong, reduced to what a list, form or dialog shows. */
export interface GraphQLProblem {
  message: string;
  code?: string;
  /** The input the API blamed, e.g. `in.name` (see docs/design.md: errors name the offending field). */
  field?: string;
  /** The server asked to be called again after this many seconds (HTTP Retry-After). */
  retryAfterSeconds?: number;
  /** No answer came back at all: the browser could not reach the server. */
  unreachable?: boolean;
}

/** The one sentence for a request that never got an answer (offline, DNS, server down). */
const UNREACHABLE_MESSAGE = "Could not reach the server. Check the network connection, then try again.";

const numberOrUndefined = (value: unknown) => (typeof value === "number" && Number.isFinite(value) && value >= 0 ? value : undefined);

/**
 * The one reading of an Apollo error for the whole console. The console's
 * link (console-link.ts) turns every HTTP answer that carries GraphQL errors,
 * whatever its status, into GraphQL errors with `retryAfterSeconds` added from
 * the Retry-After header, so here an error is either the server's own words or
 * no answer at all.
 */
export function graphqlProblem(error: unknown): GraphQLProblem {
  if (CombinedGraphQLErrors.is(error) && error.errors.length > 0) {
    const [first] = error.errors;
    const code = typeof first.extensions?.code === "string" ? first.extensions.code : undefined;
    const field = typeof first.extensions?.field === "string" ? first.extensions.field : undefined;
    return { message: first.message, code, field, retryAfterSeconds: numberOrUndefined(first.extensions?.retryAfterSeconds) };
  }
  return { message: UNREACHABLE_MESSAGE, unreachable: true };
}

/** What a dialog shows of a failure: a check of its own (a thrown Error) in its words, anything from the API in the API's. */
export const dialogFailureMessage = (failure: unknown) =>
  failure instanceof Error && !("errors" in failure) ? failure.message : graphqlProblem(failure).message;

/** Waits for a request whose failure a dialog shows as a thrown error's message: rethrown in the API's words, not Apollo's wrapper. */
export async function inApiWords<T>(request: Promise<T>): Promise<T> {
  try {
    return await request;
  } catch (error) {
    throw new Error(graphqlProblem(error).message);
  }
}
