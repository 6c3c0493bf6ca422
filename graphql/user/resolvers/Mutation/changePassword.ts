import { requireUnscopedUser } from "@/domain/principals/authorize";
import { changeOwnPassword } from "@/domain/users/user.service";
import type { MutationResolvers } from "@/graphql/types.generated";

// Every user, viewers too: it is their own account, and the current password is required.
export const changePassword: NonNullable<MutationResolvers['changePassword']> = (_parent, args, ctx) => {
  const actor = requireUnscopedUser(ctx.principal, "changing your password");
  return changeOwnPassword(ctx.instance, actor, args);
};
