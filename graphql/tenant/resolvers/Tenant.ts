import type { TenantResolvers } from "./../../types.generated";

export const Tenant: TenantResolvers = {};
