import type { MutationResolvers } from "@/graphql/types.generated";
import { requireScope } from "@/domain/principals/authorize";
import { deleteFormationConstraint as write } from "@/domain/formation-constraints/formation-constraint.service";
import { SCOPES } from "@/lib/scopes";

export const deleteFormationConstraint: NonNullable<MutationResolvers['deleteFormationConstraint']> = (_parent, args, ctx) => {
  const actor = requireScope(ctx.principal, SCOPES.formationConstraintWrite, "deleting a formation constraint");
  return write(ctx.db, actor, args.id);
};
