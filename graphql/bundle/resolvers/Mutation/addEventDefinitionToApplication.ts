import type { MutationResolvers } from "@/graphql/types.generated";
import { EVENT_DEFINITION } from "@/domain/tenant-objects/kinds/event-definition";
import { registerChildMutation } from "@/graphql/tenant-objects/resolvers";

export const addEventDefinitionToApplication: NonNullable<MutationResolvers['addEventDefinitionToApplication']> = registerChildMutation(EVENT_DEFINITION, "appID");
