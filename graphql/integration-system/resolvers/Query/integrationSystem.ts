import { requireScope } from "../../../auth/authorize";
import { SCOPES } from "../../../auth/principal";
import type { QueryResolvers } from "../../../types.generated";
import { findIntegrationSystem } from "../../integration-system.service";

export const integrationSystem: NonNullable<QueryResolvers['integrationSystem']> = (_parent, { id }, ctx) => {
  requireScope(ctx.principal, SCOPES.integrationSystemRead, "reading an integration system");
  return findIntegrationSystem(ctx.db, id);
};
