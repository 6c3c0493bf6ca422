import { newId } from "../../lib/ids";
import type { SystemAuth } from "../../generated/prisma-sqlite/client";
import { getConfig } from "../../lib/config";
import { formatScopes, scopesOutside } from "@/lib/scopes";
import { newBearerSecret, sha256 } from "../../lib/crypto";
import type { Db } from "../../lib/db";
import { expiryFromDays } from "./expiry";
import { recordAudit } from "../audit/audit.service";
import type { Principal } from "@/domain/principals/principal";
import { credentialNoteProblem } from "@/lib/credential-rules";
import { badInput, notFound } from "../errors";

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
  /** A subset of the configured scopes for integration systems; omitted: all of them. */
  scopes?: readonly string[] | null;
  /** The operator's label for it ("prod cluster"); omitted or blank: none. */
  note?: string | null;
}

/** A note, trimmed; empty means none. */
export function validNote(raw: string | null | undefined, field = "note"): string | null {
  const note = raw?.trim() || null;
  const problem = note && credentialNoteProblem(note);
  if (problem) throw badInput(field, problem);
  return note;
}

/** The scopes a credential may be given: the configured integration-system scopes. */
export const grantableScopes = (): string[] => [...getConfig().integrationSystemScopes];

function credentialScopes(requested: readonly string[] | null | undefined): string[] {
  const allowed = getConfig().integrationSystemScopes;
  if (requested === null || requested === undefined) return [...allowed];
  const scopes = [...new Set(requested.map((scope) => scope.trim()))];
  if (scopes.length === 0 || scopesOutside(scopes, allowed).length > 0) {
    throw badInput("scopes", `Scopes must be a non-empty subset of: ${allowed.join(", ")}`);
  }
  return scopes;
}

export async function generateClientCredentials(
  db: Db,
  actor: Principal,
  integrationSystemId: string,
  options: GenerateOptions = {},
): Promise<SystemAuth & { clientSecret: string }> {
  const scopes = credentialScopes(options.scopes);
  const expiresAt = expiryFromDays(options.expiresInDays);
  const note = validNote(options.note);
  const clientSecret = newBearerSecret(CLIENT_SECRET_PREFIX);
  const systemAuth = await db.$transaction(async (tx) => {
    const system = await tx.integrationSystem.findUnique({ where: { id: integrationSystemId } });
    if (!system) throw notFound("integration system", integrationSystemId, "generating client credentials");
    const row = await tx.systemAuth.create({
      data: {
        id: newId(),
        integrationSystemId,
        secretHash: sha256(clientSecret),
        secretHint: clientSecret.slice(-HINT_LENGTH),
        scopes: formatScopes(scopes),
        expiresAt,
        note,
      },
    });
    await recordAudit(tx, actor, {
      action: "CLIENT_CREDENTIALS_GENERATED",
      objectType: "IntegrationSystem",
      objectId: integrationSystemId,
      objectLabel: system.name,
      details: { clientId: row.id, scopes: row.scopes, expiresAt: row.expiresAt?.toISOString() ?? null, note: row.note },
    });
    return row;
  });
  return { ...systemAuth, clientSecret };
}

/** Sets or clears (null or blank) a credential's note; audited with the old and new text. */
export async function setSystemAuthNote(db: Db, actor: Principal, id: string, rawNote: string | null | undefined): Promise<SystemAuth> {
  const note = validNote(rawNote);
  return db.$transaction(async (tx) => {
    const before = await tx.systemAuth.findUnique({ where: { id }, include: { integrationSystem: true } });
    if (!before) throw notFound("client credential", id, "changing its note");
    const row = await tx.systemAuth.update({ where: { id }, data: { note } });
    await recordAudit(tx, actor, {
      action: "CLIENT_CREDENTIALS_NOTE_CHANGED",
      objectType: "IntegrationSystem",
      objectId: before.integrationSystem.id,
      objectLabel: before.integrationSystem.name,
      details: { clientId: id, before: before.note, after: row.note },
    });
    return row;
  });
}

/** Revokes (deletes) one credential by its id (the client_id); its tokens are refused from the next request on. */
export async function deleteSystemAuth(db: Db, actor: Principal, id: string): Promise<SystemAuth> {
  const deleted = await db.$transaction(async (tx) => {
    const row = await tx.systemAuth.findUnique({ where: { id }, include: { integrationSystem: true } });
    if (!row) throw notFound("client credential", id, "revoking it");
    await tx.systemAuth.delete({ where: { id } });
    const { integrationSystem, ...systemAuth } = row;
    await recordAudit(tx, actor, {
      action: "CLIENT_CREDENTIALS_DELETED",
      objectType: "IntegrationSystem",
      objectId: integrationSystem.id,
      objectLabel: integrationSystem.name,
      details: { clientId: id },
    });
    return systemAuth;
  });
  forgetCredentials(db, [deleted.id]);
  return deleted;
}

type CredentialsForgetter = (db: Db, clientIds: readonly string[]) => void;
const forgetters = new Set<CredentialsForgetter>();

/**
 * How the authorization server (oauth2/, which the domain does not import)
 * learns of deleted credentials, to drop them from its cache.
 */
export function whenCredentialsDeleted(forget: CredentialsForgetter): void {
  forgetters.add(forget);
}

/** After deleting credentials: this process refuses their tokens at once, other instances within a second. */
export function forgetCredentials(db: Db, clientIds: readonly string[]): void {
  for (const forget of forgetters) forget(db, clientIds);
}
