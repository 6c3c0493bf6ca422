import { type FormationTemplate, Prisma } from "@/generated/prisma-sqlite/client";
import { type Db, type Tx, isPostgres } from "@/lib/db";
import { newId } from "@/lib/ids";
import { transactionRefusingDuplicates } from "@/lib/db-errors";
import { type AuditActor, recordAudit } from "@/domain/audit/audit.service";
import { type AuditedKind, updateAudited } from "@/domain/audited-writes";
import { badInput, conflict, notFound, refuseWhileUsed } from "@/domain/errors";
import type { Principal } from "@/domain/principals/principal";
import { type GlobalLabelPageArgs, globalLabelFilterSql, validGlobalLabels } from "@/domain/labels/global-labels";
import { checkLabelKey, checkLabelValue, checkObjectLabels } from "@/domain/labels/label-rules";
import type { LazyPage } from "@/domain/paging/cursor";
import { BY_CREATED_AT, keyset, keysetPage } from "@/domain/paging/keyset";
import { WEBHOOK_LIMITS, type WebhookInput, validWebhookInput, validWebhookInputs } from "@/domain/webhooks/webhook-rules";
import { auditFieldsOf, deleteWebhooksOf, insertWebhooks, webhookColumns } from "@/domain/webhooks/webhook-store";
import { authOf } from "@/domain/webhooks/webhook.service";
import { STRICT_TARGETS, type TargetPolicy, requirePublicTargets } from "@/domain/webhooks/webhook-url";

/**
 * Compass's formation templates: global objects (no tenant) saying which
 * application and runtime types a formation of the type brings together.
 * Written by admins and integration systems granted formation_template:write
 * (Compass's own components create them), read by every role. Formations of
 * a template keep it: it is not deleted while one exists (decision 0036).
 */

export interface FormationTemplateInput {
  name: string;
  applicationTypes: readonly string[];
  runtimeTypes?: readonly string[] | null;
  runtimeTypeDisplayName?: string | null;
  runtimeArtifactKind?: string | null;
  webhooks?: readonly WebhookInput[] | null;
  leadingProductIDs?: readonly string[] | null;
  supportsReset?: boolean | null;
  discoveryConsumers?: readonly string[] | null;
  labels?: Record<string, unknown> | null;
}

/** Compass's limits (pkg/graphql/validation.go): 256 for names and types, 512 for the display name. */
const FORMATION_TEMPLATE_LIMITS = { name: 256, type: 256, displayName: 512, typesPerList: 100 } as const;
const ARTIFACT_KINDS: readonly string[] = ["SUBSCRIPTION", "SERVICE_INSTANCE", "ENVIRONMENT_INSTANCE"];

function validText(raw: string, field: string, max: number): string {
  const text = raw.trim();
  if (!text) throw badInput(field, "Required");
  if (text.length > max) throw badInput(field, `At most ${max} characters`);
  return text;
}

function validList(list: readonly string[] | null | undefined, field: string, required: boolean): string[] | null {
  if (list == null || (!required && list.length === 0)) {
    if (required) throw badInput(field, "At least one is required");
    return null;
  }
  if (required && list.length === 0) throw badInput(field, "At least one is required");
  if (list.length > FORMATION_TEMPLATE_LIMITS.typesPerList) throw badInput(field, `At most ${FORMATION_TEMPLATE_LIMITS.typesPerList}`);
  const valid = list.map((item, i) => validText(item, `${field}[${i}]`, FORMATION_TEMPLATE_LIMITS.type));
  if (new Set(valid).size !== valid.length) throw badInput(field, "Each is named once");
  return valid;
}

