import type { MutationResolvers } from "@/graphql/types.generated";
import { requireScope } from "@/domain/principals/authorize";
import { deleteFormation as remove } from "@/domain/formations/formation.service";
import { SCOPES } from "@/lib/scopes";

export const deleteFormation: NonNullable<MutationResolvers['deleteFormation']> = async (_parent, args, ctx) => {
  const doing = "deleting a formation";
  const actor = requireScope(ctx.principal, SCOPES.formationWrite, doing);
  return remove(ctx.db, actor, await ctx.tenant.require(doing), args.formation);
};
