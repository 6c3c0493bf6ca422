import { countCacheLookup } from "@/lib/metrics";
import { timingSafeEqual } from "node:crypto";
import { sha256Bytes } from "@/lib/crypto";
import type { Db } from "@/lib/db";
import { log } from "@/lib/logger";
import { parseScopes } from "@/lib/scopes";
import { isStorableText } from "@/lib/text";
import type { CredentialOwner } from "@/domain/principals/principal";

/**
 * What the token endpoint and the resource server need to know about OAuth2
 * clients (integration systems' credentials), kept in memory per process.
 *
 * Reading the database on every token request would cap the endpoint at the
 * ORM's speed, so answers are cached for at most FRESHNESS_MS. A credential
 * deleted or a token revoked through this process is forgotten at once (the
 * next request is refused); another instance notices within FRESHNESS_MS.
 * Misses are cached too: client ids are UUIDv7s, so nobody asks for one
 * before it is generated, and a deleted one never comes back.
 */
// Below 1 s, with a margin: the promise is "refused everywhere within 1 s of
// the deletion's acknowledgement", and an entry read just before the commit
// expires FRESHNESS_MS after that read (docs/decisions/0004-per-instance-throttle-and-caches.md).
export const FRESHNESS_MS = 750;
const LAST_USED_FLUSH_MS = 5000;
const MAX_CACHED_TOKENS = 50_000;

export interface ClientRecord {
  clientId: string;
  /** SHA-256 of the secret, raw bytes. */
  secretHash: Buffer;
  scopes: readonly string[];
  /** The integration system, application or runtime the credential belongs to. */
  owner: CredentialOwner;
  expiresAt: Date | null;
}

interface Cached<T> {
  value: T;
  fetchedAt: number;
}

// Compared against when the client is unknown, so the answer takes as long either way.
const DECOY_HASH = sha256Bytes("decoy");

export class ClientRegistry {
  private clients = new Map<string, Cached<ClientRecord | null>>();
  private pendingClients = new Map<string, Promise<ClientRecord | null>>();
  /** Bumped when a client is forgotten, so a read that raced the change is not cached. */
  private generations = new Map<string, number>();
  private revokedTokens = new Map<string, Cached<boolean>>();
  private pendingTokens = new Map<string, Promise<boolean>>();
  private lastUsed = new Map<string, Date>();
  private flushTimer: NodeJS.Timeout | null = null;

  constructor(
    private db: Db,
    private now: () => number = Date.now,
  ) {}

  /** The client, fresh within FRESHNESS_MS; null when unknown. */
  async find(clientId: string): Promise<ClientRecord | null> {
    // No client has an id no database stores (NUL, a lone surrogate): PostgreSQL would fail the lookup itself.
    if (!isStorableText(clientId)) return null;
    const cached = this.clients.get(clientId);
    const fresh = cached !== undefined && this.now() - cached.fetchedAt < FRESHNESS_MS;
    countCacheLookup("client_credential", fresh);
    if (fresh) return cached.value;
    let pending = this.pendingClients.get(clientId);
    if (!pending) {
      pending = this.fetchClient(clientId).finally(() => this.pendingClients.delete(clientId));
      this.pendingClients.set(clientId, pending);
    }
    return pending;
  }

  /**
   * The client when `secret` is its secret, else null. Constant time in the
   * secret: hashes are compared, never the secret itself.
   */
  async authenticate(clientId: string, secret: string): Promise<ClientRecord | null> {
    const client = await this.find(clientId);
    const matches = timingSafeEqual(sha256Bytes(secret), client?.secretHash ?? DECOY_HASH);
    return client && matches ? client : null;
  }

  /** Whether the client exists and has not expired (at `at`, default now). */
  isActive(client: ClientRecord | null, at = this.now()): client is ClientRecord {
    return client !== null && (client.expiresAt === null || client.expiresAt.getTime() > at);
  }

  /** Call after deleting credentials: their tokens are refused from the next request on. */
  forget(clientIds: readonly string[]): void {
    for (const clientId of clientIds) {
      this.clients.delete(clientId);
      this.generations.set(clientId, (this.generations.get(clientId) ?? 0) + 1);
      this.lastUsed.delete(clientId);
    }
  }

