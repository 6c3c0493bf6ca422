import { requireAdmin } from "@/domain/principals/authorize";
import { createPasswordResetLink as create } from "@/domain/users/user.service";
import type { MutationResolvers } from "@/graphql/types.generated";

export const createPasswordResetLink: NonNullable<MutationResolvers['createPasswordResetLink']> = (_parent, { id }, ctx) => {
  const actor = requireAdmin(ctx.principal, "creating a password reset link");
  return create(ctx.db, actor, id);
};
