import type { MutationResolvers } from "@/graphql/types.generated";
import { updateWebhook as update } from "@/domain/webhooks/webhook.service";
import { targetPolicy } from "@/domain/webhooks/webhook-url";
import { requireWebhookWriter } from "@/graphql/webhook/webhook-fields";

export const updateWebhook: NonNullable<MutationResolvers['updateWebhook']> = async (_parent, { webhookID, in: input }, ctx) => {
  const doing = "updating a webhook";
  const actor = requireWebhookWriter(ctx, doing);
  return update(ctx.db, actor, await ctx.tenant.require(doing), webhookID, input, targetPolicy(ctx.config.webhookAllowedHosts));
};
