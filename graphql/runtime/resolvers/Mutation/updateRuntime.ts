import type { MutationResolvers } from "@/graphql/types.generated";
import { RUNTIME } from "@/domain/tenant-objects/kinds/runtime";
import { updateMutation } from "@/graphql/tenant-objects/resolvers";

export const updateRuntime: NonNullable<MutationResolvers['updateRuntime']> = updateMutation(RUNTIME);
