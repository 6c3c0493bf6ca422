import { requirePerson } from "@/domain/principals/authorize";
import { SCOPES } from "@/lib/scopes";
import type { MutationResolvers } from "@/graphql/types.generated";
import { createLabelDefinition as write } from "@/domain/labels/label-definition.service";

export const createLabelDefinition: NonNullable<MutationResolvers['createLabelDefinition']> = async (_parent, args, ctx) => {
  const actor = requirePerson(ctx.principal, SCOPES.labelDefinitionWrite, "creating a label definition");
  return write(ctx.db, actor, await ctx.tenant.require("creating a label definition"), args.in);
};
