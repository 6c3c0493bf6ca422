import { inSpan } from "@/lib/tracing";
import { REQUEST_ID_HEADER } from "@/lib/http";
import { countTokenIssued, countTokenRefused, countTokenRevoked, metricsOn } from "@/lib/metrics";
import { authenticate } from "@/domain/principals/authenticate";
import type { Config } from "@/lib/config";
import { classifyFailure } from "@/domain/errors";
import { ClientAbortedError, clientAddress, publicOrigin } from "@/lib/http";
import { log } from "@/lib/logger";
import { GRAPHQL_PATH, INTROSPECTION_PATH, JWKS_PATH, REVOCATION_PATH, TOKEN_PATH } from "@/lib/paths";
import { type AuthorizationServer, checkAccessToken, introspectionOf, revokeAccessToken } from "./authorization-server";
import { type EndpointRequest, type EndpointResponse, OAuthError, errorResponse, jsonResponse, presentedCredentials, readForm } from "./protocol";
import { SIGNING_ALGORITHM } from "./signing-keys";
import { GRANT_TYPE, clientCredentialsGrant } from "./grants/client-credentials";

/**
 * The authorization server's HTTP endpoints. The route files under app/ serve
 * them for `next dev`, and server/main.ts calls the very same functions on its
 * fast path (docs/decisions/0001-next-in-a-child-process.md); see routes.ts.
 */
export type Handler = (request: EndpointRequest, server: AuthorizationServer) => Promise<EndpointResponse>;

/**
 * Runs a handler, turning OAuthErrors into RFC 6749 §5.2 responses and
 * anything else through the failure classifier every way in shares
 * (domain/errors.ts): a DomainError is the client's invalid_request, a
 * database outage 503 temporarily_unavailable with Retry-After (clients
 * retry; nothing is wrong with their request), and a bug a logged
 * server_error with an error id. `server` is the instance's (app/instance.ts),
 * handed in by whoever routes the request (routes.ts).
 */
function endpoint(name: string, handle: (request: EndpointRequest, server: AuthorizationServer) => Promise<EndpointResponse>): Handler {
  return async (request, server) => {
    try {
      return await handle(request, server);
    } catch (error) {
      if (error instanceof OAuthError) return errorResponse(error);
      if (error instanceof ClientAbortedError) {
        // Nobody is left to read the answer; nothing went wrong here.
        log.debug(`client aborted the request body at the ${name} endpoint`, { address: clientAddress(request) });
        return errorResponse(new OAuthError("invalid_request", error.message));
      }
      return failureResponse(error, `in the ${name} endpoint`, request.headers.get(REQUEST_ID_HEADER));
    }
  };
}

/**
 * The RFC 6749 §5.2 answer to anything thrown while serving the
 * authorization server: endpoint() above, and the fast path should its
 * plumbing fail (server/fast-path.ts). `where` completes "unexpected error ...".
 */
export function failureResponse(error: unknown, where: string, requestId?: string | null): EndpointResponse {
  if (error instanceof OAuthError) return errorResponse(error);
  const failure = classifyFailure(error, where, requestId);
  switch (failure.kind) {
    case "domain":
      return errorResponse(new OAuthError("invalid_request", failure.error.message));
    case "unavailable":
      return errorResponse(new OAuthError("temporarily_unavailable", failure.message, 503, { "retry-after": String(failure.retryAfterSeconds) }));
    case "internal":
      return errorResponse(new OAuthError("server_error", failure.message));
  }
}

/** RFC 6749 §5.2's codes, and RFC 6749 §4.1.2.1's two the endpoints answer with: the refusal metric's only label values. */
const REFUSAL_CODES = new Set([
  "invalid_request",
  "invalid_client",
  "invalid_grant",
  "unauthorized_client",
  "unsupported_grant_type",
  "invalid_scope",
  "temporarily_unavailable",
  "server_error",
]);

/** The handler's work in a span of its own, inside the request's, when traces are on (lib/tracing.ts). */
const traced =
  (name: string, handler: Handler): Handler =>
  (request, server) =>
    inSpan(name, {}, () => handler(request, server));

/** Counts the token endpoint's answers for /metrics (lib/metrics.ts): issued, or refused by error code. */
function countedTokens(handler: Handler): Handler {
  return async (request, server) => {
    const response = await handler(request, server);
    if (response.status === 200) countTokenIssued("client_credentials");
    else if (metricsOn()) {
      // Parsed only with metrics on, and only for refusals.
      let code: unknown;
      try {
        code = (JSON.parse(response.body ?? "{}") as { error?: unknown }).error;
      } catch {
        code = undefined;
      }
      countTokenRefused(typeof code === "string" && REFUSAL_CODES.has(code) ? code : "other");
    }
    return response;
  };
}

