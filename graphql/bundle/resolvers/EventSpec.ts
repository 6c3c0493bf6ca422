import type { EventSpecResolvers } from "@/graphql/types.generated";
import { specFields } from "@/graphql/bundle/catalog-fields";

export const EventSpec: EventSpecResolvers = specFields;
