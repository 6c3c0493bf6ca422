import type { Tenant } from "@/generated/prisma-sqlite/client";
import type { Db } from "@/lib/db";
import { forbidden, missingTenant, unknownTenant } from "@/domain/errors";
import { type Principal, tenantAccessLevelsOf } from "@/domain/principals/principal";
import { GLOBAL_ACCESS_LEVEL } from "@/lib/certificate-subject-rules";
import { findTenant } from "./tenant.service";

/** The request header that names the tenant of tenant-scoped operations: its id or external id. */
export const TENANT_HEADER = "tenant";

export interface TenantScope {
  /** The header's value, trimmed; null when absent or blank. */
  readonly header: string | null;
  /** The named tenant; BAD_USER_INPUT without the header, NOT_FOUND for an unknown one. */
  require(doing: string): Promise<Tenant>;
}

/**
 * Looks the tenant up only when a tenant-scoped field first asks, and once per
 * request, so operations that need no tenant never pay for it.
 *
 * `confinedTo` is the tenant id of a caller that lives in one tenant (an
 * application or a runtime calling as itself): without the header it is that
 * tenant, and a header naming any other is FORBIDDEN.
 */
export function tenantScope(db: Db, header: string | null, confinedTo: string | null = null): TenantScope {
  const value = header?.trim() || null;
  let lookup: Promise<Tenant | null> | undefined;
  return {
    header: value,
    async require(doing) {
      const named = value ?? confinedTo;
      if (!named) throw missingTenant(doing);
      const tenant = await (lookup ??= findTenant(db, named));
      if (confinedTo && tenant?.id !== confinedTo) {
        throw forbidden(`This credential works only in its own tenant; the "tenant" header names another (while ${doing})`);
      }
      if (!tenant) throw unknownTenant(named, doing);
      return tenant;
    },
  };
}

/** The one tenant a caller lives in: an application's or a runtime's; null for users and integration systems. */
export function confinedTenantOf(principal: Principal | null): string | null {
  return principal && (principal.kind === "APPLICATION" || principal.kind === "RUNTIME") ? principal.tenantId : null;
}

/**
 * Compass's hydrator for a certificate a certificate subject mapping names: the tenant the request
 * names must be of a type among the mapping's access levels, and a request naming none acts globally,
 * which needs "global". Checked before the request runs, as Compass does, whatever the operation. A
 * tenant not (yet) known here passes: the operation's own look-up answers it.
 */
export async function requireTenantAccessLevel(db: Db, principal: Principal, header: string | null): Promise<void> {
  const levels = tenantAccessLevelsOf(principal);
  if (!levels) return;
  const granted = [...levels].join(", ");
  const named = header?.trim();
  if (!named) {
    if (levels.has(GLOBAL_ACCESS_LEVEL)) return;
    throw forbidden(`This certificate's subject mapping grants no global access (only ${granted}): send a "tenant" header naming a tenant of those types`);
  }
  const tenant = await findTenant(db, named);
  if (tenant && !levels.has(tenant.type)) {
    throw forbidden(`This certificate's subject mapping grants access to tenants of type ${granted}; tenant "${named}" is of type ${tenant.type}`);
  }
}
