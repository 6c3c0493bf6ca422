import type { QueryResolvers } from "@/graphql/types.generated";
import { requireScope } from "@/domain/principals/authorize";
import { findFormationConstraint } from "@/domain/formation-constraints/formation-constraint.service";
import { SCOPES } from "@/lib/scopes";

export const formationConstraint: NonNullable<QueryResolvers['formationConstraint']> = (_parent, args, ctx) => {
  requireScope(ctx.principal, SCOPES.formationConstraintRead, "reading formation constraints");
  return findFormationConstraint(ctx.db, args.id);
};
