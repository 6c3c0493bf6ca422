import type { MutationResolvers } from "@/graphql/types.generated";
import { requireScope } from "@/domain/principals/authorize";
import { createFormationConstraint as write } from "@/domain/formation-constraints/formation-constraint.service";
import { SCOPES } from "@/lib/scopes";

export const createFormationConstraint: NonNullable<MutationResolvers['createFormationConstraint']> = (_parent, args, ctx) => {
  const actor = requireScope(ctx.principal, SCOPES.formationConstraintWrite, "creating a formation constraint");
  return write(ctx.db, actor, args.formationConstraint);
};
