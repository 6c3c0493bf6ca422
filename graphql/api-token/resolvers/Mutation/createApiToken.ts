import { requireUnscopedUser } from "@/domain/principals/authorize";
import type { MutationResolvers } from "@/graphql/types.generated";
import { createApiToken as create } from "@/domain/api-tokens/api-token.service";

// Any user may (a VIEWER read-only ones: the service decides); a scoped token may not mint more.
export const createApiToken: NonNullable<MutationResolvers['createApiToken']> = (_parent, args, ctx) => {
  const actor = requireUnscopedUser(ctx.principal, "creating an API token");
  return create(ctx.db, actor, args);
};
