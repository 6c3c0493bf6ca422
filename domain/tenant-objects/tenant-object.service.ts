import type { Tenant } from "@/generated/prisma-sqlite/client";
import { type Db, type Tx, isPostgres, rawReader } from "@/lib/db";
import { refusingDuplicates } from "@/lib/db-errors";
import { newId } from "@/lib/ids";
import { selectEveryColumn } from "@/lib/raw-select";
import { plural } from "@/lib/text";
import { recordAudit, recordAudits } from "@/domain/audit/audit.service";
import { conflict, notFound } from "@/domain/errors";
import type { Principal } from "@/domain/principals/principal";
import { requireManager } from "@/domain/principals/authorize";
import { type LazyPage, checkPageSize } from "@/domain/paging/cursor";
import { BY_CREATED_AT, type Direction, type KeyColumn, type PageSource, keyset, keysetPage, readRows } from "@/domain/paging/keyset";
import { containsSql } from "@/domain/paging/search";
import { deleteLabelsOf, writeLabels } from "@/domain/labels/label.service";
import { type LabelFilterInput, labelFiltersSql } from "@/domain/labels/label-filter";
import { deleteCredentialsOf, forgetCredentials } from "@/domain/credentials/system-auth.service";
import { nameKeyOf } from "@/domain/validation/validation";
import { Prisma } from "@/generated/prisma-sqlite/client";
import type { TenantObjectInput, TenantObjectKind, TenantObjectRow } from "./tenant-object-kind";
import { TENANT_OBJECT_KINDS } from "./kinds";

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

function duplicateName(kind: TenantObjectKind, name: string, tenant: Tenant) {
  return conflict(
    `${capitalized(kind.nouns.a)} named "${name}" already exists in tenant "${tenant.externalId}" (names are unique per tenant, ignoring case and look-alike letters)`,
    "in.name",
  );
}

/** Its own fields for the audit log: name, description and what the kind adds. */
const fieldsOf = <Row extends TenantObjectRow>(kind: TenantObjectKind<Row>, row: Row) => ({
  name: row.name,
  description: row.description,
  ...kind.auditFields?.(row),
});

/** Audit details: where the object lives and who manages it, beside its own fields. */
const detailsOf = <Row extends TenantObjectRow>(kind: TenantObjectKind<Row>, row: Row, tenant: Tenant) => ({
  ...fieldsOf(kind, row),
  tenantId: tenant.id,
  tenantExternalId: tenant.externalId,
  integrationSystemId: row.integrationSystemId,
});

const labelTarget = (kind: TenantObjectKind, row: TenantObjectRow) => ({ type: kind.type, ...row });

/** The tenant may have been deleted since the request named it; SQLite would not refuse the orphan. */
async function requireTenantStill(tx: Tx, tenant: Tenant, doing: string) {
  if (!(await tx.tenant.findUnique({ where: { id: tenant.id }, select: { id: true } }))) throw notFound("tenant", tenant.id, doing);
}

/**
 * The object with this id in this tenant, which `actor` may change: users
 * with the write scope any, an integration system only those it manages.
 * `doing` completes "while <doing> …" ("updating", "unregistering").
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
  const row = await kind.model(tx).findFirst({ where: { id, tenantId: tenant.id } });
  if (!row) throw notFound(kind.nouns.one, id, `${notFoundDoing} in tenant "${tenant.externalId}"`);
  requireManager(actor, row, kind.nouns.one, doing);
  return row;
}

/**
 * Registers an object in `tenant`. When an integration system registers it,
 * that system manages it, whatever the input says; a user may name an
 * existing integration system where the kind allows it, or none.
 */
