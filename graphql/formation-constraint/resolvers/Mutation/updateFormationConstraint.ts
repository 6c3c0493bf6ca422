import type { MutationResolvers } from "@/graphql/types.generated";
import { requireScope } from "@/domain/principals/authorize";
import { updateFormationConstraint as write } from "@/domain/formation-constraints/formation-constraint.service";
import { SCOPES } from "@/lib/scopes";

export const updateFormationConstraint: NonNullable<MutationResolvers['updateFormationConstraint']> = (_parent, args, ctx) => {
  const actor = requireScope(ctx.principal, SCOPES.formationConstraintWrite, "updating a formation constraint");
  return write(ctx.db, actor, args.id, args.in);
};
