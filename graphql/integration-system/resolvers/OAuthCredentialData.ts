import { TOKEN_PATH } from "@/lib/paths";
import type { OAuthCredentialDataResolvers } from "@/graphql/types.generated";
import { isWebhookOAuth } from "@/graphql/webhook/auth-view";

// A webhook's OAuth credential is answered as stored (graphql/webhook/auth-view.ts).
export const OAuthCredentialData: OAuthCredentialDataResolvers = {
  clientId: (data) => (isWebhookOAuth(data) ? data.webhookOAuth.clientId : data.id),
  clientSecret: (data) => (isWebhookOAuth(data) ? data.webhookOAuth.clientSecret : (data.clientSecret ?? null)),
  url: (data, _args, ctx) => (isWebhookOAuth(data) ? data.webhookOAuth.url : ctx.origin + TOKEN_PATH),
};
