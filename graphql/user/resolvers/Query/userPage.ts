import { requireUser } from "@/domain/principals/authorize";
import type { QueryResolvers } from "@/graphql/types.generated";
import { listUsersPage } from "@/domain/users/user.service";

// Reading is open to every user, as `users` is.
export const userPage: NonNullable<QueryResolvers['userPage']> = (_parent, args, ctx) => {
  requireUser(ctx.principal, "listing users");
  return listUsersPage(ctx.db, args);
};
