import { type ApplicationTemplate, type Application, Prisma, type Tenant, type Webhook } from "@/generated/prisma-sqlite/client";
import { type Db, isPostgres } from "@/lib/db";
import { newId } from "@/lib/ids";
import { transactionRefusingDuplicates } from "@/lib/db-errors";
import { auditorOf } from "@/domain/audit/audit.service";
import { DomainError, badInput, conflict, forbidden, notFound, refuseWhileUsed } from "@/domain/errors";
import type { Principal } from "@/domain/principals/principal";
import { type GlobalLabelPageArgs, globalLabelFilterSql, validGlobalLabels } from "@/domain/labels/global-labels";
import type { LazyPage } from "@/domain/paging/cursor";
import { BY_CREATED_AT, keyset, keysetPage } from "@/domain/paging/keyset";
import { lowerContainsSql } from "@/domain/paging/search";
import { validDescription } from "@/domain/validation/validation";
import { WEBHOOK_LIMITS, type WebhookInput, validWebhookInput, validWebhookInputs } from "@/domain/webhooks/webhook-rules";
import { auditFieldsOf, deleteWebhooksOf, insertWebhooks, webhookColumns } from "@/domain/webhooks/webhook-store";
import { auditWebhook, authOf } from "@/domain/webhooks/webhook.service";
import { STRICT_TARGETS, type TargetPolicy, requirePublicTargets } from "@/domain/webhooks/webhook-url";

const auditTemplate = auditorOf<ApplicationTemplate>("ApplicationTemplate", (row) => row.name);
import { APPLICATION, type ApplicationRegisterInput } from "@/domain/tenant-objects/kinds/application";
import type { AfterCommitOptions, TenantObjectInput } from "@/domain/tenant-objects/tenant-object-kind";
import { checkRegistration, registerObject } from "@/domain/tenant-objects/tenant-object.service";
import {
  type Placeholder,
  type PlaceholderInput,
  type TemplateValueInput,
  fillPlaceholders,
  placeholderValues,
  placeholdersAtField,
  requireEveryPlaceholderUsed,
  sampleFilled,
  validPlaceholders,
} from "./placeholders";

/**
 * Compass's application templates: global objects (no tenant), published by
 * admins or by an integration system for itself, from which a tenant
 * registers applications by filling in placeholders. The template's
 * applicationInput is checked as an application registration when the
 * template is written (with sample values for its placeholders), and again,
 * filled in, when an application is registered from it.
 */

/** Compass's ApplicationJSONInput: an application registration (webhooks and bundles too), placeholders in its strings. */
type ApplicationJsonInput = ApplicationRegisterInput & TenantObjectInput;

export interface ApplicationTemplateInput {
  name: string;
  description?: string | null;
  webhooks?: readonly WebhookInput[] | null;
  labels?: Record<string, unknown> | null;
  applicationInput: ApplicationJsonInput;
  placeholders?: readonly PlaceholderInput[] | null;
  accessLevel: string;
  applicationNamespace?: string | null;
}

/** Compass's name rule: ASCII printable, at most 100 characters. */
const NAME_MAX = 100;
const ASCII_PRINTABLE = /^[\x20-\x7e]+$/;
/** Compass's label on an application naming the template it came from; set in the template's applicationInput. */
const APPLICATION_TYPE_KEY = "applicationType";
/** Compass's label saying whether an application is managed; "false" unless the input says. */
const MANAGED_KEY = "managed";
const REGION_KEY = "region";

function validTemplateName(raw: string): string {
  const name = raw.trim();
  if (!name) throw badInput("in.name", "Required");
  if (name.length > NAME_MAX || !ASCII_PRINTABLE.test(name)) throw badInput("in.name", `ASCII printable characters, at most ${NAME_MAX}`);
  return name;
}

const regionOf = (labels: Record<string, unknown>) => {
  const region = labels[REGION_KEY];
  return region === undefined || region === null ? "" : typeof region === "string" ? region : JSON.stringify(region);
};

interface ValidTemplate {
  columns: {
    name: string;
    regionKey: string;
    description: string | null;
    applicationInput: string;
    placeholders: string;
    labels: string;
    accessLevel: string;
    applicationNamespace: string | null;
    integrationSystemId: string | null;
  };
  webhooks: ReturnType<typeof validWebhookInputs>;
}

