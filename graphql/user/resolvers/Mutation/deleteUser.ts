import { requireAdmin } from "@/domain/principals/authorize";
import type { MutationResolvers } from "@/graphql/types.generated";
import { deleteUser as remove } from "@/domain/users/user.service";

export const deleteUser: NonNullable<MutationResolvers['deleteUser']> = (_parent, { id }, ctx) => {
  const actor = requireAdmin(ctx.principal, "deleting a user");
  return remove(ctx.db, actor, id);
};
