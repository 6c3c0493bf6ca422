import { requireScope } from "@/domain/principals/authorize";
import { SCOPES } from "@/lib/scopes";
import type { MutationResolvers } from "@/graphql/types.generated";
import { updateApplicationTemplate as update } from "@/domain/application-templates/application-template.service";
import { targetPolicy } from "@/domain/webhooks/webhook-url";

export const updateApplicationTemplate: NonNullable<MutationResolvers['updateApplicationTemplate']> = (_parent, args, ctx) => {
  const actor = requireScope(ctx.principal, SCOPES.applicationTemplateWrite, "updating an application template");
  return update(ctx.db, actor, { id: args.id, input: args.in, override: !!args.override }, targetPolicy(ctx.config.webhookAllowedHosts));
};
