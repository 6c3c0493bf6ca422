import type { QueryResolvers } from "@/graphql/types.generated";
import { requireScope } from "@/domain/principals/authorize";
import { listFormationConstraints } from "@/domain/formation-constraints/formation-constraint.service";
import { SCOPES } from "@/lib/scopes";

export const formationConstraints: NonNullable<QueryResolvers['formationConstraints']> = (_parent, _args, ctx) => {
  requireScope(ctx.principal, SCOPES.formationConstraintRead, "reading formation constraints");
  return listFormationConstraints(ctx.db);
};
