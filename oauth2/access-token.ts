import { type KeyObject, randomUUID, sign } from "node:crypto";
import { type JWTPayload, decodeProtectedHeader, errors, jwtVerify } from "jose";
import { BoundedMap } from "@/lib/bounded-map";
import { formatScopes } from "@/lib/scopes";
import type { CredentialOwner } from "@/domain/principals/principal";
import { type KeyRing, SIGNING_ALGORITHM } from "./signing-keys";

/**
 * Access tokens: JWTs in the RFC 9068 profile, signed with the key ring's
 * current key. Verification accepts exactly this profile and nothing else:
 * alg ES256 (never `none` or HMAC), `typ: at+jwt`, a published `kid`, our
 * issuer and audience, and an unexpired `exp`.
 */
const ACCESS_TOKEN_TYPE = "at+jwt";
const base64url = (text: string) => Buffer.from(text).toString("base64url");
/** Allowed clock difference between instances when checking exp and iat. */
const CLOCK_TOLERANCE_SECONDS = 5;

export interface AccessTokenClaims {
  iss: string;
  sub: string;
  aud: string;
  client_id: string;
  /** The owner of the credential: an integration system's id, or a tenant and an application's or a runtime's id. */
  integration_system_id?: string;
  tenant_id?: string;
  application_id?: string;
  runtime_id?: string;
  scope: string;
  jti: string;
  iat: number;
  exp: number;
}

export interface IssueRequest {
  issuer: string;
  audience: string;
  clientId: string;
  owner: CredentialOwner;
  scopes: readonly string[];
  /** Seconds since the epoch. */
  issuedAt: number;
  expiresAt: number;
}

export const OWNER_CLAIMS = ["integration_system_id", "tenant_id", "application_id", "runtime_id"] as const;

/** The claims that name a credential's owner; a token must carry exactly its client's. */
export function ownerClaims(owner: CredentialOwner): Partial<Pick<AccessTokenClaims, (typeof OWNER_CLAIMS)[number]>> {
  if (owner.kind === "INTEGRATION_SYSTEM") return { integration_system_id: owner.id };
  return { tenant_id: owner.tenantId, [owner.kind === "APPLICATION" ? "application_id" : "runtime_id"]: owner.id };
}

export async function signAccessToken(keys: KeyRing, request: IssueRequest): Promise<{ token: string; claims: AccessTokenClaims }> {
  const key = await keys.activeKey();
  const claims: AccessTokenClaims = {
    iss: request.issuer,
    sub: request.clientId,
    aud: request.audience,
    client_id: request.clientId,
    ...ownerClaims(request.owner),
    scope: formatScopes(request.scopes),
    // randomUUID draws from a pooled buffer: cheaper per token than randomBytes.
    jti: randomUUID(),
    iat: request.issuedAt,
    exp: request.expiresAt,
  };
  // A compact JWS (RFC 7515) signed with node:crypto on libuv's thread pool:
  // jose's WebCrypto path cost more than the signature itself, and signing on
  // the main thread kept the other core idle
  // (docs/decisions/0011-es256-signing-with-node-crypto.md). ES256 signatures
  // are r || s, 64 bytes (ieee-p1363), as JWS requires; jose verifies them.
  const signingInput = `${protectedHeaderOf(key)}.${base64url(JSON.stringify(claims))}`;
  const signature = await signOnThreadPool(signingInput, key.signingKey);
  const token = `${signingInput}.${signature.toString("base64url")}`;
  return { token, claims };
}

/** The encoded JWS header is the same for every token a key signs: computed once per key. */
const protectedHeaders = new WeakMap<KeyObject, string>();
function protectedHeaderOf(key: { kid: string; signingKey: KeyObject }): string {
  let header = protectedHeaders.get(key.signingKey);
  if (header === undefined) {
    header = base64url(JSON.stringify({ alg: SIGNING_ALGORITHM, typ: ACCESS_TOKEN_TYPE, kid: key.kid }));
    protectedHeaders.set(key.signingKey, header);
  }
  return header;
}

/** node:crypto's callback form of sign runs on libuv's thread pool; the promise is the only plumbing. */
function signOnThreadPool(signingInput: string, key: KeyObject): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    sign("sha256", Buffer.from(signingInput), { key, dsaEncoding: "ieee-p1363" }, (error, signature) => (error ? reject(error) : resolve(signature)));
  });
}

/** Looks like a JWT: three base64url parts. Other bearer tokens are not ours to verify here. */
export function looksLikeJwt(token: string): boolean {
  return /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(token);
}

export type VerifyResult = { ok: true; claims: AccessTokenClaims } | { ok: false; reason: string };

/**
 * Checks signature and claims; whether the credential still exists or the
 * token was revoked is the caller's second step (checkAccessToken in authorization-server.ts).
 * `reason` is for the caller's error message and never echoes the token.
 */
