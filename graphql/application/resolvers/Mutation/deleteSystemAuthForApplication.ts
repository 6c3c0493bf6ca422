import type { MutationResolvers } from "@/graphql/types.generated";
import { APPLICATION } from "@/domain/tenant-objects/kinds/application";
import { deleteCredentialMutation } from "@/graphql/tenant-objects/resolvers";

export const deleteSystemAuthForApplication: NonNullable<MutationResolvers['deleteSystemAuthForApplication']> = deleteCredentialMutation(APPLICATION);
