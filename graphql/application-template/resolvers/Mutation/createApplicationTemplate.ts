import { requireScope } from "@/domain/principals/authorize";
import { SCOPES } from "@/lib/scopes";
import type { MutationResolvers } from "@/graphql/types.generated";
import { createApplicationTemplate as create } from "@/domain/application-templates/application-template.service";
import { targetPolicy } from "@/domain/webhooks/webhook-url";

export const createApplicationTemplate: NonNullable<MutationResolvers['createApplicationTemplate']> = (_parent, args, ctx) => {
  const actor = requireScope(ctx.principal, SCOPES.applicationTemplateWrite, "creating an application template");
  return create(ctx.db, actor, args.in, targetPolicy(ctx.config.webhookAllowedHosts));
};
