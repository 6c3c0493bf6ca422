import { requirePerson } from "@/domain/principals/authorize";
import { SCOPES } from "@/lib/scopes";
import type { MutationResolvers } from "@/graphql/types.generated";
import { updateLabelDefinition as write } from "@/domain/labels/label-definition.service";

export const updateLabelDefinition: NonNullable<MutationResolvers['updateLabelDefinition']> = async (_parent, args, ctx) => {
  const actor = requirePerson(ctx.principal, SCOPES.labelDefinitionWrite, "updating a label definition");
  return write(ctx.db, actor, await ctx.tenant.require("updating a label definition"), args.in);
};
