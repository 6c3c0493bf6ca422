import { formatScopes, parseScopes, scopesOutside } from "@/lib/scopes";
import { signAccessToken } from "../access-token";
import { type AuthorizationServer, audienceOf } from "../authorization-server";
import type { ClientRecord } from "../client-registry";
import { OAuthError, type PresentedClientCredentials } from "../protocol";

/**
 * The client_credentials grant (RFC 6749 §4.4), the only one this server
 * has, in one file as oidc-provider's lib/actions/grants/client_credentials.js:
 * the client is authenticated, the scope checked, the token issued. The
 * token endpoint (endpoints.ts) only parses the request, calls
 * clientCredentialsGrant once, and answers with what it returns.
 */
export const GRANT_TYPE = "client_credentials";

/** A token request as the endpoint parsed it. */
export interface TokenRequest {
  grantType: string;
  /** The credentials the request carries (protocol.ts), or null when none. */
  credentials: PresentedClientCredentials | null;
  /** The caller's address, for the authentication throttles. */
  address: string;
  /** The scope parameter as sent; undefined when absent. */
  scope: string | undefined;
  /** The issuer (the request's public origin). */
  issuer: string;
}

export interface TokenResponse {
  access_token: string;
  token_type: "Bearer";
  expires_in: number;
  scope: string;
}

export async function clientCredentialsGrant(server: AuthorizationServer, request: TokenRequest): Promise<TokenResponse> {
  // The client first, whatever the grant type, as oidc-provider's token
  // action does: a caller who cannot authenticate learns nothing more.
  const client = await server.authenticator.authenticate(request.credentials, request.address);
  if (request.grantType !== GRANT_TYPE) {
    throw new OAuthError("unsupported_grant_type", "Only the client_credentials grant is supported");
  }
  return issueAccessToken(server, client, grantedScopes(client, request.scope), request.issuer);
}

// RFC 6749 §3.3: scope-token = 1*( %x21 / %x23-5B / %x5D-7E )
const SCOPE_TOKEN = /^[\x21\x23-\x5B\x5D-\x7E]+$/;

/** The scopes to grant: all of the client's when none are asked for, else exactly those asked for. */
function grantedScopes(client: ClientRecord, requested: string | undefined): string[] {
  if (requested === undefined) return [...client.scopes];
  const asked = parseScopes(requested);
  if (asked.length === 0 || asked.some((scope) => !SCOPE_TOKEN.test(scope))) {
    throw new OAuthError("invalid_scope", "scope must be a space-separated list of scope names");
  }
  const refused = scopesOutside(asked, client.scopes);
  if (refused.length > 0) {
    const shown = refused
      .slice(0, 5)
      .map((scope) => scope.slice(0, 64))
      .join(" ");
    throw new OAuthError("invalid_scope", `Not granted to this client: ${shown}. It may ask for: ${formatScopes(client.scopes)}`);
  }
  return asked;
}

/**
 * Signs an access token for an authenticated client and notes its use. The
 * last step of the grant; tests call it to get a token for a client
 * without an HTTP round trip.
 */
export async function issueAccessToken(
  server: AuthorizationServer,
  client: ClientRecord,
  scopes: string[],
  issuer: string,
  now = Date.now(),
): Promise<TokenResponse> {
  const issuedAt = Math.floor(now / 1000);
  let expiresAt = issuedAt + server.instance.config.accessTokenTtlSeconds;
  // A token never outlives the credential it was issued to.
  if (client.expiresAt) expiresAt = Math.min(expiresAt, Math.floor(client.expiresAt.getTime() / 1000));
  const { token } = await signAccessToken(server.keys, {
    issuer,
    audience: audienceOf(issuer),
    clientId: client.clientId,
    owner: client.owner,
    scopes,
    issuedAt,
    expiresAt,
  });
  server.clients.recordUse(client.clientId);
  return { access_token: token, token_type: "Bearer", expires_in: expiresAt - issuedAt, scope: formatScopes(scopes) };
}
