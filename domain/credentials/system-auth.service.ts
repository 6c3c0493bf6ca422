import { DEFAULT_INTEGRATION_SYSTEM_SCOPES } from "@/lib/config";
import { newId } from "@/lib/ids";
import type { SystemAuth } from "@/generated/prisma-sqlite/client";
import { ONLY_WHEN_ASKED, formatScopes, scopesOutside } from "@/lib/scopes";
import { newBearerSecret, sha256 } from "@/lib/crypto";
import { instanceOf } from "@/domain/instance";
import type { Db, Tx } from "@/lib/db";
import { expiryFromDays } from "./expiry";
import { recordAudit } from "@/domain/audit/audit.service";
import type { CredentialOwner, Principal } from "@/domain/principals/principal";
import { credentialNoteProblem } from "@/lib/credential-rules";
import { badInput, notFound } from "@/domain/errors";

/**
 * OAuth2 client credentials of integration systems. The secret is 256 random
 * bits behind a fixed prefix (so secret scanners can spot leaks), returned
 * once, and stored only as a hash: it is high-entropy, so SHA-256 is enough.
 * A system may hold several credentials at once, so a secret can be rotated
 * without downtime: generate a new one, switch, delete the old one.
 */
export const CLIENT_SECRET_PREFIX = "cmp_cs_";
const HINT_LENGTH = 4;

export interface GenerateOptions {
  /** Days until the credential stops working; omitted: never. */
  expiresInDays?: number | null;
  /** A subset of `grantable`; omitted: all of them. */
  scopes?: readonly string[] | null;
  /**
   * The scopes integration systems may be given (INTEGRATION_SYSTEM_SCOPES,
   * passed in by the caller); omitted: docs/design.md's default set.
   */
  grantable?: readonly string[];
  /** The operator's label for it ("prod cluster"); omitted or blank: none. */
  note?: string | null;
  /** Shown once in the console, which confirms when its secret is stored (`confirmSecretStored`); until then marked. */
  awaitConfirmation?: boolean | null;
}

/** A note, trimmed; empty means none. */
function validNote(raw: string | null | undefined, field = "note"): string | null {
  const note = raw?.trim() || null;
  const problem = note && credentialNoteProblem(note);
  if (problem) throw badInput(field, problem);
  return note;
}

/**
 * The scopes asked for, checked to be a non-empty subset of `allowed`;
 * omitted: all of `allowed`. Credentials of every owner and API tokens use it.
 */
export function scopeSubset(requested: readonly string[] | null | undefined, allowed: readonly string[]): string[] {
  if (requested === null || requested === undefined) return allowed.filter((scope) => !ONLY_WHEN_ASKED.includes(scope));
  const scopes = [...new Set(requested.map((scope) => scope.trim()))];
  if (scopes.length === 0 || scopesOutside(scopes, allowed).length > 0) {
    throw badInput("scopes", `Scopes must be a non-empty subset of: ${allowed.join(", ")}`);
  }
  return scopes;
}

/** What a new credential is given, checked: its scopes (a subset of `allowed`), expiry and note. Every owner's credentials use it. */
export function credentialGrant(options: GenerateOptions, allowed: readonly string[]) {
  return {
    scopes: scopeSubset(options.scopes, allowed),
    expiresAt: expiryFromDays(options.expiresInDays),
    note: validNote(options.note),
    awaitConfirmation: options.awaitConfirmation ?? false,
  };
}

export async function generateClientCredentials(
  db: Db,
  actor: Principal,
  integrationSystemId: string,
  options: GenerateOptions = {},
): Promise<SystemAuth & { clientSecret: string }> {
  return issueCredential(db, actor, credentialGrant(options, options.grantable ?? DEFAULT_INTEGRATION_SYSTEM_SCOPES), async (tx) => {
    const system = await tx.integrationSystem.findUnique({ where: { id: integrationSystemId } });
    if (!system) throw notFound("integration system", integrationSystemId, "generating client credentials");
    return { kind: "INTEGRATION_SYSTEM", id: system.id, name: system.name, tenantId: null };
  });
}

/** The Compass object type an owner is audited as. */
const OBJECT_TYPES = { INTEGRATION_SYSTEM: "IntegrationSystem", APPLICATION: "Application", RUNTIME: "Runtime" } as const;

/** The owner's columns of a credential row: exactly one of the three ids, and the tenant for objects. */
function ownerColumns(owner: CredentialOwner) {
  return {
    integrationSystemId: owner.kind === "INTEGRATION_SYSTEM" ? owner.id : null,
    applicationId: owner.kind === "APPLICATION" ? owner.id : null,
    runtimeId: owner.kind === "RUNTIME" ? owner.id : null,
    tenantId: owner.tenantId,
  };
}

/** Which kind of object a credential row belongs to, and its id. */
export function ownerRefOf(row: Pick<SystemAuth, "integrationSystemId" | "applicationId" | "runtimeId">): { kind: CredentialOwner["kind"]; id: string } {
  if (row.applicationId) return { kind: "APPLICATION", id: row.applicationId };
  if (row.runtimeId) return { kind: "RUNTIME", id: row.runtimeId };
  return { kind: "INTEGRATION_SYSTEM", id: row.integrationSystemId! };
}

type CredentialGrant = { scopes: readonly string[]; expiresAt: Date | null; note?: string | null; awaitConfirmation?: boolean };

/**
 * The one way a credential is made, whoever owns it: a new secret, only its
 * hash stored, and the audit event in the same transaction. `ownerIn` finds
 * (and checks) the owner inside that transaction.
 */
export async function issueCredential(
  db: Db,
  actor: Principal,
  grant: CredentialGrant,
  ownerIn: (tx: Tx) => Promise<CredentialOwner>,
): Promise<SystemAuth & { clientSecret: string }> {
  return db.$transaction(async (tx) => createCredentialIn(tx, actor, grant, await ownerIn(tx)));
}

