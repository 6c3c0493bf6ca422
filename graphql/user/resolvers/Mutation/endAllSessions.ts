import { requireUnscopedUser } from "@/domain/principals/authorize";
import type { MutationResolvers } from "@/graphql/types.generated";
import { endAllSessionsOfUser } from "@/domain/users/session.service";

// One's own (sign out everywhere), or anyone's for admins: the service decides.
export const endAllSessions: NonNullable<MutationResolvers['endAllSessions']> = (_parent, { userId }, ctx) => {
  const actor = requireUnscopedUser(ctx.principal, "ending a user's sessions");
  return endAllSessionsOfUser(ctx.db, actor, userId);
};
