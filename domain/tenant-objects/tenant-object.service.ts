import type { Tenant } from "@/generated/prisma-sqlite/client";
import { type Db, type Tx, isPostgres } from "@/lib/db";
import { rawReader } from "@/domain/instance";
import { transactionRefusingDuplicates } from "@/lib/db-errors";
import { newId } from "@/lib/ids";
import { selectEveryColumn } from "@/lib/raw-select";
import { plural } from "@/lib/text";
import { recordAudit, recordAudits } from "@/domain/audit/audit.service";
import { DomainError, conflict, forbidden, notFound } from "@/domain/errors";
import type { Principal } from "@/domain/principals/principal";
import { requireManager } from "@/domain/principals/authorize";
import { type LazyPage, checkPageSize } from "@/domain/paging/cursor";
import { BY_CREATED_AT, type Direction, type KeyColumn, type PageSource, firstKeysetPages, keyset, keysetPage, readRows } from "@/domain/paging/keyset";
import { containsSql } from "@/domain/paging/search";
import { deleteLabelsOf, writeLabels } from "@/domain/labels/label.service";
import { type LabelFilterInput, labelFiltersSql } from "@/domain/labels/label-filter";
import type { LabelObjectType } from "@/domain/labels/label-rules";
import { deleteCredentialsOf, forgetCredentials } from "@/domain/credentials/system-auth.service";
import { type ValidNamedInput, nameKeyOf } from "@/domain/validation/validation";
import { STRICT_TARGETS, type TargetPolicy, requirePublicTargets } from "@/domain/webhooks/webhook-url";
import { validWebhookInputs } from "@/domain/webhooks/webhook-rules";
import { auditFieldsOf, deleteWebhooksOf, deleteWebhooksOfTenant, insertWebhooks } from "@/domain/webhooks/webhook-store";
import { Prisma } from "@/generated/prisma-sqlite/client";
import type { AfterCommitOptions, TenantObjectInput, TenantObjectKind, TenantObjectRow, TenantObjectType, UpdateInputOf } from "./tenant-object-kind";
import { TENANT_OBJECT_KINDS } from "./kinds";
import { forgetDefaultEventingOf } from "@/domain/eventing/default-eventing-store";
import { forgetSharesOf, objectById, reachableSql, sharedAccess, visibleInTenantSql } from "./tenant-access";

/**
 * The rules every tenant-scoped kind shares (its differences are in its
 * descriptor, kinds/): each object lives in one tenant and every operation
 * names it; one in another tenant is as unknown as one that never existed;
 * names are unique in the tenant ignoring case and look-alike letters; an
 * integration system manages what it registers and may change nothing else;
 * every write is audited in its transaction; deleting an object deletes its
 * labels and credentials, whose tokens are refused at once.
 */

const capitalized = (text: string) => text[0].toUpperCase() + text.slice(1);

/** "runtime contexts" → "runtimeContexts": nouns as the keys of details and counts. */
const camelCased = (noun: string) =>
  noun
    .split(" ")
    .map((word, i) => (i === 0 ? word : capitalized(word)))
    .join("");

/** What messages and audit call the object: its name, or what a nameless kind says. */
const titleOf = <Row extends TenantObjectRow>(kind: TenantObjectKind<Row>, row: Row) => kind.title?.(row) ?? row.name ?? row.id;

const kindOf = (type: TenantObjectType) => TENANT_OBJECT_KINDS[type];

/**
 * The kinds whose objects live under one of `kind` (runtime contexts under a
 * runtime) or are gathered in one (API definitions in a bundle), with the
 * column that names it.
 */
const childKindsOf = (kind: TenantObjectKind) =>
  kindsOf().flatMap((child) => [
    ...(child.parent?.type === kind.type ? [{ child, column: child.parent.column }] : []),
    ...(child.group?.type === kind.type ? [{ child, column: child.group.column }] : []),
  ]);

/** The id of the object a child lives under (or, with `column`, of its group). */
const parentIdOf = (kind: TenantObjectKind, row: TenantObjectRow, column = kind.parent!.column) => (row as unknown as Record<string, string>)[column];

/** How deep a kind lives: 0 for one on its own, 1 under it, and so on (a group counts as a parent). Deeper kinds are deleted first. */
const depthOf = (kind: TenantObjectKind): number =>
  Math.max(kind.parent ? 1 + depthOf(kindOf(kind.parent.type)) : 0, kind.group ? 1 + depthOf(kindOf(kind.group.type)) : 0);

function duplicateName(kind: TenantObjectKind, name: string, tenant: Tenant) {
  return conflict(
    `${capitalized(kind.nouns.a)} named "${name}" already exists in tenant "${tenant.externalId}" (names are unique per tenant, ignoring case and look-alike letters)`,
    "in.name",
  );
}

/** Its own fields for the audit log: name, description and what the kind adds. */
const fieldsOf = <Row extends TenantObjectRow>(kind: TenantObjectKind<Row>, row: Row) => ({
  ...(kind.title ? {} : { name: row.name, description: row.description }),
  ...kind.auditFields?.(row),
});

