import { requireAdmin } from "@/domain/principals/authorize";
import type { MutationResolvers } from "@/graphql/types.generated";
import { revokeApiToken as revoke } from "@/domain/api-tokens/api-token.service";

export const revokeApiToken: NonNullable<MutationResolvers['revokeApiToken']> = (_parent, { id }, ctx) => {
  const actor = requireAdmin(ctx.principal, "revoking an API token");
  return revoke(ctx.db, actor, id);
};
