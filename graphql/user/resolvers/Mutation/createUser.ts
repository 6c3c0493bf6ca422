import { requireAdmin } from "@/domain/principals/authorize";
import type { MutationResolvers } from "@/graphql/types.generated";
import { createUser as create } from "@/domain/users/user.service";

export const createUser: NonNullable<MutationResolvers['createUser']> = (_parent, args, ctx) => {
  const actor = requireAdmin(ctx.principal, "creating a user");
  return create(ctx.db, actor, args.in);
};
