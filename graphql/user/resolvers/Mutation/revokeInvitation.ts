import { requireAdmin } from "@/domain/principals/authorize";
import type { MutationResolvers } from "@/graphql/types.generated";
import { deleteUser } from "@/domain/users/user.service";

export const revokeInvitation: NonNullable<MutationResolvers['revokeInvitation']> = (_parent, { id }, ctx) => {
  const actor = requireAdmin(ctx.principal, "revoking an invitation");
  return deleteUser(ctx.db, actor, id, true);
};
