import type { AuthResolvers } from "@/graphql/types.generated";

// An integration system's credential is an OAuth2 client and nothing more:
// the fields Compass uses for applications', runtimes' and webhooks'
// credentials are null (the schema says when each would be set).
export const Auth: AuthResolvers = {
  credential: (systemAuth) => ({ ...systemAuth, __typename: "OAuthCredentialData" as const }),
  accessStrategy: () => null,
  additionalHeaders: () => null,
  additionalHeadersSerialized: () => null,
  additionalQueryParams: () => null,
  additionalQueryParamsSerialized: () => null,
  requestAuth: () => null,
  oneTimeToken: () => null,
  certCommonName: () => null,
};
