import type { AccessTokenVerifier } from "@/domain/principals/authenticate";
import { recordAudit } from "@/domain/audit/audit.service";
import { clientPrincipal } from "@/domain/principals/principal";
import type { Instance } from "@/domain/instance";
import type { Db } from "@/lib/db";
import { GRAPHQL_PATH } from "@/lib/paths";
import { type AccessTokenClaims, OWNER_CLAIMS, looksLikeJwt, ownerClaims, verifyAccessTokenSignature } from "./access-token";
import { ClientAuthenticator } from "./client-authentication";
import { type ClientRecord, ClientRegistry } from "./client-registry";
import { KeyRing } from "./signing-keys";

/**
 * The authorization server's rules: checking access tokens for the resource
 * server (the GraphQL API), introspection and revocation. Issuing them is
 * the grant's (grants/client-credentials.ts). The endpoints in endpoints.ts
 * only translate HTTP to these calls.
 *
 * Its in-memory state (keys, client cache, throttles) belongs to one
 * instance (domain/instance.ts): app/instance.ts builds one per database and
 * hands it to the endpoints (endpoint() in endpoints.ts) and, as
 * verifyAccessToken, to the GraphQL server.
 */
export interface AuthorizationServer {
  instance: Instance;
  db: Db;
  keys: KeyRing;
  clients: ClientRegistry;
  authenticator: ClientAuthenticator;
  /** checkAccessToken for the GraphQL API's authentication (domain/principals/authenticate.ts), which is handed it. */
  verifyAccessToken: AccessTokenVerifier;
}

export function createAuthorizationServer(instance: Instance): AuthorizationServer {
  const { db, config } = instance;
  const clients = new ClientRegistry(db);
  const server: AuthorizationServer = {
    instance,
    db,
    keys: new KeyRing(db, config.accessTokenTtlSeconds),
    clients,
    authenticator: new ClientAuthenticator(clients),
    verifyAccessToken: (token, origin) => checkAccessToken(server, token, origin),
  };
  return server;
}

/** The resource tokens are for: the GraphQL API of the issuer's origin. */
export function audienceOf(issuer: string): string {
  return issuer + GRAPHQL_PATH;
}

export type AccessTokenCheck = { active: true; claims: AccessTokenClaims; client: ClientRecord } | { active: false; reason: string };

/**
 * Whether an access token is good right now: a valid signature and claims
 * (access-token.ts), a credential that still exists and has not expired, and
 * a jti that was not revoked.
 */
export async function checkAccessToken(server: AuthorizationServer, token: string, issuer: string): Promise<AccessTokenCheck> {
  if (!looksLikeJwt(token)) return { active: false, reason: "the token is not an access token" };
  const verified = await verifyAccessTokenSignature(server.keys, token, { issuer, audience: audienceOf(issuer) });
  if (!verified.ok) return { active: false, reason: verified.reason };
  const { claims } = verified;
  const [client, revoked] = await Promise.all([server.clients.find(claims.client_id), server.clients.isRevoked(claims.jti)]);
  if (!client) return { active: false, reason: "the credential the access token was issued to has been deleted" };
  // Issued tokens name their credential's system and a subset of its scopes;
  // anything else was not issued here, whatever key signed it.
  const owner = ownerClaims(client.owner);
  const wrongOwner = OWNER_CLAIMS.find((claim) => claims[claim] !== owner[claim]);
  if (wrongOwner) return { active: false, reason: `the access token's "${wrongOwner}" claim is not accepted` };
  if (claims.scope.split(" ").some((scope) => !client.scopes.includes(scope)))
    return { active: false, reason: `the access token's "scope" claim is not accepted` };
  if (!server.clients.isActive(client)) return { active: false, reason: "the credential the access token was issued to has expired" };
  if (revoked) return { active: false, reason: "the access token has been revoked" };
  return { active: true, claims, client };
}

/** RFC 7662 response members for an active token. */
export function introspectionOf(check: Extract<AccessTokenCheck, { active: true }>) {
  const { claims } = check;
  return {
    active: true,
    scope: claims.scope,
    client_id: claims.client_id,
    token_type: "Bearer",
    exp: claims.exp,
    iat: claims.iat,
    sub: claims.sub,
    aud: claims.aud,
    iss: claims.iss,
    jti: claims.jti,
    ...Object.fromEntries(OWNER_CLAIMS.filter((claim) => claims[claim] !== undefined).map((claim) => [claim, claims[claim]])),
  };
}

/**
 * RFC 7009: revokes `token` when it is an active access token of `clientId`.
 * Anything else (unknown, expired, another client's) is silently left
 * alone, as the RFC asks, so the answer reveals nothing.
 */
export async function revokeAccessToken(server: AuthorizationServer, clientId: string, token: string, issuer: string): Promise<void> {
  const check = await checkAccessToken(server, token, issuer);
  if (!check.active || check.claims.client_id !== clientId) return;
  const { jti, exp } = check.claims;
  const { client } = check;
  await server.db.$transaction(async (tx) => {
    // Revocations past their token's expiry are no longer needed.
    await tx.revokedAccessToken.deleteMany({ where: { expiresAt: { lt: new Date() } } });
    const existing = await tx.revokedAccessToken.findUnique({ where: { jti } });
    if (existing) return;
    await tx.revokedAccessToken.create({ data: { jti, clientId, expiresAt: new Date(exp * 1000) } });
    await recordAudit(tx, clientPrincipal(client, null), {
      action: "ACCESS_TOKEN_REVOKED",
      objectType: { INTEGRATION_SYSTEM: "IntegrationSystem", APPLICATION: "Application", RUNTIME: "Runtime" }[client.owner.kind],
      objectId: client.owner.id,
      objectLabel: client.owner.name,
      details: { clientId, jti },
    });
  });
  server.clients.markRevoked(jti);
}
