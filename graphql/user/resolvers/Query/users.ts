import { requireUser } from "@/domain/principals/authorize";
import type { QueryResolvers } from "@/graphql/types.generated";
import { listUsers } from "@/domain/users/user.service";

// Reading is open to every user: VIEWERs read everything but secrets (docs/design.md).
export const users: NonNullable<QueryResolvers['users']> = (_parent, _args, ctx) => {
  requireUser(ctx.principal, "listing users");
  return listUsers(ctx.db);
};
