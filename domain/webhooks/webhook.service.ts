import type { Tenant, Webhook } from "@/generated/prisma-sqlite/client";
import { type Db, type Tx, isPostgres } from "@/lib/db";
import { auditorOf } from "@/domain/audit/audit.service";
import { badInput, conflict, notFound } from "@/domain/errors";
import type { Principal } from "@/domain/principals/principal";
import { requireScope } from "@/domain/principals/authorize";
import { TENANT_OBJECT_KINDS } from "@/domain/tenant-objects/kinds";
import { requireManagedObject } from "@/domain/tenant-objects/tenant-object.service";
import type { TenantObjectKind, TenantObjectType } from "@/domain/tenant-objects/tenant-object-kind";
import { openAuth } from "./webhook-auth";
import { WEBHOOK_LIMITS, type ValidWebhook, type WebhookInput, validWebhookInput } from "./webhook-rules";
import { auditFieldsOf, insertWebhooks, webhookColumns } from "./webhook-store";
import { STRICT_TARGETS, type TargetPolicy, requirePublicTargets } from "./webhook-url";

/** Records what happened to one webhook (called by its type in the log). */
export const auditWebhook = auditorOf<Webhook>("Webhook", (row) => row.type);

/**
 * Webhooks of applications and runtimes (Compass's addWebhook, updateWebhook,
 * deleteWebhook): stored, checked and returned; nothing calls them yet. A
 * webhook is changed with the rights over its owner: the owner's write scope,
 * the owner in the request's tenant, and an integration system only on what
 * it manages (requireManagedObject). Every change is audited without secrets.
 */

/** The owner arguments of addWebhook, exactly one of which is given. */
export interface WebhookOwnerArgs {
  applicationID?: string | null;
  applicationTemplateID?: string | null;
  runtimeID?: string | null;
  formationTemplateID?: string | null;
}

const OWNER_ARGS = ["applicationID", "applicationTemplateID", "runtimeID", "formationTemplateID"] as const;
const KIND_OF_ARG: Record<(typeof OWNER_ARGS)[number], TenantObjectType | null> = {
  applicationID: "APPLICATION",
  runtimeID: "RUNTIME",
  applicationTemplateID: null,
  formationTemplateID: null,
};

/** Which owner addWebhook names: exactly one argument, else BAD_USER_INPUT on the first extra (or on applicationID when none). */
export function ownerArgOf(args: WebhookOwnerArgs): { arg: (typeof OWNER_ARGS)[number]; id: string; kind: TenantObjectType | null } {
  const given = OWNER_ARGS.filter((arg) => args[arg] !== null && args[arg] !== undefined);
  if (given.length === 0) throw badInput("applicationID", `Give exactly one of ${OWNER_ARGS.join(", ")}`);
  if (given.length > 1) throw badInput(given[1], `Give exactly one of ${OWNER_ARGS.join(", ")}; ${given.join(" and ")} were given`);
  return { arg: given[0], id: args[given[0]]!, kind: KIND_OF_ARG[given[0]] };
}

/** Checks an input and the hosts it would reach, before any transaction (names may be resolved). */
async function checked(input: WebhookInput, field: string, targets: TargetPolicy): Promise<ValidWebhook> {
  const valid = validWebhookInput(input, field);
  await requirePublicTargets(valid.targets, targets);
  return valid;
}

const auditDetails = (row: Webhook, tenant: Tenant) => ({
  ...auditFieldsOf(row, row.authSealed ? openAuth(row.id, row.authSealed) : null),
  tenantId: tenant.id,
  tenantExternalId: tenant.externalId,
});

/** addWebhook: on an application or runtime of the tenant (templates' go through domain/application-templates and domain/formation-templates). */
export async function addWebhook(
  db: Db,
  actor: Principal,
  tenant: Tenant,
  owner: { kind: TenantObjectKind | null; arg: string; id: string },
  input: WebhookInput,
  targets: TargetPolicy = STRICT_TARGETS,
): Promise<Webhook> {
  const { kind } = owner;
  if (!kind) throw notFound("webhook owner", owner.id, `adding a webhook (${owner.arg} is global, not the tenant's)`);
  const valid = await checked(input, "in", targets);
  const postgres = isPostgres(db);
  return db.$transaction(async (tx) => {
    if (postgres) await lockOwner(tx, kind, owner.id);
    const parent = await requireManagedObject(tx, kind, actor, tenant, owner.id, `adding a webhook to`, `adding a webhook to ${kind.nouns.a}`);
    const held = await tx.webhook.count({ where: { ownerId: parent.id } });
    if (held >= WEBHOOK_LIMITS.perOwner) throw conflict(`${kind.nouns.one} "${parent.name}" already has ${held} webhooks, the most one may have`, owner.arg);
    const [row] = await insertWebhooks(tx, { type: kind.type as "APPLICATION" | "RUNTIME", id: parent.id, tenantId: tenant.id }, [valid]);
    await auditWebhook(tx, actor, "WEBHOOK_ADDED", row, auditDetails(row, tenant));
    return row;
  });
}