  /** Whether an access token was revoked, fresh within FRESHNESS_MS. */
  async isRevoked(jti: string): Promise<boolean> {
    const cached = this.revokedTokens.get(jti);
    const fresh = cached !== undefined && this.now() - cached.fetchedAt < FRESHNESS_MS;
    countCacheLookup("revocation", fresh);
    if (fresh) return cached.value;
    let pending = this.pendingTokens.get(jti);
    if (!pending) {
      const fetchedAt = this.now();
      pending = this.db.revokedAccessToken
        .findUnique({ where: { jti }, select: { jti: true } })
        .then((row) => {
          this.remember(this.revokedTokens, jti, { value: row !== null, fetchedAt });
          return row !== null;
        })
        .finally(() => this.pendingTokens.delete(jti));
      this.pendingTokens.set(jti, pending);
    }
    return pending;
  }

  /** Call after revoking a token in this process. */
  markRevoked(jti: string): void {
    this.remember(this.revokedTokens, jti, { value: true, fetchedAt: Number.POSITIVE_INFINITY });
  }

  /**
   * Notes that a client just got a token. lastUsedAt is written in batches
   * every few seconds, off the token endpoint's path.
   */
  recordUse(clientId: string): void {
    this.lastUsed.set(clientId, new Date(this.now()));
    this.flushTimer ??= setTimeout(() => {
      this.flushTimer = null;
      this.flushLastUsed().catch((error: Error) => log.error("could not record credentials' last use", { error: error.message }));
    }, LAST_USED_FLUSH_MS).unref();
  }

  /** Writes pending lastUsedAt values now (shutdown, tests). */
  async flushLastUsed(): Promise<void> {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    const batch = [...this.lastUsed];
    this.lastUsed.clear();
    for (const [clientId, usedAt] of batch) {
      // updateMany: a credential deleted meanwhile simply matches nothing.
      await this.db.systemAuth.updateMany({ where: { id: clientId }, data: { lastUsedAt: usedAt } });
    }
  }

  private async fetchClient(clientId: string): Promise<ClientRecord | null> {
    const generation = this.generations.get(clientId) ?? 0;
    const fetchedAt = this.now();
    const row = await this.db.systemAuth.findUnique({
      where: { id: clientId },
      select: {
        id: true,
        secretHash: true,
        scopes: true,
        expiresAt: true,
        tenantId: true,
        applicationId: true,
        runtimeId: true,
        integrationSystem: { select: { id: true, name: true } },
      },
    });
    const owner = row && (await this.ownerOf(row));
    const record: ClientRecord | null = row &&
      owner && {
        clientId: row.id,
        secretHash: Buffer.from(row.secretHash, "base64url"),
        scopes: parseScopes(row.scopes),
        owner,
        expiresAt: row.expiresAt,
      };
    if ((this.generations.get(clientId) ?? 0) === generation) {
      this.remember(this.clients, clientId, { value: record, fetchedAt });
    }
    return record;
  }

  /** The credential's owner; null when it is gone (a credential never outlives it, but a read may race the delete). */
  private async ownerOf(row: {
    tenantId: string | null;
    applicationId: string | null;
    runtimeId: string | null;
    integrationSystem: { id: string; name: string } | null;
  }): Promise<CredentialOwner | null> {
    if (row.integrationSystem) return { kind: "INTEGRATION_SYSTEM", id: row.integrationSystem.id, name: row.integrationSystem.name, tenantId: null };
    // An integration system's credential whose system was deleted between the two statements: no owner.
    const objectId = row.applicationId ?? row.runtimeId;
    if (!objectId || !row.tenantId) return null;
    const where = { id: objectId, tenantId: row.tenantId };
    const select = { id: true, name: true, tenantId: true };
    const object = row.applicationId ? await this.db.application.findFirst({ where, select }) : await this.db.runtime.findFirst({ where, select });
    if (!object) return null;
    return { kind: row.applicationId ? "APPLICATION" : "RUNTIME", id: object.id, name: object.name, tenantId: object.tenantId };
  }

  private remember<T>(map: Map<string, Cached<T>>, key: string, entry: Cached<T>): void {
    if (map.size >= MAX_CACHED_TOKENS) {
      // Entries are only useful while fresh; drop the stale ones, else start over.
      for (const [k, v] of map) if (this.now() - v.fetchedAt >= FRESHNESS_MS) map.delete(k);
      if (map.size >= MAX_CACHED_TOKENS) map.clear();
    }
    map.set(key, entry);
  }
}
