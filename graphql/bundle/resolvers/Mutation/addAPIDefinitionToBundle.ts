import type { MutationResolvers } from "@/graphql/types.generated";
import { API_DEFINITION } from "@/domain/tenant-objects/kinds/api-definition";
import { registerGroupedMutation } from "@/graphql/tenant-objects/resolvers";

export const addAPIDefinitionToBundle: NonNullable<MutationResolvers['addAPIDefinitionToBundle']> = registerGroupedMutation(API_DEFINITION, "bundleID");
