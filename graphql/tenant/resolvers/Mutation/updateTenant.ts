import { requireAdmin } from "@/domain/principals/authorize";
import type { MutationResolvers } from "@/graphql/types.generated";
import { updateTenant as update } from "@/domain/tenants/tenant.service";

export const updateTenant: NonNullable<MutationResolvers['updateTenant']> = (_parent, args, ctx) => {
  const actor = requireAdmin(ctx.principal, "updating a tenant");
  return update(ctx.db, actor, args.id, args.in);
};
