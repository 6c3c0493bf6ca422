import type { QueryResolvers } from "@/graphql/types.generated";
import { requireScope } from "@/domain/principals/authorize";
import { constraintsOfTemplate } from "@/domain/formation-constraints/formation-constraint.service";
import { SCOPES } from "@/lib/scopes";

export const formationConstraintsByFormationType: NonNullable<QueryResolvers['formationConstraintsByFormationType']> = (_parent, args, ctx) => {
  requireScope(ctx.principal, SCOPES.formationConstraintRead, "reading formation constraints");
  return constraintsOfTemplate(ctx.db, args.formationTemplateID);
};
