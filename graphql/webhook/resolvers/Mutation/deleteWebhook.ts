import type { MutationResolvers } from "@/graphql/types.generated";
import { deleteWebhook as remove } from "@/domain/webhooks/webhook.service";
import { requireTemplateWebhookWriter, requireWebhookWriter } from "@/graphql/webhook/webhook-fields";
import { deleteApplicationTemplateWebhook, findTemplateWebhook } from "@/domain/application-templates/application-template.service";

export const deleteWebhook: NonNullable<MutationResolvers['deleteWebhook']> = async (_parent, { webhookID }, ctx) => {
  const doing = "deleting a webhook";
  if (await findTemplateWebhook(ctx.db, webhookID)) return deleteApplicationTemplateWebhook(ctx.db, requireTemplateWebhookWriter(ctx, doing), webhookID);
  return remove(ctx.db, requireWebhookWriter(ctx, doing), await ctx.tenant.require(doing), webhookID);
};
