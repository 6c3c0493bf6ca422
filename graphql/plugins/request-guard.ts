import type { IncomingMessage } from "node:http";
import { GraphQLError } from "graphql";
import { type PresentedCertificate, presentedClientCertificate } from "@/lib/client-certificate";
import type { GraphQLParams, Plugin } from "graphql-yoga";
import type { Instance } from "@/domain/instance";
import { type AccessTokenVerifier, authenticate } from "@/domain/principals/authenticate";
import type { Principal } from "@/domain/principals/principal";
import { TENANT_HEADER, requireTenantAccessLevel } from "@/domain/tenants/tenant-scope";
import { internalError, isExpectedError } from "@/graphql/errors";

/**
 * Everything decided about a request before GraphQL sees it:
 * - POST bodies must be JSON (form posts, the cross-site kind, are refused)
 *   and no larger than `maxBodyBytes`, chunked bodies included;
 * - the caller is authenticated, and anonymous callers get 401 before the
 *   document is even parsed (so introspection is closed to them too);
 * - cookie-authenticated requests from another site are refused (CSRF).
 */
export interface RequestGuardOptions {
  instance: Instance;
  /** The authorization server's access-token check (oauth2/), passed in by whoever builds the server. */
  verifyAccessToken: AccessTokenVerifier;
  maxBodyBytes: number;
  /** Whether a browser sent the request from another site. */
  isCrossSite: (request: Request) => boolean;
  /**
   * The server's one bounded body reader (lib/http.ts readBodyText): reads at
   * most `maxBytes`, chunked bodies included, else throws payloadTooLarge().
   */
  readBody: (request: Request, maxBytes: number) => Promise<string>;
}

const principals = new WeakMap<Request, Principal | null>();

/** Authenticates once per request; the GraphiQL gate and the guard share the answer. */
export async function principalOf(
  request: Request,
  instance: Instance,
  verifyAccessToken: AccessTokenVerifier,
  certificate: PresentedCertificate = null,
): Promise<Principal | null> {
  if (!principals.has(request)) principals.set(request, await authenticate(instance, request, verifyAccessToken, certificate));
  return principals.get(request)!;
}

export function knownPrincipal(request: Request): Principal | null {
  return principals.get(request) ?? null;
}

function errorResponse(status: number, code: string, message: string, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify({ errors: [{ message, extensions: { code } }] }), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", ...headers },
  });
}

/**
 * An outage while authenticating (503) or a bug (500): masked like any other internal
 * error, rather than escaping the handler with the ORM's message.
 */
function maskedResponse(error: unknown): Response {
  const masked = internalError(error);
  const { http, ...extensions } = masked.extensions as { http?: { status?: number; headers?: Record<string, string> } };
  return new Response(JSON.stringify({ errors: [{ message: masked.message, extensions }] }), {
    status: http?.status ?? 500,
    headers: { "content-type": "application/json; charset=utf-8", ...http?.headers },
  });
}

const redirectToLogin = () => new Response(null, { status: 302, headers: { location: "/login?next=/api/graphql" } });

const JSON_TYPES = ["application/json", "application/graphql-response+json", "application/graphql+json"];
const isJson = (contentType: string | null) => !!contentType && JSON_TYPES.includes(contentType.split(";")[0].trim().toLowerCase());

/** 413 for a body past the limit, in GraphQL's error format. */
export function payloadTooLarge(maxBytes: number): GraphQLError {
  return new GraphQLError(`Request body is larger than ${maxBytes} bytes`, {
    extensions: { code: "PAYLOAD_TOO_LARGE", http: { status: 413 } },
  });
}

function badRequest(message: string) {
  return new GraphQLError(message, { extensions: { code: "BAD_REQUEST", http: { status: 400 } } });
}

async function parseJsonBody(request: Request, options: RequestGuardOptions): Promise<GraphQLParams> {
  const text = await options.readBody(request, options.maxBodyBytes);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw badRequest("Request body is not valid JSON");
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw badRequest("Request body must be a JSON object with a `query`");
  }
  return body as GraphQLParams;
}

export function useRequestGuard(options: RequestGuardOptions): Plugin {
  return {
    async onRequest({ request, serverContext, endResponse }) {
      if (request.method === "POST") {
        if (!isJson(request.headers.get("content-type"))) {
          return endResponse(errorResponse(415, "BAD_REQUEST", "POST requests must have Content-Type: application/json"));
        }
        const declared = Number(request.headers.get("content-length") ?? 0);
        if (declared > options.maxBodyBytes) {
          return endResponse(errorResponse(413, "PAYLOAD_TOO_LARGE", `Request body is larger than ${options.maxBodyBytes} bytes`));
        }
      }
      // A browser opening GraphiQL without a valid login (none, or an expired
      // session) is sent to the login page rather than shown a JSON error.
      const browserPage = request.method === "GET" && !!request.headers.get("accept")?.includes("text/html");
      let principal: Principal | null;
      try {
        // The node request, when served from a listener (server/fast-path.ts): its TLS peer, or a trusted proxy's header.
        const req = (serverContext as { req?: IncomingMessage } | undefined)?.req;
        const certificate = req ? presentedClientCertificate(req, options.instance.config.trustProxy) : null;
        principal = await principalOf(request, options.instance, options.verifyAccessToken, certificate);
      } catch (error) {
        if (isExpectedError(error)) {
          if (browserPage) return endResponse(redirectToLogin());
          // RFC 6750 §3: a token was presented and is not good.
          return endResponse(errorResponse(401, "UNAUTHENTICATED", error.message, { "www-authenticate": 'Bearer error="invalid_token"' }));
        }
        return endResponse(maskedResponse(error));
      }
      if (!principal) {
        if (browserPage) return endResponse(redirectToLogin());
        return endResponse(
          errorResponse(401, "UNAUTHENTICATED", "Authentication required: log in, or send Authorization: Bearer <token>", {
            "www-authenticate": "Bearer",
          }),
        );
      }
      if (principal.authMethod === "SESSION" && options.isCrossSite(request)) {
        return endResponse(errorResponse(403, "FORBIDDEN", "Cross-site requests with the session cookie are refused"));
      }
      try {
        await requireTenantAccessLevel(options.instance.db, principal, request.headers.get(TENANT_HEADER));
      } catch (error) {
        return endResponse(isExpectedError(error) ? errorResponse(403, "FORBIDDEN", error.message) : maskedResponse(error));
      }
    },
    onRequestParse({ request, setRequestParser }) {
      if (request.method === "POST") setRequestParser((req) => parseJsonBody(req, options));
    },
  };
}
