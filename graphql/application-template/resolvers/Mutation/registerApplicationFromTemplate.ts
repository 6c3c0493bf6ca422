import { requireScope } from "@/domain/principals/authorize";
import { SCOPES } from "@/lib/scopes";
import type { MutationResolvers } from "@/graphql/types.generated";
import { registerApplicationFromTemplate as register } from "@/domain/application-templates/application-template.service";
import { targetPolicy } from "@/domain/webhooks/webhook-url";
import { outboundSettingsOf } from "@/domain/catalog/spec-fetch";

export const registerApplicationFromTemplate: NonNullable<MutationResolvers['registerApplicationFromTemplate']> = async (_parent, args, ctx) => {
  const doing = "registering an application from a template";
  const actor = requireScope(ctx.principal, SCOPES.applicationWrite, doing);
  return register(ctx.db, actor, await ctx.tenant.require(doing), args.in, {
    webhookTargets: targetPolicy(ctx.config.webhookAllowedHosts),
    outbound: outboundSettingsOf(ctx.config),
  });
};
