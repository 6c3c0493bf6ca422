import type { QueryResolvers } from "@/graphql/types.generated";
import { requireScope } from "@/domain/principals/authorize";
import { findFormation } from "@/domain/formations/formation.service";
import { SCOPES } from "@/lib/scopes";

export const formation: NonNullable<QueryResolvers['formation']> = async (_parent, args, ctx) => {
  const doing = "reading a formation";
  requireScope(ctx.principal, SCOPES.formationRead, doing);
  return findFormation(ctx.db, await ctx.tenant.require(doing), args.id);
};
