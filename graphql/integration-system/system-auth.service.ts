import { newId } from "../../lib/ids";
import type { SystemAuth } from "../../generated/prisma-sqlite/client";
import { newBearerSecret, sha256 } from "../../lib/crypto";
import type { Db } from "../../lib/db";
import { recordAudit } from "../audit/audit.service";
import { type Principal, SCOPES } from "../auth/principal";
import { notFound } from "../errors";

/**
 * OAuth2 client credentials of integration systems. The secret is 256 random
 * bits behind a fixed prefix (so secret scanners can spot leaks), returned
 * once, and stored only as a hash: it is high-entropy, so SHA-256 is enough.
 */
export const CLIENT_SECRET_PREFIX = "cmp_cs_";
const HINT_LENGTH = 4;

/** Never includes integration_system:write (DESIGN.md). */
export const DEFAULT_INTEGRATION_SYSTEM_SCOPES = [
  SCOPES.integrationSystemRead,
  SCOPES.applicationRead,
  SCOPES.applicationWrite,
  SCOPES.tenantRead,
] as const;

export async function generateClientCredentials(
  db: Db,
  actor: Principal,
  integrationSystemId: string,
): Promise<SystemAuth & { clientSecret: string }> {
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
        scopes: DEFAULT_INTEGRATION_SYSTEM_SCOPES.join(" "),
      },
    });
    await recordAudit(tx, actor, {
      action: "CLIENT_CREDENTIALS_GENERATED",
      objectType: "IntegrationSystem",
      objectId: integrationSystemId,
      objectLabel: system.name,
      details: { clientId: row.id, scopes: row.scopes },
    });
    return row;
  });
  return { ...systemAuth, clientSecret };
}

/** Deletes one credential by its id (the client_id). */
export async function deleteSystemAuth(db: Db, actor: Principal, id: string): Promise<SystemAuth> {
  return db.$transaction(async (tx) => {
    const row = await tx.systemAuth.findUnique({ where: { id }, include: { integrationSystem: true } });
    if (!row) throw notFound("client credential", id, "deleting it");
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
}
