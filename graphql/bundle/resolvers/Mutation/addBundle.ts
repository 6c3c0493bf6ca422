import type { MutationResolvers } from "@/graphql/types.generated";
import { BUNDLE } from "@/domain/tenant-objects/kinds/bundle";
import { registerChildMutation } from "@/graphql/tenant-objects/resolvers";

export const addBundle: NonNullable<MutationResolvers['addBundle']> = registerChildMutation(BUNDLE, "applicationID");
