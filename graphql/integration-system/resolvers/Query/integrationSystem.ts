import { requireScope } from "@/domain/principals/authorize";
import { SCOPES } from "@/lib/scopes";
import type { QueryResolvers } from "@/graphql/types.generated";
import { findIntegrationSystem } from "@/domain/integration-systems/integration-system.service";

export const integrationSystem: NonNullable<QueryResolvers['integrationSystem']> = (_parent, { id }, ctx) => {
  requireScope(ctx.principal, SCOPES.integrationSystemRead, "reading an integration system");
  return findIntegrationSystem(ctx.db, id);
};
