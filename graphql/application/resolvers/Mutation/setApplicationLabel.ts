import type { MutationResolvers } from "@/graphql/types.generated";
import { APPLICATION } from "@/domain/tenant-objects/kinds/application";
import { setLabelMutation } from "@/graphql/tenant-objects/resolvers";

export const setApplicationLabel: NonNullable<MutationResolvers['setApplicationLabel']> = setLabelMutation(APPLICATION, "applicationID");
