import type { MutationResolvers } from "@/graphql/types.generated";
import { requireScope } from "@/domain/principals/authorize";
import { attachConstraint } from "@/domain/formation-constraints/formation-constraint.service";
import { SCOPES } from "@/lib/scopes";

export const attachConstraintToFormationTemplate: NonNullable<MutationResolvers['attachConstraintToFormationTemplate']> = (_parent, args, ctx) => {
  const actor = requireScope(ctx.principal, SCOPES.formationConstraintWrite, "attaching a formation constraint");
  return attachConstraint(ctx.db, actor, args.constraintID, args.formationTemplateID);
};
