import type { BundlePageResolvers } from "@/graphql/types.generated";

// Always the empty page Application's resolvers build (graphql/application/resolvers/Application.ts): its own fields answer it.
export const BundlePage: BundlePageResolvers = {};