/**
 * PostgreSQL: holds the owner's row until the webhook is stored, so that
 * concurrent adds count each other (at most WEBHOOK_LIMITS.perOwner), and an
 * owner being unregistered either waits for the add or is gone when the add
 * reads it (the core deletes the owner first, then its webhooks). SQLite runs
 * one writing transaction at a time.
 */
async function lockOwner(tx: Tx, kind: TenantObjectKind, id: string) {
  await tx.$queryRawUnsafe(`SELECT 1 FROM "${kind.table}" WHERE "id" = $1 FOR UPDATE`, id);
}

/** The webhook in this tenant and its owner, which `actor` must have the rights to change. */
async function requireChangeable(tx: Tx, actor: Principal, tenant: Tenant, id: string, doing: string) {
  const row = await tx.webhook.findFirst({ where: { id, tenantId: tenant.id } });
  const kind = row ? TENANT_OBJECT_KINDS[row.ownerType as TenantObjectType] : undefined;
  if (!row || !kind) throw notFound("webhook", id, `${doing} it in tenant "${tenant.externalId}"`);
  requireScope(actor, kind.scopes.write, `${doing} a webhook of ${kind.nouns.a}`);
  await requireManagedObject(tx, kind, actor, tenant, row.ownerId, `${doing} a webhook of`);
  return row;
}

/** updateWebhook: replaces every field, its auth too (an omitted field clears it), as Compass does. */
export async function updateWebhook(db: Db, actor: Principal, tenant: Tenant, id: string, input: WebhookInput, targets: TargetPolicy = STRICT_TARGETS) {
  const valid = await checked(input, "in", targets);
  return db.$transaction(async (tx) => {
    const before = await requireChangeable(tx, actor, tenant, id, "updating");
    // updateMany: a webhook deleted since it was read (its owner unregistered meanwhile) is NOT_FOUND, not a failure.
    const { count } = await tx.webhook.updateMany({ where: { id, tenantId: tenant.id }, data: webhookColumns(id, valid) });
    const row = count ? await tx.webhook.findUnique({ where: { id } }) : null;
    if (!row) throw notFound("webhook", id, `updating it in tenant "${tenant.externalId}"`);
    await auditWebhook(tx, actor, "WEBHOOK_UPDATED", row, { before: auditDetails(before, tenant), after: auditDetails(row, tenant) });
    return row;
  });
}

/** deleteWebhook: answers the deleted webhook. */
export async function deleteWebhook(db: Db, actor: Principal, tenant: Tenant, id: string): Promise<Webhook> {
  return db.$transaction(async (tx) => {
    const row = await requireChangeable(tx, actor, tenant, id, "deleting");
    const { count } = await tx.webhook.deleteMany({ where: { id, tenantId: tenant.id } });
    if (!count) throw notFound("webhook", id, `deleting it in tenant "${tenant.externalId}"`);
    await auditWebhook(tx, actor, "WEBHOOK_DELETED", row, auditDetails(row, tenant));
    return row;
  });
}

/** The webhooks of these owners, oldest first, grouped by owner (at most WEBHOOK_LIMITS.perOwner each). */
export async function webhooksOfOwners(db: Db, ownerIds: readonly string[]): Promise<Webhook[][]> {
  const rows = await db.webhook.findMany({ where: { ownerId: { in: [...ownerIds] } }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  const byOwner = new Map<string, Webhook[]>();
  for (const row of rows) byOwner.set(row.ownerId, [...(byOwner.get(row.ownerId) ?? []), row]);
  return ownerIds.map((ownerId) => byOwner.get(ownerId) ?? []);
}

/** The auth of a webhook, opened, for callers allowed to see it (the GraphQL `auth` field checks). */
export const authOf = (row: Webhook) => (row.authSealed ? openAuth(row.id, row.authSealed) : null);
