import type { LabelDefinitionResolvers } from "./../../types.generated";

export const LabelDefinition: LabelDefinitionResolvers = {};
