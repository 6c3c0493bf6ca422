import type { QueryResolvers } from "@/graphql/types.generated";
import { requireScope } from "@/domain/principals/authorize";
import { listScenarioAssignments } from "@/domain/formations/formation.service";
import { SCOPES } from "@/lib/scopes";

export const automaticScenarioAssignments: NonNullable<QueryResolvers['automaticScenarioAssignments']> = async (_parent, args, ctx) => {
  const doing = "listing automatic scenario assignments";
  requireScope(ctx.principal, SCOPES.formationRead, doing);
  return listScenarioAssignments(ctx.db, await ctx.tenant.require(doing), { first: args.first ?? 200, after: args.after });
};
