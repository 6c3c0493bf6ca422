import type { LabelResolvers } from "./../../types.generated";

export const Label: LabelResolvers = {};
