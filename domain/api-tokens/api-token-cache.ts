import { countCacheLookup } from "@/lib/metrics";
import { sha256 } from "@/lib/crypto";
import { parseScopes } from "@/lib/scopes";
import { type Db, vanished } from "@/lib/db";
import { log } from "@/lib/logger";
import { type UserIdentity, isRole } from "@/domain/principals/principal";

/**
 * Personal API tokens as the GraphQL API's authentication sees them, kept in
 * memory per process and database, like oauth2/'s client registry: reading
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
const LAST_USED_FLUSH_MS = 5_000;
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

interface Cached {
  value: Known | null;
  fetchedAt: number;
}

export class ApiTokenCache {
  private entries = new Map<string, Cached>();
  private pending = new Map<string, Promise<Known | null>>();
  /** Bumped by every forget, so a read that raced a revocation is not cached. */
  private generation = 0;
  private lastUsed = new Map<string, Date>();
  private flushTimer: NodeJS.Timeout | null = null;

  constructor(
    private db: Db,
    private now: () => number = Date.now,
  ) {}

  /** The token's user, or null for an unknown, revoked or expired token. */
  async owner(token: string): Promise<ApiTokenOwner | null> {
    const hash = sha256(token);
    const cached = this.entries.get(hash);
    const fresh = cached !== undefined && this.now() - cached.fetchedAt < API_TOKEN_FRESHNESS_MS;
    countCacheLookup("api_token", fresh);
    const known = fresh ? cached.value : await this.fetch(hash);
    const now = this.now();
    if (!known || (known.expiresAt !== null && known.expiresAt <= now)) return null;
    if (known.lastUsedAt === null || now - known.lastUsedAt > LAST_USED_RESOLUTION_MS) {
      known.lastUsedAt = now;
      this.recordUse(known.apiTokenId, now);
    }
    return { user: known.user, apiTokenId: known.apiTokenId, scopes: known.scopes };
  }

  /** Call after revoking tokens: they are refused from the next request on. */
  forgetTokens(apiTokenIds: readonly string[]): void {
    this.forgetWhere((known) => apiTokenIds.includes(known.apiTokenId));
    for (const id of apiTokenIds) this.lastUsed.delete(id);
  }

  /** Call after deleting a user or changing their role: their tokens are read afresh from the next request on. */
  forgetUser(userId: string): void {
    this.forgetWhere((known) => known.user.id === userId);
  }

  /** Writes pending lastUsedAt values now (shutdown, tests). */
  async flushLastUsed(): Promise<void> {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    const batch = [...this.lastUsed];
    this.lastUsed.clear();
    for (const [id, usedAt] of batch) {
      // updateMany: a token revoked meanwhile simply matches nothing.
      await this.db.apiToken.updateMany({ where: { id }, data: { lastUsedAt: usedAt } });
    }
  }

  private forgetWhere(matches: (known: Known) => boolean): void {
    this.generation++;
    // A read begun before the change may return what it no longer is: later requests start their own.
    this.pending.clear();
    for (const [hash, entry] of this.entries) if (entry.value && matches(entry.value)) this.entries.delete(hash);
  }

  private recordUse(apiTokenId: string, at: number): void {
    this.lastUsed.set(apiTokenId, new Date(at));
    this.flushTimer ??= setTimeout(() => {
      this.flushTimer = null;
      this.flushLastUsed().catch((error: Error) => log.warn("could not record API tokens' last use", { error: error.message }));
    }, LAST_USED_FLUSH_MS).unref();
  }

  /** One read per hash at a time: concurrent requests with the same token share it. */
  private fetch(hash: string): Promise<Known | null> {
    let pending = this.pending.get(hash);
    if (!pending) {
      pending = this.read(hash).finally(() => this.pending.delete(hash));
      this.pending.set(hash, pending);
    }
    return pending;
  }

  private async read(hash: string): Promise<Known | null> {
    const generation = this.generation;
    const fetchedAt = this.now();
    const row = await this.db.apiToken.findUnique({
      where: { tokenHash: hash },
      select: { id: true, expiresAt: true, lastUsedAt: true, scopes: true, user: { select: { id: true, email: true, role: true } } },
    });
    // A user deleted between the token's statement and the user's: an unknown token (issue 20, finding 12).
    const user = row && !vanished(row.user) ? row.user : null;
    if (user && !isRole(user.role)) throw new Error(`user ${user.id} has an unknown role`);
    const known: Known | null = row &&
      user && {
        user: { id: user.id, email: user.email, role: user.role as UserIdentity["role"] },
        apiTokenId: row.id,
        scopes: apiTokenScopes(row),
        expiresAt: row.expiresAt?.getTime() ?? null,
        lastUsedAt: row.lastUsedAt?.getTime() ?? null,
      };
    if (this.generation === generation) this.remember(hash, { value: known, fetchedAt });
    return known;
  }

  private remember(hash: string, entry: Cached): void {
    if (this.entries.size >= MAX_CACHED_TOKENS) {
      // Entries are only useful while fresh; drop the stale ones, else start over.
      for (const [key, value] of this.entries) if (this.now() - value.fetchedAt >= API_TOKEN_FRESHNESS_MS) this.entries.delete(key);
      if (this.entries.size >= MAX_CACHED_TOKENS) this.entries.clear();
    }
    this.entries.set(hash, entry);
  }
}

/** A token's scopes as a list, or null for its role's rights. */
export function apiTokenScopes(token: { scopes: string | null }): string[] | null {
  return token.scopes === null ? null : parseScopes(token.scopes);
}

// Per database, so tests with several databases in one process stay apart.
const caches = new WeakMap<Db, ApiTokenCache>();

export function apiTokenCache(db: Db): ApiTokenCache {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new ApiTokenCache(db)));
  return cache;
}