/**
 * The template as it is stored, checked: its applicationInput is an
 * application registration once its placeholders are filled (errors on
 * `in.applicationInput.<field>`), each placeholder is used, and the
 * `applicationType` label names the template (Compass adds it).
 */
async function validTemplate(actor: Principal, input: ApplicationTemplateInput, targets: TargetPolicy): Promise<ValidTemplate> {
  const name = validTemplateName(input.name);
  if (input.accessLevel !== "GLOBAL") throw badInput("in.accessLevel", "GLOBAL is the only access level");
  const placeholders = validPlaceholders(input.placeholders, "in.placeholders");
  const labels = validGlobalLabels(input.labels, "in.labels");
  const applicationInput: ApplicationJsonInput = { ...input.applicationInput };
  const appLabels = { ...(applicationInput.labels ?? {}) };
  if (appLabels[APPLICATION_TYPE_KEY] === undefined) appLabels[APPLICATION_TYPE_KEY] = name;
  applicationInput.labels = appLabels;
  // Who manages what is registered from it: an integration system publishes for itself only.
  if (actor.kind === "INTEGRATION_SYSTEM") {
    const named = applicationInput.integrationSystemID;
    if (named && named !== actor.integrationSystemId) {
      throw forbidden(
        `An integration system may publish templates only for itself: applicationInput.integrationSystemID names another (${named.slice(0, 80)})`,
      );
    }
    applicationInput.integrationSystemID = actor.integrationSystemId;
  }
  requireEveryPlaceholderUsed(placeholders, applicationInput, "in.placeholders");
  const sample = sampleFilled(applicationInput, placeholders) as ApplicationJsonInput;
  checkRegistration(APPLICATION, sample, "in.applicationInput");
  validGlobalLabels(sample.labels, "in.applicationInput.labels");
  const webhooks = validWebhookInputs(input.webhooks, "in.webhooks");
  for (const webhook of webhooks) await requirePublicTargets(webhook.targets, targets);
  return {
    columns: {
      name,
      regionKey: regionOf(labels),
      description: validDescription(input.description, "in.description"),
      applicationInput: JSON.stringify(applicationInput),
      placeholders: JSON.stringify(placeholders),
      labels: JSON.stringify(labels),
      accessLevel: input.accessLevel,
      applicationNamespace: input.applicationNamespace?.trim() || null,
      integrationSystemId: applicationInput.integrationSystemID ?? null,
    },
    webhooks,
  };
}

const duplicate = (name: string, region: string) =>
  conflict(`An application template named "${name}"${region ? ` in region ${region}` : ""} already exists`, "in.name");

async function requireSystemExists(tx: Prisma.TransactionClient, id: string | null) {
  if (id && !(await tx.integrationSystem.findUnique({ where: { id }, select: { id: true } }))) {
    throw badInput("in.applicationInput.integrationSystemID", `No integration system has the id ${id.slice(0, 80)}`);
  }
}

/** An integration system changes only the templates it published; users with the write scope any. */
function requirePublisher(actor: Principal, template: ApplicationTemplate, doing: string) {
  if (actor.kind === "INTEGRATION_SYSTEM" && template.integrationSystemId !== actor.integrationSystemId) {
    throw forbidden(`An integration system may change only its own application templates (while ${doing} "${template.name}")`);
  }
}

const auditDetails = (row: ApplicationTemplate) => ({
  name: row.name,
  description: row.description,
  integrationSystemId: row.integrationSystemId,
  placeholders: (JSON.parse(row.placeholders) as Placeholder[]).map((p) => p.name),
  labels: JSON.parse(row.labels),
});

/** A template's write in one transaction: its integration system must exist, and a taken name and region is CONFLICT. */
function writingTemplate(db: Db, valid: ValidTemplate, write: (tx: Prisma.TransactionClient) => Promise<ApplicationTemplate>): Promise<ApplicationTemplate> {
  return transactionRefusingDuplicates(
    db,
    async (tx) => {
      await requireSystemExists(tx, valid.columns.integrationSystemId);
      return write(tx);
    },
    () => duplicate(valid.columns.name, valid.columns.regionKey),
  );
}

