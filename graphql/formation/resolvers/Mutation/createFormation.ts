import type { MutationResolvers } from "@/graphql/types.generated";
import { requireScope } from "@/domain/principals/authorize";
import { createFormation as create } from "@/domain/formations/formation.service";
import { SCOPES } from "@/lib/scopes";

export const createFormation: NonNullable<MutationResolvers['createFormation']> = async (_parent, args, ctx) => {
  const doing = "creating a formation";
  const actor = requireScope(ctx.principal, SCOPES.formationWrite, doing);
  return create(ctx.db, actor, await ctx.tenant.require(doing), args.formation);
};
