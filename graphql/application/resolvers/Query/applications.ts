import { requireOwnObject, requireScope } from "@/domain/principals/authorize";
import { SCOPES } from "@/lib/scopes";
import type { QueryResolvers } from "@/graphql/types.generated";
import { listApplications } from "@/domain/applications/application.service";

export const applications: NonNullable<QueryResolvers['applications']> = async (_parent, args, ctx) => {
  const principal = requireScope(ctx.principal, SCOPES.applicationRead, "listing applications");
  requireOwnObject(principal, "APPLICATION", null, "listing applications");
  return listApplications(ctx.db, await ctx.tenant.require("listing applications"), args);
};