export async function createApplicationTemplate(
  db: Db,
  actor: Principal,
  input: ApplicationTemplateInput,
  targets: TargetPolicy = STRICT_TARGETS,
): Promise<ApplicationTemplate> {
  const valid = await validTemplate(actor, input, targets);
  return writingTemplate(db, valid, async (tx) => {
    const row = await tx.applicationTemplate.create({ data: { id: newId(), ...valid.columns } });
    const webhooks = await insertWebhooks(tx, { type: "APPLICATION_TEMPLATE", id: row.id, tenantId: null }, valid.webhooks);
    await auditTemplate(tx, actor, "APPLICATION_TEMPLATE_CREATED", row, {
      ...auditDetails(row),
      webhooks: webhooks.map((w, at) => ({ id: w.id, ...auditFieldsOf(w, valid.webhooks[at].auth) })),
    });
    return row;
  });
}

/** Compass's updateApplicationTemplate: the template, its new fields, and whether its webhooks are replaced even when none are given. */
export interface TemplateUpdate {
  id: string;
  input: ApplicationTemplateInput;
  override: boolean;
}

/**
 * Compass's update: every field replaced. Its webhooks are replaced when
 * `override` is true or webhooks are given; otherwise they stay. Renaming it
 * renames the `applicationType` label of the applications registered from it.
 */
export async function updateApplicationTemplate(db: Db, actor: Principal, update: TemplateUpdate, targets = STRICT_TARGETS): Promise<ApplicationTemplate> {
  const { id, input, override } = update;
  const valid = await validTemplate(actor, input, targets);
  return writingTemplate(db, valid, async (tx) => {
    const before = await tx.applicationTemplate.findUnique({ where: { id } });
    if (!before) throw notFound("application template", id, "updating it");
    requirePublisher(actor, before, "updating");
    // Compass's labels input is only for those allowed to set it; omitted, the labels stay.
    const columns = input.labels == null ? { ...valid.columns, labels: before.labels, regionKey: before.regionKey } : valid.columns;
    const row = await tx.applicationTemplate.update({ where: { id }, data: columns });
    const replaceWebhooks = override || (input.webhooks?.length ?? 0) > 0;
    if (replaceWebhooks) {
      await deleteWebhooksOf(tx, [id]);
      await insertWebhooks(tx, { type: "APPLICATION_TEMPLATE", id, tenantId: null }, valid.webhooks);
    }
    if (before.name !== row.name) {
      const apps = await tx.application.findMany({ where: { applicationTemplateId: id }, select: { id: true } });
      await tx.label.updateMany({ where: { objectId: { in: apps.map((app) => app.id) }, key: APPLICATION_TYPE_KEY }, data: { value: row.name } });
    }
    await auditTemplate(tx, actor, "APPLICATION_TEMPLATE_UPDATED", row, {
      before: auditDetails(before),
      after: auditDetails(row),
      webhooksReplaced: replaceWebhooks,
    });
    return row;
  });
}

/**
 * Deletes a template and its webhooks. A template that applications were
 * registered from is not deleted (CONFLICT naming how many): Compass's
 * database refuses it too (docs/decisions/0032).
 */
export async function deleteApplicationTemplate(db: Db, actor: Principal, id: string): Promise<ApplicationTemplate> {
  return db.$transaction(async (tx) => {
    const row = await tx.applicationTemplate.findUnique({ where: { id } });
    if (!row) throw notFound("application template", id, "deleting it");
    requirePublisher(actor, row, "deleting");
    if (isPostgres(db)) await tx.$executeRaw`SELECT 1 FROM "ApplicationTemplate" WHERE "id" = ${id} FOR UPDATE`;
    const used = await tx.application.count({ where: { applicationTemplateId: id } });
    refuseWhileUsed(used, "application template", row.name, { noun: "application", from: "registered from it", remedy: "unregister them first" });
    const webhooks = await deleteWebhooksOf(tx, [id]);
    await tx.applicationTemplate.delete({ where: { id } });
    await auditTemplate(tx, actor, "APPLICATION_TEMPLATE_DELETED", row, { ...auditDetails(row), deletedWebhooks: webhooks });
    return row;
  });
}

export function findApplicationTemplate(db: Db, id: string): Promise<ApplicationTemplate | null> {
  return db.applicationTemplate.findUnique({ where: { id } });
}

