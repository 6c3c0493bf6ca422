import type { MutationResolvers } from "@/graphql/types.generated";
import { deleteWebhook as remove } from "@/domain/webhooks/webhook.service";
import { requireTemplateWebhookWriter, requireWebhookWriter } from "@/graphql/webhook/webhook-fields";
import { deleteFormationTemplateWebhook, findFormationTemplateWebhook } from "@/domain/formation-templates/formation-template.service";
import { requireScope } from "@/domain/principals/authorize";
import { SCOPES } from "@/lib/scopes";
import { deleteApplicationTemplateWebhook, findTemplateWebhook } from "@/domain/application-templates/application-template.service";

export const deleteWebhook: NonNullable<MutationResolvers['deleteWebhook']> = async (_parent, { webhookID }, ctx) => {
  const doing = "deleting a webhook";
  if (await findTemplateWebhook(ctx.db, webhookID)) return deleteApplicationTemplateWebhook(ctx.db, requireTemplateWebhookWriter(ctx, doing), webhookID);
  if (await findFormationTemplateWebhook(ctx.db, webhookID)) {
    return deleteFormationTemplateWebhook(ctx.db, requireScope(ctx.principal, SCOPES.formationTemplateWrite, `${doing} of a formation template`), webhookID);
  }
  return remove(ctx.db, requireWebhookWriter(ctx, doing), await ctx.tenant.require(doing), webhookID);
};
