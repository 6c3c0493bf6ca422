import type { MutationResolvers } from "@/graphql/types.generated";
import { requireScope } from "@/domain/principals/authorize";
import { createFormationTemplate as create } from "@/domain/formation-templates/formation-template.service";
import { targetPolicy } from "@/domain/webhooks/webhook-url";
import { SCOPES } from "@/lib/scopes";

export const createFormationTemplate: NonNullable<MutationResolvers['createFormationTemplate']> = (_parent, args, ctx) => {
  const actor = requireScope(ctx.principal, SCOPES.formationTemplateWrite, "creating a formation template");
  return create(ctx.db, actor, args.in, targetPolicy(ctx.config.webhookAllowedHosts));
};
