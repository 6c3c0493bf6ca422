import type { EventDefinitionPageResolvers } from "@/graphql/types.generated";
import { pageFields } from "@/graphql/base/page-fields";

export const EventDefinitionPage: EventDefinitionPageResolvers = pageFields;
