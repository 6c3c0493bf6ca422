import type { TenantResolvers } from "@/graphql/types.generated";

export const Tenant: TenantResolvers = {};