/** POST /oauth2/token (RFC 6749 §4.4): parses the request; the grant (grants/client-credentials.ts) decides. */
export const tokenEndpoint = countedTokens(
  traced(
    "oauth2.token",
    endpoint("token", async (request, server) => {
      const form = await readForm(request);
      const grantType = form.get("grant_type");
      if (grantType === undefined) throw new OAuthError("invalid_request", "grant_type is required");
      const token = await clientCredentialsGrant(server, {
        grantType,
        credentials: presentedCredentials(request, form),
        address: clientAddress(request),
        scope: form.get("scope"),
        issuer: publicOrigin(request),
      });
      return jsonResponse(token);
    }),
  ),
);

/**
 * POST /oauth2/introspect (RFC 7662). A client may introspect its own tokens
 * (anyone else's read as inactive); an admin may introspect any, with a
 * personal API token or session.
 */
export const introspectionEndpoint = endpoint("introspection", async (request, server) => {
  const form = await readForm(request);
  const callerClientId = await introspectionCaller(request, form, server);
  const token = form.get("token");
  if (token === undefined) throw new OAuthError("invalid_request", "token is required");
  const check = await checkAccessToken(server, token, publicOrigin(request));
  if (!check.active || (callerClientId !== null && check.claims.client_id !== callerClientId)) return jsonResponse({ active: false });
  return jsonResponse(introspectionOf(check));
});

/** The client id the caller may introspect for, or null for an admin (any token). */
async function introspectionCaller(request: EndpointRequest, form: Map<string, string>, server: AuthorizationServer): Promise<string | null> {
  const authorization = request.headers.get("authorization");
  if (authorization && /^Bearer\s/i.test(authorization)) {
    const principal = await authenticate(server.instance, request, server.verifyAccessToken).catch(() => null);
    if (principal?.kind === "USER" && principal.user.role === "ADMIN") return null;
    throw new OAuthError("invalid_client", "Introspection needs client credentials or an admin's API token", 401, {
      "www-authenticate": 'Bearer error="invalid_token"',
    });
  }
  const client = await server.authenticator.authenticate(presentedCredentials(request, form), clientAddress(request));
  return client.clientId;
}

/** POST /oauth2/revoke (RFC 7009): a client revokes one of its own access tokens. */
export const revocationEndpoint = endpoint("revocation", async (request, server) => {
  const form = await readForm(request);
  const client = await server.authenticator.authenticate(presentedCredentials(request, form), clientAddress(request));
  const token = form.get("token");
  if (token === undefined) throw new OAuthError("invalid_request", "token is required");
  // Only access tokens exist here, so any hint (even refresh_token) leads to the same search.
  await revokeAccessToken(server, client.clientId, token, publicOrigin(request));
  countTokenRevoked();
  return { status: 200, headers: { "cache-control": "no-store" }, body: null };
});

/** Public documents may be read by browsers on any site. */
const PUBLIC_DOCUMENT = { "access-control-allow-origin": "*" };

/** GET /.well-known/oauth-authorization-server (RFC 8414). */
export const metadataEndpoint = endpoint("metadata", async (request, server) => {
  const { config } = server.instance;
  const issuer = publicOrigin(request);
  const authMethods = ["client_secret_basic", "client_secret_post"];
  return jsonResponse(
    {
      issuer,
      token_endpoint: issuer + TOKEN_PATH,
      jwks_uri: issuer + JWKS_PATH,
      introspection_endpoint: issuer + INTROSPECTION_PATH,
      revocation_endpoint: issuer + REVOCATION_PATH,
      scopes_supported: config.integrationSystemScopes,
      // No authorization endpoint: machine clients only.
      response_types_supported: [],
      grant_types_supported: [GRANT_TYPE],
      token_endpoint_auth_methods_supported: authMethods,
      introspection_endpoint_auth_methods_supported: authMethods,
      revocation_endpoint_auth_methods_supported: authMethods,
      // RFC 9068 access tokens for the GraphQL API.
      access_token_signing_alg_values_supported: [SIGNING_ALGORITHM],
      protected_resources: [issuer + GRAPHQL_PATH],
    },
    200,
    { ...PUBLIC_DOCUMENT, "cache-control": "public, max-age=300", ...varyByOrigin(config) },
  );
});

/**
 * Without PUBLIC_URL every URL in the metadata comes from the request's host
 * (and, behind a trusted proxy, its forwarded headers): a shared cache must
 * keep one copy per host, or one host's answer is served for another.
 */
function varyByOrigin(config: Config): Record<string, string> {
  if (config.publicUrl) return {};
  return { vary: config.trustProxy ? "Host, X-Forwarded-Host, X-Forwarded-Proto" : "Host" };
}

/** GET /.well-known/jwks.json: the current key and retired keys whose tokens may still be live. */
export const jwksEndpoint = endpoint("jwks", async (_request, server) =>
  jsonResponse({ keys: await server.keys.publicJwks() }, 200, {
    ...PUBLIC_DOCUMENT,
    // Short, so resource servers elsewhere pick up a rotation quickly.
    "cache-control": "public, max-age=60",
    "content-type": "application/jwk-set+json",
  }),
);
