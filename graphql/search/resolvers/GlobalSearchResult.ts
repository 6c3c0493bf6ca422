import type { GlobalSearchResultResolvers } from "@/graphql/types.generated";

/** Every field is the domain result's own (domain/search/global-search.ts). */
export const GlobalSearchResult: GlobalSearchResultResolvers = {};
