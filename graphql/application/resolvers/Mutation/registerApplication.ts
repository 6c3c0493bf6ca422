import type { MutationResolvers } from "@/graphql/types.generated";
import { APPLICATION } from "@/domain/tenant-objects/kinds/application";
import { registerMutation } from "@/graphql/tenant-objects/resolvers";

export const registerApplication: NonNullable<MutationResolvers['registerApplication']> = registerMutation(APPLICATION);
