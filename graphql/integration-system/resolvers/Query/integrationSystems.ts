import { requireScope } from "@/domain/principals/authorize";
import { SCOPES } from "@/lib/scopes";
import type { QueryResolvers } from "@/graphql/types.generated";
import { listIntegrationSystems } from "@/domain/integration-systems/integration-system.service";

export const integrationSystems: NonNullable<QueryResolvers['integrationSystems']> = (_parent, args, ctx) => {
  requireScope(ctx.principal, SCOPES.integrationSystemRead, "listing integration systems");
  return listIntegrationSystems(ctx.db, args);
};