/** The columns a valid input gives (Compass's FormationTemplateRegisterInput.Validate, field by field). */
function validColumns(input: Omit<FormationTemplateInput, "webhooks" | "labels">) {
  const name = validText(input.name, "in.name", FORMATION_TEMPLATE_LIMITS.name);
  const applicationTypes = validList(input.applicationTypes, "in.applicationTypes", true)!;
  const runtimeTypes = validList(input.runtimeTypes, "in.runtimeTypes", false);
  const displayName =
    input.runtimeTypeDisplayName == null ? null : validText(input.runtimeTypeDisplayName, "in.runtimeTypeDisplayName", FORMATION_TEMPLATE_LIMITS.displayName);
  const kind = input.runtimeArtifactKind ?? null;
  if (kind !== null && !ARTIFACT_KINDS.includes(kind)) throw badInput("in.runtimeArtifactKind", `One of ${ARTIFACT_KINDS.join(", ")}`);
  const runtimeFields = [runtimeTypes, displayName, kind].filter((value) => value !== null).length;
  if (runtimeFields !== 0 && runtimeFields !== 3) {
    throw badInput("in.runtimeTypes", "Either all of runtimeTypes, runtimeTypeDisplayName and runtimeArtifactKind are given or none of them");
  }
  const consumers = validList(input.discoveryConsumers, "in.discoveryConsumers", false);
  const types = new Set([...applicationTypes, ...(runtimeTypes ?? [])]);
  consumers?.forEach((consumer, i) => {
    if (!types.has(consumer))
      throw badInput(`in.discoveryConsumers[${i}]`, `"${consumer.slice(0, 80)}" is none of the template's application or runtime types`);
  });
  const leading = validList(input.leadingProductIDs, "in.leadingProductIDs", false);
  const json = (list: string[] | null) => (list === null ? null : JSON.stringify(list));
  return {
    name,
    applicationTypes: JSON.stringify(applicationTypes),
    runtimeTypes: json(runtimeTypes),
    runtimeTypeDisplayName: displayName,
    runtimeArtifactKind: kind,
    leadingProductIds: json(leading),
    supportsReset: input.supportsReset ?? false,
    discoveryConsumers: json(consumers),
  };
}

/** A template's list column as a list (null stays null). */
export const listOf = (column: string | null): string[] | null => (column === null ? null : (JSON.parse(column) as string[]));

/** Whether a template's formations take runtimes and runtime contexts (and tenants): Compass's isObjectTypeSupported. */
export const takesRuntimes = (template: FormationTemplate) =>
  template.runtimeArtifactKind !== null || template.runtimeTypeDisplayName !== null || (listOf(template.runtimeTypes)?.length ?? 0) > 0;

const duplicate = (name: string) => conflict(`A formation template named "${name.slice(0, 80)}" already exists`, "in.name");

const auditDetails = (row: FormationTemplate) => ({
  name: row.name,
  applicationTypes: listOf(row.applicationTypes),
  runtimeTypes: listOf(row.runtimeTypes),
  runtimeArtifactKind: row.runtimeArtifactKind,
  supportsReset: row.supportsReset,
  labels: JSON.parse(row.labels),
});

async function audit(tx: Tx, actor: AuditActor, action: string, row: FormationTemplate, details: Record<string, unknown>) {
  await recordAudit(tx, actor, { action, objectType: "FormationTemplate", objectId: row.id, objectLabel: row.name, details });
}

const KIND: AuditedKind<FormationTemplate> = {
  noun: "formation template",
  actions: { created: "FORMATION_TEMPLATE_CREATED", updated: "FORMATION_TEMPLATE_UPDATED" },
  find: (tx, id) => tx.formationTemplate.findUnique({ where: { id } }),
  audit,
  auditedFields: auditDetails,
};

export async function createFormationTemplate(
  db: Db,
  actor: Principal,
  input: FormationTemplateInput,
  targets: TargetPolicy = STRICT_TARGETS,
): Promise<FormationTemplate> {
  const columns = validColumns(input);
  const labels = validGlobalLabels(input.labels, "in.labels");
  const webhooks = validWebhookInputs(input.webhooks, "in.webhooks");
  for (const webhook of webhooks) await requirePublicTargets(webhook.targets, targets);
  return transactionRefusingDuplicates(
    db,
    async (tx) => {
      const row = await tx.formationTemplate.create({ data: { id: newId(), ...columns, labels: JSON.stringify(labels) } });
      const stored = await insertWebhooks(tx, { type: "FORMATION_TEMPLATE", id: row.id, tenantId: null }, webhooks);
      await audit(tx, actor, "FORMATION_TEMPLATE_CREATED", row, {
        ...auditDetails(row),
        webhooks: stored.map((w, at) => ({ id: w.id, ...auditFieldsOf(w, webhooks[at].auth) })),
      });
      return row;
    },
    () => duplicate(columns.name),
  );
}

