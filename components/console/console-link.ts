import { ApolloLink, ServerError } from "@apollo/client";
import type { FormattedExecutionResult, GraphQLFormattedError } from "graphql";
import { catchError, from, map, mergeMap, type Observable, of, throwError } from "rxjs";
import { waitForSignIn } from "./session-renewal";
import { noteUnsavedWork } from "./unsaved-work";

/** Seconds from an HTTP Retry-After header (delta-seconds or an HTTP date), if any. */
function retryAfterSeconds(header: string | null | undefined, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}

function withRetryAfter(errors: readonly GraphQLFormattedError[], seconds: number | undefined): GraphQLFormattedError[] {
  if (seconds === undefined) return [...errors];
  return errors.map((error) => ({ ...error, extensions: { ...error.extensions, retryAfterSeconds: seconds } }));
}

/**
 * An answer that is not 2xx and not `application/graphql-response+json`
 * reaches Apollo as a ServerError ("Response not successful: Received status
 * code 503"). Its body usually holds the server's GraphQL errors: read them,
 * so the user sees the server's own words; a body without them (a proxy's
 * page) still becomes a GraphQL error that names the HTTP status.
 */
function asGraphQLResult(error: ServerError): FormattedExecutionResult {
  const seconds = retryAfterSeconds(error.response.headers.get("retry-after"));
  let errors: GraphQLFormattedError[] | undefined;
  try {
    const body = JSON.parse(error.bodyText) as { errors?: GraphQLFormattedError[] };
    if (Array.isArray(body.errors) && body.errors.length > 0) errors = body.errors;
  } catch {
    // Not JSON: described by its status below.
  }
  const status = error.statusCode;
  errors ??= [
    {
      message:
        status === 401
          ? "Your session has ended: sign in again"
          : status === 503
            ? "The server is unavailable for a moment: it will be tried again"
            : `The server answered HTTP ${status}`,
      extensions: { code: status === 401 ? "UNAUTHENTICATED" : status === 503 ? "SERVICE_UNAVAILABLE" : `HTTP_${status}` },
    },
  ];
  return { errors: withRetryAfter(errors, seconds) };
}

const isUnauthenticated = (result: FormattedExecutionResult) => result.errors?.some((error) => error.extensions?.code === "UNAUTHENTICATED") ?? false;

let leaving = false;

/**
 * The session has ended (12 h, revoked, signed out elsewhere): go to the login
 * page, which brings the user back here. Many queries fail at once; the first
 * one leaves, and a note of any unsaved input goes with it.
 */
function signInAgain(location: Pick<Location, "pathname" | "search" | "assign"> = window.location) {
  if (leaving) return;
  leaving = true;
  const here = location.pathname + location.search;
  noteUnsavedWork(here);
  location.assign(`/login?next=${encodeURIComponent(here)}`);
}

/**
 * The console's one error path on the way in: every answer becomes either data
 * or GraphQL errors in the server's words (with `retryAfterSeconds` when the
 * server sent Retry-After). An UNAUTHENTICATED answer, by HTTP 401 or by
 * `extensions.code`, waits for the user to sign in again over the page
 * (`renew`, session-renewal.ts), then sends the same operation once more: what
 * was typed stays, and the save goes through. Only a request that got no
 * answer stays a network error.
 */
export function createConsoleLink(renew: () => Promise<void> = () => waitForSignIn(signInAgain)) {
  return new ApolloLink((operation, forward) => {
    const annotate = (result: FormattedExecutionResult): FormattedExecutionResult => {
      if (!result.errors) return result;
      const response = operation.getContext().response as Response | undefined;
      const seconds = retryAfterSeconds(response?.headers.get("retry-after"));
      return seconds === undefined ? result : { ...result, errors: withRetryAfter(result.errors, seconds) };
    };
    const attempt = (): Observable<FormattedExecutionResult> =>
      forward(operation).pipe(
        map((result) => annotate(result as FormattedExecutionResult)),
        catchError((error: unknown) => {
          if (ServerError.is(error)) return of(asGraphQLResult(error));
          return throwError(() => error);
        }),
      );
    return attempt().pipe(
      // Once: a second refusal right after signing in is the answer to show.
      mergeMap((result) => (isUnauthenticated(result) ? from(renew()).pipe(mergeMap(attempt)) : of(result))),
      map((result) => result as ApolloLink.Result),
    );
  });
}
