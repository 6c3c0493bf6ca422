import { requireAdmin } from "@/domain/principals/authorize";
import { inviteUser as invite } from "@/domain/users/user.service";
import type { MutationResolvers } from "@/graphql/types.generated";

export const inviteUser: NonNullable<MutationResolvers['inviteUser']> = (_parent, args, ctx) => {
  const actor = requireAdmin(ctx.principal, "inviting a user");
  return invite(ctx.db, actor, args.in);
};
