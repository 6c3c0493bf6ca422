import { requireScope } from "@/domain/principals/authorize";
import { SCOPES } from "@/lib/scopes";
import type { MutationResolvers } from "@/graphql/types.generated";
import { deleteApplicationTemplate as remove } from "@/domain/application-templates/application-template.service";

export const deleteApplicationTemplate: NonNullable<MutationResolvers['deleteApplicationTemplate']> = (_parent, { id }, ctx) => {
  const actor = requireScope(ctx.principal, SCOPES.applicationTemplateWrite, "deleting an application template");
  return remove(ctx.db, actor, id);
};
