import type { QueryResolvers } from "@/graphql/types.generated";
import { APPLICATION } from "@/domain/tenant-objects/kinds/application";
import { EVENT_DEFINITION } from "@/domain/tenant-objects/kinds/event-definition";
import { childListQuery } from "@/graphql/tenant-objects/resolvers";

export const eventsForApplication: NonNullable<QueryResolvers['eventsForApplication']> = childListQuery(APPLICATION, EVENT_DEFINITION, "appID");
