import { Prisma, type Tenant } from "@/generated/prisma-sqlite/client";
import { containsSql, lowerContainsSql } from "@/domain/paging/search";
import type { Db, Tx } from "@/lib/db";
import { rawReader } from "@/domain/instance";
import { TIMESTAMP_COLUMNS, selectEveryColumn } from "@/lib/raw-select";
import { transactionRefusingDuplicates } from "@/lib/db-errors";
import { newId } from "@/lib/ids";
import { auditorOf } from "@/domain/audit/audit.service";
import type { Principal } from "@/domain/principals/principal";
import { type LazyPage, checkPageSize } from "@/domain/paging/cursor";
import { BY_CREATED_AT, type KeyColumn, keyset, keysetPage } from "@/domain/paging/keyset";
import { validExternalId, validName } from "@/domain/validation/validation";
import { tenantNameProblem } from "@/lib/names";
import { TENANT_TYPES } from "@/lib/tenant-types";
import { badInput, conflict, notFound } from "@/domain/errors";
import { forgetCredentials } from "@/domain/credentials/system-auth.service";
import { removeObjectsOfTenant } from "@/domain/tenant-objects/tenant-object.service";
import { removeFormationsOfTenant } from "@/domain/formations/formation-store";

const auditTenant = auditorOf<Tenant>("Tenant", (tenant) => tenant.name);

/** Rules for tenants: validation, lookup by id or external id, paging, deletion with or without its applications, audit. */

export interface TenantInput {
  externalId: string;
  name: string;
  /** Compass's tenant type; account when omitted. */
  type?: string | null;
}

export interface ValidTenantInput {
  externalId: string;
  externalIdKey: string;
  name: string;
}

/** The key that makes external ids unique, and found, ignoring case. */
export const externalIdKeyOf = (externalId: string) => externalId.toLowerCase();

export function validTenantType(raw: string, field: string): string {
  const type = raw.trim().toLowerCase();
  if (!(TENANT_TYPES as readonly string[]).includes(type)) throw badInput(field, `Tenant type must be one of ${TENANT_TYPES.join(", ")}`);
  return type;
}

function validateTenantInput(input: TenantInput, path = "in"): ValidTenantInput & { type?: string } {
  const externalId = validExternalId(input.externalId, `${path}.externalId`);
  const type = input.type == null ? undefined : validTenantType(input.type, `${path}.type`);
  return {
    externalId,
    externalIdKey: externalIdKeyOf(externalId),
    name: validName(input.name, `${path}.name`, tenantNameProblem),
    ...(type ? { type } : {}),
  };
}

/**
 * The tenant whose id, or else whose external id (ignoring case), is
 * `idOrExternalId`. An id wins, though the two never collide: external ids
 * equal to another tenant's id are refused.
 */
export async function findTenant(db: Db | Tx, idOrExternalId: string): Promise<Tenant | null> {
  // Every tenant-scoped request starts here: a prepared statement outside transactions (lib/db.ts, rawReader).
  const raw = rawReader(db);
  const candidates = raw
    ? await raw.rows<Tenant>(
        `${SELECT_TENANTS} WHERE "id" = $1 OR "externalIdKey" = $2 LIMIT 2`,
        [idOrExternalId, externalIdKeyOf(idOrExternalId)],
        TIMESTAMP_COLUMNS,
      )
    : await db.tenant.findMany({
        where: { OR: [{ id: idOrExternalId }, { externalIdKey: externalIdKeyOf(idOrExternalId) }] },
        take: 2,
      });
  return candidates.find((tenant) => tenant.id === idOrExternalId) ?? candidates[0] ?? null;
}

/** Compass's tenantByExternalID: by external id only, ignoring case. */
export function findTenantByExternalId(db: Db | Tx, externalId: string): Promise<Tenant | null> {
  return db.tenant.findUnique({ where: { externalIdKey: externalIdKeyOf(externalId) } });
}

/** Compass's tenantByInternalID: by the product's own id only. */
export function findTenantByInternalId(db: Db | Tx, id: string): Promise<Tenant | null> {
  return db.tenant.findUnique({ where: { id } });
}

const SELECT_TENANTS = selectEveryColumn("Tenant", Prisma.TenantScalarFieldEnum);

export function duplicateExternalId(externalId: string, field = "in.externalId") {
  return conflict(`A tenant with external id "${externalId}" already exists (external ids are unique ignoring case)`, field);
}

/** An external id that names another tenant's id would make the `tenant` header ambiguous. */
export async function refuseOtherTenantsId(tx: Tx, valid: ValidTenantInput, ownId: string | null, field = "in.externalId") {
  const clash = await tx.tenant.findFirst({
    where: { id: { in: [valid.externalId, valid.externalIdKey] }, ...(ownId ? { NOT: { id: ownId } } : {}) },
    select: { id: true },
  });
  if (clash) throw conflict(`External id "${valid.externalId}" is another tenant's id`, field);
}

export const detailsOf = (tenant: Tenant) => ({ externalId: tenant.externalId, name: tenant.name, type: tenant.type, provider: tenant.provider });

