import type { AuthResolvers } from "@/graphql/types.generated";
import { isWebhookAuth, webhookAuthFields } from "@/graphql/webhook/auth-view";

// An integration system's credential is an OAuth2 client and nothing more:
// the fields Compass uses for applications', runtimes' and webhooks'
// credentials are null (the schema says when each would be set). A webhook's
// auth answers them all (graphql/webhook/auth-view.ts).
export const Auth: AuthResolvers = {
  credential: (auth) =>
    isWebhookAuth(auth) ? (webhookAuthFields.credential(auth) as never) : { ...auth, __typename: "OAuthCredentialData" as const },
  accessStrategy: (auth) => (isWebhookAuth(auth) ? webhookAuthFields.accessStrategy(auth) : null),
  additionalHeaders: (auth) => (isWebhookAuth(auth) ? webhookAuthFields.additionalHeaders(auth) : null),
  additionalHeadersSerialized: (auth) => (isWebhookAuth(auth) ? webhookAuthFields.additionalHeadersSerialized(auth) : null),
  additionalQueryParams: (auth) => (isWebhookAuth(auth) ? webhookAuthFields.additionalQueryParams(auth) : null),
  additionalQueryParamsSerialized: (auth) => (isWebhookAuth(auth) ? webhookAuthFields.additionalQueryParamsSerialized(auth) : null),
  requestAuth: (auth) => (isWebhookAuth(auth) ? (webhookAuthFields.requestAuth(auth) as never) : null),
  oneTimeToken: () => null,
  certCommonName: (auth) => (isWebhookAuth(auth) ? webhookAuthFields.certCommonName(auth) : null),
};
