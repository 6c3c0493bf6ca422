import type { AuthResolvers } from "../../types.generated";

export const Auth: AuthResolvers = {
  credential: (systemAuth) => ({ ...systemAuth, __typename: "OAuthCredentialData" as const }),
};
