import { requireAdmin, requireUser } from "@/domain/principals/authorize";
import { badInput } from "@/domain/errors";
import type { QueryResolvers } from "@/graphql/types.generated";
import { listApiTokens } from "@/domain/api-tokens/api-token.service";
import { requireSelfOrAdmin } from "@/domain/users/user.service";

export const apiTokens: NonNullable<QueryResolvers['apiTokens']> = (_parent, { userId, allUsers }, ctx) => {
  const user = requireUser(ctx.principal, "listing API tokens");
  if (allUsers) {
    if (userId) throw badInput("allUsers", "Give either userId or allUsers, not both");
    requireAdmin(ctx.principal, "listing every user's API tokens");
    return listApiTokens(ctx.db, null);
  }
  // Another user's tokens: admins only, so they can see and revoke what a demoted or departing user still holds.
  if (userId) requireSelfOrAdmin(user, userId, "listing another user's API tokens");
  return listApiTokens(ctx.db, userId ?? user.user.id);
};