/** Its applications count per template, in one read (the console's list). */
export async function applicationCounts(db: Db, ids: readonly string[]): Promise<number[]> {
  const rows = await db.application.groupBy({ by: ["applicationTemplateId"], where: { applicationTemplateId: { in: [...ids] } }, _count: { _all: true } });
  const counts = new Map(rows.map((row) => [row.applicationTemplateId, row._count._all]));
  return ids.map((id) => counts.get(id) ?? 0);
}

const BY_CREATED = keyset<ApplicationTemplate>("applicationTemplates", BY_CREATED_AT, "ASC");

/** Templates oldest first, a page at a time; `search` matches names containing it, ignoring case. */
export function listApplicationTemplates(db: Db, args: GlobalLabelPageArgs & { search?: string | null }): Promise<LazyPage<ApplicationTemplate>> {
  const parts = globalLabelFilterSql(args.filter, isPostgres(db), "Application templates");
  const search = args.search?.trim();
  if (search) parts.push(lowerContainsSql("name", search));
  const matches = parts.length ? Prisma.join(parts, " AND ") : Prisma.sql`1 = 1`;
  return keysetPage(
    db,
    { table: "ApplicationTemplate", rowsByIds: (ids) => db.applicationTemplate.findMany({ where: { id: { in: ids } } }) },
    { matches, keyset: BY_CREATED, first: args.first, after: args.after },
  );
}

export interface ApplicationFromTemplateInput {
  id?: string | null;
  templateName: string;
  values?: readonly (TemplateValueInput | null | undefined)[] | null;
  placeholdersPayload?: string | null;
  labels?: Record<string, unknown> | null;
}

/** Compass's look-up: by id when given (its name must match), else the one template with this name. */
async function templateFor(db: Db, input: ApplicationFromTemplateInput): Promise<ApplicationTemplate> {
  const name = input.templateName.trim();
  if (input.id) {
    const row = await db.applicationTemplate.findUnique({ where: { id: input.id } });
    if (!row || row.name !== name) throw notFound("application template", input.id, `registering an application from template "${name.slice(0, 100)}"`);
    return row;
  }
  const rows = await db.applicationTemplate.findMany({ where: { name }, take: 2 });
  if (rows.length === 0) throw new DomainError("NOT_FOUND", `No application template is named "${name.slice(0, 100)}"`, "in.templateName");
  if (rows.length > 1) throw badInput("in.id", `Several application templates are named "${name}" (one per region): give its id too`);
  return rows[0];
}

/**
 * Compass's registerApplicationFromTemplate: the template's applicationInput
 * with its placeholders filled, plus `labels` (over the template's; `managed`
 * is "false" unless given), registered as registerApplication registers (one
 * transaction with its labels, webhooks and bundles), recording the template.
 * A value that makes the application invalid is BAD_USER_INPUT on where the
 * value was given, naming the placeholder.
 */
export async function registerApplicationFromTemplate(
  db: Db,
  actor: Principal,
  tenant: Tenant,
  input: ApplicationFromTemplateInput,
  options: { webhookTargets?: TargetPolicy } & AfterCommitOptions = {},
): Promise<Application> {
  const template = await templateFor(db, input);
  const placeholders = JSON.parse(template.placeholders) as Placeholder[];
  const applicationInput = JSON.parse(template.applicationInput) as ApplicationJsonInput;
  const { values, fieldOf } = placeholderValues(placeholders, input);
  const filled = fillPlaceholders(applicationInput, placeholders, values) as ApplicationJsonInput;
  const labels = { ...(filled.labels ?? {}), ...(input.labels ?? {}) };
  if (labels[MANAGED_KEY] === undefined) labels[MANAGED_KEY] = "false";
  try {
    return await registerObject(APPLICATION, db, actor, tenant, { ...filled, labels }, undefined, {
      ...options,
      columns: { applicationTemplateId: template.id },
      // The template may be deleted meanwhile: on PostgreSQL its row is held (a delete waits, then counts this
      // application); SQLite runs one writing transaction at a time, so the read is enough.
      requireInTransaction: async (tx) => {
        if (isPostgres(db)) await tx.$executeRaw`SELECT 1 FROM "ApplicationTemplate" WHERE "id" = ${template.id} FOR SHARE`;
        if (!(await tx.applicationTemplate.findUnique({ where: { id: template.id }, select: { id: true } }))) {
          throw notFound("application template", template.id, `registering an application from template "${template.name}"`);
        }
      },
    });
  } catch (error) {
    if (!(error instanceof DomainError) || error.code !== "BAD_USER_INPUT" || !error.field?.startsWith("in")) throw error;
    const named = placeholdersAtField(applicationInput, error.field).filter((name) => values.has(name));
    if (named.length === 0) throw error;
    throw badInput(
      fieldOf(named[0]),
      `The value of placeholder${named.length > 1 ? "s" : ""} ${named.map((name) => `"${name}"`).join(", ")} makes the application invalid at applicationInput${error.field.slice(2)}: ${error.message}`,
    );
  }
}

