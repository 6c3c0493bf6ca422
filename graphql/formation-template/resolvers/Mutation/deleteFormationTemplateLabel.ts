import type { MutationResolvers } from "@/graphql/types.generated";
import { requireScope } from "@/domain/principals/authorize";
import { deleteFormationTemplateLabel as remove } from "@/domain/formation-templates/formation-template.service";
import { SCOPES } from "@/lib/scopes";

export const deleteFormationTemplateLabel: NonNullable<MutationResolvers['deleteFormationTemplateLabel']> = (_parent, { formationTemplateID, key }, ctx) => {
  const actor = requireScope(ctx.principal, SCOPES.formationTemplateWrite, "deleting a formation template's label");
  return remove(ctx.db, actor, formationTemplateID, key);
};
