import { requireUser } from "@/domain/principals/authorize";
import type { QueryResolvers } from "@/graphql/types.generated";
import { findUser } from "@/domain/users/user.service";

// Open to every user, as `users` is (VIEWERs read everything but secrets); User.sessions keeps its own rule.
export const user: NonNullable<QueryResolvers['user']> = (_parent, { id }, ctx) => {
  requireUser(ctx.principal, "reading a user");
  return findUser(ctx.db, id);
};