/** Compass's update: every field of the input replaced; its webhooks and labels stay. */
export async function updateFormationTemplate(
  db: Db,
  actor: Principal,
  id: string,
  input: Omit<FormationTemplateInput, "webhooks" | "labels">,
): Promise<FormationTemplate> {
  const columns = validColumns(input);
  const update = (tx: Tx) => tx.formationTemplate.update({ where: { id }, data: columns });
  return updateAudited(db, actor, id, KIND, update, () => duplicate(columns.name));
}

/** PostgreSQL: holds the template's row, so a formation made from it meanwhile waits (or a delete waits for it). */
export async function lockFormationTemplate(tx: Tx, id: string, postgres: boolean, mode: "SHARE" | "UPDATE") {
  if (postgres) await tx.$queryRawUnsafe(`SELECT 1 FROM "FormationTemplate" WHERE "id" = $1 FOR ${mode}`, id);
}

/** Deletes a template with its webhooks and constraint attachments; refused while formations of it exist, in any tenant. */
export async function deleteFormationTemplate(db: Db, actor: Principal, id: string): Promise<FormationTemplate> {
  return db.$transaction(async (tx) => {
    await lockFormationTemplate(tx, id, isPostgres(db), "UPDATE");
    const row = await tx.formationTemplate.findUnique({ where: { id } });
    if (!row) throw notFound("formation template", id, "deleting it");
    const used = await tx.formation.count({ where: { formationTemplateId: id } });
    refuseWhileUsed(used, "formation template", row.name, { noun: "formation", from: "made from it", remedy: "delete them first" });
    const webhooks = await deleteWebhooksOf(tx, [id]);
    await tx.formationTemplateConstraint.deleteMany({ where: { formationTemplateId: id } });
    await tx.formationTemplate.delete({ where: { id } });
    await audit(tx, actor, "FORMATION_TEMPLATE_DELETED", row, { ...auditDetails(row), deletedWebhooks: webhooks });
    return row;
  });
}

export function findFormationTemplateByName(db: Db | Tx, name: string): Promise<FormationTemplate | null> {
  return db.formationTemplate.findUnique({ where: { name } });
}

export function findFormationTemplate(db: Db, id: string): Promise<FormationTemplate | null> {
  return db.formationTemplate.findUnique({ where: { id } });
}

const BY_CREATED = keyset<FormationTemplate>("formationTemplates", BY_CREATED_AT, "ASC");

/** Templates oldest first, a page at a time; `name`: only the template with exactly this name. */
export function listFormationTemplates(db: Db, args: GlobalLabelPageArgs & { name?: string | null }): Promise<LazyPage<FormationTemplate>> {
  const parts = globalLabelFilterSql(args.filter, isPostgres(db), "Formation templates");
  if (args.name != null) parts.push(Prisma.sql`"name" = ${args.name}`);
  const matches = parts.length ? Prisma.join(parts, " AND ") : Prisma.sql`1 = 1`;
  return keysetPage(
    db,
    { table: "FormationTemplate", rowsByIds: (ids) => db.formationTemplate.findMany({ where: { id: { in: ids } } }) },
    { matches, keyset: BY_CREATED, first: args.first, after: args.after },
  );
}

/** Compass's setFormationTemplateLabel: creates or replaces one label; answers it. */
export async function setFormationTemplateLabel(db: Db, actor: Principal, id: string, key: string, value: unknown) {
  checkLabelKey(key, "in.key");
  checkLabelValue(value, "in.value", key);
  return changeLabels(db, actor, id, "setting a label on it", (labels) => {
    const next = { ...labels, [key]: value };
    checkObjectLabels(next, "in");
    return { labels: next, label: { key, value } };
  });
}

/** Compass's deleteFormationTemplateLabel: answers the deleted label; an unknown key is NOT_FOUND. */
export async function deleteFormationTemplateLabel(db: Db, actor: Principal, id: string, key: string) {
  return changeLabels(db, actor, id, "deleting its label", (labels) => {
    if (!Object.hasOwn(labels, key)) throw notFound("label", key, `deleting it from formation template ${id.slice(0, 80)}`);
    const { [key]: value, ...rest } = labels;
    return { labels: rest, label: { key, value } };
  });
}

