import { requireScope } from "@/domain/principals/authorize";
import { SCOPES } from "@/lib/scopes";
import type { MutationResolvers } from "@/graphql/types.generated";
import { deleteIntegrationSystem as remove } from "@/domain/integration-systems/integration-system.service";

export const deleteIntegrationSystem: NonNullable<MutationResolvers['deleteIntegrationSystem']> = (_parent, { id }, ctx) => {
  const actor = requireScope(ctx.principal, SCOPES.integrationSystemWrite, "deleting an integration system");
  return remove(ctx.db, actor, id);
};
