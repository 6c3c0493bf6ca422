import { countAuthFailure } from "@/lib/metrics";
import type { Instance } from "@/domain/instance";
import { type RequestHead, isSecureRequest, publicOrigin } from "@/lib/http";
import { API_TOKEN_PREFIX, userForApiToken } from "@/domain/api-tokens/api-token.service";
import { unauthenticated } from "@/domain/errors";
import { sessionCookieValue, sessionForCookie } from "@/domain/users/session.service";
import type { PresentedCertificate } from "@/lib/client-certificate";
import { identifyClientCertificate } from "@/domain/pairing/client-certificates.service";
import { certificatePrincipal } from "@/domain/pairing/certificate-principal";
import { pairingSettings } from "@/domain/pairing/settings";
import { type CredentialOwner, type Principal, clientPrincipal, userPrincipal } from "./principal";

/**
 * Checks an integration system's OAuth2 access token for the origin it is
 * presented at. The authorization server (oauth2/) provides it; whoever
 * builds a way in passes it here, so the domain never imports oauth2/.
 */
export type AccessTokenVerifier = (
  token: string,
  origin: string,
) => Promise<
  { active: true; client: { owner: CredentialOwner; clientId: string }; claims: { jti: string; scope: string } } | { active: false; reason: string }
>;

/**
 * Finds who sent a request: a bearer token (a personal API token, or an
 * integration system's OAuth2 access token) or the session cookie. A
 * credential that is present but invalid is an error rather than anonymity,
 * so a caller with a revoked token learns it at once. A session unused for
 * more than the instance's SESSION_IDLE_TIMEOUT_MINUTES has ended.
 * `verifyAccessToken` is the instance's authorization server's check.
 * Without a bearer token, a client certificate (the TLS listener's, or a
 * trusted proxy's X-Forwarded-Client-Cert: lib/client-certificate.ts) signs
 * in as whoever it is (domain/pairing), before any session cookie.
 */
export async function authenticate(
  instance: Pick<Instance, "db" | "apiTokens" | "config">,
  request: RequestHead,
  verifyAccessToken: AccessTokenVerifier,
  certificate: PresentedCertificate = null,
): Promise<Principal | null> {
  const authorization = request.headers.get("authorization");
  if (authorization) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (!match) {
      countAuthFailure("bearer_token");
      throw unauthenticated("Malformed Authorization header: expected Bearer <token>");
    }
    const token = match[1];
    if (token.startsWith(API_TOKEN_PREFIX)) {
      const found = await userForApiToken(instance, token);
      if (!found) {
        countAuthFailure("bearer_token");
        throw unauthenticated("The API token is invalid, expired or revoked");
      }
      return userPrincipal(found.user, "API_TOKEN", found.apiTokenId, found.scopes);
    }
    // An access token must have been issued for the origin it is presented at
    // (PUBLIC_URL when set): its iss and aud are checked against it.
    const check = await verifyAccessToken(token, publicOrigin(request));
    if (!check.active) {
      countAuthFailure("bearer_token");
      throw unauthenticated(`Invalid bearer token: ${check.reason}`);
    }
    return clientPrincipal(check.client, check.claims);
  }
  if (certificate) {
    if ("refused" in certificate) {
      countAuthFailure("client_certificate");
      throw unauthenticated(`Client certificate refused: ${certificate.refused}`);
    }
    try {
      const identity = await identifyClientCertificate(instance.db, certificate.certificate, pairingSettings(instance.config).clientCertificates);
      return await certificatePrincipal(instance.db, identity, instance.config.integrationSystemScopes);
    } catch (error) {
      countAuthFailure("client_certificate");
      throw error;
    }
  }
  const cookie = sessionCookieValue(request.headers.get("cookie"), isSecureRequest(request));
  if (cookie) {
    const session = await sessionForCookie(instance.db, cookie, instance.config.sessionIdleTimeoutMinutes);
    if (!session) {
      countAuthFailure("session");
      throw unauthenticated("Your session has expired: log in again");
    }
    return { ...userPrincipal(session.user, "SESSION"), sessionId: session.sessionId };
  }
  return null;
}
