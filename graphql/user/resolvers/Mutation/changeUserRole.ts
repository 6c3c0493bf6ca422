import { requireAdmin } from "@/domain/principals/authorize";
import { changeUserRole as change } from "@/domain/users/user.service";
import type { MutationResolvers } from "@/graphql/types.generated";

export const changeUserRole: NonNullable<MutationResolvers['changeUserRole']> = (_parent, { id, role }, ctx) => {
  const actor = requireAdmin(ctx.principal, "changing a user's role");
  return change(ctx.db, actor, id, role);
};
