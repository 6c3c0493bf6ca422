import { requireScope } from "../../../auth/authorize";
import { SCOPES } from "../../../auth/principal";
import type { MutationResolvers } from "../../../types.generated";
import { updateIntegrationSystem as update } from "../../integration-system.service";

export const updateIntegrationSystem: NonNullable<MutationResolvers['updateIntegrationSystem']> = (_parent, args, ctx) => {
  const actor = requireScope(ctx.principal, SCOPES.integrationSystemWrite, "updating an integration system");
  return update(ctx.db, actor, args.id, args.in);
};
