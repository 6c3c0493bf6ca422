import type { SystemAuth, Tenant } from "@/generated/prisma-sqlite/client";
import type { Db, Tx } from "@/lib/db";
import { notFound } from "@/domain/errors";
import { OBJECT_SCOPES, type Principal } from "@/domain/principals/principal";
import { TENANT_OBJECT_KINDS } from "@/domain/tenant-objects/kinds";
import type { TenantObjectRow, TenantObjectType } from "@/domain/tenant-objects/tenant-object-kind";
import { requireManagedObject } from "@/domain/tenant-objects/tenant-object.service";
import { type GenerateOptions, credentialGrant, deleteSystemAuth, issueCredential, ownerRefOf } from "./system-auth.service";

/**
 * Client credentials of applications and runtimes, so they can call the API
 * as themselves: the integration systems' machinery (system-auth.service.ts)
 * with the object as the owner. They hold the kind's scopes (OBJECT_SCOPES)
 * or a subset, and may expire and carry a note, as integration systems'
 * credentials do; unregistering the object deletes them. Admins and the integration system managing the object may
 * request and delete them.
 */
/** The kinds that hold credentials (their descriptors say `credentials: true`). */
export type ObjectKind = Extract<TenantObjectType, "APPLICATION" | "RUNTIME">;
export const managedObject = (tx: Tx, actor: Principal, tenant: Tenant, kind: ObjectKind, id: string, doing: string) =>
  // The kinds holding credentials are named ones.
  requireManagedObject(tx, TENANT_OBJECT_KINDS[kind], actor, tenant, id, doing, doing) as Promise<TenantObjectRow & { name: string }>;

export function requestObjectCredentials(db: Db, actor: Principal, tenant: Tenant, kind: ObjectKind, id: string, options: GenerateOptions = {}) {
  return issueCredential(db, actor, credentialGrant(options, OBJECT_SCOPES[kind]), async (tx) => {
    const object = await managedObject(tx, actor, tenant, kind, id, "requesting client credentials for");
    return { kind, id: object.id, name: object.name, tenantId: object.tenantId };
  });
}

/** Deletes one credential of an application or runtime of `tenant`; any other credential is NOT_FOUND. */
export function deleteObjectCredential(db: Db, actor: Principal, tenant: Tenant, kind: ObjectKind, authId: string): Promise<SystemAuth> {
  return deleteSystemAuth(db, actor, authId, async (tx, row) => {
    const owner = ownerRefOf(row);
    if (owner.kind !== kind || row.tenantId !== tenant.id) throw notFound("client credential", authId, `deleting it in tenant "${tenant.externalId}"`);
    return managedObject(tx, actor, tenant, kind, owner.id, "deleting a client credential of");
  });
}

/** An object's credentials, oldest first, by object id (for a page's DataLoader). */
export async function credentialsOfObjects(db: Db, kind: ObjectKind, ids: readonly string[]): Promise<Map<string, SystemAuth[]>> {
  const rows = await db.systemAuth.findMany({
    where: kind === "APPLICATION" ? { applicationId: { in: [...ids] } } : { runtimeId: { in: [...ids] } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  const byObject = new Map<string, SystemAuth[]>(ids.map((id) => [id, []]));
  for (const row of rows) byObject.get(ownerRefOf(row).id)!.push(row);
  return byObject;
}
