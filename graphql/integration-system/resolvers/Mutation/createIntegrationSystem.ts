import { requireScope } from "../../../auth/authorize";
import { SCOPES } from "../../../auth/principal";
import type { MutationResolvers } from "../../../types.generated";
import { createIntegrationSystem as create } from "../../integration-system.service";

export const createIntegrationSystem: NonNullable<MutationResolvers['createIntegrationSystem']> = (_parent, args, ctx) => {
  const actor = requireScope(ctx.principal, SCOPES.integrationSystemWrite, "creating an integration system");
  return create(ctx.db, actor, args.in);
};
