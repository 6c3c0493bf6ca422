import type { TenantResolvers } from "@/graphql/types.generated";
import { tenantLoaders } from "../loaders";

/** Compass's shape: `id` is the external id, `internalID` the product's (docs/decisions/0017). */
export const Tenant: TenantResolvers = {
  id: (tenant) => tenant.externalId,
  internalID: (tenant) => tenant.id,
  parents: (tenant, _args, ctx) => tenantLoaders(ctx).parentIds.load(tenant.id),
  parentTenants: async (tenant, _args, ctx) => {
    const parents = await ctx.loaders.tenantById.loadMany(await tenantLoaders(ctx).parentIds.load(tenant.id));
    return parents
      .filter((parent): parent is Exclude<typeof parent, Error | null> => parent !== null && !(parent instanceof Error))
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id));
  },
  initialized: (tenant, _args, ctx) => tenantLoaders(ctx).initialized.load(tenant.id),
  labels: async (tenant, { key }, ctx) => {
    const labels = await tenantLoaders(ctx).labels.load(tenant.id);
    return key == null ? labels : Object.hasOwn(labels, key) ? { [key]: labels[key] } : {};
  },
};
