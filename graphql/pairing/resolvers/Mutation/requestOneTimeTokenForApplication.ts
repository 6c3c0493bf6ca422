import type { MutationResolvers } from "@/graphql/types.generated";
import { APPLICATION } from "@/domain/tenant-objects/kinds/application";
import { requestOneTimeTokenMutation } from "@/graphql/pairing/one-time-token-resolvers";

export const requestOneTimeTokenForApplication: NonNullable<MutationResolvers['requestOneTimeTokenForApplication']> = requestOneTimeTokenMutation(APPLICATION);
