import { requireScope } from "@/domain/principals/authorize";
import { SCOPES } from "@/lib/scopes";
import type { QueryResolvers } from "@/graphql/types.generated";
import { findLabelDefinition } from "@/domain/labels/label-definition.service";

export const labelDefinition: NonNullable<QueryResolvers['labelDefinition']> = async (_parent, { key }, ctx) => {
  requireScope(ctx.principal, SCOPES.labelDefinitionRead, "reading a label definition");
  return findLabelDefinition(ctx.db, await ctx.tenant.require("reading a label definition"), key);
};
