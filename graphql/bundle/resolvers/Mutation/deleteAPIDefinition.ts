import type { MutationResolvers } from "@/graphql/types.generated";
import { API_DEFINITION } from "@/domain/tenant-objects/kinds/api-definition";
import { unregisterMutation } from "@/graphql/tenant-objects/resolvers";

export const deleteAPIDefinition: NonNullable<MutationResolvers['deleteAPIDefinition']> = unregisterMutation(API_DEFINITION);
