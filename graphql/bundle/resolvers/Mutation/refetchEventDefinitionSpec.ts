import type { MutationResolvers } from "@/graphql/types.generated";
import { EVENT_DEFINITION } from "@/domain/tenant-objects/kinds/event-definition";
import { redoMutation } from "@/graphql/tenant-objects/resolvers";

export const refetchEventDefinitionSpec: NonNullable<MutationResolvers['refetchEventDefinitionSpec']> = redoMutation(EVENT_DEFINITION, "eventID");
