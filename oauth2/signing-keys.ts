import { type KeyObject, createCipheriv, createDecipheriv, createPrivateKey, randomBytes } from "node:crypto";
import { type CryptoKey, type JWK, calculateJwkThumbprint, exportJWK, exportPKCS8, generateKeyPair, importJWK, importPKCS8 } from "jose";
import type { SigningKey } from "@/generated/prisma-sqlite/client";
import type { Db } from "@/lib/db";
import { log } from "@/lib/logger";
import { deriveKey } from "@/lib/secret-key";

/**
 * The keys that sign access tokens. They live in the database so that every
 * instance signs and verifies alike; the private halves are encrypted with a
 * key derived from SECRET_KEY, so a database dump alone cannot forge tokens.
 *
 * Each process keeps the keys in memory (a `KeyRing`) and re-reads them every
 * KEY_REFRESH_MS, or at once when a token names a key it does not know (a key
 * another instance or `npm run keys:rotate` just added).
 *
 * Rotation publishes before it signs: a new key is in the JWKS at once but
 * signs only ACTIVATION_DELAY_MS later, by which time every instance has
 * re-read the keys and every resource server's cached JWKS (max-age 60 s)
 * holds it. The key it replaces keeps signing until then, and stays
 * published until the last token it signed has expired.
 */
export const SIGNING_ALGORITHM = "ES256";
const KEY_REFRESH_MS = 30_000;
export const ACTIVATION_DELAY_MS = 60_000;
/** Re-reads forced by unknown key ids are at least this far apart, so forged kids cannot flood the database. */
const MIN_FORCED_RELOAD_MS = 200;

export interface PublishedKey {
  kid: string;
  publicJwk: JWK;
  verifyKey: CryptoKey;
  createdAt: Date;
  retiredAt: Date | null;
}

export interface ActiveKey {
  kid: string;
  privateKey: CryptoKey;
  /** The same private key for node:crypto's sign (access-token.ts signs with it, on the thread pool). */
  signingKey: KeyObject;
}

interface SignerKey extends ActiveKey {
  createdAt: number;
  /** When it stops signing (a newer key's activation), or null while it is the newest. */
  retiredAt: number | null;
}

// ------------------------------------------------------------ encryption

function encryptionKey(): Buffer {
  return deriveKey("signing-key-encryption");
}

/** AES-256-GCM with the kid as associated data: a ciphertext moved to another row does not decrypt. */
function encryptPrivateKey(kid: string, pkcs8: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", encryptionKey(), iv);
  cipher.setAAD(Buffer.from(kid));
  const ciphertext = Buffer.concat([cipher.update(pkcs8, "utf8"), cipher.final()]);
  return ["v1", iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), ciphertext.toString("base64url")].join(".");
}

function decryptPrivateKey(kid: string, sealed: string): string {
  const [version, iv, tag, ciphertext] = sealed.split(".");
  if (version !== "v1") throw new Error(`signing key ${kid}: unknown encryption format`);
  const decipher = createDecipheriv("aes-256-gcm", encryptionKey(), Buffer.from(iv, "base64url"));
  decipher.setAAD(Buffer.from(kid));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  try {
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    throw new Error(
      `signing key ${kid} cannot be decrypted: SECRET_KEY differs from the one it was created with (every instance must share the same SECRET_KEY)`,
    );
  }
}

// ------------------------------------------------------------ the table

async function newKeyRow(): Promise<Omit<SigningKey, "createdAt" | "retiredAt">> {
  const { publicKey, privateKey } = await generateKeyPair(SIGNING_ALGORITHM, { extractable: true });
  const jwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(jwk);
  const publicJwk: JWK = { ...jwk, kid, alg: SIGNING_ALGORITHM, use: "sig" };
  return {
    id: kid,
    algorithm: SIGNING_ALGORITHM,
    publicJwk: JSON.stringify(publicJwk),
    encryptedPrivateKey: encryptPrivateKey(kid, await exportPKCS8(privateKey)),
  };
}

/**
 * How long a key stays published after it stopped signing: until the last
 * token it signed expires, plus a minute for clocks that differ.
 */
export function publicationWindowMs(accessTokenTtlSeconds: number): number {
  return accessTokenTtlSeconds * 1000 + 60_000;
}

function isPublished(row: Pick<SigningKey, "retiredAt">, now: number, ttlSeconds: number): boolean {
  return row.retiredAt === null || row.retiredAt.getTime() + publicationWindowMs(ttlSeconds) > now;
}

/**
 * Creates the first signing key when there is none (start-up). Instances
 * starting together may each create one: all are published and all sign
 * alike (signerAt picks the same one everywhere), so that is harmless.
 */
export async function ensureSigningKey(db: Db): Promise<void> {
  if ((await db.signingKey.count({ where: { retiredAt: null } })) > 0) return;
  await db.signingKey.create({ data: await newKeyRow() });
  log.info("generated the first access-token signing key");
}

/**
 * Adds a new signing key, which signs from `activatesAt` on; the current key
 * retires then. Retired keys stay in the JWKS until their last token has
 * expired; keys past that are deleted.
 */
export async function rotateSigningKey(
  db: Db,
  accessTokenTtlSeconds: number,
): Promise<{ kid: string; activatesAt: Date; retired: string[]; deleted: string[] }> {
  const row = await newKeyRow();
  return db.$transaction(async (tx) => {
    const now = new Date();
    const activatesAt = new Date(now.getTime() + ACTIVATION_DELAY_MS);
    const current = await tx.signingKey.findMany({ where: { retiredAt: null }, select: { id: true } });
    await tx.signingKey.updateMany({ where: { retiredAt: null }, data: { retiredAt: activatesAt } });
    await tx.signingKey.create({ data: { ...row, createdAt: now } });
    const expired = await tx.signingKey.findMany({
      where: { retiredAt: { lt: new Date(now.getTime() - publicationWindowMs(accessTokenTtlSeconds)) } },
      select: { id: true },
    });
    await tx.signingKey.deleteMany({ where: { id: { in: expired.map((key) => key.id) } } });
    return { kid: row.id, activatesAt, retired: current.map((key) => key.id), deleted: expired.map((key) => key.id) };
  });
}

