import type { FetchRequestResolvers } from "@/graphql/types.generated";
import { fetchRequestFields } from "@/graphql/bundle/catalog-fields";

export const FetchRequest: FetchRequestResolvers = fetchRequestFields as FetchRequestResolvers;