/** Audit details: where the object lives and who manages it, beside its own fields. */
const detailsOf = <Row extends TenantObjectRow>(kind: TenantObjectKind<Row>, row: Row, tenant: Tenant) => ({
  ...fieldsOf(kind, row),
  tenantId: tenant.id,
  tenantExternalId: tenant.externalId,
  integrationSystemId: row.integrationSystemId,
});

// Only kinds whose inputs carry labels get here with any (applications, runtimes, runtime contexts, integration dependencies).
const labelTarget = <Row extends TenantObjectRow>(kind: TenantObjectKind<Row>, row: Row) => ({
  type: kind.type as LabelObjectType,
  ...row,
  name: titleOf(kind, row),
});

/** The labels an input writes, with the kind's default labels where it sets none of those keys. */
function labelsToWrite(kind: TenantObjectKind<never>, labels: Record<string, unknown> | null | undefined): Record<string, unknown> | null {
  if (!labels && !kind.defaultLabels) return null;
  const given = labels ?? {};
  const defaults = Object.entries(kind.defaultLabels ?? {}).filter(([key]) => given[key] === undefined || given[key] === null);
  return { ...given, ...Object.fromEntries(defaults) };
}

/** The tenant may have been deleted since the request named it; SQLite would not refuse the orphan. */
async function requireTenantStill(tx: Tx, tenant: Tenant, doing: string) {
  if (!(await tx.tenant.findUnique({ where: { id: tenant.id }, select: { id: true } }))) throw notFound("tenant", tenant.id, doing);
}

/**
 * May `actor` change this object? Users with the write scope any, an
 * integration system only those it manages, an object calling as itself only
 * itself. A child kind's object answers as its parent does: whoever may change
 * the runtime may change its contexts.
 */
async function requireWriter<Row extends TenantObjectRow>(tx: Tx, kind: TenantObjectKind<Row>, actor: Principal, tenant: Tenant, row: Row, doing: string) {
  if (kind.parent) {
    const parentKind = kindOf(kind.parent.type);
    const parent = await parentKind.model(tx).findFirst({ where: { id: parentIdOf(kind, row), tenantId: row.tenantId } });
    // The foreign key keeps a child's parent; only a concurrent removal of both could get here.
    if (!parent) throw notFound(parentKind.nouns.one, parentIdOf(kind, row), `${doing} ${kind.nouns.a} in tenant "${tenant.externalId}"`);
    return requireWriter(tx, parentKind, actor, tenant, parent, doing);
  }
  if ((actor.kind === "APPLICATION" || actor.kind === "RUNTIME") && (actor.kind !== kind.type || actor.objectId !== row.id)) {
    throw forbidden(
      `An ${actor.kind === "APPLICATION" ? "application" : "runtime"} may change only itself and what lives under it (while ${doing} ${kind.nouns.a})`,
    );
  }
  requireManager(actor, { integrationSystemId: row.integrationSystemId, name: titleOf(kind, row) }, kind.nouns.one, doing);
}

/**
 * The object with this id in this tenant (or in a tenant below it, or shared
 * with it as owner: tenant-access.ts), which `actor` may change (see
 * requireWriter). `doing` completes "while <doing> …" ("updating", "unregistering").
 */
export async function requireManagedObject<Row extends TenantObjectRow>(
  tx: Tx,
  kind: TenantObjectKind<Row>,
  actor: Principal,
  tenant: Tenant,
  id: string,
  doing: string,
  notFoundDoing = `${doing} it`,
): Promise<Row> {
  let row = await kind.model(tx).findFirst({ where: { id, tenantId: tenant.id } });
  if (!row) {
    const access = await sharedAccess(tx, tenant, kind, id);
    if (access && !access.owner) {
      throw forbidden(`This ${kind.nouns.one} is shared read-only with tenant "${tenant.externalId}" (while ${doing} it)`);
    }
    if (access) row = await objectById(kind, tx, id);
  }
  if (!row) throw notFound(kind.nouns.one, id, `${notFoundDoing} in tenant "${tenant.externalId}"`);
  await requireWriter(tx, kind, actor, tenant, row, doing);
  return row;
}

/** Audits each of these rows as unregistered by a removal that took many at once, with `details` saying why. */
function auditUnregistered(
  tx: Tx,
  actor: Principal,
  kind: TenantObjectKind,
  rows: TenantObjectRow[],
  details: (row: TenantObjectRow) => Record<string, unknown>,
) {
  return recordAudits(
    tx,
    actor,
    rows.map((row) => ({ action: kind.audit.unregistered, objectType: kind.table, objectId: row.id, objectLabel: titleOf(kind, row), details: details(row) })),
  );
}

/**
 * Deletes the objects living under these (of every child kind, and theirs in
 * turn), with their labels, each audited as unregistered with `reason`, so
 * every object's own history ends with its removal. Children go first, as
 * their foreign keys hold on to the parents.
 */
