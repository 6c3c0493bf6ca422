import { requirePerson } from "@/domain/principals/authorize";
import { SCOPES } from "@/lib/scopes";
import type { MutationResolvers } from "@/graphql/types.generated";
import { deleteLabelDefinition as remove } from "@/domain/labels/label-definition.service";

export const deleteLabelDefinition: NonNullable<MutationResolvers['deleteLabelDefinition']> = async (_parent, { key, deleteRelatedLabels }, ctx) => {
  const actor = requirePerson(ctx.principal, SCOPES.labelDefinitionWrite, "deleting a label definition");
  return remove(ctx.db, actor, await ctx.tenant.require("deleting a label definition"), key, deleteRelatedLabels ?? false);
};
