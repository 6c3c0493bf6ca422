import type { MutationResolvers } from "@/graphql/types.generated";
import { RUNTIME } from "@/domain/tenant-objects/kinds/runtime";
import { deleteCredentialMutation } from "@/graphql/tenant-objects/resolvers";

export const deleteSystemAuthForRuntime: NonNullable<MutationResolvers['deleteSystemAuthForRuntime']> = deleteCredentialMutation(RUNTIME);
