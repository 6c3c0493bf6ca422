import DataLoader from "dataloader";
import type { GraphQLContext } from "@/graphql/context";
import { initializedAmong, labelsOfTenants, parentIdsOfTenants } from "@/domain/tenants/tenant-mapping.service";

/**
 * Tenant fields read for a whole page at once: one query per field, not per
 * tenant. Kept per request beside its context (a WeakMap, so they go with it).
 */
interface TenantLoaders {
  parentIds: DataLoader<string, string[]>;
  labels: DataLoader<string, Record<string, unknown>>;
  initialized: DataLoader<string, boolean>;
}

const perRequest = new WeakMap<GraphQLContext, TenantLoaders>();

export function tenantLoaders(ctx: GraphQLContext): TenantLoaders {
  let loaders = perRequest.get(ctx);
  if (!loaders) {
    const { db } = ctx;
    loaders = {
      parentIds: new DataLoader(async (ids) => {
        const found = await parentIdsOfTenants(db, ids);
        return ids.map((id) => found.get(id) ?? []);
      }),
      labels: new DataLoader(async (ids) => {
        const found = await labelsOfTenants(db, ids);
        return ids.map((id) => found.get(id) ?? {});
      }),
      initialized: new DataLoader(async (ids) => {
        const found = await initializedAmong(db, ids);
        return ids.map((id) => found.has(id));
      }),
    };
    perRequest.set(ctx, loaders);
  }
  return loaders;
}
