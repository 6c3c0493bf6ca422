import { unauthenticated } from "@/domain/errors";
import type { QueryResolvers } from "@/graphql/types.generated";

export const viewer: NonNullable<QueryResolvers['viewer']> = (_parent, _args, ctx) => {
  if (!ctx.principal) throw unauthenticated();
  return ctx.principal;
};
