import type { MutationResolvers } from "@/graphql/types.generated";
import { EVENT_DEFINITION } from "@/domain/tenant-objects/kinds/event-definition";
import { unregisterMutation } from "@/graphql/tenant-objects/resolvers";

export const deleteEventDefinition: NonNullable<MutationResolvers['deleteEventDefinition']> = unregisterMutation(EVENT_DEFINITION);