async function changeLabels(
  db: Db,
  actor: Principal,
  id: string,
  doing: string,
  change: (labels: Record<string, unknown>) => { labels: Record<string, unknown>; label: { key: string; value: unknown } },
) {
  return db.$transaction(async (tx) => {
    await lockFormationTemplate(tx, id, isPostgres(db), "UPDATE");
    const row = await tx.formationTemplate.findUnique({ where: { id } });
    if (!row) throw notFound("formation template", id, doing);
    const { labels, label } = change(JSON.parse(row.labels) as Record<string, unknown>);
    const updated = await tx.formationTemplate.update({ where: { id }, data: { labels: JSON.stringify(labels) } });
    await audit(tx, actor, "FORMATION_TEMPLATE_LABELS_CHANGED", updated, { key: label.key, before: JSON.parse(row.labels), after: labels });
    return label;
  });
}

/** addWebhook with formationTemplateID: at most WEBHOOK_LIMITS.perOwner per template. */
export async function addFormationTemplateWebhook(db: Db, actor: Principal, id: string, input: WebhookInput, targets: TargetPolicy = STRICT_TARGETS) {
  // An unknown template is said first (Compass's add-formation-template-webhook names one by id); the input's checks may resolve names.
  if (!(await db.formationTemplate.findUnique({ where: { id }, select: { id: true } }))) throw notFound("formation template", id, "adding a webhook to it");
  const valid = validWebhookInput(input, "in");
  await requirePublicTargets(valid.targets, targets);
  return db.$transaction(async (tx) => {
    await lockFormationTemplate(tx, id, isPostgres(db), "UPDATE");
    const template = await tx.formationTemplate.findUnique({ where: { id } });
    if (!template) throw notFound("formation template", id, "adding a webhook to it");
    const held = await tx.webhook.count({ where: { ownerId: id } });
    if (held >= WEBHOOK_LIMITS.perOwner)
      throw conflict(`Formation template "${template.name}" already has ${held} webhooks, the most one may have`, "formationTemplateID");
    const [row] = await insertWebhooks(tx, { type: "FORMATION_TEMPLATE", id, tenantId: null }, [valid]);
    await recordAudit(tx, actor, {
      action: "WEBHOOK_ADDED",
      objectType: "Webhook",
      objectId: row.id,
      objectLabel: row.type,
      details: auditFieldsOf(row, valid.auth),
    });
    return row;
  });
}

/** The webhook if it is a formation template's (null: another owner's). */
export function findFormationTemplateWebhook(db: Db, id: string) {
  return db.webhook.findFirst({ where: { id, ownerType: "FORMATION_TEMPLATE" } });
}

async function requireTemplateWebhook(tx: Tx, id: string, doing: string) {
  const row = await tx.webhook.findFirst({ where: { id, ownerType: "FORMATION_TEMPLATE" } });
  if (!row) throw notFound("webhook", id, `${doing} it`);
  return row;
}

/** updateWebhook on a formation template's webhook: every field replaced (an omitted one clears it), as for every webhook. */
export async function updateFormationTemplateWebhook(db: Db, actor: Principal, id: string, input: WebhookInput, targets: TargetPolicy = STRICT_TARGETS) {
  const valid = validWebhookInput(input, "in");
  await requirePublicTargets(valid.targets, targets);
  return db.$transaction(async (tx) => {
    const before = await requireTemplateWebhook(tx, id, "updating");
    const row = await tx.webhook.update({ where: { id }, data: webhookColumns(id, valid) });
    const details = { before: auditFieldsOf(before, authOf(before)), after: auditFieldsOf(row, valid.auth) };
    await recordAudit(tx, actor, { action: "WEBHOOK_UPDATED", objectType: "Webhook", objectId: id, objectLabel: row.type, details });
    return row;
  });
}

export async function deleteFormationTemplateWebhook(db: Db, actor: Principal, id: string) {
  return db.$transaction(async (tx) => {
    const row = await requireTemplateWebhook(tx, id, "deleting");
    await tx.webhook.delete({ where: { id } });
    await recordAudit(tx, actor, {
      action: "WEBHOOK_DELETED",
      objectType: "Webhook",
      objectId: id,
      objectLabel: row.type,
      details: auditFieldsOf(row, authOf(row)),
    });
    return row;
  });
}