export async function registerObject<Row extends TenantObjectRow, Input extends TenantObjectInput, Valid>(
  kind: TenantObjectKind<Row, Input, Valid>,
  db: Db,
  actor: Principal,
  tenant: Tenant,
  input: Input,
): Promise<Row> {
  const valid = kind.validate(input);
  const named = kind.manager === "registrar-or-named" ? (input as { integrationSystemID?: string | null }).integrationSystemID || null : null;
  const integrationSystemId = actor.kind === "INTEGRATION_SYSTEM" ? actor.integrationSystemId : named;
  const doing = `registering ${kind.nouns.a} in tenant "${tenant.externalId}"`;
  return refusingDuplicates(
    () =>
      db.$transaction(async (tx) => {
        await requireTenantStill(tx, tenant, doing);
        if (integrationSystemId && !(await tx.integrationSystem.findUnique({ where: { id: integrationSystemId }, select: { id: true } }))) {
          throw notFound("integration system", integrationSystemId, doing);
        }
        const data = { id: newId(), tenantId: tenant.id, integrationSystemId, ...(kind.createData?.(valid) ?? valid) };
        const row = await kind.model(tx).create({ data: data as never });
        const labels = input.labels ? (await writeLabels(tx, isPostgres(db), labelTarget(kind, row), input.labels, "in.labels", false)).after : undefined;
        await recordAudit(tx, actor, {
          action: kind.audit.registered,
          objectType: kind.table,
          objectId: row.id,
          objectLabel: row.name,
          details: { ...detailsOf(kind, row, tenant), ...(labels ? { labels } : {}) },
        });
        return row;
      }),
    () => duplicateName(kind, valid.name, tenant),
  );
}

/** Replaces its fields (an omitted description clears it) and, when given, every label. */
export async function updateObject<Row extends TenantObjectRow, Input extends TenantObjectInput, Valid>(
  kind: TenantObjectKind<Row, Input, Valid>,
  db: Db,
  actor: Principal,
  tenant: Tenant,
  id: string,
  input: Input,
): Promise<Row> {
  const valid = kind.validate(input);
  return refusingDuplicates(
    () =>
      db.$transaction(async (tx) => {
        const before = await requireManagedObject(tx, kind, actor, tenant, id, "updating");
        const row = await kind.model(tx).update({ where: { id }, data: (kind.updateData?.(valid, before) ?? valid) as never });
        const labels = input.labels ? await writeLabels(tx, isPostgres(db), labelTarget(kind, row), input.labels, "in.labels", true) : null;
        await recordAudit(tx, actor, {
          action: kind.audit.updated,
          objectType: kind.table,
          objectId: id,
          objectLabel: row.name,
          details: {
            before: { ...fieldsOf(kind, before), ...(labels ? { labels: labels.before } : {}) },
            after: { ...fieldsOf(kind, row), ...(labels ? { labels: labels.after } : {}) },
            tenantId: tenant.id,
            tenantExternalId: tenant.externalId,
            integrationSystemId: row.integrationSystemId,
          },
        });
        return row;
      }),
    () => duplicateName(kind, valid.name, tenant),
  );
}