export async function createTenant(db: Db, actor: Principal, input: TenantInput): Promise<Tenant> {
  const valid = validateTenantInput(input);
  return transactionRefusingDuplicates(
    db,
    async (tx) => {
      await refuseOtherTenantsId(tx, valid, null);
      const tenant = await tx.tenant.create({ data: { id: newId(), ...valid } });
      await auditTenant(tx, actor, "TENANT_CREATED", tenant, detailsOf(tenant));
      return tenant;
    },
    () => duplicateExternalId(valid.externalId),
  );
}

/**
 * Deletes a tenant. One that holds applications is a CONFLICT (naming how
 * many) unless `cascade`, which unregisters them in the same transaction and
 * audits each as APPLICATION_UNREGISTERED, so every application's own history
 * ends with its removal, plus TENANT_DELETED with the count.
 */
export async function deleteTenant(db: Db, actor: Principal, idOrExternalId: string, cascade = false): Promise<Tenant> {
  const { tenant, credentials } = await db.$transaction(async (tx) => {
    const tenant = await findTenant(tx, idOrExternalId);
    if (!tenant) throw notFound("tenant", idOrExternalId, "deleting it");
    return { tenant, credentials: await removeTenant(tx, actor, tenant, cascade) };
  });
  forgetCredentials(db, credentials);
  return tenant;
}

/**
 * Deletes `tenant` in the caller's transaction (deleteTenant, deleteTenants)
 * and answers the ids of the credentials that went with its objects, for
 * forgetCredentials once committed. Its children lose it as a parent; what it
 * shared and what was shared with it end.
 */
export async function removeTenant(tx: Tx, actor: Principal, tenant: Tenant, cascade: boolean, reason?: string): Promise<string[]> {
  // Checked and removed here: SQLite through the adapter does not enforce foreign keys.
  // The objects' credentials, labels and the tenant's label definitions go with it.
  const credentials = await tx.systemAuth.findMany({ where: { tenantId: tenant.id }, select: { id: true } });
  const removed = await removeObjectsOfTenant(tx, actor, tenant, cascade, async () => {
    await tx.systemAuth.deleteMany({ where: { tenantId: tenant.id } });
    await tx.label.deleteMany({ where: { tenantId: tenant.id } });
    await tx.labelDefinition.deleteMany({ where: { tenantId: tenant.id } });
  });
  const formations = await removeFormationsOfTenant(tx, tenant.id);
  if (formations) removed.deletedFormations = formations;
  await tx.tenantParent.deleteMany({ where: { OR: [{ tenantId: tenant.id }, { parentId: tenant.id }] } });
  await tx.tenantLabel.deleteMany({ where: { tenantId: tenant.id } });
  await tx.tenantAccess.deleteMany({ where: { tenantId: tenant.id } });
  await tx.tenant.delete({ where: { id: tenant.id } });
  await auditTenant(tx, actor, "TENANT_DELETED", tenant, { ...detailsOf(tenant), ...removed, ...(reason ? { reason } : {}) });
  return credentials.map((row) => row.id);
}

const CURSOR_KIND = "tenants";

/** Oldest first; keyset on (createdAt, id). */
type TenantOrderField = "NAME" | "EXTERNAL_ID" | "CREATED_AT";

export interface TenantListArgs {
  first: number;
  after?: string | null;
  /** Matches names or external ids containing it, ignoring case (Compass's `searchTerm` is the same). */
  search?: string | null;
  searchTerm?: string | null;
  orderBy?: { field: TenantOrderField; direction?: "ASC" | "DESC" | null } | null;
}

const TENANT_ORDER: Record<TenantOrderField, readonly KeyColumn[]> = {
  CREATED_AT: BY_CREATED_AT,
  EXTERNAL_ID: [{ name: "externalIdKey", type: "string" }],
  // Names need not be unique: the id breaks ties.
  NAME: [
    { name: "name", type: "string" },
    { name: "id", type: "string" },
  ],
};

/**
 * One page in keyset order (paging/keyset.ts): (createdAt, id),
 * (externalIdKey) which is unique, or (name, id). The plain list is one
 * prepared statement; searches read ids with a literal LIKE (paging/search.ts), then rows through Prisma.
 */
export async function listTenants(db: Db, args: TenantListArgs): Promise<LazyPage<Tenant>> {
  checkPageSize(args.first);
  const field = args.orderBy?.field ?? "CREATED_AT";
  const direction = args.orderBy?.direction ?? "ASC";
  // The original ordering keeps its cursor kind, so cursors handed out before stay valid.
  const kind = field === "CREATED_AT" && direction === "ASC" ? CURSOR_KIND : `${CURSOR_KIND}:${field}:${direction}`;
  if (args.search != null && args.searchTerm != null && args.search !== args.searchTerm) {
    throw badInput("searchTerm", "Give searchTerm or search, not two different ones");
  }
  const search = (args.searchTerm ?? args.search)?.trim().toLowerCase();
  const matches = search ? Prisma.sql`(${containsSql("externalIdKey", search)} OR ${lowerContainsSql("name", search)})` : Prisma.sql`1 = 1`;
  const source = {
    table: "Tenant",
    prepared: search ? undefined : { select: SELECT_TENANTS, dateColumns: TIMESTAMP_COLUMNS },
    rowsByIds: (ids: string[]) => db.tenant.findMany({ where: { id: { in: ids } } }),
  };
  return keysetPage(db, source, { matches, keyset: keyset<Tenant>(kind, TENANT_ORDER[field], direction), first: args.first, after: args.after });
}
