import { requireUnscopedUser } from "@/domain/principals/authorize";
import { endSessionById } from "@/domain/users/session.service";
import type { MutationResolvers } from "@/graphql/types.generated";

export const endSession: NonNullable<MutationResolvers['endSession']> = (_parent, { id }, ctx) => {
  // Rights (own session, or an admin) are the service's: another's session is NOT_FOUND to a non-admin.
  const actor = requireUnscopedUser(ctx.principal, "ending a session");
  return endSessionById(ctx.db, actor, id);
};
