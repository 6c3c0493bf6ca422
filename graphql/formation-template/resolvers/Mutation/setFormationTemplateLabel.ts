import type { MutationResolvers } from "@/graphql/types.generated";
import { requireScope } from "@/domain/principals/authorize";
import { setFormationTemplateLabel as set } from "@/domain/formation-templates/formation-template.service";
import { SCOPES } from "@/lib/scopes";

export const setFormationTemplateLabel: NonNullable<MutationResolvers['setFormationTemplateLabel']> = (_parent, { formationTemplateID, in: input }, ctx) => {
  const actor = requireScope(ctx.principal, SCOPES.formationTemplateWrite, "setting a formation template's label");
  return set(ctx.db, actor, formationTemplateID, input.key, input.value);
};
