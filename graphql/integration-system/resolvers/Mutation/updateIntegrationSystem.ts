import { requireScope } from "@/domain/principals/authorize";
import { SCOPES } from "@/lib/scopes";
import type { MutationResolvers } from "@/graphql/types.generated";
import { updateIntegrationSystem as update } from "@/domain/integration-systems/integration-system.service";

export const updateIntegrationSystem: NonNullable<MutationResolvers['updateIntegrationSystem']> = (_parent, args, ctx) => {
  const actor = requireScope(ctx.principal, SCOPES.integrationSystemWrite, "updating an integration system");
  return update(ctx.db, actor, args.id, args.in);
};
