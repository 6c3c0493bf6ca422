import { requireScope } from "@/domain/principals/authorize";
import { SCOPES } from "@/lib/scopes";
import type { QueryResolvers } from "@/graphql/types.generated";
import { findApplicationTemplate } from "@/domain/application-templates/application-template.service";

export const applicationTemplate: NonNullable<QueryResolvers['applicationTemplate']> = (_parent, { id }, ctx) => {
  requireScope(ctx.principal, SCOPES.applicationTemplateRead, "reading an application template");
  return findApplicationTemplate(ctx.db, id);
};
