import type { Tenant } from "../../generated/prisma-sqlite/client";
import type { Db } from "../../lib/db";
import { missingTenant, unknownTenant } from "../errors";
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
 */
export function tenantScope(db: Db, header: string | null): TenantScope {
  const value = header?.trim() || null;
  let lookup: Promise<Tenant | null> | undefined;
  return {
    header: value,
    async require(doing) {
      if (!value) throw missingTenant(doing);
      const tenant = await (lookup ??= findTenant(db, value));
      if (!tenant) throw unknownTenant(value, doing);
      return tenant;
    },
  };
}
