import { TOKEN_PATH } from "@/lib/paths";
import type { OAuthCredentialDataResolvers } from "@/graphql/types.generated";

export const OAuthCredentialData: OAuthCredentialDataResolvers = {
  clientId: (systemAuth) => systemAuth.id,
  clientSecret: (systemAuth) => systemAuth.clientSecret ?? null,
  url: (_systemAuth, _args, ctx) => ctx.origin + TOKEN_PATH,
};
