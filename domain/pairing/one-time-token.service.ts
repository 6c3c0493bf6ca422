import type { Tenant } from "@/generated/prisma-sqlite/client";
import type { Db, Tx } from "@/lib/db";
import { newId } from "@/lib/ids";
import { newBearerSecret, sha256 } from "@/lib/crypto";
import { recordAudit } from "@/domain/audit/audit.service";
import { OBJECT_SCOPES, type Principal } from "@/domain/principals/principal";
import { type ObjectKind, managedObject } from "@/domain/credentials/object-credentials.service";
import { createCredentialIn, ownerRefOf } from "@/domain/credentials/system-auth.service";
import { DomainError } from "@/domain/errors";

/**
 * One-time tokens (Compass's): how an application or a runtime is paired. An admin, or the integration
 * system managing the object, asks for one; the object hands it to the Connector in the `Connector-Token`
 * header, once. The token is 256 random bits behind a recognizable prefix, stored only as its SHA-256,
 * never logged, and spent by one conditional update (`usedAt` set where it is still null and the token
 * unexpired), so of a burst of requests presenting it exactly one wins.
 *
 * Each token is for one system auth of the object (Compass's `systemAuthID`): an existing credential of
 * it, or, when none is named, a new one made for the certificate (its client secret is never shown, so
 * only the certificate ever acts with it). A certificate the Connector signs carries that system auth's id
 * as its CN; the system auth's scopes are what the certificate may do, and deleting it ends them.
 */
export const ONE_TIME_TOKEN_PREFIX = "cmp_ott_";

/** PAIRING: asked for through the Director. CSR: handed out by the Connector's configuration, for signing. */
export type TokenPurpose = "PAIRING" | "CSR";

/** The note of a system auth made for a pairing, so the console can tell it from a client secret. */
export const PAIRING_NOTE = "Client certificate (paired with a one-time token)";

export interface IssuedOneTimeToken {
  token: string;
  systemAuthId: string;
  kind: ObjectKind;
  createdAt: Date;
  expiresAt: Date;
}

/** What a spent token was for. */
export interface SpentOneTimeToken {
  systemAuthId: string;
  kind: ObjectKind;
  objectId: string;
  tenantId: string;
  purpose: TokenPurpose;
}

const DAY_MS = 24 * 3600 * 1000;

const OBJECT_TYPE_NAMES: Record<ObjectKind, string> = { APPLICATION: "Application", RUNTIME: "Runtime" };

/** A token row in the caller's transaction; an earlier unspent token of the same system auth and purpose stops working (as Compass replaces it). */
async function storeToken(
  tx: Tx,
  at: { systemAuthId: string; kind: ObjectKind; objectId: string; tenantId: string },
  purpose: TokenPurpose,
  ttlSeconds: number,
  now: Date,
): Promise<IssuedOneTimeToken> {
  const token = newBearerSecret(ONE_TIME_TOKEN_PREFIX);
  const expiresAt = new Date(now.getTime() + ttlSeconds * 1000);
  await tx.oneTimeToken.updateMany({ where: { systemAuthId: at.systemAuthId, purpose, usedAt: null }, data: { usedAt: now } });
  // Tokens a day past their expiry are of no use, not even to tell "spent" from "unknown": each issue clears them, so the table stays small.
  await tx.oneTimeToken.deleteMany({ where: { expiresAt: { lt: new Date(now.getTime() - DAY_MS) } } });
  await tx.oneTimeToken.create({
    data: {
      id: newId(),
      tokenHash: sha256(token),
      systemAuthId: at.systemAuthId,
      ownerType: at.kind,
      ownerId: at.objectId,
      tenantId: at.tenantId,
      purpose,
      createdAt: now,
      expiresAt,
    },
  });
  return { token, systemAuthId: at.systemAuthId, kind: at.kind, createdAt: now, expiresAt };
}

/**
 * `requestOneTimeTokenFor<Kind>(id, systemAuthID)`: the object must be in `tenant` and, for an
 * integration system, one it manages (the caller has checked the actor may pair at all). A named
 * system auth must be one of this object's; NOT_FOUND on `systemAuthID` otherwise.
 */
