import { requireOwnObject, requireScope } from "@/domain/principals/authorize";
import { SCOPES } from "@/lib/scopes";
import type { QueryResolvers } from "@/graphql/types.generated";
import { findApplication } from "@/domain/applications/application.service";

export const application: NonNullable<QueryResolvers['application']> = async (_parent, { id }, ctx) => {
  const principal = requireScope(ctx.principal, SCOPES.applicationRead, "reading an application");
  requireOwnObject(principal, "APPLICATION", id, "reading an application");
  return findApplication(ctx.db, await ctx.tenant.require("reading an application"), id);
};