async function removeChildrenOf(tx: Tx, actor: Principal, tenant: Tenant, kind: TenantObjectKind, parentIds: string[], reason: string): Promise<void> {
  if (parentIds.length === 0) return;
  for (const { child, column } of childKindsOf(kind)) {
    const rows = await child.model(tx).findMany({ where: { [column]: { in: parentIds } }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
    if (rows.length === 0) continue;
    const ids = rows.map((row) => row.id);
    await removeChildrenOf(tx, actor, tenant, child, ids, reason);
    await deleteLabelsOf(tx, ids);
    await child.model(tx).deleteMany({ where: { id: { in: ids } } });
    await auditUnregistered(tx, actor, child, rows, (row) => ({ ...detailsOf(child, row, tenant), reason }));
  }
}

/**
 * A parent holds at most `parent.max` objects of a child kind. On PostgreSQL
 * the parent's row is locked until commit, so registrations under one parent
 * count one after the other and a burst cannot pass the bound together;
 * SQLite runs one writer at a time.
 */
async function requireRoomUnder(tx: Tx, postgres: boolean, kind: TenantObjectKind<never>, parentKind: TenantObjectKind, parent: TenantObjectRow) {
  const { column, max } = kind.parent!;
  if (postgres) await tx.$executeRaw`SELECT 1 FROM ${Prisma.raw(`"${parentKind.table}"`)} WHERE "id" = ${parent.id} FOR UPDATE`;
  const [{ count }] = await tx.$queryRaw<{ count: bigint | number }[]>`
    SELECT COUNT(*) AS "count" FROM ${Prisma.raw(`"${kind.table}"`)} WHERE ${Prisma.raw(`"${column}"`)} = ${parent.id}`;
  if (Number(count) >= max) {
    throw conflict(
      `${capitalized(parentKind.nouns.one)} "${titleOf(parentKind, parent)}" holds ${max} ${kind.nouns.many}, the most it may: remove one first`,
      undefined,
      { limit: max },
    );
  }
}

/** An input checked by its kind, with what is to be created under it: all of it checked before the transaction. */
interface Planned {
  kind: TenantObjectKind;
  valid: object & Partial<ValidNamedInput>;
  labels: Record<string, unknown> | null;
  nested: Planned[];
}

/** Errors of a nested input name where it is (`in.apiDefinitions[0].name`), not `in.name`. */
function validAt<T>(field: string, check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (field === "in" || !(error instanceof DomainError) || !error.field?.startsWith("in")) throw error;
    throw new DomainError(error.code, error.message, `${field}${error.field.slice(2)}`, error.details);
  }
}

function planOf(kind: TenantObjectKind, input: TenantObjectInput, field: string): Planned {
  // The kind never sees `webhooks`: they are the core's to check and store, never columns of the object.
  const { webhooks: _, ...own } = input;
  const valid = validAt(field, () => kind.validate(own as TenantObjectInput)) as Planned["valid"];
  const nested = (kind.nested?.(input) ?? []).flatMap(({ type, inputs, field: at }) =>
    (inputs ?? []).map((child, i) => planOf(kindOf(type), child, `${field}${at.slice(2)}[${i}]`)),
  );
  return { kind, valid, labels: validAt(field, () => labelsToWrite(kind as TenantObjectKind<never>, input.labels)), nested };
}

/**
 * Checks a registration as registerObject would, writing nothing: the kind's
 * rules, its labels, its webhooks and what is nested in it. Errors name the
 * field under `field` (an application template checks its applicationInput so).
 */
export function checkRegistration(kind: TenantObjectKind, input: TenantObjectInput, field: string): void {
  planOf(kind, input, field);
  if (kind.webhooks) validWebhookInputs(input.webhooks, `${field}.webhooks`);
}

/** The columns that place a nested object under `row` of `kind`: as its parent, or as its group (then its parent is the group's). */
function placementUnder(child: TenantObjectKind, kind: TenantObjectKind, row: TenantObjectRow): Record<string, string> {
  if (child.parent?.type === kind.type) return { [child.parent.column]: row.id };
  return { [child.group!.column]: row.id, [child.parent!.column]: parentIdOf(kind, row) };
}

/** Creates a planned object and what is nested in it, each with its labels and its own audit event. */
async function insertPlanned(
  tx: Tx,
  postgres: boolean,
  actor: Principal,
  tenant: Tenant,
  planned: Planned,
  columns: Record<string, string | null>,
  created: { kind: TenantObjectKind; row: TenantObjectRow }[],
  auditExtra: (row: TenantObjectRow) => Promise<Record<string, unknown>> = async () => ({}),
): Promise<TenantObjectRow> {
  const { kind, valid } = planned;
  const id = newId();
  const data = { id, tenantId: tenant.id, ...columns, ...(kind.createData?.(valid, id) ?? valid) };
  const row = await kind.model(tx).create({ data: data as never });
  created.push({ kind, row });
  await kind.afterInsert?.(tx, row);
  const labels = planned.labels ? (await writeLabels(tx, postgres, labelTarget(kind, row), planned.labels, "in.labels", false)).after : undefined;
  await recordAudit(tx, actor, {
    action: kind.audit.registered,
    objectType: kind.table,
    objectId: row.id,
    objectLabel: titleOf(kind, row),
    details: { ...detailsOf(kind, row, tenant), ...(labels ? { labels } : {}), ...(await auditExtra(row)) },
  });
  for (const child of planned.nested) {
    await insertPlanned(
      tx,
      postgres,
      actor,
      tenant,
      child,
      { integrationSystemId: row.integrationSystemId, ...placementUnder(child.kind, kind, row) },
      created,
    );
  }
  return row;
}

/**
 * Registers an object in `tenant`. When an integration system registers it,
 * that system manages it, whatever the input says; a user may name an
 * existing integration system where the kind allows it, or none. A kind with
 * a group may be registered into one (`options.groupId`): then under the
 * group's parent.
 */
export async function registerObject<Row extends TenantObjectRow, Input extends TenantObjectInput, Valid>(
  kind: TenantObjectKind<Row, Input, Valid>,
  db: Db,
  actor: Principal,
  tenant: Tenant,
  input: Input,
  parentId?: string,
  options: {
    webhookTargets?: TargetPolicy;
    groupId?: string;
    columns?: Record<string, string>;
    /** A check inside the registration's transaction, before anything is written (what `columns` names still exists). */
    requireInTransaction?: (tx: Tx) => Promise<void>;
  } & AfterCommitOptions = {},
): Promise<Row> {
  const planned = planOf(kind as unknown as TenantObjectKind, input, "in");
  // Its webhooks are checked (their hosts may be resolved) before the transaction, and stored in it.
  const webhooks = kind.webhooks ? validWebhookInputs(input.webhooks, "in.webhooks") : [];
  for (const webhook of webhooks) {
    await requirePublicTargets(webhook.targets, options.webhookTargets ?? STRICT_TARGETS);
  }
  const named = kind.manager === "registrar-or-named" ? (input as { integrationSystemID?: string | null }).integrationSystemID || null : null;
  const doing = `registering ${kind.nouns.a} in tenant "${tenant.externalId}"`;
  const created: { kind: TenantObjectKind; row: TenantObjectRow }[] = [];
  const row = await transactionRefusingDuplicates(
    db,
    async (tx) => {
      await requireTenantStill(tx, tenant, doing);
      await options.requireInTransaction?.(tx);
      let integrationSystemId = actor.kind === "INTEGRATION_SYSTEM" ? actor.integrationSystemId : named;
      // Columns the caller sets and no input may (an application's template, when registered from one).
      const columns: Record<string, string | null> = { ...options.columns };
      let underId = parentId;
      if (kind.group && options.groupId !== undefined) {
        // Into a group the caller may change; its parent is the object's parent.
        const groupKind = kindOf(kind.group.type);
        const group = await requireManagedObject(tx, groupKind, actor, tenant, options.groupId, doing, doing);
        columns[kind.group.column] = group.id;
        underId = parentIdOf(groupKind, group);
      }
      if (kind.parent) {
        // Under a parent of this tenant that the caller may change; its manager manages the child too.
        const parentKind = kindOf(kind.parent.type);
        const parent = await requireManagedObject(tx, parentKind, actor, tenant, underId ?? "", doing, doing);
        await requireRoomUnder(tx, isPostgres(db), kind as unknown as TenantObjectKind<never>, parentKind, parent);
        integrationSystemId = parent.integrationSystemId;
        columns[kind.parent.column] = parent.id;
      }
      if (integrationSystemId && !(await tx.integrationSystem.findUnique({ where: { id: integrationSystemId }, select: { id: true } }))) {
        throw notFound("integration system", integrationSystemId, doing);
      }
      // Only kinds that hold webhooks (applications and runtimes) store any.
      const row = await insertPlanned(tx, isPostgres(db), actor, tenant, planned, { integrationSystemId, ...columns }, created, async (row) => {
        if (!webhooks.length) return {};
        const added = await insertWebhooks(tx, { type: kind.type as "APPLICATION" | "RUNTIME", id: row.id, tenantId: tenant.id }, webhooks);
        return { webhooks: added.map((webhook, at) => ({ id: webhook.id, ...auditFieldsOf(webhook, webhooks[at].auth) })) };
      });
      return row as Row;
    },
    () => duplicateName(kind, planned.valid.name ?? "", tenant),
  );
  await afterCommit(db, created, options);
  return (created[0]?.row as Row | undefined) ?? row;
}

/** Each written object's work after the commit (kinds' `afterCommit`), in order; the rows as they now are. */
async function afterCommit(db: Db, written: { kind: TenantObjectKind; row: TenantObjectRow }[], options: AfterCommitOptions): Promise<void> {
  for (const entry of written) {
    if (entry.kind.afterCommit) entry.row = await entry.kind.afterCommit(db, entry.row, options);
  }
}

/** Replaces its fields (an omitted description clears it, unless the kind's validateUpdate keeps what is omitted) and, when given, every label. */
export async function updateObject<Row extends TenantObjectRow, Input extends TenantObjectInput, Valid>(
  kind: TenantObjectKind<Row, Input, Valid>,
  db: Db,
  actor: Principal,
  tenant: Tenant,
  id: string,
  input: UpdateInputOf<Input>,
  options: AfterCommitOptions = {},
): Promise<Row> {
  // Without its own update check, a kind's update takes what its register takes (name included).
  const valid: Valid & Partial<ValidNamedInput> = kind.validateUpdate ? kind.validateUpdate(input as never) : kind.validate(input as Input);
  // Default labels come with labels given; an update without labels leaves them all as they are.
  const labelsGiven = input.labels ? labelsToWrite(kind as TenantObjectKind<never>, input.labels) : null;
  const updated = await transactionRefusingDuplicates(
    db,
    async (tx) => {
      const before = await requireManagedObject(tx, kind, actor, tenant, id, "updating");
      const row = await kind.model(tx).update({ where: { id }, data: (kind.updateData?.(valid, before) ?? valid) as never });
      const labels = labelsGiven ? await writeLabels(tx, isPostgres(db), labelTarget(kind, row), labelsGiven, "in.labels", true) : null;
      await recordAudit(tx, actor, {
        action: kind.audit.updated,
        objectType: kind.table,
        objectId: id,
        objectLabel: titleOf(kind, row),
        details: {
          before: { ...fieldsOf(kind, before), ...(labels ? { labels: labels.before } : {}) },
          after: { ...fieldsOf(kind, row), ...(labels ? { labels: labels.after } : {}) },
          tenantId: tenant.id,
          tenantExternalId: tenant.externalId,
          integrationSystemId: row.integrationSystemId,
        },
      });
      return row;
    },
    () => duplicateName(kind, valid.name ?? "", tenant),
  );
  const written = [{ kind: kind as unknown as TenantObjectKind, row: updated as TenantObjectRow }];
  await afterCommit(db, written, options);
  return written[0].row as Row;
}

/**
 * Runs a kind's work after the commit again for one object the caller may
 * change (refetchAPISpec: its spec fetched again), outside any transaction.
 */
export async function redoAfterCommit<Row extends TenantObjectRow>(
  kind: TenantObjectKind<Row>,
  db: Db,
  actor: Principal,
  tenant: Tenant,
  id: string,
  options: AfterCommitOptions,
): Promise<Row> {
  const row = await db.$transaction((tx) => requireManagedObject(tx, kind, actor, tenant, id, "refreshing"));
  return kind.afterCommit ? kind.afterCommit(db, row, { ...options, force: true }) : row;
}

/** Deletes it with its labels and credentials, and what lives under it; the credentials' tokens are refused at once. */
export async function unregisterObject<Row extends TenantObjectRow>(
  kind: TenantObjectKind<Row>,
  db: Db,
  actor: Principal,
  tenant: Tenant,
  id: string,
): Promise<Row> {
  const { row, credentials } = await db.$transaction(async (tx) => {
    const row = await requireManagedObject(tx, kind, actor, tenant, id, "unregistering");
    await kind.requireRemovable?.(tx, row);
    await kind.onRemove?.(tx, row);
    await removeChildrenOf(tx, actor, tenant, kind as unknown as TenantObjectKind, [id], `${kind.type}_UNREGISTERED`);
    const credentials = kind.credentials ? await deleteCredentialsOf(tx, kind.type as "APPLICATION" | "RUNTIME", [id]) : [];
    await deleteLabelsOf(tx, [id]);
    await forgetSharesOf(tx, [id]);
    await forgetDefaultEventingOf(tx, [id]);
    await kind.model(tx).delete({ where: { id } });
    // After the owner's row: a concurrent addWebhook holding that row has committed by now, or finds it gone.
    const webhooks = kind.webhooks ? await deleteWebhooksOf(tx, [id]) : [];
    await recordAudit(tx, actor, {
      action: kind.audit.unregistered,
      objectType: kind.table,
      objectId: id,
      objectLabel: titleOf(kind, row),
      details: { ...detailsOf(kind, row, tenant), deletedCredentials: credentials, ...(webhooks.length ? { deletedWebhooks: webhooks } : {}) },
    });
    return { row, credentials };
  });
  forgetCredentials(db, credentials);
  return row;
}

const kindsOf = () => Object.values(TENANT_OBJECT_KINDS);

/**
 * Before an integration system is deleted: a system that still manages
 * objects is a CONFLICT naming how many of each kind, as they would be left
 * managed by nobody, in tenants the admin may not see.
 */
export async function requireManagesNothing(tx: Tx, system: { id: string; name: string }): Promise<void> {
  const counts: (readonly [TenantObjectKind, number])[] = [];
  for (const kind of kindsOf()) counts.push([kind, await kind.model(tx).count({ where: { integrationSystemId: system.id } })]);
  if (counts.every(([, count]) => count === 0)) return;
  const what = counts
    .filter(([, count]) => count > 0)
    .map(([kind, count]) => plural(count, kind.nouns.one))
    .join(" and ");
  throw conflict(`Integration system "${system.name}" still manages ${what}; unregister them first`, undefined, countDetails(counts));
}

/** `{ applicationCount: 2, runtimeCount: 0 }`: the counts of every kind, for a CONFLICT's details. */
const countDetails = (counts: readonly (readonly [TenantObjectKind, number])[]) =>
  Object.fromEntries(counts.map(([kind, count]) => [`${camelCased(kind.nouns.one)}Count`, count]));

/**
 * A tenant being deleted: one that holds objects is a CONFLICT naming how
 * many unless `cascade`. Past that check, `beforeRemoving` runs (the
 * caller deletes what refers to the objects: credentials, labels), then every
 * kind's objects are deleted in the caller's transaction and each is audited
 * as unregistered, so every object's own history ends with its removal.
 * Answers how many of each kind went, for the tenant's own event
 * (`unregisteredApplications`, ...).
 */
export async function removeObjectsOfTenant(
  tx: Tx,
  actor: Principal,
  tenant: Tenant,
  cascade: boolean,
  beforeRemoving: () => Promise<void>,
): Promise<Record<string, number>> {
  const found: (readonly [TenantObjectKind, TenantObjectRow[]])[] = [];
  for (const kind of kindsOf())
    found.push([kind, await kind.model(tx).findMany({ where: { tenantId: tenant.id }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] })]);
  const holding = found.find(([, rows]) => rows.length > 0);
  if (holding && !cascade) {
    throw conflict(
      `Tenant "${tenant.externalId}" still holds ${plural(holding[1].length, holding[0].nouns.one)}; unregister them first, or delete with cascade: true`,
      undefined,
      countDetails(found.map(([kind, rows]) => [kind, rows.length])),
    );
  }
  await beforeRemoving();
  const removed: Record<string, number> = {};
  // Those living under another first: deleted in this order, they meet no foreign key.
  const childrenFirst = [...found].sort(([a], [b]) => depthOf(b) - depthOf(a));
  for (const [kind, rows] of childrenFirst) {
    const ids = rows.map((row) => row.id);
    await forgetSharesOf(tx, ids);
    await forgetDefaultEventingOf(tx, ids);
    await kind.model(tx).deleteMany({ where: { tenantId: tenant.id } });
    await auditUnregistered(tx, actor, kind, rows, (row) => ({
      ...fieldsOf(kind, row),
      tenantId: tenant.id,
      tenantExternalId: tenant.externalId,
      integrationSystemId: row.integrationSystemId,
      reason: "TENANT_DELETED",
    }));
    removed[`unregistered${capitalized(camelCased(kind.nouns.many))}`] = rows.length;
  }
  // After the owners' rows, as in unregisterObject.
  await deleteWebhooksOfTenant(tx, tenant.id);
  return removed;
}

