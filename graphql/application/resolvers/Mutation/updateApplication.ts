import type { MutationResolvers } from "@/graphql/types.generated";
import { APPLICATION } from "@/domain/tenant-objects/kinds/application";
import { updateMutation } from "@/graphql/tenant-objects/resolvers";

export const updateApplication: NonNullable<MutationResolvers['updateApplication']> = updateMutation(APPLICATION);
