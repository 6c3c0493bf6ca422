import type { WebhookResolvers } from "@/graphql/types.generated";
import { webhookFields } from "@/graphql/webhook/webhook-fields";

export const Webhook: WebhookResolvers = webhookFields as WebhookResolvers;
