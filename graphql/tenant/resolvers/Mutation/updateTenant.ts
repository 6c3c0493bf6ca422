import { requireScope } from "@/domain/principals/authorize";
import { SCOPES } from "@/lib/scopes";
import type { MutationResolvers } from "@/graphql/types.generated";
import { updateTenant as update } from "@/domain/tenants/tenant-mapping.service";

export const updateTenant: NonNullable<MutationResolvers['updateTenant']> = (_parent, args, ctx) => {
  const actor = requireScope(ctx.principal, SCOPES.tenantWrite, "updating a tenant");
  return update(ctx.db, actor, args.id, args.in);
};
