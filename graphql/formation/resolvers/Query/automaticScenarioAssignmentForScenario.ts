import type { QueryResolvers } from "@/graphql/types.generated";
import { requireScope } from "@/domain/principals/authorize";
import { scenarioAssignmentForScenario } from "@/domain/formations/formation.service";
import { SCOPES } from "@/lib/scopes";

export const automaticScenarioAssignmentForScenario: NonNullable<QueryResolvers['automaticScenarioAssignmentForScenario']> = async (_parent, args, ctx) => {
  const doing = "reading an automatic scenario assignment";
  requireScope(ctx.principal, SCOPES.formationRead, doing);
  return scenarioAssignmentForScenario(ctx.db, await ctx.tenant.require(doing), args.scenarioName);
};
