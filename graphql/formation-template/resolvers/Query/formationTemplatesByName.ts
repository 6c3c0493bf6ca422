import type { QueryResolvers } from "@/graphql/types.generated";
import { requireScope } from "@/domain/principals/authorize";
import { listFormationTemplates } from "@/domain/formation-templates/formation-template.service";
import { SCOPES } from "@/lib/scopes";

export const formationTemplatesByName: NonNullable<QueryResolvers['formationTemplatesByName']> = (_parent, args, ctx) => {
  requireScope(ctx.principal, SCOPES.formationTemplateRead, "listing formation templates");
  return listFormationTemplates(ctx.db, { ...args, first: args.first ?? 200 });
};
