import type { MutationResolvers } from "@/graphql/types.generated";
import { RUNTIME_CONTEXT } from "@/domain/tenant-objects/kinds/runtime-context";
import { registerChildMutation } from "@/graphql/tenant-objects/resolvers";

export const registerRuntimeContext: NonNullable<MutationResolvers['registerRuntimeContext']> = registerChildMutation(RUNTIME_CONTEXT, "runtimeID");