/**
 * Compass's addWebhook(applicationTemplateID), updateWebhook and deleteWebhook
 * on a template's webhook: global like the template, with the rights to
 * change the template (an integration system only on its own).
 */
export async function addApplicationTemplateWebhook(
  db: Db,
  actor: Principal,
  templateId: string,
  input: WebhookInput,
  targets: TargetPolicy = STRICT_TARGETS,
): Promise<Webhook> {
  const valid = validWebhookInput(input, "in");
  await requirePublicTargets(valid.targets, targets);
  return db.$transaction(async (tx) => {
    const template = await tx.applicationTemplate.findUnique({ where: { id: templateId } });
    if (!template) throw notFound("application template", templateId, "adding a webhook to it");
    requirePublisher(actor, template, "adding a webhook to");
    if (isPostgres(db)) await tx.$executeRaw`SELECT 1 FROM "ApplicationTemplate" WHERE "id" = ${templateId} FOR UPDATE`;
    const held = await tx.webhook.count({ where: { ownerId: templateId } });
    if (held >= WEBHOOK_LIMITS.perOwner)
      throw conflict(`Application template "${template.name}" already has ${held} webhooks, the most one may have`, "applicationTemplateID");
    const [row] = await insertWebhooks(tx, { type: "APPLICATION_TEMPLATE", id: templateId, tenantId: null }, [valid]);
    await auditWebhook(tx, actor, "WEBHOOK_ADDED", row, auditFieldsOf(row, valid.auth));
    return row;
  });
}

/** The webhook if it is an application template's (null: another owner's, for the tenant-scoped path). */
export function findTemplateWebhook(db: Db, id: string): Promise<Webhook | null> {
  return db.webhook.findFirst({ where: { id, ownerType: "APPLICATION_TEMPLATE" } });
}

async function requireTemplateWebhook(tx: Prisma.TransactionClient, actor: Principal, id: string, doing: string): Promise<Webhook> {
  const row = await tx.webhook.findFirst({ where: { id, ownerType: "APPLICATION_TEMPLATE" } });
  const template = row ? await tx.applicationTemplate.findUnique({ where: { id: row.ownerId } }) : null;
  if (!row || !template) throw notFound("webhook", id, `${doing} it`);
  requirePublisher(actor, template, `${doing} a webhook of`);
  return row;
}

/** Replaces every field of a template's webhook (an omitted one clears it), as for every webhook. */
export async function updateApplicationTemplateWebhook(db: Db, actor: Principal, id: string, input: WebhookInput, targets: TargetPolicy = STRICT_TARGETS) {
  const valid = validWebhookInput(input, "in");
  await requirePublicTargets(valid.targets, targets);
  return db.$transaction(async (tx) => {
    const before = await requireTemplateWebhook(tx, actor, id, "updating");
    const row = await tx.webhook.update({ where: { id }, data: webhookColumns(id, valid) });
    await auditWebhook(tx, actor, "WEBHOOK_UPDATED", row, { before: auditFieldsOf(before, authOf(before)), after: auditFieldsOf(row, valid.auth) });
    return row;
  });
}

export async function deleteApplicationTemplateWebhook(db: Db, actor: Principal, id: string): Promise<Webhook> {
  return db.$transaction(async (tx) => {
    const row = await requireTemplateWebhook(tx, actor, id, "deleting");
    await tx.webhook.delete({ where: { id } });
    await auditWebhook(tx, actor, "WEBHOOK_DELETED", row, auditFieldsOf(row, authOf(row)));
    return row;
  });
}
