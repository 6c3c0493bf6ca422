import { requireUser } from "@/domain/principals/authorize";
import type { QueryResolvers } from "@/graphql/types.generated";
import { listApiTokens } from "@/domain/api-tokens/api-token.service";

export const apiTokens: NonNullable<QueryResolvers['apiTokens']> = (_parent, _args, ctx) => {
  const user = requireUser(ctx.principal, "listing API tokens");
  return listApiTokens(ctx.db, user.user.id);
};
