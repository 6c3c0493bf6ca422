import type { MutationResolvers } from "@/graphql/types.generated";
import { updateWebhook as update } from "@/domain/webhooks/webhook.service";
import { targetPolicy } from "@/domain/webhooks/webhook-url";
import { requireTemplateWebhookWriter, requireWebhookWriter } from "@/graphql/webhook/webhook-fields";
import { findFormationTemplateWebhook, updateFormationTemplateWebhook } from "@/domain/formation-templates/formation-template.service";
import { requireScope } from "@/domain/principals/authorize";
import { SCOPES } from "@/lib/scopes";
import { findTemplateWebhook, updateApplicationTemplateWebhook } from "@/domain/application-templates/application-template.service";

export const updateWebhook: NonNullable<MutationResolvers['updateWebhook']> = async (_parent, { webhookID, in: input }, ctx) => {
  const doing = "updating a webhook";
  const targets = targetPolicy(ctx.config.webhookAllowedHosts);
  if (await findTemplateWebhook(ctx.db, webhookID)) {
    return updateApplicationTemplateWebhook(ctx.db, requireTemplateWebhookWriter(ctx, doing), webhookID, input, targets);
  }
  if (await findFormationTemplateWebhook(ctx.db, webhookID)) {
    return updateFormationTemplateWebhook(ctx.db, requireScope(ctx.principal, SCOPES.formationTemplateWrite, `${doing} of a formation template`), webhookID, input, targets);
  }
  const actor = requireWebhookWriter(ctx, doing);
  return update(ctx.db, actor, await ctx.tenant.require(doing), webhookID, input, targets);
};
