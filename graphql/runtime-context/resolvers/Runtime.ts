import type { RuntimeResolvers } from "@/graphql/types.generated";
import { RUNTIME_CONTEXT } from "@/domain/tenant-objects/kinds/runtime-context";
import { childField, childListField } from "@/graphql/tenant-objects/resolvers";

export const Runtime: Pick<RuntimeResolvers, 'runtimeContext'|'runtimeContexts'> = {
  runtimeContext: childField(RUNTIME_CONTEXT),
  runtimeContexts: childListField(RUNTIME_CONTEXT),
};
