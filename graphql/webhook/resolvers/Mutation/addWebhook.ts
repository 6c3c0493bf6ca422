import type { MutationResolvers } from "@/graphql/types.generated";
import { TENANT_OBJECT_KINDS } from "@/domain/tenant-objects/kinds";
import { requireScope } from "@/domain/principals/authorize";
import { addWebhook as add, ownerArgOf } from "@/domain/webhooks/webhook.service";
import { targetPolicy } from "@/domain/webhooks/webhook-url";
import { requireWebhookWriter } from "@/graphql/webhook/webhook-fields";
import { addApplicationTemplateWebhook } from "@/domain/application-templates/application-template.service";
import { addFormationTemplateWebhook } from "@/domain/formation-templates/formation-template.service";
import { SCOPES } from "@/lib/scopes";

export const addWebhook: NonNullable<MutationResolvers['addWebhook']> = async (_parent, { in: input, ...owners }, ctx) => {
  const doing = "adding a webhook";
  requireWebhookWriter(ctx, doing);
  const owner = ownerArgOf(owners);
  if (owner.arg === "applicationTemplateID") {
    // A template is global: no tenant, the template's rights.
    const actor = requireScope(ctx.principal, SCOPES.applicationTemplateWrite, "adding a webhook to an application template");
    return addApplicationTemplateWebhook(ctx.db, actor, owner.id, input, targetPolicy(ctx.config.webhookAllowedHosts));
  }
  if (owner.arg === "formationTemplateID") {
    const actor = requireScope(ctx.principal, SCOPES.formationTemplateWrite, "adding a webhook to a formation template");
    return addFormationTemplateWebhook(ctx.db, actor, owner.id, input, targetPolicy(ctx.config.webhookAllowedHosts));
  }
  const kind = owner.kind ? TENANT_OBJECT_KINDS[owner.kind] : null;
  const actor = kind ? requireScope(ctx.principal, kind.scopes.write, `adding a webhook to ${kind.nouns.a}`) : ctx.principal!;
  return add(ctx.db, actor, await ctx.tenant.require(doing), { kind, arg: owner.arg, id: owner.id }, input, targetPolicy(ctx.config.webhookAllowedHosts));
};
