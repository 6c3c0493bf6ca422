import type { Webhook } from "@/generated/prisma-sqlite/client";
import type { Tx } from "@/lib/db";
import { newId } from "@/lib/ids";
import { deleteOperationsOf, scheduleOrdAggregation } from "@/domain/operations/operation-store";
import { sealAuth } from "./webhook-auth";
import type { StoredAuth, ValidWebhook } from "./webhook-rules";

/**
 * The webhook rows, below the services that authorize: what the tenant-object
 * core calls when an owner is registered with `webhooks` or removed
 * (tenant-object.service.ts), and what webhook.service.ts builds on. No
 * foreign key removes them (the owner is one of several tables, and SQLite
 * through the adapter enforces none): whoever deletes an owner calls these.
 */

/** What owns a webhook: a tenant object, or an application or formation template (global). */
type WebhookOwnerType = "APPLICATION" | "RUNTIME" | "APPLICATION_TEMPLATE" | "FORMATION_TEMPLATE";

export interface WebhookOwner {
  type: WebhookOwnerType;
  id: string;
  /** null: a global owner (an application template). */
  tenantId: string | null;
}

/** The columns a valid webhook is stored with, its auth sealed under its id. */
export function webhookColumns(id: string, valid: ValidWebhook) {
  return { ...valid.columns, authSealed: valid.auth ? sealAuth(id, valid.auth) : null };
}

/** Stores valid webhooks for an owner, in the caller's transaction. */
export async function insertWebhooks(tx: Tx, owner: WebhookOwner, valid: readonly ValidWebhook[]): Promise<Webhook[]> {
  const rows: Webhook[] = [];
  for (const webhook of valid) {
    const id = newId();
    rows.push(await tx.webhook.create({ data: { id, tenantId: owner.tenantId, ownerType: owner.type, ownerId: owner.id, ...webhookColumns(id, webhook) } }));
  }
  // Compass schedules ORD aggregation for an application that gains an ORD webhook (decision 0036).
  if (owner.type === "APPLICATION")
    await scheduleOrdAggregation(
      tx,
      owner.id,
      rows.map((row) => row.type),
    );
  return rows;
}

/** Deletes the webhooks of these owners; answers their ids, for the owner's audit event. */
export async function deleteWebhooksOf(tx: Tx, ownerIds: readonly string[]): Promise<string[]> {
  if (ownerIds.length === 0) return [];
  await deleteOperationsOf(tx, ownerIds);
  const rows = await tx.webhook.findMany({ where: { ownerId: { in: [...ownerIds] } }, select: { id: true } });
  await tx.webhook.deleteMany({ where: { ownerId: { in: [...ownerIds] } } });
  return rows.map((row) => row.id);
}

/** Deletes every webhook of a tenant being deleted. */
export async function deleteWebhooksOfTenant(tx: Tx, tenantId: string): Promise<number> {
  const owners = await tx.webhook.findMany({ where: { tenantId }, select: { ownerId: true }, distinct: ["ownerId"] });
  await deleteOperationsOf(
    tx,
    owners.map((row) => row.ownerId),
  );
  return (await tx.webhook.deleteMany({ where: { tenantId } })).count;
}

/** What the audit log keeps of an auth: which kinds of credential and which names, never a value. */
function authSummary(auth: StoredAuth | null) {
  if (!auth) return null;
  const kind = (credential: StoredAuth["credential"]) => (credential ? Object.keys(credential)[0] : null);
  return {
    credential: kind(auth.credential),
    additionalHeaders: auth.additionalHeaders ? Object.keys(auth.additionalHeaders) : null,
    additionalQueryParams: auth.additionalQueryParams ? Object.keys(auth.additionalQueryParams) : null,
    csrf: auth.requestAuth ? { tokenEndpointURL: auth.requestAuth.csrf.tokenEndpointURL, credential: kind(auth.requestAuth.csrf.credential) } : null,
    accessStrategy: auth.accessStrategy,
    certCommonName: auth.certCommonName,
  };
}

/** A webhook's fields for the audit log (no secrets: the auth only as authSummary). */
export function auditFieldsOf(row: Webhook, auth: StoredAuth | null) {
  return {
    ownerType: row.ownerType,
    ownerId: row.ownerId,
    type: row.type,
    mode: row.mode,
    url: row.url,
    urlTemplate: row.urlTemplate,
    timeout: row.timeout,
    retryInterval: row.retryInterval,
    auth: authSummary(auth),
  };
}
