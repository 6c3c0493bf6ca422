import type { MutationResolvers } from "@/graphql/types.generated";
import { RUNTIME_CONTEXT } from "@/domain/tenant-objects/kinds/runtime-context";
import { unregisterMutation } from "@/graphql/tenant-objects/resolvers";

export const unregisterRuntimeContext: NonNullable<MutationResolvers['unregisterRuntimeContext']> = unregisterMutation(RUNTIME_CONTEXT);
