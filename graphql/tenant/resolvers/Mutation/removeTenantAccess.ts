import { requireScope } from "@/domain/principals/authorize";
import { SCOPES } from "@/lib/scopes";
import type { MutationResolvers } from "@/graphql/types.generated";
import { removeTenantAccess as remove } from "@/domain/tenants/tenant-access.service";

export const removeTenantAccess: NonNullable<MutationResolvers['removeTenantAccess']> = (_parent, { tenantID, resourceID, resourceType }, ctx) => {
  const actor = requireScope(ctx.principal, SCOPES.tenantWrite, "ending a share with a tenant");
  return remove(ctx.db, actor, tenantID, resourceID, resourceType);
};
