import { requireScope } from "@/domain/principals/authorize";
import { SCOPES } from "@/lib/scopes";
import type { MutationResolvers } from "@/graphql/types.generated";
import { createIntegrationSystem as create } from "@/domain/integration-systems/integration-system.service";

export const createIntegrationSystem: NonNullable<MutationResolvers['createIntegrationSystem']> = (_parent, args, ctx) => {
  const actor = requireScope(ctx.principal, SCOPES.integrationSystemWrite, "creating an integration system");
  return create(ctx.db, actor, args.in);
};
