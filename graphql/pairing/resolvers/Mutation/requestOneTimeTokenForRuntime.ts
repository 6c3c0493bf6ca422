import type { MutationResolvers } from "@/graphql/types.generated";
import { RUNTIME } from "@/domain/tenant-objects/kinds/runtime";
import { requestOneTimeTokenMutation } from "@/graphql/pairing/one-time-token-resolvers";

export const requestOneTimeTokenForRuntime: NonNullable<MutationResolvers['requestOneTimeTokenForRuntime']> = requestOneTimeTokenMutation(RUNTIME);
