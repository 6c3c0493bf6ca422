import type { OAuthCredentialDataResolvers } from "../../types.generated";

export const TOKEN_ENDPOINT_PATH = "/oauth2/token";

export const OAuthCredentialData: OAuthCredentialDataResolvers = {
  clientId: (systemAuth) => systemAuth.id,
  clientSecret: (systemAuth) => systemAuth.clientSecret ?? null,
  url: (_systemAuth, _args, ctx) => ctx.origin + TOKEN_ENDPOINT_PATH,
};
