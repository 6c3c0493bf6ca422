import { sha256 } from "@/lib/crypto";
import { parseScopes } from "@/lib/scopes";
import { type Db, vanished } from "@/lib/db";
import { FreshCache } from "@/lib/fresh-cache";
import { UseRecorder } from "@/lib/use-recorder";
import { type UserIdentity, isRole } from "@/domain/principals/principal";

/**
 * Personal API tokens as the GraphQL API's authentication sees them, kept in
 * memory per instance (domain/instance.ts), like oauth2/'s client registry: reading
 * the token and its user on every request cost as much as the read the
 * caller asked for (docs/decisions/0009-api-token-cache.md).
 *
 * An answer is used for at most FRESHNESS_MS after the read that fetched it
 * started. A token revoked, or a user deleted, through this process is
 * forgotten at once; another instance notices within FRESHNESS_MS. Expiry is
 * checked on every use against the cached expiresAt. Unknown tokens are
 * cached too, so a stream of bad tokens costs one read each per interval.
 * lastUsedAt is written in batches every few seconds, off the request path.
 */
// Below 1 s, with a margin: the same bound as the credential registry
// (oauth2/client-registry.ts; docs/decisions/0004-per-instance-throttle-and-caches.md).
export const API_TOKEN_FRESHNESS_MS = 750;
/** lastUsedAt is written at most this often per token. */
const LAST_USED_RESOLUTION_MS = 60_000;
const MAX_CACHED_TOKENS = 50_000;

export interface ApiTokenOwner {
  user: UserIdentity;
  apiTokenId: string;
  /** The token's scopes, or null for the role's rights. */
  scopes: string[] | null;
}

interface Known extends ApiTokenOwner {
  expiresAt: number | null;
  /** What this process last knew or wrote, to decide whether to write again. */
  lastUsedAt: number | null;
}

export class ApiTokenCache {
  private readonly entries: FreshCache<string, Known | null>;
  private readonly uses: UseRecorder;

  constructor(
    private db: Db,
    private now: () => number = Date.now,
  ) {
    this.entries = new FreshCache({ name: "api_token", freshnessMs: API_TOKEN_FRESHNESS_MS, max: MAX_CACHED_TOKENS, now });
    // updateMany: a token revoked meanwhile simply matches nothing.
    this.uses = new UseRecorder((id, lastUsedAt) => db.apiToken.updateMany({ where: { id }, data: { lastUsedAt } }), "API tokens");
  }

  /** The token's user, or null for an unknown, revoked or expired token. */
  async owner(token: string): Promise<ApiTokenOwner | null> {
    const hash = sha256(token);
    // One read per hash at a time: concurrent requests with the same token share it.
    const known = await this.entries.get(hash, () => this.read(hash));
    const now = this.now();
    if (!known || (known.expiresAt !== null && known.expiresAt <= now)) return null;
    if (known.lastUsedAt === null || now - known.lastUsedAt > LAST_USED_RESOLUTION_MS) {
      known.lastUsedAt = now;
      this.uses.record(known.apiTokenId, new Date(now));
    }
    return { user: known.user, apiTokenId: known.apiTokenId, scopes: known.scopes };
  }

  /** Call after revoking tokens: they are refused from the next request on. */
  forgetTokens(apiTokenIds: readonly string[]): void {
    // By predicate (the cache is keyed on hashes, which this process does not keep), so reads in flight are detached too.
    this.entries.forgetWhere((known) => known !== null && apiTokenIds.includes(known.apiTokenId));
    for (const id of apiTokenIds) this.uses.forget(id);
  }

  /** Call after deleting a user or changing their role: their tokens are read afresh from the next request on. */
  forgetUser(userId: string): void {
    this.entries.forgetWhere((known) => known !== null && known.user.id === userId);
  }

  /** Writes pending lastUsedAt values now (shutdown, tests). */
  flushLastUsed(): Promise<void> {
    return this.uses.flush();
  }

  private async read(hash: string): Promise<Known | null> {
    const row = await this.db.apiToken.findUnique({
      where: { tokenHash: hash },
      select: { id: true, expiresAt: true, lastUsedAt: true, scopes: true, user: { select: { id: true, email: true, role: true } } },
    });
    // A user deleted between the token's statement and the user's: an unknown token (issue 20, finding 12).
    const user = row && !vanished(row.user) ? row.user : null;
    if (user && !isRole(user.role)) throw new Error(`user ${user.id} has an unknown role`);
    return (
      row &&
      user && {
        user: { id: user.id, email: user.email, role: user.role as UserIdentity["role"] },
        apiTokenId: row.id,
        scopes: apiTokenScopes(row),
        expiresAt: row.expiresAt?.getTime() ?? null,
        lastUsedAt: row.lastUsedAt?.getTime() ?? null,
      }
    );
  }
}

/** A token's scopes as a list, or null for its role's rights. */
export function apiTokenScopes(token: { scopes: string | null }): string[] | null {
  return token.scopes === null ? null : parseScopes(token.scopes);
}
