import { requireAdmin } from "../../../auth/authorize";
import type { QueryResolvers } from "../../../types.generated";
import { listUsers } from "../../user.service";

export const users: NonNullable<QueryResolvers['users']> = (_parent, _args, ctx) => {
  requireAdmin(ctx.principal, "listing users");
  return listUsers(ctx.db);
};