// Every column, as Prisma answers the row: the prepared reads' SELECT, once per kind.
const selects = new WeakMap<TenantObjectKind, string>();
const selectOf = (kind: TenantObjectKind) => {
  let select = selects.get(kind);
  if (!select) selects.set(kind, (select = selectEveryColumn(kind.table, kind.scalarFields)));
  return select;
};

/**
 * The object with this id stored in this tenant, or null. A prepared
 * statement where the client has one (lib/db.ts, rawReader); inside a
 * transaction, Prisma, so the transaction's own writes are seen.
 */
async function ownObject<Row extends TenantObjectRow>(kind: TenantObjectKind<Row>, db: Db | Tx, tenantId: string, id: string): Promise<Row | null> {
  const raw = rawReader(db);
  return raw
    ? ((await raw.rows<Row>(`${selectOf(kind)} WHERE "id" = $1 AND "tenantId" = $2`, [id, tenantId], kind.dateColumns))[0] ?? null)
    : await kind.model(db).findFirst({ where: { id, tenantId } });
}

/** A child asked for under a parent: one under another parent is as unknown as none. */
const underParent = <Row extends TenantObjectRow>(kind: TenantObjectKind<Row>, row: Row | null, parentId: string | undefined, column?: string) =>
  row && parentId !== undefined && parentIdOf(kind as unknown as TenantObjectKind, row, column) !== parentId ? null : row;

