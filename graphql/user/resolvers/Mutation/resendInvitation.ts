import { requireAdmin } from "@/domain/principals/authorize";
import { createPasswordResetLink } from "@/domain/users/user.service";
import type { MutationResolvers } from "@/graphql/types.generated";

export const resendInvitation: NonNullable<MutationResolvers['resendInvitation']> = (_parent, { id }, ctx) => {
  const actor = requireAdmin(ctx.principal, "resending an invitation");
  return createPasswordResetLink(ctx.db, actor, id, true);
};
