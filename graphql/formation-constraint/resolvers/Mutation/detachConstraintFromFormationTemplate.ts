import type { MutationResolvers } from "@/graphql/types.generated";
import { requireScope } from "@/domain/principals/authorize";
import { detachConstraint } from "@/domain/formation-constraints/formation-constraint.service";
import { SCOPES } from "@/lib/scopes";

export const detachConstraintFromFormationTemplate: NonNullable<MutationResolvers['detachConstraintFromFormationTemplate']> = (_parent, args, ctx) => {
  const actor = requireScope(ctx.principal, SCOPES.formationConstraintWrite, "detaching a formation constraint");
  return detachConstraint(ctx.db, actor, args.constraintID, args.formationTemplateID);
};
