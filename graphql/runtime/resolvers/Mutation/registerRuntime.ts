import type { MutationResolvers } from "@/graphql/types.generated";
import { RUNTIME } from "@/domain/tenant-objects/kinds/runtime";
import { registerMutation } from "@/graphql/tenant-objects/resolvers";

export const registerRuntime: NonNullable<MutationResolvers['registerRuntime']> = registerMutation(RUNTIME);
