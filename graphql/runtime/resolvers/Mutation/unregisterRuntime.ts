import type { MutationResolvers } from "@/graphql/types.generated";
import { RUNTIME } from "@/domain/tenant-objects/kinds/runtime";
import { unregisterMutation } from "@/graphql/tenant-objects/resolvers";

export const unregisterRuntime: NonNullable<MutationResolvers['unregisterRuntime']> = unregisterMutation(RUNTIME);
