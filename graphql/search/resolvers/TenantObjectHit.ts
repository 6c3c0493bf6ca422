import type { TenantObjectHitResolvers } from "@/graphql/types.generated";

/** Every field is the domain hit's own (domain/search/global-search.ts). */
export const TenantObjectHit: TenantObjectHitResolvers = {};