/** Deletes it with its labels and credentials; the credentials' tokens are refused at once. */
export async function unregisterObject<Row extends TenantObjectRow>(
  kind: TenantObjectKind<Row>,
  db: Db,
  actor: Principal,
  tenant: Tenant,
  id: string,
): Promise<Row> {
  const { row, credentials } = await db.$transaction(async (tx) => {
    const row = await requireManagedObject(tx, kind, actor, tenant, id, "unregistering");
    const credentials = kind.credentials ? await deleteCredentialsOf(tx, kind.type, [id]) : [];
    await deleteLabelsOf(tx, [id]);
    await kind.model(tx).delete({ where: { id } });
    await recordAudit(tx, actor, {
      action: kind.audit.unregistered,
      objectType: kind.table,
      objectId: id,
      objectLabel: row.name,
      details: { ...detailsOf(kind, row, tenant), deletedCredentials: credentials },
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
  Object.fromEntries(counts.map(([kind, count]) => [`${kind.nouns.one}Count`, count]));

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
  for (const [kind, rows] of found) {
    await kind.model(tx).deleteMany({ where: { tenantId: tenant.id } });
    await recordAudits(
      tx,
      actor,
      rows.map((row) => ({
        action: kind.audit.unregistered,
        objectType: kind.table,
        objectId: row.id,
        objectLabel: row.name,
        details: {
          name: row.name,
          tenantId: tenant.id,
          tenantExternalId: tenant.externalId,
          integrationSystemId: row.integrationSystemId,
          reason: "TENANT_DELETED",
        },
      })),
    );
    removed[`unregistered${capitalized(kind.nouns.many)}`] = rows.length;
  }
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
 * null for an unknown id and for an object of another tenant alike. A
 * prepared statement where the client has one (lib/db.ts, rawReader); inside
 * a transaction, Prisma, so the transaction's own writes are seen.
 */
export async function findObject<Row extends TenantObjectRow>(kind: TenantObjectKind<Row>, db: Db | Tx, tenant: Tenant, id: string): Promise<Row | null> {
  const raw = rawReader(db);
  if (!raw) return kind.model(db).findFirst({ where: { id, tenantId: tenant.id } });
  const [row] = await raw.rows<Row>(`${selectOf(kind)} WHERE "id" = $1 AND "tenantId" = $2`, [id, tenant.id], kind.dateColumns);
  return row ?? null;
}

export interface ObjectListArgs {
  first: number;
  after?: string | null;
  /** Names containing it, ignoring case. */
  search?: string | null;
  /** Label filters, all of which must match. */
  filter?: readonly LabelFilterInput[] | null;
  /** Oldest first unless it says otherwise. */
  orderBy?: ObjectOrder | null;
}

type ObjectOrderField = "NAME" | "CREATED_AT";
export interface ObjectOrder {
  field: ObjectOrderField;
  direction?: Direction | null;
}

/**
 * Every kind's orderings. Names are unique in a tenant ignoring case
 * (`nameKey`), so within one tenant `nameKey` alone is a total order, and
 * `@@unique([tenantId, nameKey])` is the index the page seeks.
 */
const OBJECT_ORDER: Record<ObjectOrderField, readonly KeyColumn[]> = {
  CREATED_AT: BY_CREATED_AT,
  NAME: [{ name: "nameKey", type: "string" }],
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
  const filters = labelFiltersSql(args.filter, kind.type, kind.table as "Application" | "Runtime", isPostgres(db));
  const search = args.search?.trim();
  const named = search ? containsSql("nameKey", nameKeyOf(search)) : Prisma.sql`1 = 1`;
  const plain = !search && !args.filter?.length;
  return keysetPage(db, sourceOf(kind, db, plain), {
    matches: Prisma.sql`"tenantId" = ${tenant.id} AND ${named} AND ${filters}`,
    keyset: objectKeyset(kind, args.orderBy),
    first: args.first,
    after: args.after,
  });
}

/** The objects of this kind an integration system manages, across all tenants, oldest first. */
export function listObjectsOfSystem<Row extends TenantObjectRow>(
  kind: TenantObjectKind<Row>,
  db: Db,
  integrationSystemId: string,
  args: { first: number; after?: string | null },
): Promise<LazyPage<Row>> {
  return keysetPage(db, sourceOf(kind, db, true), {
    matches: Prisma.sql`"integrationSystemId" = ${integrationSystemId}`,
    keyset: keyset<Row>(`integrationSystem${capitalized(kind.nouns.many)}`, BY_CREATED_AT, "ASC"),
    first: args.first,
    after: args.after,
  });
}

/** The operations above bound to one kind, for callers that name it (tests and scripts: `registerApplication`, ...). */
export const operationsOf = <Row extends TenantObjectRow, Input extends TenantObjectInput, Valid>(kind: TenantObjectKind<Row, Input, Valid>) => ({
  register: (db: Db, actor: Principal, tenant: Tenant, input: Input) => registerObject(kind, db, actor, tenant, input),
  update: (db: Db, actor: Principal, tenant: Tenant, id: string, input: Input) => updateObject(kind, db, actor, tenant, id, input),
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
  // Names repeat across tenants: the id breaks ties.
  const order = keyset<Row>(`${kind.nouns.many}:byName`, [...OBJECT_ORDER.NAME, { name: "id", type: "string" }], "ASC");
  return readRows(db, sourceOf(kind, db, false), containsSql("nameKey", nameKeyOf(search)), order.orderBy(), checkPageSize(first));
}
