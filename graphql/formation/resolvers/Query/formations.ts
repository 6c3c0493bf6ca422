import type { QueryResolvers } from "@/graphql/types.generated";
import { requireScope } from "@/domain/principals/authorize";
import { listFormations } from "@/domain/formations/formation.service";
import { SCOPES } from "@/lib/scopes";

export const formations: NonNullable<QueryResolvers['formations']> = async (_parent, args, ctx) => {
  const doing = "listing formations";
  requireScope(ctx.principal, SCOPES.formationRead, doing);
  return listFormations(ctx.db, await ctx.tenant.require(doing), { first: args.first ?? 200, after: args.after });
};
