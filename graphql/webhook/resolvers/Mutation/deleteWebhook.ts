import type { MutationResolvers } from "@/graphql/types.generated";
import { deleteWebhook as remove } from "@/domain/webhooks/webhook.service";
import { requireWebhookWriter } from "@/graphql/webhook/webhook-fields";

export const deleteWebhook: NonNullable<MutationResolvers['deleteWebhook']> = async (_parent, { webhookID }, ctx) => {
  const doing = "deleting a webhook";
  return remove(ctx.db, requireWebhookWriter(ctx, doing), await ctx.tenant.require(doing), webhookID);
};
