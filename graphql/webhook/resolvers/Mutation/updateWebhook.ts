import type { MutationResolvers } from "@/graphql/types.generated";
import { updateWebhook as update } from "@/domain/webhooks/webhook.service";
import { targetPolicy } from "@/domain/webhooks/webhook-url";
import { requireTemplateWebhookWriter, requireWebhookWriter } from "@/graphql/webhook/webhook-fields";
import { findTemplateWebhook, updateApplicationTemplateWebhook } from "@/domain/application-templates/application-template.service";

export const updateWebhook: NonNullable<MutationResolvers['updateWebhook']> = async (_parent, { webhookID, in: input }, ctx) => {
  const doing = "updating a webhook";
  const targets = targetPolicy(ctx.config.webhookAllowedHosts);
  if (await findTemplateWebhook(ctx.db, webhookID)) {
    return updateApplicationTemplateWebhook(ctx.db, requireTemplateWebhookWriter(ctx, doing), webhookID, input, targets);
  }
  const actor = requireWebhookWriter(ctx, doing);
  return update(ctx.db, actor, await ctx.tenant.require(doing), webhookID, input, targets);
};
