import type { RuntimeMetadataResolvers } from "./../../types.generated";

export const RuntimeMetadata: RuntimeMetadataResolvers = {
  creationTimestamp: (runtime) => runtime.createdAt,
};