/** issueCredential's work inside the caller's transaction, for an owner it has already checked. */
export async function createCredentialIn(
  tx: Tx,
  actor: Principal,
  grant: CredentialGrant,
  owner: CredentialOwner,
): Promise<SystemAuth & { clientSecret: string }> {
  const clientSecret = newBearerSecret(CLIENT_SECRET_PREFIX);
  const row = await tx.systemAuth.create({
    data: {
      id: newId(),
      ...ownerColumns(owner),
      secretHash: sha256(clientSecret),
      secretHint: clientSecret.slice(-HINT_LENGTH),
      scopes: formatScopes(grant.scopes),
      expiresAt: grant.expiresAt,
      note: grant.note ?? null,
      secretUnconfirmed: grant.awaitConfirmation ?? false,
    },
  });
  await recordAudit(tx, actor, {
    action: "CLIENT_CREDENTIALS_GENERATED",
    objectType: OBJECT_TYPES[owner.kind],
    objectId: owner.id,
    objectLabel: owner.name,
    details: {
      clientId: row.id,
      scopes: row.scopes,
      expiresAt: row.expiresAt?.toISOString() ?? null,
      note: row.note,
      ...(owner.tenantId ? { tenantId: owner.tenantId } : {}),
    },
  });
  return { ...row, clientSecret };
}

/**
 * The person who generated a credential with `awaitConfirmation` says its
 * secret is stored: the console's "not confirmed" mark goes. Not audited: it
 * changes nothing a token can do. Idempotent.
 */
export async function confirmSecretStored(db: Db, id: string): Promise<SystemAuth> {
  const { count } = await db.systemAuth.updateMany({ where: { id }, data: { secretUnconfirmed: false } });
  if (count === 0) throw notFound("client credential", id, "confirming its secret is stored");
  return db.systemAuth.findUniqueOrThrow({ where: { id } });
}

/** Sets or clears (null or blank) a credential's note; audited with the old and new text. */
export async function setSystemAuthNote(db: Db, actor: Principal, id: string, rawNote: string | null | undefined): Promise<SystemAuth> {
  const note = validNote(rawNote);
  return db.$transaction(async (tx) => {
    const before = await tx.systemAuth.findUnique({ where: { id } });
    if (!before) throw notFound("client credential", id, "changing its note");
    const row = await tx.systemAuth.update({ where: { id }, data: { note } });
    const ref = ownerRefOf(before);
    await recordAudit(tx, actor, {
      action: "CLIENT_CREDENTIALS_NOTE_CHANGED",
      objectType: OBJECT_TYPES[ref.kind],
      objectId: ref.id,
      objectLabel: await ownerName(tx, ref),
      details: { clientId: id, before: before.note, after: row.note },
    });
    return row;
  });
}

/** The name of a credential's owner, for audit events. */
async function ownerName(tx: Tx, ref: { kind: CredentialOwner["kind"]; id: string }): Promise<string> {
  const where = { where: { id: ref.id }, select: { name: true } };
  const found =
    ref.kind === "APPLICATION"
      ? await tx.application.findUnique(where)
      : ref.kind === "RUNTIME"
        ? await tx.runtime.findUnique(where)
        : await tx.integrationSystem.findUnique(where);
  return found?.name ?? ref.id;
}

/**
 * Deletes one credential by its id (the client_id); its tokens are refused
 * from the next request on. `check` (inside the transaction) refuses a
 * credential the caller may not delete, e.g. one of another kind of owner;
 * it answers the owner's name for the audit event.
 */
export async function deleteSystemAuth(
  db: Db,
  actor: Principal,
  id: string,
  check: (tx: Tx, row: SystemAuth) => Promise<{ name: string }> = integrationSystemsOnly,
): Promise<SystemAuth> {
  const deleted = await db.$transaction(async (tx) => {
    const row = await tx.systemAuth.findUnique({ where: { id } });
    if (!row) throw notFound("client credential", id, "revoking it");
    const owner = await check(tx, row);
    await tx.systemAuth.delete({ where: { id } });
    const ref = ownerRefOf(row);
    await recordAudit(tx, actor, {
      action: "CLIENT_CREDENTIALS_DELETED",
      objectType: OBJECT_TYPES[ref.kind],
      objectId: ref.id,
      objectLabel: owner.name,
      details: { clientId: id },
    });
    return row;
  });
  forgetCredentials(db, [deleted.id]);
  return deleted;
}

async function integrationSystemsOnly(tx: Tx, row: SystemAuth): Promise<{ name: string }> {
  const system = row.integrationSystemId ? await tx.integrationSystem.findUnique({ where: { id: row.integrationSystemId } }) : null;
  // Another owner's credential is as unknown here as one that does not exist.
  if (!system) throw notFound("client credential", row.id, "deleting it");
  return system;
}

/**
 * Deletes every credential of an application or runtime being removed, in the
 * caller's transaction; call forgetCredentials with the ids once it commits.
 */
export async function deleteCredentialsOf(tx: Tx, kind: "APPLICATION" | "RUNTIME", ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const where = kind === "APPLICATION" ? { applicationId: { in: [...ids] } } : { runtimeId: { in: [...ids] } };
  const rows = await tx.systemAuth.findMany({ where, select: { id: true } });
  await tx.systemAuth.deleteMany({ where });
  return rows.map((row) => row.id);
}

/**
 * After deleting credentials: this process refuses their tokens at once
 * (the instance's authorization server forgets them), other instances within a second.
 */
export function forgetCredentials(db: Db, clientIds: readonly string[]): void {
  instanceOf(db)?.forgetCredentials(clientIds);
}
