import type { RuntimeResolvers } from "@/graphql/types.generated";
import { RUNTIME, eventingConfigurationOf } from "@/domain/tenant-objects/kinds/runtime";
import { objectFields } from "@/graphql/tenant-objects/resolvers";

export const Runtime: Pick<RuntimeResolvers, 'applicationNamespace'|'auths'|'description'|'eventingConfiguration'|'id'|'labels'|'metadata'|'name'|'status'> = {
  metadata: (runtime) => runtime,
  status: (runtime) => runtime,
  eventingConfiguration: async (runtime, _args, ctx) => eventingConfigurationOf(await ctx.loaders.labelsByObjectId.load(runtime.id)),
  ...objectFields(RUNTIME),
};
