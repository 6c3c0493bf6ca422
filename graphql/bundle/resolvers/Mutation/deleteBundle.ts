import type { MutationResolvers } from "@/graphql/types.generated";
import { BUNDLE } from "@/domain/tenant-objects/kinds/bundle";
import { unregisterMutation } from "@/graphql/tenant-objects/resolvers";

export const deleteBundle: NonNullable<MutationResolvers['deleteBundle']> = unregisterMutation(BUNDLE);
