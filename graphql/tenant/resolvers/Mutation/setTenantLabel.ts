import { requireScope } from "@/domain/principals/authorize";
import { SCOPES } from "@/lib/scopes";
import type { MutationResolvers } from "@/graphql/types.generated";
import { setTenantLabel as set } from "@/domain/tenants/tenant-mapping.service";

export const setTenantLabel: NonNullable<MutationResolvers['setTenantLabel']> = (_parent, { tenantID, key, value }, ctx) => {
  const actor = requireScope(ctx.principal, SCOPES.tenantWrite, "setting a tenant's label");
  return set(ctx.db, actor, tenantID, key, value);
};
