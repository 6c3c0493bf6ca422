import type { LabelDefinitionResolvers } from "@/graphql/types.generated";

export const LabelDefinition: LabelDefinitionResolvers = {};
