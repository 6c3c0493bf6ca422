import type { Tenant } from "@/generated/prisma-sqlite/client";
import type { Db } from "@/lib/db";
import { forbidden, missingTenant, unknownTenant } from "@/domain/errors";
import type { Principal } from "@/domain/principals/principal";
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
