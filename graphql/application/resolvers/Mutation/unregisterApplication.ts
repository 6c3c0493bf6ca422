import type { MutationResolvers } from "@/graphql/types.generated";
import { APPLICATION } from "@/domain/tenant-objects/kinds/application";
import { unregisterMutation } from "@/graphql/tenant-objects/resolvers";

export const unregisterApplication: NonNullable<MutationResolvers['unregisterApplication']> = unregisterMutation(APPLICATION);
