import type { RuntimeContextResolvers } from "@/graphql/types.generated";
import { RUNTIME_CONTEXT } from "@/domain/tenant-objects/kinds/runtime-context";
import { objectFields } from "@/graphql/tenant-objects/resolvers";

export const RuntimeContext: RuntimeContextResolvers = {
  labels: objectFields(RUNTIME_CONTEXT).labels,
};
