import { Prisma } from "@/generated/prisma-sqlite/client";
import { type Db, type Tx, isPostgres } from "@/lib/db";
import { newId } from "@/lib/ids";
import { recordAudit } from "@/domain/audit/audit.service";
import { notFound } from "@/domain/errors";
import type { Principal } from "@/domain/principals/principal";
import { requireManager } from "@/domain/principals/authorize";
import { type LabelObjectType, checkAgainstSchema, checkLabelValue, checkObjectLabels, checkWritableKey } from "./label-rules";

/**
 * Labels of applications and runtimes: one JSON value per object and key,
 * each checked against the tenant's label definition for its key. Every
 * change is audited with the old and new values (labels are not secrets).
 */
export interface LabelTarget {
  type: LabelObjectType;
  id: string;
  name: string;
  tenantId: string;
  integrationSystemId: string | null;
}

const OBJECT_TYPE = {
  APPLICATION: "Application",
  RUNTIME: "Runtime",
  RUNTIME_CONTEXT: "RuntimeContext",
  INTEGRATION_DEPENDENCY: "IntegrationDependency",
} as const;
const NOUN = { APPLICATION: "application", RUNTIME: "runtime", RUNTIME_CONTEXT: "runtime context", INTEGRATION_DEPENDENCY: "integration dependency" } as const;

/**
 * The schemas of these keys' definitions. On PostgreSQL the rows are read
 * FOR SHARE: a definition being changed (updateLabelDefinition holds its row)
 * is waited for and its new schema checked, so a value valid only under the
 * old one cannot slip in beside the change. SQLite runs one writer at a time.
 */
async function definitionsFor(tx: Tx, postgres: boolean, tenantId: string, keys: string[]): Promise<Map<string, string | null>> {
  if (keys.length === 0) return new Map();
  if (postgres) await lockLabelKeys(tx, tenantId, keys, "shared");
  const rows = postgres
    ? await tx.$queryRaw<{ key: string; schema: string | null }[]>`
        SELECT "key", "schema" FROM "LabelDefinition" WHERE "tenantId" = ${tenantId} AND "key" IN (${Prisma.join(keys)}) FOR SHARE`
    : await tx.labelDefinition.findMany({ where: { tenantId, key: { in: keys } }, select: { key: true, schema: true } });
  return new Map(rows.map((row) => [row.key, row.schema]));
}

/**
 * PostgreSQL: labels being written under a key and a definition being
 * created for it exclude each other until commit. Writers of labels hold the
 * key's transaction-level advisory lock shared (so they never wait for each
 * other), createLabelDefinition holds it exclusive. A new definition's row
 * cannot be locked before it exists, so without this a label set beside the
 * creation would be checked against no schema while the creation's check of
 * existing labels missed it. Keys are locked in one order, so two writers
 * never wait for each other in a circle. SQLite runs one writer at a time.
 */
export async function lockLabelKeys(tx: Tx, tenantId: string, keys: readonly string[], mode: "shared" | "exclusive"): Promise<void> {
  const names = [...new Set(keys)].sort().map((key) => `${tenantId}/${key}`);
  const lock = Prisma.raw(mode === "shared" ? "pg_advisory_xact_lock_shared" : "pg_advisory_xact_lock");
  await tx.$executeRaw`SELECT ${lock}(hashtextextended(name, 0)) FROM unnest(${names}::text[]) WITH ORDINALITY AS k(name, n) ORDER BY n`;
}

/** Checks keys, sizes and definitions of labels about to be written; throws BAD_USER_INPUT naming `field.key`. */
async function checkLabels(tx: Tx, postgres: boolean, tenantId: string, labels: Record<string, unknown>, field: string): Promise<void> {
  for (const [key, value] of Object.entries(labels)) {
    checkWritableKey(key, `${field}.${key}`);
    checkLabelValue(value, `${field}.${key}`, key);
  }
  const schemas = await definitionsFor(tx, postgres, tenantId, Object.keys(labels));
  for (const [key, value] of Object.entries(labels)) checkAgainstSchema(schemas.get(key) ?? null, key, value, `${field}.${key}`);
}

/**
 * Writes `labels` on a new or updated object inside the caller's
 * transaction: all of them replace the object's labels when `replace`,
 * otherwise they are set beside the others. Answers the labels before and
 * after, for the caller's audit event.
 */
export async function writeLabels(
  tx: Tx,
  postgres: boolean,
  target: LabelTarget,
  labels: Record<string, unknown>,
  field: string,
  replace: boolean,
): Promise<{ before: Record<string, unknown>; after: Record<string, unknown> }> {
  await checkLabels(tx, postgres, target.tenantId, labels, field);
  const existing = await tx.label.findMany({ where: { objectId: target.id }, select: { key: true, value: true } });
  const before = Object.fromEntries(existing.map((row) => [row.key, row.value]));
  // The caller has created or updated the object's row in this transaction: it stays locked until commit.
  checkObjectLabels(replace ? labels : { ...before, ...labels }, field);
  if (replace) await tx.label.deleteMany({ where: { objectId: target.id, key: { notIn: Object.keys(labels) } } });
  for (const [key, value] of Object.entries(labels)) {
    const json = value as Prisma.InputJsonValue;
    await tx.label.upsert({
      where: { objectId_key: { objectId: target.id, key } },
      create: { id: newId(), tenantId: target.tenantId, objectType: target.type, objectId: target.id, key, value: json },
      update: { value: json },
    });
  }
  const after = replace ? { ...labels } : { ...before, ...labels };
  return { before, after };
}

/**
 * The object whose labels change, in the caller's tenant only. On PostgreSQL
 * its row is locked until commit, so label writes on one object run one after
 * the other and each sees the labels the others wrote (the per-object limits
 * hold under a burst). SQLite runs one writer at a time.
 */
