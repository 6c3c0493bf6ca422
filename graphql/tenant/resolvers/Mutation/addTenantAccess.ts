import { requireScope } from "@/domain/principals/authorize";
import { SCOPES } from "@/lib/scopes";
import type { MutationResolvers } from "@/graphql/types.generated";
import { addTenantAccess as add } from "@/domain/tenants/tenant-access.service";

export const addTenantAccess: NonNullable<MutationResolvers['addTenantAccess']> = (_parent, args, ctx) => {
  const actor = requireScope(ctx.principal, SCOPES.tenantWrite, "sharing an object with a tenant");
  return add(ctx.db, actor, args.in);
};
