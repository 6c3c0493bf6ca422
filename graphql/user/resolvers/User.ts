import { sessionsOfUser } from "@/domain/users/session.service";
import { toIdentity } from "@/domain/users/user.service";
import type { UserResolvers } from "@/graphql/types.generated";

export const User: UserResolvers = {
  role: (user) => toIdentity(user).role,
  // Only reachable by users (`users`, `user` and `viewer.user`); the service lets the user themself and admins see them.
  sessions: (user, _args, ctx) => sessionsOfUser(ctx.db, ctx.principal, user.id, ctx.config.sessionIdleTimeoutMinutes),
};
