import { timingSafeEqual } from "node:crypto";
import { sha256Bytes } from "@/lib/crypto";
import type { Db } from "@/lib/db";
import { FreshCache } from "@/lib/fresh-cache";
import { UseRecorder } from "@/lib/use-recorder";
import { parseScopes } from "@/lib/scopes";
import { isStorableText } from "@/lib/text";
import type { CredentialOwner } from "@/domain/principals/principal";

/**
 * What the token endpoint and the resource server need to know about OAuth2
 * clients (integration systems' credentials), kept in memory per instance (app/instance.ts).
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
const MAX_CACHED = 50_000;

export interface ClientRecord {
  clientId: string;
  /** SHA-256 of the secret, raw bytes. */
  secretHash: Buffer;
  scopes: readonly string[];
  /** The integration system, application or runtime the credential belongs to. */
  owner: CredentialOwner;
  expiresAt: Date | null;
}

// Compared against when the client is unknown, so the answer takes as long either way.
const DECOY_HASH = sha256Bytes("decoy");

export class ClientRegistry {
  private readonly clients: FreshCache<string, ClientRecord | null>;
  private readonly revokedTokens: FreshCache<string, boolean>;
  private readonly uses: UseRecorder;

  constructor(
    private db: Db,
    private now: () => number = Date.now,
  ) {
    this.clients = new FreshCache({ name: "client_credential", freshnessMs: FRESHNESS_MS, max: MAX_CACHED, now });
    this.revokedTokens = new FreshCache({ name: "revocation", freshnessMs: FRESHNESS_MS, max: MAX_CACHED, now });
    // updateMany: a credential deleted meanwhile simply matches nothing.
    this.uses = new UseRecorder((id, lastUsedAt) => db.systemAuth.updateMany({ where: { id }, data: { lastUsedAt } }), "credentials");
  }

  /** The client, fresh within FRESHNESS_MS; null when unknown. */
  async find(clientId: string): Promise<ClientRecord | null> {
    // No client has an id no database stores (NUL, a lone surrogate): PostgreSQL would fail the lookup itself.
    if (!isStorableText(clientId)) return null;
    return this.clients.get(clientId, () => this.fetchClient(clientId));
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
      this.clients.forget(clientId);
      this.uses.forget(clientId);
    }
  }

  /** Whether an access token was revoked, fresh within FRESHNESS_MS. */
  async isRevoked(jti: string): Promise<boolean> {
    return this.revokedTokens.get(jti, async () => (await this.db.revokedAccessToken.findUnique({ where: { jti }, select: { jti: true } })) !== null);
  }

  /** Call after revoking a token in this process: refused from the next request on, even by a read already in flight. */
  markRevoked(jti: string): void {
    this.revokedTokens.pin(jti, true);
  }

  /**
   * Notes that a client just got a token. lastUsedAt is written in batches
   * every few seconds, off the token endpoint's path.
   */
  recordUse(clientId: string): void {
    this.uses.record(clientId, new Date(this.now()));
  }

  /** Writes pending lastUsedAt values now (shutdown, tests). */
  flushLastUsed(): Promise<void> {
    return this.uses.flush();
  }

  private async fetchClient(clientId: string): Promise<ClientRecord | null> {
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
    return (
      row &&
      owner && {
        clientId: row.id,
        secretHash: Buffer.from(row.secretHash, "base64url"),
        scopes: parseScopes(row.scopes),
        owner,
        expiresAt: row.expiresAt,
      }
    );
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
}
