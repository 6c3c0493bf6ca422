import type { MutationResolvers } from "@/graphql/types.generated";
import { BUNDLE } from "@/domain/tenant-objects/kinds/bundle";
import { updateMutation } from "@/graphql/tenant-objects/resolvers";

export const updateBundle: NonNullable<MutationResolvers['updateBundle']> = updateMutation(BUNDLE);
