import type { OneTimeTokenForApplicationResolvers } from "@/graphql/types.generated";
import { oneTimeTokenFields } from "@/graphql/pairing/one-time-token-resolvers";

export const OneTimeTokenForApplication: OneTimeTokenForApplicationResolvers = {
  ...oneTimeTokenFields,
  legacyConnectorURL: () => "",
  scenarioGroups: () => [],
};