export async function verifyAccessTokenSignature(
  keys: KeyRing,
  token: string,
  expected: { issuer: string; audience: string; now?: number },
): Promise<VerifyResult> {
  const verified = verifiedTokensOf(keys);
  const known = verified.get(token);
  if (known) {
    const result = await recheck(keys, known, expected);
    if (!result.ok) verified.delete(token);
    return result;
  }
  const result = await verifySignatureAndClaims(keys, token, expected);
  if (!result.ok) return result;
  verified.set(token, { kid: result.kid, claims: result.claims });
  return { ok: true, claims: result.claims };
}

/**
 * Tokens whose signature verified, per key ring: a client presents the same
 * token on every call for up to an hour, and checking its ECDSA signature
 * each time cost more CPU than the rest of an API read. Only tokens that
 * verified get in, so forged ones cannot fill it; it keeps the newest
 * MAX_VERIFIED_TOKENS. A BoundedMap, not a FreshCache (lib/fresh-cache.ts):
 * a signature that verified stays verified; revocation is checked apart.
 */
const MAX_VERIFIED_TOKENS = 10_000;
interface VerifiedToken {
  kid: string;
  claims: AccessTokenClaims;
}
const verifiedTokens = new WeakMap<KeyRing, BoundedMap<string, VerifiedToken>>();
function verifiedTokensOf(keys: KeyRing) {
  let verified = verifiedTokens.get(keys);
  if (!verified) verifiedTokens.set(keys, (verified = new BoundedMap(MAX_VERIFIED_TOKENS)));
  return verified;
}

/**
 * What a verified signature does not settle, checked again on every use as
 * jose checked it the first time: the key is still published, the issuer and
 * audience are this request's, and the token has not expired (nor claims a
 * future iat).
 */
async function recheck(keys: KeyRing, known: VerifiedToken, expected: { issuer: string; audience: string; now?: number }): Promise<VerifyResult> {
  if (!(await keys.publishedKey(known.kid))) return { ok: false, reason: "the access token was signed by an unknown key" };
  const { claims } = known;
  if (claims.iss !== expected.issuer) return { ok: false, reason: `the access token's "iss" claim is not accepted` };
  if (claims.aud !== expected.audience) return { ok: false, reason: `the access token's "aud" claim is not accepted` };
  const nowSeconds = (expected.now ?? Date.now()) / 1000;
  // jose's rule: expired once exp <= now - tolerance, with now in whole seconds.
  if (claims.exp <= Math.floor(nowSeconds) - CLOCK_TOLERANCE_SECONDS) return { ok: false, reason: "the access token has expired" };
  if (claims.iat > nowSeconds + CLOCK_TOLERANCE_SECONDS) return { ok: false, reason: `the access token's "iat" claim is not accepted` };
  return { ok: true, claims };
}

/** The full check, jose's; on success also the key id, for the verified-token cache. */
async function verifySignatureAndClaims(
  keys: KeyRing,
  token: string,
  expected: { issuer: string; audience: string; now?: number },
): Promise<{ ok: true; claims: AccessTokenClaims; kid: string } | { ok: false; reason: string }> {
  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(token);
  } catch {
    return { ok: false, reason: "the access token is malformed" };
  }
  if (header.alg !== SIGNING_ALGORITHM) return { ok: false, reason: "the access token's signing algorithm is not accepted" };
  if (typeof header.kid !== "string") return { ok: false, reason: "the access token names no signing key" };
  const key = await keys.publishedKey(header.kid);
  if (!key) return { ok: false, reason: "the access token was signed by an unknown key" };
  try {
    const { payload } = await jwtVerify(token, key.verifyKey, {
      algorithms: [SIGNING_ALGORITHM],
      typ: ACCESS_TOKEN_TYPE,
      issuer: expected.issuer,
      audience: expected.audience,
      requiredClaims: ["exp", "iat", "jti", "sub", "client_id", "scope"],
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      currentDate: expected.now === undefined ? undefined : new Date(expected.now),
    });
    if (!hasClaimTypes(payload)) return { ok: false, reason: "the access token's claims are malformed" };
    // jose checks iat only against a maximum age; a token issued in the future was not issued by us.
    const nowSeconds = (expected.now ?? Date.now()) / 1000;
    if (payload.iat > nowSeconds + CLOCK_TOLERANCE_SECONDS) return { ok: false, reason: `the access token's "iat" claim is not accepted` };
    return { ok: true, claims: payload, kid: header.kid };
  } catch (error) {
    if (error instanceof errors.JWTExpired) return { ok: false, reason: "the access token has expired" };
    if (error instanceof errors.JWTClaimValidationFailed) return { ok: false, reason: `the access token's "${error.claim}" claim is not accepted` };
    if (error instanceof errors.JOSEError) return { ok: false, reason: "the access token's signature or format is invalid" };
    throw error;
  }
}

function hasClaimTypes(payload: JWTPayload): payload is JWTPayload & AccessTokenClaims {
  return (
    typeof payload.sub === "string" &&
    payload.client_id === payload.sub &&
    OWNER_CLAIMS.every((claim) => payload[claim] === undefined || typeof payload[claim] === "string") &&
    typeof payload.scope === "string" &&
    typeof payload.jti === "string" &&
    typeof payload.aud === "string"
  );
}
