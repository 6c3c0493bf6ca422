import { requireUser } from "@/domain/principals/authorize";
import type { QueryResolvers } from "@/graphql/types.generated";
import { findUser } from "@/domain/users/user.service";

// Users only; the service lets admins read anyone and others only themselves (the rule of User.sessions).
export const user: NonNullable<QueryResolvers['user']> = (_parent, { id }, ctx) => {
  const caller = requireUser(ctx.principal, "reading a user");
  return findUser(ctx.db, caller, id);
};
