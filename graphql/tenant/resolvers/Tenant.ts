import type { TenantResolvers } from "@/graphql/types.generated";
import { isInitialized, parentIdsOf, parentsOf, tenantLabels } from "@/domain/tenants/tenant-mapping.service";

/** Compass's shape: `id` is the external id, `internalID` the product's (docs/decisions/0017). */
export const Tenant: TenantResolvers = {
  id: (tenant) => tenant.externalId,
  internalID: (tenant) => tenant.id,
  parents: (tenant, _args, ctx) => parentIdsOf(ctx.db, tenant.id),
  parentTenants: (tenant, _args, ctx) => parentsOf(ctx.db, tenant.id),
  initialized: (tenant, _args, ctx) => isInitialized(ctx.db, tenant.id),
  labels: (tenant, { key }, ctx) => tenantLabels(ctx.db, tenant.id, key),
};
