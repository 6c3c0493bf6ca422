import type { UserSessionResolvers } from "@/graphql/types.generated";

export const UserSession: UserSessionResolvers = {
  current: (session, _args, ctx) => ctx.principal?.kind === "USER" && ctx.principal.sessionId === session.id,
};
