import type { MutationResolvers } from "@/graphql/types.generated";
import { requireScope } from "@/domain/principals/authorize";
import { updateFormationTemplate as update } from "@/domain/formation-templates/formation-template.service";
import { SCOPES } from "@/lib/scopes";

export const updateFormationTemplate: NonNullable<MutationResolvers['updateFormationTemplate']> = (_parent, { id, in: input }, ctx) => {
  const actor = requireScope(ctx.principal, SCOPES.formationTemplateWrite, "updating a formation template");
  return update(ctx.db, actor, id, input);
};
