import type { MutationResolvers } from "@/graphql/types.generated";
import { APPLICATION } from "@/domain/tenant-objects/kinds/application";
import { deleteLabelMutation } from "@/graphql/tenant-objects/resolvers";

export const deleteApplicationLabel: NonNullable<MutationResolvers['deleteApplicationLabel']> = deleteLabelMutation(APPLICATION, "applicationID");
