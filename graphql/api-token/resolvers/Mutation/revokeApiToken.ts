import { requireUnscopedUser } from "@/domain/principals/authorize";
import type { MutationResolvers } from "@/graphql/types.generated";
import { revokeApiToken as revoke } from "@/domain/api-tokens/api-token.service";

// Every user may revoke their own tokens (giving up access needs no rights); the service lets admins revoke anyone's.
export const revokeApiToken: NonNullable<MutationResolvers['revokeApiToken']> = (_parent, { id }, ctx) => {
  const actor = requireUnscopedUser(ctx.principal, "revoking an API token");
  return revoke(ctx.db, actor, id);
};