/**
 * null for an unknown id and for an object of another tenant alike, unless
 * this tenant reaches it: from above, or through a share (tenant-access.ts).
 */
export async function findObject<Row extends TenantObjectRow>(
  kind: TenantObjectKind<Row>,
  db: Db | Tx,
  tenant: Tenant,
  id: string,
  parentId?: string,
): Promise<Row | null> {
  const own = await ownObject(kind, db, tenant.id, id);
  // Only a miss pays for the walk of the hierarchy and the shares.
  const row = own || !(await sharedAccess(db, tenant, kind, id)) ? own : await objectById(kind, db, id);
  return underParent(kind, row, parentId);
}

/**
 * One object living under `parent`, read in the parent's tenant, where what
 * lives under it always is, whichever way the parent was reached.
 */
export async function findChildObject<Row extends TenantObjectRow>(
  kind: TenantObjectKind<Row>,
  db: Db,
  parent: TenantObjectRow,
  id: string,
  column?: string,
): Promise<Row | null> {
  return underParent(kind, await ownObject(kind, db, parent.tenantId, id), parent.id, column);
}

/**
 * The tenant an object lives in, for the writes that take a tenant rather
 * than the object (labels, credentials) when the request's tenant reaches it
 * as owner from above or through a share (tenant-access.ts): they then run
 * in the object's own tenant. A read-only share is FORBIDDEN; anything else
 * answers the request's tenant, so those writes stay NOT_FOUND as before.
 */
