import type { QueryResolvers } from "@/graphql/types.generated";
import { requireScope } from "@/domain/principals/authorize";
import { scenarioAssignmentsForSelector } from "@/domain/formations/formation.service";
import { SCOPES } from "@/lib/scopes";

export const automaticScenarioAssignmentsForSelector: NonNullable<QueryResolvers['automaticScenarioAssignmentsForSelector']> = async (_parent, args, ctx) => {
  const doing = "reading automatic scenario assignments";
  requireScope(ctx.principal, SCOPES.formationRead, doing);
  return scenarioAssignmentsForSelector(ctx.db, await ctx.tenant.require(doing), args.selector);
};
