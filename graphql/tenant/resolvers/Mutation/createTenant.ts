import { requireAdmin } from "@/domain/principals/authorize";
import type { MutationResolvers } from "@/graphql/types.generated";
import { createTenant as create } from "@/domain/tenants/tenant.service";

export const createTenant: NonNullable<MutationResolvers['createTenant']> = (_parent, args, ctx) => {
  const actor = requireAdmin(ctx.principal, "creating a tenant");
  return create(ctx.db, actor, args.in);
};
