import type { MutationResolvers } from "@/graphql/types.generated";
import { requireScope } from "@/domain/principals/authorize";
import { unassignFormation as unassign } from "@/domain/formations/formation.service";
import { SCOPES } from "@/lib/scopes";

export const unassignFormation: NonNullable<MutationResolvers['unassignFormation']> = async (_parent, args, ctx) => {
  const doing = "unassigning from a formation";
  const actor = requireScope(ctx.principal, SCOPES.formationWrite, doing);
  return unassign(ctx.db, actor, await ctx.tenant.require(doing), args);
};