export async function homeTenantFor(kind: TenantObjectKind, db: Db, tenant: Tenant, id: string, doing: string): Promise<Tenant> {
  const row = await findObject(kind, db, tenant, id);
  if (!row || row.tenantId === tenant.id) return tenant;
  if (!(await sharedAccess(db, tenant, kind, id))?.owner) {
    throw forbidden(`This ${kind.nouns.one} is shared read-only with tenant "${tenant.externalId}" (while ${doing})`);
  }
  return (await db.tenant.findUnique({ where: { id: row.tenantId } })) ?? tenant;
}

export interface ObjectListArgs {
  first: number;
  after?: string | null;
  /** Names containing it, ignoring case. */
  search?: string | null;
  /** Label filters, all of which must match. */
  filter?: readonly LabelFilterInput[] | null;
  /** A kind's own condition on its columns (applications by localTenantID). */
  matching?: Prisma.Sql;
  /** Oldest first unless it says otherwise. */
  orderBy?: ObjectOrder | null;
}

/** One page of a plain list: no search, filter or order to choose. */
type PageArgs = Pick<ObjectListArgs, "first" | "after">;

type ObjectOrderField = "NAME" | "CREATED_AT";
export interface ObjectOrder {
  field: ObjectOrderField;
  direction?: Direction | null;
}

