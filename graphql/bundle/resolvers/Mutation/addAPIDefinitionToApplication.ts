import type { MutationResolvers } from "@/graphql/types.generated";
import { API_DEFINITION } from "@/domain/tenant-objects/kinds/api-definition";
import { registerChildMutation } from "@/graphql/tenant-objects/resolvers";

export const addAPIDefinitionToApplication: NonNullable<MutationResolvers['addAPIDefinitionToApplication']> = registerChildMutation(API_DEFINITION, "appID");
