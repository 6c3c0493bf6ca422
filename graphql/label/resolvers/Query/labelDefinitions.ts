import { requireScope } from "@/domain/principals/authorize";
import { SCOPES } from "@/lib/scopes";
import type { QueryResolvers } from "@/graphql/types.generated";
import { listLabelDefinitions } from "@/domain/labels/label-definition.service";

export const labelDefinitions: NonNullable<QueryResolvers['labelDefinitions']> = async (_parent, _args, ctx) => {
  requireScope(ctx.principal, SCOPES.labelDefinitionRead, "listing label definitions");
  return listLabelDefinitions(ctx.db, await ctx.tenant.require("listing label definitions"));
};