/**
 * Every kind's orderings. Names are unique in a tenant ignoring case
 * (`nameKey`), and `@@unique([tenantId, nameKey])` is the index the page
 * seeks; but a tenant's list also holds objects of the tenants below it and
 * objects shared with it (tenant-access.ts), whose names may repeat, so the
 * id breaks ties.
 */
const OBJECT_ORDER: Record<ObjectOrderField, readonly KeyColumn[]> = {
  CREATED_AT: BY_CREATED_AT,
  NAME: [
    { name: "nameKey", type: "string" },
    { name: "id", type: "string" },
  ],
};

/**
 * The keyset of a tenant's list of this kind in `order`. The original
 * ordering keeps its cursor kind, so cursors handed out before stay valid;
 * every other ordering names itself in its cursors, so a cursor never
 * continues another ordering.
 */
function objectKeyset<Row extends TenantObjectRow>(kind: TenantObjectKind<Row>, order: ObjectOrder | null | undefined) {
  const field = order?.field ?? "CREATED_AT";
  const direction = order?.direction ?? "ASC";
  const name = field === "CREATED_AT" && direction === "ASC" ? kind.nouns.many : `${kind.nouns.many}:${field}:${direction}`;
  return keyset<Row>(name, OBJECT_ORDER[field], direction);
}

/** Where a kind's lists read: the plain list is one prepared statement; searches and filters read ids, then rows through Prisma. */
function sourceOf<Row extends TenantObjectRow>(kind: TenantObjectKind<Row>, db: Db, prepared: boolean): PageSource<Row> {
  return {
    table: kind.table,
    prepared: prepared ? { select: selectOf(kind), dateColumns: kind.dateColumns } : undefined,
    rowsByIds: async (ids) => kind.model(db).findMany({ where: { id: { in: ids } } }),
  };
}

/** A tenant's objects of this kind, one keyset page in `orderBy` (oldest first by default); `search` and `filter` narrow it. */
export async function listObjects<Row extends TenantObjectRow>(
  kind: TenantObjectKind<Row>,
  db: Db,
  tenant: Tenant,
  args: ObjectListArgs,
): Promise<LazyPage<Row>> {
  const plain = !args.search?.trim() && !args.filter?.length && !args.matching;
  const visible = plain ? await visibleInTenantSql(db, tenant, kind.type) : reachableSql(tenant, kind.type);
  return listWhere(kind, db, visible, plain, args);
}

/**
 * The objects of a child kind living under `parent`, a keyset page at a time,
 * read in the parent's tenant. A parent's children are a plain list too: one
 * statement shape whichever parent it names.
 */
