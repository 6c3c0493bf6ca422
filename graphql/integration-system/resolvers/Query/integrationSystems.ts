import { requireScope } from "../../../auth/authorize";
import { SCOPES } from "../../../auth/principal";
import type { QueryResolvers } from "../../../types.generated";
import { listIntegrationSystems } from "../../integration-system.service";

export const integrationSystems: NonNullable<QueryResolvers['integrationSystems']> = (_parent, args, ctx) => {
  requireScope(ctx.principal, SCOPES.integrationSystemRead, "listing integration systems");
  return listIntegrationSystems(ctx.db, args);
};
