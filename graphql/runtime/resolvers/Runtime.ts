import { labelsAnswer } from "@/graphql/label/labels-field";
import type { RuntimeResolvers } from "@/graphql/types.generated";

export const Runtime: RuntimeResolvers = {
  metadata: (runtime) => runtime,
  status: (runtime) => runtime,
  labels: async (runtime, { key }, ctx) => labelsAnswer(await ctx.loaders.labelsByObjectId.load(runtime.id), key),
  // Anyone who may read the runtime sees its credentials' ids; their data is sanitized (RuntimeSystemAuth.auth).
  auths: (runtime, _args, ctx) => ctx.loaders.runtimeAuthsById.load(runtime.id),
};
