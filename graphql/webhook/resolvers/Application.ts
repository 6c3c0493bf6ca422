import type { ApplicationResolvers } from "@/graphql/types.generated";
import { ownerWebhooksField } from "@/graphql/webhook/webhook-fields";

export const Application: Pick<ApplicationResolvers, 'webhooks'> = { webhooks: ownerWebhooksField };
