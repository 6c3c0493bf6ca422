import type { Tenant } from "@/generated/prisma-sqlite/client";
import type { Db, Tx } from "@/lib/db";
import { Prisma } from "@/generated/prisma-sqlite/client";
import type { TenantObjectKind, TenantObjectRow, TenantObjectType } from "./tenant-object-kind";

/**
 * Tenant access (Compass's addTenantAccess), as the core sees it: an object
 * of tenant A shared with tenant B is read by B as one of its own, and, when
 * shared as `owner`, changed by B too (docs/decisions/0018). Shares are rare,
 * so every check here runs only after the plain "in this tenant" read missed,
 * or when the tenant has shares at all: requests of tenants that share
 * nothing run the statements they ran before.
 */

/** How `tenant` may reach an object of another tenant: null (not at all), read, or owner (read and change). */
export async function sharedAccess(db: Db | Tx, tenant: Tenant, type: TenantObjectType, objectId: string): Promise<{ owner: boolean } | null> {
  return db.tenantAccess.findUnique({
    where: { tenantId_objectType_objectId: { tenantId: tenant.id, objectType: type, objectId } },
    select: { owner: true },
  });
}

/**
 * The condition a list of `tenant`'s objects of this type reads: its own,
 * and those shared with it when there are any (one primary-key probe decides,
 * so the plain list keeps its prepared statement and its index).
 */
export async function visibleInTenantSql(db: Db, tenant: Tenant, type: TenantObjectType): Promise<Prisma.Sql> {
  const shares = await db.tenantAccess.findFirst({ where: { tenantId: tenant.id, objectType: type }, select: { objectId: true } });
  return shares ? ownOrSharedSql(tenant, type) : Prisma.sql`"tenantId" = ${tenant.id}`;
}

/** The same without the probe, for lists that search or filter (they read ids first anyway, and one statement more would be a third). */
export function ownOrSharedSql(tenant: Tenant, type: TenantObjectType): Prisma.Sql {
  return Prisma.sql`("tenantId" = ${tenant.id} OR "id" IN (SELECT "objectId" FROM "TenantAccess" WHERE "tenantId" = ${tenant.id} AND "objectType" = ${type}))`;
}

/** Shares end with their object: called wherever objects are deleted. */
export async function forgetSharesOf(tx: Tx, objectIds: readonly string[]): Promise<void> {
  if (objectIds.length > 0) await tx.tenantAccess.deleteMany({ where: { objectId: { in: [...objectIds] } } });
}

/** An object of the kind by id alone, whatever its tenant: for shares, once the share is known. */
export async function objectById<Row extends TenantObjectRow>(kind: TenantObjectKind<Row>, db: Db | Tx, id: string): Promise<Row | null> {
  const [row] = await kind.model(db).findMany({ where: { id: { in: [id] } } });
  return row ?? null;
}
