import type { RuntimeResolvers } from "@/graphql/types.generated";
import { RUNTIME } from "@/domain/tenant-objects/kinds/runtime";
import { runtimeEventingConfiguration } from "@/domain/eventing/eventing.service";
import { objectFields } from "@/graphql/tenant-objects/resolvers";

export const Runtime: Pick<RuntimeResolvers, 'applicationNamespace'|'auths'|'description'|'eventingConfiguration'|'id'|'labels'|'metadata'|'name'|'status'> = {
  metadata: (runtime) => runtime,
  status: (runtime) => runtime,
  eventingConfiguration: async (runtime, _args, ctx) => runtimeEventingConfiguration(await ctx.loaders.labelsByObjectId.load(runtime.id)),
  ...objectFields(RUNTIME),
};
