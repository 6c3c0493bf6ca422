import type { QueryResolvers } from "@/graphql/types.generated";
import { globalSearch as search } from "@/domain/search/global-search";

export const globalSearch: NonNullable<QueryResolvers['globalSearch']> = (_parent, args, ctx) => search(ctx.db, ctx.principal, args);