// ------------------------------------------------------------ per instance (app/instance.ts holds the ring)

interface Snapshot {
  loadedAt: number;
  /** Keys that sign now or will: the newest first. */
  signers: SignerKey[];
  published: Map<string, PublishedKey>;
}

/**
 * The key to sign with at `now`: the newest one past its activation delay.
 * The very first key (none older to sign meanwhile) signs at once.
 */
function signerAt(signers: readonly SignerKey[], now: number): ActiveKey | null {
  const ready = signers.filter((key) => key.retiredAt === null || key.retiredAt > now);
  return ready.find((key) => key.createdAt + ACTIVATION_DELAY_MS <= now) ?? ready.at(-1) ?? null;
}

export class KeyRing {
  private snapshot: Snapshot | null = null;
  private loading: Promise<Snapshot> | null = null;
  private loadStartedAt = 0;

  constructor(
    private db: Db,
    private accessTokenTtlSeconds: number,
    private now: () => number = Date.now,
  ) {}

  /** The key to sign with. */
  async activeKey(): Promise<ActiveKey> {
    const active = signerAt((await this.current()).signers, this.now());
    if (active) return active;
    const reloaded = signerAt((await this.reloadNewerThan(this.now())).signers, this.now());
    if (!reloaded) throw new Error("no access-token signing key exists: start-up creates one");
    return reloaded;
  }

  /** A published key by id; an unknown id makes one fresh read before giving up. */
  async publishedKey(kid: string): Promise<PublishedKey | null> {
    const asked = this.now();
    const key = (await this.current()).published.get(kid);
    if (key && isPublished(key, asked, this.accessTokenTtlSeconds)) return key;
    if (key) return null;
    const fresh = (await this.reloadNewerThan(asked)).published.get(kid);
    return fresh && isPublished(fresh, asked, this.accessTokenTtlSeconds) ? fresh : null;
  }

  /**
   * The JWKS document's keys. Read afresh (at most once a second): resource
   * servers elsewhere must see a new key before any instance signs with it.
   */
  async publicJwks(): Promise<JWK[]> {
    const now = this.now();
    return [...(await this.reloadNewerThan(now - 1000)).published.values()]
      .filter((key) => isPublished(key, now, this.accessTokenTtlSeconds))
      .map((key) => key.publicJwk);
  }

  private async current(): Promise<Snapshot> {
    const snapshot = this.snapshot;
    if (!snapshot) return this.reloadNewerThan(this.now());
    // Stale keys are served while a fresh read runs in the background: no
    // request waits for the periodic refresh.
    if (this.now() - snapshot.loadedAt > KEY_REFRESH_MS && !this.loading) {
      this.reloadNewerThan(this.now()).catch((error: Error) => log.error("could not re-read signing keys", { error: error.message }));
    }
    return snapshot;
  }

  /**
   * A snapshot whose read started after `time`. Concurrent callers share one
   * read; a read that fails fails only the callers that were waiting for it.
   */
  private async reloadNewerThan(time: number): Promise<Snapshot> {
    for (;;) {
      if (this.snapshot && this.snapshot.loadedAt >= time) return this.snapshot;
      if (this.loading) {
        if (this.loadStartedAt >= time) return this.loading;
        await this.loading.catch(() => null);
        continue;
      }
      const wait = this.loadStartedAt + MIN_FORCED_RELOAD_MS - this.now();
      if (wait > 0) {
        await new Promise((resolve) => setTimeout(resolve, wait));
        continue;
      }
      this.loadStartedAt = this.now();
      this.loading = this.load(this.loadStartedAt).finally(() => (this.loading = null));
      return this.loading;
    }
  }

  private async load(startedAt: number): Promise<Snapshot> {
    const rows = await this.db.signingKey.findMany({ orderBy: { createdAt: "desc" } });
    const published = new Map<string, PublishedKey>();
    const signers: SignerKey[] = [];
    for (const row of rows) {
      if (!isPublished(row, startedAt, this.accessTokenTtlSeconds)) continue;
      const publicJwk = JSON.parse(row.publicJwk) as JWK;
      const previous = this.snapshot?.published.get(row.id);
      published.set(row.id, {
        kid: row.id,
        publicJwk,
        verifyKey: previous?.verifyKey ?? ((await importJWK(publicJwk, row.algorithm)) as CryptoKey),
        createdAt: row.createdAt,
        retiredAt: row.retiredAt,
      });
      if (row.retiredAt === null || row.retiredAt.getTime() > startedAt) {
        const known = this.snapshot?.signers.find((key) => key.kid === row.id);
        const pkcs8 = known ? null : decryptPrivateKey(row.id, row.encryptedPrivateKey);
        signers.push({
          kid: row.id,
          privateKey: known?.privateKey ?? (await importPKCS8(pkcs8!, row.algorithm)),
          signingKey: known?.signingKey ?? createPrivateKey(pkcs8!),
          createdAt: row.createdAt.getTime(),
          retiredAt: row.retiredAt?.getTime() ?? null,
        });
      }
    }
    this.snapshot = { loadedAt: startedAt, signers, published };
    return this.snapshot;
  }
}
