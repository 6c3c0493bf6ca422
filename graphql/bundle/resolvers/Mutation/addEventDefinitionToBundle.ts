import type { MutationResolvers } from "@/graphql/types.generated";
import { EVENT_DEFINITION } from "@/domain/tenant-objects/kinds/event-definition";
import { registerGroupedMutation } from "@/graphql/tenant-objects/resolvers";

export const addEventDefinitionToBundle: NonNullable<MutationResolvers['addEventDefinitionToBundle']> = registerGroupedMutation(EVENT_DEFINITION, "bundleID");