async function findTarget(tx: Tx, postgres: boolean, type: LabelObjectType, tenantId: string, id: string, doing: string): Promise<LabelTarget> {
  const select = { id: true, name: true, tenantId: true, integrationSystemId: true };
  if (postgres) await tx.$executeRaw`SELECT 1 FROM ${Prisma.raw(`"${OBJECT_TYPE[type]}"`)} WHERE "id" = ${id} AND "tenantId" = ${tenantId} FOR UPDATE`;
  const row =
    type === "APPLICATION"
      ? await tx.application.findFirst({ where: { id, tenantId }, select })
      : type === "RUNTIME"
        ? await tx.runtime.findFirst({ where: { id, tenantId }, select })
        : type === "INTEGRATION_DEPENDENCY"
          ? await tx.integrationDependency.findFirst({ where: { id, tenantId }, select })
          : await runtimeContextTarget(tx, id, tenantId);
  if (!row) throw notFound(NOUN[type], id, doing);
  return { type, ...row };
}

/** A runtime context is nameless: messages call it by its key and value, as the core does. */
async function runtimeContextTarget(tx: Tx, id: string, tenantId: string) {
  const row = await tx.runtimeContext.findFirst({
    where: { id, tenantId },
    select: { id: true, key: true, value: true, tenantId: true, integrationSystemId: true },
  });
  return row && { id: row.id, name: `${row.key}=${row.value}`, tenantId: row.tenantId, integrationSystemId: row.integrationSystemId };
}

/** Records one label's change on its object. */
const auditLabel = (
  tx: Tx,
  actor: Principal,
  action: string,
  target: LabelTarget,
  change: { key: string; before: unknown; after: unknown },
  tenantId: string,
) =>
  recordAudit(tx, actor, {
    action,
    objectType: OBJECT_TYPE[target.type],
    objectId: target.id,
    objectLabel: target.name,
    details: { ...change, tenantId },
  });

/** The object whose label is set or deleted, by its type and id, in the caller's tenant. */
export interface LabelledObject {
  tenantId: string;
  type: LabelObjectType;
  id: string;
}

/** Sets one label (replacing its value); answers it. */
export async function setLabel(db: Db, actor: Principal, object: LabelledObject, key: string, value: unknown): Promise<{ key: string; value: unknown }> {
  const { tenantId, type, id: objectId } = object;
  checkWritableKey(key, "key");
  checkLabelValue(value, "value", key);
  const doing = `setting a label of it`;
  return db.$transaction(async (tx) => {
    const target = await findTarget(tx, isPostgres(db), type, tenantId, objectId, doing);
    requireManager(actor, target, NOUN[type], "labelling");
    const [schema] = [...(await definitionsFor(tx, isPostgres(db), tenantId, [key])).values()];
    checkAgainstSchema(schema ?? null, key, value, "value");
    const labels = await tx.label.findMany({ where: { objectId }, select: { key: true, value: true } });
    const before = labels.find((label) => label.key === key);
    checkObjectLabels({ ...Object.fromEntries(labels.map((label) => [label.key, label.value])), [key]: value }, "value", "key");
    const json = value as Prisma.InputJsonValue;
    await tx.label.upsert({
      where: { objectId_key: { objectId, key } },
      create: { id: newId(), tenantId, objectType: type, objectId, key, value: json },
      update: { value: json },
    });
    await auditLabel(tx, actor, "LABEL_SET", target, { key, before: before?.value ?? null, after: value }, tenantId);
    return { key, value };
  });
}

/** Deletes one label; NOT_FOUND when the object has none under the key. Answers the deleted label. */
export async function deleteLabel(db: Db, actor: Principal, object: LabelledObject, key: string): Promise<{ key: string; value: unknown }> {
  const { tenantId, type, id: objectId } = object;
  checkWritableKey(key, "key");
  return db.$transaction(async (tx) => {
    const target = await findTarget(tx, isPostgres(db), type, tenantId, objectId, "deleting a label of it");
    requireManager(actor, target, NOUN[type], "removing a label of");
    const label = await tx.label.findUnique({ where: { objectId_key: { objectId, key } } });
    if (!label) throw notFound("label", key, `deleting it from ${NOUN[type]} "${target.name}"`);
    await tx.label.delete({ where: { id: label.id } });
    await auditLabel(tx, actor, "LABEL_DELETED", target, { key, before: label.value, after: null }, tenantId);
    return { key, value: label.value };
  });
}

/** Removes the labels of objects being deleted, in the caller's transaction. */
export async function deleteLabelsOf(tx: Tx, objectIds: readonly string[]): Promise<void> {
  if (objectIds.length) await tx.label.deleteMany({ where: { objectId: { in: [...objectIds] } } });
}

/**
 * The labels of each object, by id (for a page's DataLoader). Keys are the
 * tenant's: each object's labels have no prototype, so a label named
 * `__proto__` or `constructor` is an ordinary label, never a prototype to
 * inherit from (issue 20, finding 3); read them with Object.hasOwn.
 */
export async function labelsOfObjects(db: Db | Tx, objectIds: readonly string[]): Promise<Map<string, Record<string, unknown>>> {
  const rows = await db.label.findMany({
    where: { objectId: { in: [...objectIds] } },
    orderBy: { key: "asc" },
    select: { objectId: true, key: true, value: true },
  });
  const byObject = new Map<string, Record<string, unknown>>(objectIds.map((id) => [id, Object.create(null) as Record<string, unknown>]));
  for (const row of rows) byObject.get(row.objectId)![row.key] = row.value;
  return byObject;
}
