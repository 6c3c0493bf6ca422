import type { MutationResolvers } from "@/graphql/types.generated";
import { API_DEFINITION } from "@/domain/tenant-objects/kinds/api-definition";
import { updateMutation } from "@/graphql/tenant-objects/resolvers";

export const updateAPIDefinitionForApplication: NonNullable<MutationResolvers['updateAPIDefinitionForApplication']> = updateMutation(API_DEFINITION);
