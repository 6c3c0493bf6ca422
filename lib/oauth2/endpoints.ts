import { authenticate } from "../../graphql/auth/authenticate";
import { getConfig } from "../config";
import { getDb } from "../db";
import { RETRY_AFTER_SECONDS, isDatabaseUnavailable, noteDatabaseUnavailable } from "../db-errors";
import { ClientAbortedError, clientAddress, publicOrigin } from "../http";
import { log, logUnexpectedError } from "../logger";
import { GRAPHQL_PATH, INTROSPECTION_PATH, JWKS_PATH, REVOCATION_PATH, TOKEN_PATH } from "../paths";
import {
  type AuthorizationServer,
  authorizationServer,
  checkAccessToken,
  grantedScopes,
  introspectionOf,
  issueAccessToken,
  revokeAccessToken,
} from "./authorization-server";
import {
  type EndpointRequest,
  type EndpointResponse,
  OAuthError,
  errorResponse,
  jsonResponse,
  presentedCredentials,
  readForm,
} from "./protocol";
import { SIGNING_ALGORITHM } from "./signing-keys";

/**
 * The authorization server's HTTP endpoints. The route files under app/ serve
 * them for `next dev`, and server.ts calls the very same functions on its
 * fast path (DESIGN.md, "Hot paths"); see routes.ts.
 */
export type Handler = (request: EndpointRequest) => Promise<EndpointResponse>;

/**
 * Runs a handler, turning OAuthErrors into RFC 6749 §5.2 responses, a
 * database outage into 503 temporarily_unavailable with Retry-After (clients
 * retry; nothing is wrong with their request), and anything else into a
 * logged server_error.
 */
function endpoint(name: string, handle: (request: EndpointRequest, server: AuthorizationServer) => Promise<EndpointResponse>): Handler {
  return async (request) => {
    try {
      return await handle(request, authorizationServer(getDb()));
    } catch (error) {
      if (error instanceof OAuthError) return errorResponse(error);
      if (error instanceof ClientAbortedError) {
        // Nobody is left to read the answer; nothing went wrong here.
        log.debug(`client aborted the request body at the ${name} endpoint`, { address: clientAddress(request) });
        return errorResponse(new OAuthError("invalid_request", error.message));
      }
      if (isDatabaseUnavailable(error)) {
        noteDatabaseUnavailable(error);
        return errorResponse(
          new OAuthError("temporarily_unavailable", "The database is unavailable: retry shortly", 503, { "retry-after": String(RETRY_AFTER_SECONDS) }),
        );
      }
      const errorId = logUnexpectedError(`unexpected error in the ${name} endpoint`, error);
      return errorResponse(new OAuthError("server_error", `Internal server error (error id ${errorId})`));
    }
  };
}

/** POST /oauth2/token (RFC 6749 §4.4, client_credentials only). */
export const tokenEndpoint = endpoint("token", async (request, server) => {
  const form = await readForm(request);
  const grantType = form.get("grant_type");
  if (grantType === undefined) throw new OAuthError("invalid_request", "grant_type is required");
  const client = await server.authenticator.authenticate(presentedCredentials(request, form), clientAddress(request));
  if (grantType !== "client_credentials") {
    throw new OAuthError("unsupported_grant_type", "Only the client_credentials grant is supported");
  }
  const scopes = grantedScopes(client, form.get("scope"));
  return jsonResponse(await issueAccessToken(server, client, scopes, publicOrigin(request)));
});

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
    const principal = await authenticate(server.db, request).catch(() => null);
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
  return { status: 200, headers: { "cache-control": "no-store" }, body: null };
});

/** Public documents may be read by browsers on any site. */
const PUBLIC_DOCUMENT = { "access-control-allow-origin": "*" };

/** GET /.well-known/oauth-authorization-server (RFC 8414). */
export const metadataEndpoint = endpoint("metadata", async (request) => {
  const issuer = publicOrigin(request);
  const authMethods = ["client_secret_basic", "client_secret_post"];
  return jsonResponse(
    {
      issuer,
      token_endpoint: issuer + TOKEN_PATH,
      jwks_uri: issuer + JWKS_PATH,
      introspection_endpoint: issuer + INTROSPECTION_PATH,
      revocation_endpoint: issuer + REVOCATION_PATH,
      scopes_supported: getConfig().integrationSystemScopes,
      // No authorization endpoint: machine clients only.
      response_types_supported: [],
      grant_types_supported: ["client_credentials"],
      token_endpoint_auth_methods_supported: authMethods,
      introspection_endpoint_auth_methods_supported: authMethods,
      revocation_endpoint_auth_methods_supported: authMethods,
      // RFC 9068 access tokens for the GraphQL API.
      access_token_signing_alg_values_supported: [SIGNING_ALGORITHM],
      protected_resources: [issuer + GRAPHQL_PATH],
    },
    200,
    { ...PUBLIC_DOCUMENT, "cache-control": "public, max-age=300" },
  );
});

/** GET /.well-known/jwks.json: the current key and retired keys whose tokens may still be live. */
export const jwksEndpoint = endpoint("jwks", async (_request, server) =>
  jsonResponse({ keys: await server.keys.publicJwks() }, 200, {
    ...PUBLIC_DOCUMENT,
    // Short, so resource servers elsewhere pick up a rotation quickly.
    "cache-control": "public, max-age=60",
    "content-type": "application/jwk-set+json",
  }),
);
