import type { RuntimeResolvers } from "@/graphql/types.generated";
import { ownerWebhooksField } from "@/graphql/webhook/webhook-fields";

export const Runtime: Pick<RuntimeResolvers, 'webhooks'> = { webhooks: ownerWebhooksField };
