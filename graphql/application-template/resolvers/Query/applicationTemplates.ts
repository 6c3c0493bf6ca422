import { requireScope } from "@/domain/principals/authorize";
import { SCOPES } from "@/lib/scopes";
import type { QueryResolvers } from "@/graphql/types.generated";
import { listApplicationTemplates } from "@/domain/application-templates/application-template.service";

export const applicationTemplates: NonNullable<QueryResolvers['applicationTemplates']> = (_parent, args, ctx) => {
  requireScope(ctx.principal, SCOPES.applicationTemplateRead, "listing application templates");
  return listApplicationTemplates(ctx.db, { ...args, first: args.first ?? 200 });
};
