import type { RuntimeMetadataResolvers } from "@/graphql/types.generated";

export const RuntimeMetadata: RuntimeMetadataResolvers = {
  creationTimestamp: (runtime) => runtime.createdAt,
};
