import type { StoredAuth, StoredCredential } from "@/domain/webhooks/webhook-rules";

/**
 * A webhook's auth as the shared `Auth` type answers it
 * (graphql/integration-system/resolvers/Auth.ts tells it from an integration
 * system's credential by its `webhookAuth`). Only built for callers with
 * `webhooks.auth:read`.
 */
export interface WebhookAuthView {
  webhookAuth: StoredAuth;
}
/** OAuth client credentials a webhook authenticates with, in clear. */
export interface WebhookOAuthView {
  webhookOAuth: { clientId: string; clientSecret: string; url: string };
}

export const isWebhookAuth = (parent: object): parent is WebhookAuthView => "webhookAuth" in parent;
export const isWebhookOAuth = (parent: object): parent is WebhookOAuthView => "webhookOAuth" in parent;

/** A CredentialData member, told apart by __typename. */
function credentialView(credential: StoredCredential | null) {
  if (!credential) return null;
  if ("basic" in credential) return { __typename: "BasicCredentialData" as const, ...credential.basic };
  if ("oauth" in credential) return { __typename: "OAuthCredentialData" as const, webhookOAuth: credential.oauth };
  return { __typename: "CertificateOAuthCredentialData" as const, ...credential.certificateOAuth };
}

const serialized = (lists: Record<string, string[]> | null) => (lists ? JSON.stringify(lists) : null);

/** The Auth fields of a webhook's auth. */
export const webhookAuthFields = {
  credential: ({ webhookAuth }: WebhookAuthView) => credentialView(webhookAuth.credential),
  accessStrategy: ({ webhookAuth }: WebhookAuthView) => webhookAuth.accessStrategy,
  additionalHeaders: ({ webhookAuth }: WebhookAuthView) => webhookAuth.additionalHeaders,
  additionalHeadersSerialized: ({ webhookAuth }: WebhookAuthView) => serialized(webhookAuth.additionalHeaders),
  additionalQueryParams: ({ webhookAuth }: WebhookAuthView) => webhookAuth.additionalQueryParams,
  additionalQueryParamsSerialized: ({ webhookAuth }: WebhookAuthView) => serialized(webhookAuth.additionalQueryParams),
  requestAuth: ({ webhookAuth }: WebhookAuthView) => {
    const csrf = webhookAuth.requestAuth?.csrf;
    if (!csrf) return null;
    return {
      csrf: {
        tokenEndpointURL: csrf.tokenEndpointURL,
        credential: credentialView(csrf.credential),
        additionalHeaders: csrf.additionalHeaders,
        additionalHeadersSerialized: serialized(csrf.additionalHeaders),
        additionalQueryParams: csrf.additionalQueryParams,
        additionalQueryParamsSerialized: serialized(csrf.additionalQueryParams),
      },
    };
  },
  oneTimeToken: () => null,
  certCommonName: ({ webhookAuth }: WebhookAuthView) => webhookAuth.certCommonName,
};
