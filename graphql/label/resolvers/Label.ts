import type { LabelResolvers } from "@/graphql/types.generated";

export const Label: LabelResolvers = {};
