import { type ErrorCode, classifyFailure } from "@/domain/errors";
import { REQUEST_ID_HEADER, jsonError, readSameSiteJson, stringField } from "@/lib/http";
import { startup } from "@/app/startup";

/** HTTP status and JSON `error` of each domain error code, for the /api/auth/* routes. */
const ANSWER: Record<ErrorCode, { status: number; error: string }> = {
  BAD_USER_INPUT: { status: 400, error: "invalid_request" },
  NOT_FOUND: { status: 404, error: "not_found" },
  CONFLICT: { status: 409, error: "conflict" },
  UNAUTHENTICATED: { status: 401, error: "unauthenticated" },
  FORBIDDEN: { status: 403, error: "forbidden" },
  SERVICE_UNAVAILABLE: { status: 503, error: "temporarily_unavailable" },
  INTERNAL_SERVER_ERROR: { status: 500, error: "server_error" },
};

/**
 * The one failure policy of the JSON routes under app/api/auth (the console's
 * sign-in, sign-out and setup forms), through the failure classifier every
 * way in shares (domain/errors.ts): a DomainError is JSON {error, message,
 * field} with its status; a database outage is 503 with Retry-After, so a
 * sign-in during an outage tells the form to retry rather than being Next's
 * bare 500; anything else is a 500 with an error id whose details are logged.
 */
export function jsonRoute(name: string, handle: (request: Request) => Promise<Response>): (request: Request) => Promise<Response> {
  return async (request) => {
    try {
      return await handle(request);
    } catch (error) {
      const failure = classifyFailure(error, `in ${name} (${new URL(request.url).pathname})`, request.headers.get(REQUEST_ID_HEADER));
      switch (failure.kind) {
        case "domain": {
          const answer = ANSWER[failure.error.code];
          return Response.json(
            { error: answer.error, message: failure.error.message, field: failure.error.field ?? null },
            { status: answer.status, headers: { "cache-control": "no-store" } },
          );
        }
        case "unavailable":
          return jsonError(503, ANSWER.SERVICE_UNAVAILABLE.error, failure.message, { "retry-after": String(failure.retryAfterSeconds) });
        case "internal":
          return jsonError(500, ANSWER.INTERNAL_SERVER_ERROR.error, failure.message);
      }
    }
  };
}

/**
 * A sign-in form's route (sign-in, setup, password reset): after start-up,
 * the same-site JSON body's `fields`, every one a non-empty string, or 400
 * with `missing`; `handle` gets them by name. Failures as in `jsonRoute`.
 */
export function jsonFormRoute<F extends string>(
  name: string,
  form: { fields: readonly F[]; missing: string },
  handle: (fields: Record<F, string>, request: Request) => Promise<Response>,
): (request: Request) => Promise<Response> {
  return jsonRoute(name, async (request) => {
    await startup();
    const body = await readSameSiteJson(request);
    if (body instanceof Response) return body;
    const fields = {} as Record<F, string>;
    for (const field of form.fields) {
      const value = stringField(body, field);
      if (!value) return jsonError(400, "invalid_request", form.missing);
      fields[field] = value;
    }
    return handle(fields, request);
  });
}
