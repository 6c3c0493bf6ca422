import { apiTokenNameProblem } from "@/lib/api-token-rules";
import { expiryFromDays } from "@/domain/credentials/expiry";
import { newId } from "@/lib/ids";
import type { ApiToken, User } from "@/generated/prisma-sqlite/client";
import { newBearerSecret, sha256 } from "@/lib/crypto";
import type { Db, Tx } from "@/lib/db";
import { recordAudit } from "@/domain/audit/audit.service";
import { ROLE_SCOPES, type UserPrincipal } from "@/domain/principals/principal";
import { formatScopes, isReadScope } from "@/lib/scopes";
import { scopeSubset } from "@/domain/credentials/system-auth.service";
import { badInput, conflict, notFound } from "@/domain/errors";
import { lockUser } from "@/domain/users/user-lock";
import { type Instance, instanceOf } from "@/domain/instance";
import type { ApiTokenOwner } from "./api-token-cache";

export { apiTokenScopes } from "./api-token-cache";

/** Personal API tokens: a bearer secret that acts as the user who made it. */
export const API_TOKEN_PREFIX = "cmp_pat_";
/** Live (unexpired) tokens one user may hold: enough for any automation, not a flood of rows. */
export const API_TOKENS_PER_USER_MAX = 50;

export interface ApiTokenInput {
  name: string;
  expiresInDays?: number | null;
  /** A subset of the creator's rights; omitted: all of them (read-only ones for a VIEWER). */
  scopes?: readonly string[] | null;
  /** Only the read scopes of `scopes`, or of the creator's role. */
  readOnly?: boolean | null;
}

/**
 * The scopes a new token is limited to, or null for its user's role's rights.
 * A VIEWER's tokens are always limited, to reads: an unlimited one could
 * change its user's password and sessions, which no read-only token may.
 */
function tokenScopes(actor: UserPrincipal, args: ApiTokenInput): string[] | null {
  const readOnly = args.readOnly ?? (actor.user.role === "VIEWER" ? true : null);
  if (readOnly === false && actor.user.role === "VIEWER") throw badInput("readOnly", "A viewer may create only read-only API tokens");
  const allowed = ROLE_SCOPES[actor.user.role].filter((scope) => !readOnly || isReadScope(scope));
  if (args.scopes == null && !readOnly) return null;
  return scopeSubset(args.scopes, allowed);
}

export async function createApiToken(db: Db, actor: UserPrincipal, args: ApiTokenInput): Promise<{ token: string; apiToken: ApiToken }> {
  const name = args.name.trim();
  const problem = apiTokenNameProblem(name);
  if (problem) throw badInput("name", problem);
  const scopes = tokenScopes(actor, args);
  const expiresAt = expiryFromDays(args.expiresInDays);
  const token = newBearerSecret(API_TOKEN_PREFIX);
  const apiToken = await db.$transaction(async (tx) => {
    // Locks the user's row first, so parallel creations count one after
    // another (counting without it, a burst would each see room for one more),
    // and a user deleted since the request authenticated gets no token.
    await lockUser(tx, actor.user.id);
    const live = await tx.apiToken.count({ where: { userId: actor.user.id, OR: [{ expiresAt: null }, { expiresAt: { gt: new Date() } }] } });
    if (live >= API_TOKENS_PER_USER_MAX) {
      throw conflict(`A user may hold at most ${API_TOKENS_PER_USER_MAX} API tokens: revoke one first`, undefined, { limit: API_TOKENS_PER_USER_MAX });
    }
    const row = await tx.apiToken.create({
      data: {
        id: newId(),
        name,
        tokenHash: sha256(token),
        userId: actor.user.id,
        expiresAt,
        scopes: scopes && formatScopes(scopes),
      },
    });
    await recordAudit(tx, actor, {
      action: "API_TOKEN_CREATED",
      objectType: "ApiToken",
      objectId: row.id,
      objectLabel: name,
      details: { name, expiresAt: row.expiresAt?.toISOString() ?? null, scopes },
    });
    return row;
  });
  return { token, apiToken };
}

/**
 * Deletes a user's API tokens (all but `keep`, the one making the call) in the
 * caller's transaction and returns their ids; the caller passes them to
 * forgetApiTokens once it has committed. Account recovery and password
 * changes use it: a token made with a stolen password must not outlive it.
 */
export async function deleteUserApiTokens(tx: Tx, userId: string, keep: string | null = null): Promise<string[]> {
  const where = { userId, ...(keep ? { id: { not: keep } } : {}) };
  const ids = (await tx.apiToken.findMany({ where, select: { id: true } })).map((row) => row.id);
  if (ids.length > 0) await tx.apiToken.deleteMany({ where: { id: { in: ids } } });
  return ids;
}

/** After the commit that deleted them: refused from the next request on, in this process. */
export function forgetApiTokens(db: Db, ids: readonly string[]): void {
  if (ids.length > 0) instanceOf(db)?.apiTokens.forgetTokens(ids);
}

/** One user's tokens, or (userId null) every user's, newest first, each with its user. */
export function listApiTokens(db: Db, userId: string | null): Promise<(ApiToken & { user: User })[]> {
  return db.apiToken.findMany({ where: userId ? { userId } : {}, include: { user: true }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
}

/** Revokes one of the caller's own tokens; others' tokens are NOT_FOUND. */
export async function revokeApiToken(db: Db, actor: UserPrincipal, id: string): Promise<ApiToken> {
  const revoked = await db.$transaction(async (tx) => {
    const row = await tx.apiToken.findUnique({ where: { id } });
    // Another user's token is NOT_FOUND to a non-admin, like a token that does not exist.
    if (!row || (row.userId !== actor.user.id && actor.user.role !== "ADMIN")) throw notFound("API token", id, "revoking it");
    await tx.apiToken.delete({ where: { id } });
    await recordAudit(tx, actor, { action: "API_TOKEN_REVOKED", objectType: "ApiToken", objectId: id, objectLabel: row.name, details: { userId: row.userId } });
    return row;
  });
  instanceOf(db)?.apiTokens.forgetTokens([id]);
  return revoked;
}

/**
 * The token's user, or null for an unknown, revoked or expired token. Read
 * through the instance's cache: a revocation elsewhere is seen within
 * API_TOKEN_FRESHNESS_MS (api-token-cache.ts).
 */
export function userForApiToken(instance: Pick<Instance, "apiTokens">, token: string): Promise<ApiTokenOwner | null> {
  return instance.apiTokens.owner(token);
}
