import type { MutationResolvers } from "@/graphql/types.generated";
import { EVENT_DEFINITION } from "@/domain/tenant-objects/kinds/event-definition";
import { updateMutation } from "@/graphql/tenant-objects/resolvers";

export const updateEventDefinitionForApplication: NonNullable<MutationResolvers['updateEventDefinitionForApplication']> = updateMutation(EVENT_DEFINITION);
