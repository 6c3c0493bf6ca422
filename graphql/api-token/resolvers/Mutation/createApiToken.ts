import { requireAdmin } from "@/domain/principals/authorize";
import type { MutationResolvers } from "@/graphql/types.generated";
import { createApiToken as create } from "@/domain/api-tokens/api-token.service";

// VIEWERs write nothing and see no secrets (docs/design.md), API tokens included.
export const createApiToken: NonNullable<MutationResolvers['createApiToken']> = (_parent, args, ctx) => {
  const actor = requireAdmin(ctx.principal, "creating an API token");
  return create(ctx.db, actor, args);
};
