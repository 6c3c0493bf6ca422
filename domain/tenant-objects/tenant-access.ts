import type { Tenant } from "@/generated/prisma-sqlite/client";
import type { Db, Tx } from "@/lib/db";
import { rawReader } from "@/domain/instance";
import { Prisma } from "@/generated/prisma-sqlite/client";
import type { TenantObjectKind, TenantObjectRow, TenantObjectType } from "./tenant-object-kind";

/**
 * Which objects beyond its own a tenant reaches, as Compass has it
 * (docs/decisions/0018), for every kind:
 * - those of the tenants below it (its children, their children, ...): a
 *   customer sees its accounts' and subaccounts' objects, and may change them;
 * - those shared with it or with a tenant below it (addTenantAccess): read,
 *   and changed too when shared as `owner`.
 * Most tenants have neither children nor shares, so every check here runs
 * only after the plain "in this tenant" read missed, or when one probe says
 * the tenant has children or shares: their requests run the statements they
 * ran before.
 */

/** Hierarchies are at most this deep (decision 0017); the walk down is bounded the same way. */
const MAX_DEPTH = 32;

/** `tenant` and every tenant below it, as a subquery of ids. */
const subtreeSql = (tenant: Tenant) => Prisma.sql`(
  WITH RECURSIVE "subtree"("id", "depth") AS (
    SELECT CAST(${tenant.id} AS TEXT), 0
    UNION
    SELECT "TenantParent"."tenantId", "subtree"."depth" + 1 FROM "TenantParent" JOIN "subtree" ON "TenantParent"."parentId" = "subtree"."id"
    WHERE "subtree"."depth" < ${MAX_DEPTH}
  )
  SELECT "id" FROM "subtree"
)`;

/** How `tenant` may reach an object outside it: null (not at all), read, or owner (read and change). */
export async function sharedAccess(
  db: Db | Tx,
  tenant: Tenant,
  kind: { type: TenantObjectType; table: string },
  objectId: string,
): Promise<{ owner: boolean } | null> {
  const type = kind.type;
  const [reach] = await db.$queryRaw<{ below: unknown; owner: unknown; shared: unknown }[]>`
    SELECT
      (SELECT COUNT(*) FROM ${Prisma.raw(`"${kind.table}"`)} WHERE "id" = ${objectId} AND "tenantId" IN ${subtreeSql(tenant)}) AS "below",
      (SELECT COUNT(*) FROM "TenantAccess" WHERE "objectId" = ${objectId} AND "objectType" = ${type} AND "owner" AND "tenantId" IN ${subtreeSql(tenant)}) AS "owner",
      (SELECT COUNT(*) FROM "TenantAccess" WHERE "objectId" = ${objectId} AND "objectType" = ${type} AND "tenantId" IN ${subtreeSql(tenant)}) AS "shared"`;
  if (Number(reach.below) > 0 || Number(reach.owner) > 0) return { owner: true };
  return Number(reach.shared) > 0 ? { owner: false } : null;
}

/**
 * The condition a list of `tenant`'s objects of this type reads: its own,
 * and when one probe finds children or shares, also those of the tenants
 * below it and those shared with it or with them (so the plain list keeps
 * its prepared statement and its index otherwise).
 */
export async function visibleInTenantSql(db: Db, tenant: Tenant, type: TenantObjectType): Promise<Prisma.Sql> {
  // Prepared where the client has a raw reader (lib/db.ts): every plain list runs it.
  const raw = rawReader(db);
  const [probe] = raw
    ? await raw.rows<{ wider: unknown }>(WIDER_PROBE, [tenant.id, type], [])
    : await db.$queryRaw<{ wider: unknown }[]>`SELECT CASE WHEN EXISTS (SELECT 1 FROM "TenantParent" WHERE "parentId" = ${tenant.id})
        OR EXISTS (SELECT 1 FROM "TenantAccess" WHERE "tenantId" = ${tenant.id} AND "objectType" = ${type}) THEN 1 ELSE 0 END AS "wider"`;
  return Number(probe.wider) === 1 ? reachableSql(tenant, type) : Prisma.sql`"tenantId" = ${tenant.id}`;
}

const WIDER_PROBE = `SELECT CASE WHEN EXISTS (SELECT 1 FROM "TenantParent" WHERE "parentId" = $1)
  OR EXISTS (SELECT 1 FROM "TenantAccess" WHERE "tenantId" = $1 AND "objectType" = $2) THEN 1 ELSE 0 END AS "wider"`;

/** The same without the probe, for lists that search or filter (they read ids first anyway, and one statement more would be a third). */
export function reachableSql(tenant: Tenant, type: TenantObjectType): Prisma.Sql {
  return Prisma.sql`("tenantId" = ${tenant.id} OR "tenantId" IN ${subtreeSql(tenant)}
    OR "id" IN (SELECT "objectId" FROM "TenantAccess" WHERE "objectType" = ${type} AND "tenantId" IN ${subtreeSql(tenant)}))`;
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