export function listChildObjects<Row extends TenantObjectRow>(
  kind: TenantObjectKind<Row>,
  db: Db,
  parent: TenantObjectRow,
  args: PageArgs & { equals?: { column: string; value: string } },
  column = kind.parent!.column,
): Promise<LazyPage<Row>> {
  const under = Prisma.sql`"tenantId" = ${parent.tenantId} AND ${Prisma.raw(`"${column}"`)} = ${parent.id}`;
  // One column equal to a value (Compass's `group` of a bundle's API definitions): its own list, read through Prisma.
  const matching = args.equals ? Prisma.sql`${Prisma.raw(`"${args.equals.column}"`)} = ${args.equals.value}` : undefined;
  return listWhere(kind, db, under, !matching, { first: args.first, after: args.after, matching });
}

async function listWhere<Row extends TenantObjectRow>(kind: TenantObjectKind<Row>, db: Db, visible: Prisma.Sql, plain: boolean, args: ObjectListArgs) {
  const filters = labelFiltersSql(args.filter, kind.type as LabelObjectType, kind.table as "Application" | "Runtime", isPostgres(db));
  const search = args.search?.trim();
  const named = search ? containsSql("nameKey", nameKeyOf(search)) : Prisma.sql`1 = 1`;
  return keysetPage(db, sourceOf(kind, db, plain), {
    matches: Prisma.sql`${visible} AND ${named} AND ${filters} AND ${args.matching ?? Prisma.sql`1 = 1`}`,
    keyset: objectKeyset(kind, args.orderBy),
    first: args.first,
    after: args.after,
  });
}

/**
 * The first page of a child kind's objects under each of these parents of one
 * tenant, oldest first, in one read (a page of runtimes asking each for its
 * contexts): each page is what listObjects answers for that parent without a cursor.
 */
export function firstPagesUnder<Row extends TenantObjectRow>(
  kind: TenantObjectKind<Row>,
  db: Db,
  tenant: Pick<Tenant, "id">,
  parentIds: readonly string[],
  first: number,
  column = kind.parent!.column,
): Promise<Map<string, LazyPage<Row>>> {
  return firstKeysetPages(db, sourceOf(kind, db, false), {
    matches: Prisma.sql`"tenantId" = ${tenant.id}`,
    column,
    values: parentIds,
    keyset: keyset<Row>(kind.nouns.many, BY_CREATED_AT, "ASC"),
    first,
  });
}

/** The objects of this kind an integration system manages, across all tenants, oldest first. */
export function listObjectsOfSystem<Row extends TenantObjectRow>(
  kind: TenantObjectKind<Row>,
  db: Db,
  integrationSystemId: string,
  args: PageArgs,
): Promise<LazyPage<Row>> {
  return keysetPage(db, sourceOf(kind, db, true), {
    matches: Prisma.sql`"integrationSystemId" = ${integrationSystemId}`,
    keyset: keyset<Row>(`integrationSystem${capitalized(camelCased(kind.nouns.many))}`, BY_CREATED_AT, "ASC"),
    first: args.first,
    after: args.after,
  });
}

/** The operations above bound to one kind, for callers that name it (tests and scripts: `registerApplication`, ...). */
export const operationsOf = <Row extends TenantObjectRow, Input extends TenantObjectInput, Valid>(kind: TenantObjectKind<Row, Input, Valid>) => ({
  register: (db: Db, actor: Principal, tenant: Tenant, input: Input, parentId?: string) => registerObject(kind, db, actor, tenant, input, parentId),
  update: (db: Db, actor: Principal, tenant: Tenant, id: string, input: UpdateInputOf<Input>) => updateObject(kind, db, actor, tenant, id, input),
  unregister: (db: Db, actor: Principal, tenant: Tenant, id: string) => unregisterObject(kind, db, actor, tenant, id),
  find: (db: Db, tenant: Tenant, id: string) => findObject(kind, db, tenant, id),
  list: (db: Db, tenant: Tenant, args: ObjectListArgs) => listObjects(kind, db, tenant, args),
  listOfSystem: (db: Db, integrationSystemId: string, args: ObjectListArgs) => listObjectsOfSystem(kind, db, integrationSystemId, args),
});

/**
 * Objects of this kind in any tenant whose name contains `search` (ignoring
 * case), by name, at most `first` (1 to 200): the global search's part for
 * each kind. Who may see them is the caller's check (domain/search).
 */
export async function findObjectsByName<Row extends TenantObjectRow>(kind: TenantObjectKind<Row>, db: Db, search: string, first: number): Promise<Row[]> {
  // Names repeat across tenants: the id breaks ties, as in every name order.
  const order = keyset<Row>(`${kind.nouns.many}:byName`, OBJECT_ORDER.NAME, "ASC");
  return readRows(db, sourceOf(kind, db, false), containsSql("nameKey", nameKeyOf(search)), order.orderBy(), checkPageSize(first));
}
