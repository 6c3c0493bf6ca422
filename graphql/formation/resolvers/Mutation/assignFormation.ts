import type { MutationResolvers } from "@/graphql/types.generated";
import { requireScope } from "@/domain/principals/authorize";
import { assignFormation as assign } from "@/domain/formations/formation.service";
import { SCOPES } from "@/lib/scopes";

export const assignFormation: NonNullable<MutationResolvers['assignFormation']> = async (_parent, args, ctx) => {
  const doing = "assigning to a formation";
  const actor = requireScope(ctx.principal, SCOPES.formationWrite, doing);
  return assign(ctx.db, actor, await ctx.tenant.require(doing), args);
};
