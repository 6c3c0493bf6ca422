import type { MutationResolvers } from "@/graphql/types.generated";
import { requireScope } from "@/domain/principals/authorize";
import { deleteFormationTemplate as remove } from "@/domain/formation-templates/formation-template.service";
import { SCOPES } from "@/lib/scopes";

export const deleteFormationTemplate: NonNullable<MutationResolvers['deleteFormationTemplate']> = (_parent, { id }, ctx) => {
  const actor = requireScope(ctx.principal, SCOPES.formationTemplateWrite, "deleting a formation template");
  return remove(ctx.db, actor, id);
};
