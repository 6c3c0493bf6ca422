import type { EventDefinitionResolvers } from "@/graphql/types.generated";
import { specOf, unsetOrdFields, versionOf } from "@/graphql/bundle/catalog-fields";

export const EventDefinition: EventDefinitionResolvers = {
  spec: specOf,
  version: versionOf,
  ...unsetOrdFields,
};
