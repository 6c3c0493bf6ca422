import type { Db } from "@/lib/db";
import { recordAudit } from "@/domain/audit/audit.service";
import { badInput, conflict, notFound } from "@/domain/errors";
import type { Principal } from "@/domain/principals/principal";
import { TENANT_OBJECT_KINDS } from "@/domain/tenant-objects/kinds";
import { objectById } from "@/domain/tenant-objects/tenant-access";
import type { TenantObjectKind, TenantObjectType } from "@/domain/tenant-objects/tenant-object-kind";
import { findTenant } from "./tenant.service";

/**
 * Compass's tenant access: an application or runtime of one tenant shared
 * with another. The other tenant then reads it as one of its own, and with
 * `owner` changes it too (the core's checks, domain/tenant-objects/tenant-access.ts;
 * docs/decisions/0018). Every kind of tenant object may be shared: the
 * resource type is the kind's type.
 */

/** One share, as the API answers it: the tenant by its external id. */
export interface SharedObject {
  tenantID: string;
  resourceType: string;
  resourceID: string;
  owner: boolean;
}

export interface TenantAccessInput {
  tenantID: string;
  resourceType: string;
  resourceID: string;
  owner: boolean;
}

function kindOf(resourceType: string, field: string): TenantObjectKind {
  const kind = (TENANT_OBJECT_KINDS as Record<string, TenantObjectKind | undefined>)[resourceType];
  if (!kind) throw badInput(field, `Objects of type ${resourceType} cannot be shared yet; ${Object.keys(TENANT_OBJECT_KINDS).join(" and ")} can`);
  return kind;
}

const bounded = (id: string, field: string) => {
  if (id.length > 64) throw badInput(field, "At most 64 characters");
  return id.trim();
};

/** Shares the object with the tenant (or changes `owner` of a share that exists). */
export async function addTenantAccess(db: Db, actor: Principal, input: TenantAccessInput): Promise<SharedObject> {
  const kind = kindOf(input.resourceType, "in.resourceType");
  const tenantRef = bounded(input.tenantID, "in.tenantID");
  const objectId = bounded(input.resourceID, "in.resourceID");
  return db.$transaction(async (tx) => {
    const tenant = await findTenant(tx, tenantRef);
    if (!tenant) throw notFound("tenant", tenantRef, "sharing an object with it");
    const object = await objectById(kind, tx, objectId);
    if (!object) throw notFound(kind.nouns.one, objectId, "sharing it");
    if (object.tenantId === tenant.id) throw conflict(`This ${kind.nouns.one} lives in tenant "${tenant.externalId}" already`, "in.tenantID");
    const key = { tenantId: tenant.id, objectType: kind.type, objectId };
    const before = await tx.tenantAccess.findUnique({ where: { tenantId_objectType_objectId: key } });
    await tx.tenantAccess.upsert({ where: { tenantId_objectType_objectId: key }, create: { ...key, owner: input.owner }, update: { owner: input.owner } });
    await recordAudit(tx, actor, {
      action: "TENANT_ACCESS_ADDED",
      objectType: kind.table,
      objectId,
      objectLabel: object.name,
      details: {
        tenantId: tenant.id,
        tenantExternalId: tenant.externalId,
        ownerTenantId: object.tenantId,
        owner: input.owner,
        ownerBefore: before?.owner ?? null,
      },
    });
    return { tenantID: tenant.externalId, resourceType: kind.type, resourceID: objectId, owner: input.owner };
  });
}

/** Ends a share; NOT_FOUND when the object was not shared with the tenant. */
export async function removeTenantAccess(db: Db, actor: Principal, tenantID: string, resourceID: string, resourceType: string): Promise<SharedObject> {
  const kind = kindOf(resourceType, "resourceType");
  const tenantRef = bounded(tenantID, "tenantID");
  const objectId = bounded(resourceID, "resourceID");
  return db.$transaction(async (tx) => {
    const tenant = await findTenant(tx, tenantRef);
    if (!tenant) throw notFound("tenant", tenantRef, "ending a share with it");
    const key = { tenantId: tenant.id, objectType: kind.type as TenantObjectType, objectId };
    const share = await tx.tenantAccess.findUnique({ where: { tenantId_objectType_objectId: key } });
    if (!share) throw notFound("tenant access", `${kind.nouns.one} ${objectId}`, `ending its share with tenant "${tenant.externalId}"`);
    await tx.tenantAccess.delete({ where: { tenantId_objectType_objectId: key } });
    const object = await objectById(kind, tx, objectId);
    await recordAudit(tx, actor, {
      action: "TENANT_ACCESS_REMOVED",
      objectType: kind.table,
      objectId,
      objectLabel: object?.name ?? objectId,
      details: { tenantId: tenant.id, tenantExternalId: tenant.externalId, owner: share.owner },
    });
    return { tenantID: tenant.externalId, resourceType: kind.type, resourceID: objectId, owner: share.owner };
  });
}
