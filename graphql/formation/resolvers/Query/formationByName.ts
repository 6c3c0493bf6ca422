import type { QueryResolvers } from "@/graphql/types.generated";
import { requireScope } from "@/domain/principals/authorize";
import { findFormationByName } from "@/domain/formations/formation.service";
import { SCOPES } from "@/lib/scopes";

export const formationByName: NonNullable<QueryResolvers['formationByName']> = async (_parent, args, ctx) => {
  const doing = "reading a formation";
  requireScope(ctx.principal, SCOPES.formationRead, doing);
  return findFormationByName(ctx.db, await ctx.tenant.require(doing), args.name);
};
