import type { MutationResolvers } from "@/graphql/types.generated";
import { RUNTIME } from "@/domain/tenant-objects/kinds/runtime";
import { requestCredentialsMutation } from "@/graphql/tenant-objects/resolvers";

export const requestClientCredentialsForRuntime: NonNullable<MutationResolvers['requestClientCredentialsForRuntime']> = requestCredentialsMutation(RUNTIME);
