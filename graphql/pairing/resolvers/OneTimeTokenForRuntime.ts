import type { OneTimeTokenForRuntimeResolvers } from "@/graphql/types.generated";
import { oneTimeTokenFields } from "@/graphql/pairing/one-time-token-resolvers";

export const OneTimeTokenForRuntime: OneTimeTokenForRuntimeResolvers = oneTimeTokenFields;
