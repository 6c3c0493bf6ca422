import type { TenantAccessObjectType, TenantAccessResolvers } from "@/graphql/types.generated";

export const TenantAccess: TenantAccessResolvers = {
  resourceType: (share) => share.resourceType as TenantAccessObjectType,
};
