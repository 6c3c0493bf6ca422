import type { RuntimeResolvers } from "@/graphql/types.generated";
import { RUNTIME } from "@/domain/tenant-objects/kinds/runtime";
import { objectFields } from "@/graphql/tenant-objects/resolvers";

export const Runtime: Pick<RuntimeResolvers, 'applicationNamespace'|'auths'|'description'|'id'|'labels'|'metadata'|'name'|'status'> = {
  metadata: (runtime) => runtime,
  status: (runtime) => runtime,
  ...objectFields(RUNTIME),
};