export async function requestOneTimeToken(
  db: Db,
  actor: Principal,
  tenant: Tenant,
  kind: ObjectKind,
  id: string,
  options: { systemAuthId?: string | null; ttlSeconds: number },
): Promise<IssuedOneTimeToken> {
  return db.$transaction(async (tx) => {
    const object = await managedObject(tx, actor, tenant, kind, id, "requesting a one-time token for");
    let systemAuthId: string;
    if (options.systemAuthId !== null && options.systemAuthId !== undefined) {
      const auth = await tx.systemAuth.findUnique({ where: { id: options.systemAuthId } });
      const owner = auth && ownerRefOf(auth);
      if (!auth || owner?.kind !== kind || owner.id !== object.id) {
        throw new DomainError(
          "NOT_FOUND",
          `The ${kind === "APPLICATION" ? "application" : "runtime"} has no system auth with id "${options.systemAuthId.slice(0, 80)}" (while requesting a one-time token)`,
          "systemAuthID",
        );
      }
      systemAuthId = auth.id;
    } else {
      const owner = { kind, id: object.id, name: object.name, tenantId: object.tenantId };
      // Its secret is dropped here: only the certificate the pairing ends in acts with this system auth.
      const created = await createCredentialIn(tx, actor, { scopes: OBJECT_SCOPES[kind], expiresAt: null, note: PAIRING_NOTE }, owner);
      systemAuthId = created.id;
    }
    const issued = await storeToken(tx, { systemAuthId, kind, objectId: object.id, tenantId: object.tenantId }, "PAIRING", options.ttlSeconds, new Date());
    await recordAudit(tx, actor, {
      action: "ONE_TIME_TOKEN_ISSUED",
      objectType: OBJECT_TYPE_NAMES[kind],
      objectId: object.id,
      objectLabel: object.name,
      details: { systemAuthId, expiresAt: issued.expiresAt.toISOString(), tenantId: object.tenantId },
    });
    return issued;
  });
}

/** The longest token text worth hashing: a prefix and 43 characters of base64url; anything far longer is not one. */
const MAX_TOKEN_LENGTH = 128;

/** Whether a text could be a one-time token at all (its prefix, a bounded length): anything else is refused unhashed. */
export const looksLikeOneTimeToken = (token: string) => token.startsWith(ONE_TIME_TOKEN_PREFIX) && token.length <= MAX_TOKEN_LENGTH;

/**
 * Spends a token once: null when it is unknown, spent, expired, of another purpose, or its system auth
 * is gone. Of parallel calls with one token, exactly one gets it (the update's condition is checked by
 * the database, row by row).
 */
export async function spendOneTimeToken(db: Db, token: string, purposes: readonly TokenPurpose[], now = new Date()): Promise<SpentOneTimeToken | null> {
  if (!looksLikeOneTimeToken(token)) return null;
  const tokenHash = sha256(token);
  const { count } = await db.oneTimeToken.updateMany({
    where: { tokenHash, usedAt: null, expiresAt: { gt: now }, purpose: { in: [...purposes] } },
    data: { usedAt: now },
  });
  if (count !== 1) return null;
  const row = await db.oneTimeToken.findUniqueOrThrow({ where: { tokenHash } });
  if (!(await db.systemAuth.findUnique({ where: { id: row.systemAuthId }, select: { id: true } }))) return null;
  return {
    systemAuthId: row.systemAuthId,
    kind: row.ownerType as ObjectKind,
    objectId: row.ownerId,
    tenantId: row.tenantId,
    purpose: row.purpose as TokenPurpose,
  };
}

/** The Connector's configuration: a fresh token, for signing only, for the system auth a spent token was for. */
export function issueSigningToken(db: Db, spent: SpentOneTimeToken, ttlSeconds: number): Promise<IssuedOneTimeToken> {
  return db.$transaction((tx) => storeToken(tx, spent, "CSR", ttlSeconds, new Date()));
}
