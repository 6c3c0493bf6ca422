import { requireAdmin } from "@/domain/principals/authorize";
import type { MutationResolvers } from "@/graphql/types.generated";
import { deleteTenant as remove } from "@/domain/tenants/tenant.service";

export const deleteTenant: NonNullable<MutationResolvers['deleteTenant']> = (_parent, { id, cascade }, ctx) => {
  const actor = requireAdmin(ctx.principal, "deleting a tenant");
  return remove(ctx.db, actor, id, cascade ?? false);
};
