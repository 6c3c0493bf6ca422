import type { MutationResolvers } from "@/graphql/types.generated";
import { RUNTIME_CONTEXT } from "@/domain/tenant-objects/kinds/runtime-context";
import { updateMutation } from "@/graphql/tenant-objects/resolvers";

export const updateRuntimeContext: NonNullable<MutationResolvers['updateRuntimeContext']> = updateMutation(RUNTIME_CONTEXT);
