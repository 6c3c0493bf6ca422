import type { MutationResolvers } from "@/graphql/types.generated";
import { APPLICATION } from "@/domain/tenant-objects/kinds/application";
import { requestCredentialsMutation } from "@/graphql/tenant-objects/resolvers";

export const requestClientCredentialsForApplication: NonNullable<MutationResolvers['requestClientCredentialsForApplication']> = requestCredentialsMutation(APPLICATION);
